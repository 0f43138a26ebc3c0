"""The deck import pipeline (blog.decks) and the render_slides command."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import Image

from blog.decks import import_deck, orphaned_files, stage_deck
from blog.models import Slide
from blog.pdf import DeckError
from blog.tests.pdfs import bomb_page, plain_page, raw_pdf
from blog.tests.slides_factory import (
    deck_pdf,
    encrypted_pdf,
    make_presentation,
    media_files,
    png_bytes,
    zero_page_pdf,
)

pytestmark = pytest.mark.django_db


def test_import_renders_each_page_to_webp_at_three_widths_with_its_text(settings):
    deck = make_presentation("מצגת הכנס")
    count = import_deck(deck, deck_pdf("ממשל במדיה חברתית", "ישראל בזירה הבינלאומית"), "כנס.pdf")
    assert count == 2
    first, second = deck.slides.all()
    assert (first.number, second.number) == (1, 2)
    assert "ממשל במדיה חברתית" in first.text
    assert "ישראל בזירה הבינלאומית" in second.text
    assert (first.width, first.height) == (1600, 900)
    for field, size in (
        ("image_small", (480, 270)),
        ("image_medium", (960, 540)),
        ("image_large", (1600, 900)),
    ):
        image_file = getattr(first, field)
        assert image_file.name.endswith(".webp")
        with Image.open(default_storage.path(image_file.name)) as image:
            assert image.format == "WEBP" and image.size == size
    assert [(w, h) for _, w, h in first.renditions] == [(480, 270), (960, 540), (1600, 900)]
    assert first.srcset.endswith("1600w") and "480w" in first.srcset
    deck.refresh_from_db()
    assert deck.source_file.name.endswith("כנס.pdf")
    assert default_storage.open(deck.source_file.name).read().startswith(b"%PDF-")
    assert len(deck.source_sha256) == 64


def test_rendering_the_same_file_again_changes_nothing(
    settings, django_capture_on_commit_callbacks
):
    deck = make_presentation()
    data = deck_pdf("אחד", "שניים", "שלושה")
    with django_capture_on_commit_callbacks(execute=True):
        import_deck(deck, data)
    Slide.objects.filter(presentation=deck, number=2).update(title="כותרת העורך", notes="הערה")
    files = media_files(settings.MEDIA_ROOT)
    rows = list(deck.slides.values("pk", "image_small", "image_medium", "image_large"))

    with django_capture_on_commit_callbacks(execute=True):
        import_deck(deck, data)

    assert media_files(settings.MEDIA_ROOT) == files
    assert list(deck.slides.values("pk", "image_small", "image_medium", "image_large")) == rows
    # What the editor wrote for a slide survives rendering the same file again.
    assert deck.slides.get(number=2).title == "כותרת העורך"
    assert deck.slides.get(number=2).notes == "הערה"


def test_a_new_file_replaces_all_slides_and_deletes_the_old_files(
    settings, django_capture_on_commit_callbacks
):
    deck = make_presentation()
    with django_capture_on_commit_callbacks(execute=True):
        import_deck(deck, deck_pdf("ישן 1", "ישן 2", "ישן 3"), "old.pdf")
    Slide.objects.filter(presentation=deck, number=1).update(title="כותרת ישנה")
    old_files = set(media_files(settings.MEDIA_ROOT))

    with django_capture_on_commit_callbacks(execute=True):
        import_deck(deck, deck_pdf("חדש 1", "חדש 2"), "new.pdf")

    slides = list(deck.slides.all())
    assert [s.number for s in slides] == [1, 2]
    assert "חדש 1" in slides[0].text and slides[0].title == ""
    files = set(media_files(settings.MEDIA_ROOT))
    assert not files & old_files  # nothing left of the old deck
    assert len(files) == 1 + 2 * 3  # the PDF and three renditions per slide
    assert orphaned_files() == []


def test_file_names_change_with_the_content_so_immutable_caching_is_safe():
    one, two = make_presentation(), make_presentation()
    import_deck(one, deck_pdf("תוכן א"))
    import_deck(two, deck_pdf("תוכן ב"))
    names = lambda deck: {s.image_large.name for s in deck.slides.all()}  # noqa: E731
    assert names(one).isdisjoint(names(two))


def test_two_presentations_may_share_a_file_and_deleting_one_keeps_the_other(
    settings, django_capture_on_commit_callbacks
):
    data = deck_pdf("משותף")
    one, two = make_presentation(), make_presentation()
    import_deck(one, data)
    import_deck(two, data)
    with django_capture_on_commit_callbacks(execute=True):
        import_deck(one, deck_pdf("אחר"))
    large = two.slides.get().image_large.name
    assert default_storage.exists(large)


BAD_FILES = {
    "png-renamed-to-pdf": (png_bytes, "not_pdf", "הקובץ אינו PDF."),
    "encrypted": (encrypted_pdf, "encrypted", "מוצפן"),
    "corrupt": (lambda: deck_pdf("שקף")[:400], "corrupt", "פגום"),
    "zero-pages": (zero_page_pdf, "empty", "אין עמודים"),
    "too-many-pages": (lambda: deck_pdf("א", "ב", "ג"), "too_many_pages", "יותר מהמותר (2)"),
    "too-large": (lambda: deck_pdf("א") + b"\0" * 40_000, "too_large", "הקובץ גדול מדי"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_raises_a_hebrew_error_and_leaves_nothing_behind(settings, name):
    settings.BLOG_DECK_MAX_PAGES = 2
    settings.BLOG_DECK_MAX_BYTES = 40_000
    make_data, code, message = BAD_FILES[name]
    deck = make_presentation()
    import_deck(deck, deck_pdf("השקף הקיים"))
    before_files = media_files(settings.MEDIA_ROOT)
    before_slides = list(deck.slides.values())

    with pytest.raises(DeckError) as caught:
        import_deck(deck, make_data())

    assert caught.value.code == code and message in str(caught.value)
    assert media_files(settings.MEDIA_ROOT) == before_files
    assert list(deck.slides.values()) == before_slides


def test_a_bomb_on_page_two_leaves_no_file_and_no_slide_behind(settings):
    """Page 1 renders and is written; the 4 KB page 2 inflates past the renderer's
    memory cap: the import fails naming page 2 and takes page 1's files with it."""
    deck = make_presentation()
    import_deck(deck, deck_pdf("השקף הקיים"))
    before_files, before_slides = media_files(settings.MEDIA_ROOT), list(deck.slides.values())
    with pytest.raises(DeckError) as caught:
        import_deck(deck, raw_pdf(plain_page("first"), bomb_page()))
    assert str(caught.value).startswith("עמוד 2 בקובץ ה-PDF דורש יותר מדי זיכרון")
    assert media_files(settings.MEDIA_ROOT) == before_files
    assert list(deck.slides.values()) == before_slides
    with pytest.raises(DeckError):
        stage_deck(raw_pdf(plain_page("first"), bomb_page()))
    assert media_files(settings.MEDIA_ROOT) == before_files


