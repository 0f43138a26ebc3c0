"""Tests for blog.pdf: validation, rendering and text extraction of PDF decks.

PDFs are generated here with fpdf2; nothing touches Django or the database.
"""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from PIL import Image

from blog import pdf as pdf_module
from blog.pdf import (
    MAX_ASPECT,
    MESSAGES,
    RENDITION_WIDTHS,
    DeckError,
    normalize_text,
)
from blog.tests.pdfs import encrypted_pdf, png_bytes, zero_page_pdf

# The site's default limits (settings.BLOG_DECK_MAX_PAGES / _MAX_BYTES); blog.pdf has none.
LIMITS = {"max_pages": 200, "max_bytes": 50 * 1024 * 1024}


def inspect_pdf(data, **limits):
    return pdf_module.inspect_pdf(data, **{**LIMITS, **limits})


def render_pages(data, **options):
    return pdf_module.render_pages(data, **{**LIMITS, **options})


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
HEBREW = re.compile("[\u0590-\u05ff]")


def make_pdf(pages: int = 3, *, size_mm: tuple[float, float] = (320, 180)) -> bytes:
    """A PDF of `pages` pages of width x height mm, each saying which slide it is."""
    width, height = size_mm
    pdf = FPDF(unit="mm", format=(width, height))
    pdf.set_auto_page_break(False)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=28)
        pdf.cell(text=f"Slide {number} of {pages}")
        pdf.ln(20)
        pdf.set_font("Helvetica", size=16)
        pdf.cell(text="Open government   ")  # trailing spaces must not survive
        pdf.set_fill_color(200, 30, 30)
        pdf.rect(20, 60, 60, 30, style="F")
    return bytes(pdf.output())


# --- page count and renditions -------------------------------------------------


def test_inspect_pdf_returns_page_count():
    assert inspect_pdf(make_pdf(1)) == 1
    assert inspect_pdf(make_pdf(4)) == 4


def test_inspect_pdf_accepts_bytearray_and_memoryview():
    data = make_pdf(2)
    assert inspect_pdf(bytearray(data)) == 2
    assert inspect_pdf(memoryview(data)) == 2


def test_header_may_follow_some_junk_but_not_beyond_1024_bytes():
    data = make_pdf(1)
    assert inspect_pdf(b"x" * 500 + data) == 1
    with pytest.raises(DeckError) as excinfo:
        inspect_pdf(b"x" * 1100 + data)
    assert excinfo.value.code == "not_pdf"


def test_render_pages_yields_every_page_in_order():
    pages = list(render_pages(make_pdf(3)))
    assert [page.number for page in pages] == [1, 2, 3]


@pytest.mark.parametrize(
    "size_mm",
    [(320, 180), (210, 297)],  # 16:9 landscape slide, A4 portrait
    ids=["16x9", "a4-portrait"],
)
def test_renditions_are_webp_at_each_width_with_page_aspect_ratio(size_mm):
    width_mm, height_mm = size_mm
    (page,) = render_pages(make_pdf(1, size_mm=size_mm))
    assert sorted(page.images) == list(RENDITION_WIDTHS)
    for width, rendition in page.images.items():
        assert rendition.width == width
        assert abs(rendition.height - width * height_mm / width_mm) <= 1
        assert rendition.data[:4] == b"RIFF" and rendition.data[8:12] == b"WEBP"
        with Image.open(io.BytesIO(rendition.data)) as image:
            assert image.format == "WEBP"
            assert image.size == (rendition.width, rendition.height)


def test_16x9_slide_is_exactly_1600x900():
    # pypdfium2 rounds bitmap sizes up; the pipeline must not leak a 901st row.
    (page,) = render_pages(make_pdf(1, size_mm=(320, 180)))
    assert (page.images[1600].width, page.images[1600].height) == (1600, 900)
    assert (page.images[480].width, page.images[480].height) == (480, 270)


def test_rendition_shows_the_page_content():
    (page,) = render_pages(make_pdf(1), widths=(320,))
    with Image.open(io.BytesIO(page.images[320].data)) as image:
        image = image.convert("RGB")
        # The red rectangle at (20..80 mm, 60..90 mm) of a 320 mm wide page.
        red = image.getpixel((50, 75))
        white = image.getpixel((300, 170))
    assert red[0] > 150 and red[1] < 100 and red[2] < 100
    assert min(white) > 240


def test_custom_widths_and_quality():
    (small,) = render_pages(make_pdf(1), widths=(200, 100), quality=20)
    (large,) = render_pages(make_pdf(1), widths=(200, 100), quality=95)
    assert sorted(small.images) == [100, 200]
    assert len(small.images[200].data) < len(large.images[200].data)


def test_very_tall_page_is_rendered_narrower_not_huge():
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(100, 2000)  # points: 1:20
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    (page,) = render_pages(buffer.getvalue())
    largest = page.images[max(RENDITION_WIDTHS)]
    assert largest.height == max(RENDITION_WIDTHS) * MAX_ASPECT
    assert largest.width == round(largest.height / 20)


# --- text -----------------------------------------------------------------------


def test_text_is_extracted_per_page_and_normalised():
    pages = list(render_pages(make_pdf(2)))
    assert pages[0].text.splitlines() == ["Slide 1 of 2", "Open government"]
    assert pages[1].text.splitlines()[0] == "Slide 2 of 2"
    assert "\r" not in pages[0].text


