"""blog.pdf_sandbox: hostile PDFs are refused by a bounded child process, never by the
web worker running out of memory or time. Every file here is built in the test."""

import resource
import tempfile
import time

import pytest

from blog.pdf import DeckError
from blog.pdf_sandbox import Limits, render_pages
from blog.tests.pdfs import bomb_page, drawing_page, plain_page, raw_pdf

LIMITS = Limits(max_pages=200, max_bytes=50 * 1024 * 1024)
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def private_tmp(tmp_path, monkeypatch):
    """The renderer's temporary folders go to tmp_path, so a test can see what is left."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def render(data, limits=LIMITS, **options):
    return list(render_pages(data, limits, **options))


def worker_peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_plain_deck_renders_in_the_child_like_in_process(private_tmp):
    pages = render(raw_pdf(plain_page("Hello"), plain_page("World")))
    assert [page.number for page in pages] == [1, 2]
    assert "Hello" in pages[0].text and "World" in pages[1].text
    assert sorted(pages[0].images) == [480, 960, 1600]
    assert pages[0].images[1600].data[:4] == b"RIFF"
    assert (pages[0].images[1600].width, pages[0].images[1600].height) == (1600, 900)
    assert list(private_tmp.iterdir()) == []


def test_a_decompression_bomb_is_refused_naming_its_page_and_the_worker_stays_small(
    private_tmp,
):
    data = raw_pdf(plain_page("ok"), bomb_page())
    assert len(data) < 1 * MB  # inflates to 2 GB
    before = worker_peak_mb()
    started = time.monotonic()
    with pytest.raises(DeckError) as caught:
        render(data)
    assert caught.value.code == "page_too_heavy"
    assert str(caught.value).startswith("עמוד 2 בקובץ ה-PDF דורש יותר מדי זיכרון")
    assert time.monotonic() - started < 15
    # The worker's own high-water mark did not move by the bomb's gigabytes.
    assert worker_peak_mb() - before < 100
    assert list(private_tmp.iterdir()) == []


def test_two_million_drawing_operations_in_88_kb_are_refused_naming_the_page():
    data = raw_pdf(drawing_page(2_000_000))
    assert len(data) < 90_000
    started = time.monotonic()
    with pytest.raises(DeckError) as caught:
        render(data)
    # Over the memory cap here; a larger cap would hit the page's time limit instead.
    assert caught.value.code in ("page_too_heavy", "page_timeout")
    assert "עמוד 1 " in str(caught.value)
    assert time.monotonic() - started < LIMITS.page_seconds + 5


def test_a_slow_page_is_stopped_at_the_page_limit_naming_it(private_tmp):
    limits = Limits(max_pages=10, max_bytes=10 * MB, page_seconds=2)
    started = time.monotonic()
    with pytest.raises(DeckError) as caught:
        render(raw_pdf(plain_page("fast"), drawing_page(600_000)), limits)
    assert time.monotonic() - started < 7
    assert caught.value.code == "page_timeout"
    assert str(caught.value) == (
        "עיבוד עמוד 2 בקובץ ה-PDF נמשך יותר מ-2 שניות, והקובץ נדחה. יש לפשט את העמוד ולהעלות שוב."
    )
    assert list(private_tmp.iterdir()) == []


def test_a_deck_over_its_total_time_is_stopped():
    limits = Limits(max_pages=200, max_bytes=10 * MB, deck_seconds=1.5)
    with pytest.raises(DeckError) as caught:
        render(raw_pdf(*[plain_page(f"p{n}") for n in range(150)]), limits)
    assert caught.value.code == "deck_timeout"
    assert "נמשך יותר מ-2 שניות ונעצר בעמוד" in str(caught.value)


def test_the_largest_allowed_deck_renders(private_tmp):
    pages = render(raw_pdf(*[plain_page(f"p{n}") for n in range(200)]), widths=(160,))
    assert [page.number for page in pages] == list(range(1, 201))
    assert pages[-1].text == "p199"
    assert list(private_tmp.iterdir()) == []


def test_leaving_the_iterator_early_stops_the_child_and_removes_its_folder(private_tmp):
    pages = render_pages(raw_pdf(*[plain_page() for _ in range(50)]), LIMITS, widths=(160,))
    assert next(pages).number == 1
    assert len(list(private_tmp.iterdir())) == 1
    pages.close()
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize(
    "data, code",
    [
        (b"not a pdf", "not_pdf"),
        (b"%PDF-1.7\n" + b"\0garbage" * 50, "corrupt"),
        (raw_pdf(*[plain_page() for _ in range(3)]), "too_many_pages"),
    ],
    ids=["not-pdf", "corrupt", "too-many-pages"],
)
def test_the_childs_verdicts_come_back_as_hebrew_deck_errors(data, code):
    with pytest.raises(DeckError) as caught:
        render(data, Limits(max_pages=2, max_bytes=MB))
    assert caught.value.code == code
    assert any("\u0590" <= char <= "\u05ff" for char in str(caught.value))