def test_render_slides_imports_a_file_and_renders_again_idempotently(tmp_path, settings, capsys):
    deck = make_presentation(slug="מצגת-מהשורה")
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(deck_pdf("שלום", "עולם"))

    call_command("render_slides", "מצגת-מהשורה", "--file", str(pdf))
    assert deck.slides.count() == 2
    files = media_files(settings.MEDIA_ROOT)

    call_command("render_slides", "מצגת-מהשורה")
    call_command("render_slides", "--all")
    assert media_files(settings.MEDIA_ROOT) == files
    assert deck.slides.count() == 2
    assert "מצגת-מהשורה: 2 שקפים." in capsys.readouterr().out


def test_render_slides_reports_bad_files_in_hebrew(tmp_path):
    make_presentation(slug="שבורה")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(png_bytes())
    with pytest.raises(CommandError):
        call_command("render_slides", "שבורה", "--file", str(bad))
    with pytest.raises(CommandError, match="לא נמצאו מצגות: אין-כזו"):
        call_command("render_slides", "אין-כזו")
    with pytest.raises(CommandError, match="מצגת אחת"):
        call_command("render_slides", "--file", str(bad))


def test_render_slides_prune_deletes_only_unused_files(settings):
    deck = make_presentation()
    import_deck(deck, deck_pdf("בשימוש"))
    used = media_files(settings.MEDIA_ROOT)
    default_storage.save("decks/0000000000000000/001-480w-leftover.webp", png_file())
    call_command("render_slides", "--prune")
    assert media_files(settings.MEDIA_ROOT) == used


def png_file():
    from django.core.files.base import ContentFile

    return ContentFile(png_bytes())


def test_slide_text_is_found_by_the_site_search():
    from blog.models import Post
    from blog.tests.factories import make_post

    post = make_post("פוסט בלי המילה")
    deck = make_presentation()
    deck.posts.add(post)
    assert not Post.objects.search("זברות")
    import_deck(deck, deck_pdf("שקף על זברות וג׳ירפות"))
    assert list(Post.objects.search("זברות")) == [post]
    import_deck(deck, deck_pdf("שקף על פילים"))
    assert not Post.objects.search("זברות") and list(Post.objects.search("פילים")) == [post]