def test_normalize_text():
    raw = "Title  \r\n\r\n\r\n\r\nBody\x00 line \t\r\nlast\r\n\r\n"
    assert normalize_text(raw) == "Title\n\nBody line\nlast"


def test_normalize_text_unmirrors_brackets_of_hebrew_lines_only():
    assert normalize_text("סיכום )מצגת הדגמה(") == "סיכום (מצגת הדגמה)"
    assert normalize_text("סיכום (מצגת הדגמה)") == "סיכום (מצגת הדגמה)"
    assert normalize_text(")not hebrew(") == ")not hebrew("
    assert normalize_text("רשימה: 1) ראשון") == "רשימה: 1) ראשון"  # no fix possible


@pytest.mark.skipif(not DEJAVU.exists(), reason=f"Hebrew test needs the font {DEJAVU}")
def test_hebrew_text_reads_in_logical_order():
    pytest.importorskip("uharfbuzz", reason="fpdf2 text shaping needs uharfbuzz")
    pdf = FPDF(orientation="landscape", format=(180, 320))
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_font("DejaVu", size=24)
    pdf.set_text_shaping(True, direction="rtl")
    for line in ("ממשל במדיה חברתית", "סיכום נקודות המאמר (מצגת הדגמה)"):
        pdf.multi_cell(0, 12, line, align="R", new_x="LMARGIN", new_y="NEXT")
    (page,) = render_pages(bytes(pdf.output()))
    assert page.text.splitlines() == ["ממשל במדיה חברתית", "סיכום נקודות המאמר (מצגת הדגמה)"]


# --- errors ---------------------------------------------------------------------

BAD_INPUTS = {
    "png": (png_bytes, "not_pdf"),
    "plain-text": (lambda: "שלום, זה לא PDF".encode(), "not_pdf"),
    "empty-bytes": (lambda: b"", "not_pdf"),
    "truncated": (lambda: make_pdf(3)[:400], "corrupt"),
    "garbage-after-header": (lambda: b"%PDF-1.7\n" + b"\x00garbage" * 50, "corrupt"),
    "encrypted": (encrypted_pdf, "encrypted"),
    "zero-pages": (zero_page_pdf, "empty"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_inspect_pdf_rejects_bad_input_with_hebrew_message(name):
    make, code = BAD_INPUTS[name]
    with pytest.raises(DeckError) as excinfo:
        inspect_pdf(make())
    error = excinfo.value
    assert error.code == code
    assert str(error) == MESSAGES[code]
    assert HEBREW.search(str(error))
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_render_pages_raises_before_yielding_anything(name):
    make, code = BAD_INPUTS[name]
    yielded = []
    with pytest.raises(DeckError) as excinfo:
        for page in render_pages(make()):
            yielded.append(page)
    assert excinfo.value.code == code
    assert yielded == []


def test_bad_input_raises_at_the_call_not_at_first_iteration():
    with pytest.raises(DeckError):
        render_pages(b"not a pdf")  # never iterated


def test_too_many_pages():
    with pytest.raises(DeckError) as excinfo:
        list(render_pages(make_pdf(3), max_pages=2))
    assert excinfo.value.code == "too_many_pages"
    assert str(excinfo.value) == "בקובץ יש 3 עמודים, יותר מהמותר (2)."
    assert inspect_pdf(make_pdf(2), max_pages=2) == 2


def test_too_large_is_checked_first():
    data = make_pdf(1)
    with pytest.raises(DeckError) as excinfo:
        inspect_pdf(data, max_bytes=len(data) - 1)
    assert excinfo.value.code == "too_large"
    assert "MB" in str(excinfo.value) and HEBREW.search(str(excinfo.value))
    assert inspect_pdf(data, max_bytes=len(data)) == 1
    # Size wins over content: a big non-PDF is "too large", not "not a PDF".
    with pytest.raises(DeckError) as excinfo:
        inspect_pdf(b"x" * 2048, max_bytes=1024)
    assert excinfo.value.code == "too_large"


def test_too_large_message_rounds_size_up_and_limit_down():
    limit = 50 * 1024 * 1024
    with pytest.raises(DeckError) as excinfo:
        inspect_pdf(b"%PDF-" + b"x" * limit, max_bytes=limit)
    assert str(excinfo.value) == "הקובץ גדול מדי (50.1 MB, המותר עד 50 MB)."


# --- resources --------------------------------------------------------------------


def test_abandoning_the_iterator_releases_the_document():
    data = make_pdf(3)
    pages = render_pages(data, widths=(100,))
    first = next(pages)
    pages.close()  # runs the generator's cleanup
    assert first.number == 1
    assert inspect_pdf(data) == 3  # the PDFium lock was released


def test_concurrent_renders_are_serialised_and_correct():
    # PDFium crashes if called from two threads at once; the module lock prevents it.
    data = make_pdf(4)
    results: dict[int, list[str]] = {}

    def work(n: int) -> None:
        results[n] = [page.text for page in render_pages(data, widths=(160,))]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = [f"Slide {n} of 4\nOpen government" for n in range(1, 5)]
    assert results == {n: expected for n in range(4)}
