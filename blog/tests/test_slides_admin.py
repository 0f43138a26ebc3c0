"""Editors upload and replace decks in the admin (through the test client)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from blog.decks import import_deck
from blog.models import Presentation
from blog.tests.factories import make_post
from blog.tests.pdfs import bomb_page, drawing_page, plain_page, raw_pdf
from blog.tests.slides_factory import (
    deck_pdf,
    encrypted_pdf,
    make_presentation,
    media_files,
    png_bytes,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:blog_presentation_add")


def pdf_upload(data, name="deck.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def form_data(deck=None, **fields):
    """The presentation form as the admin posts it, with the slides inline."""
    slides = list(deck.slides.all()) if deck else []
    data = {
        "title": deck.title if deck else "מצגת מהכנס",
        "slug": deck.slug if deck else "מצגת-מהכנס",
        "speaker": "דוברת",
        "event_name": "כנס ממשל",
        "event_date": "2010-03-11",
        "event_url": "",
        "description": "",
        "slides-TOTAL_FORMS": str(len(slides)),
        "slides-INITIAL_FORMS": str(len(slides)),
        "slides-MIN_NUM_FORMS": "0",
        "slides-MAX_NUM_FORMS": "1000",
    }
    for i, slide in enumerate(slides):
        data.update(
            {
                f"slides-{i}-id": str(slide.pk),
                f"slides-{i}-presentation": str(deck.pk),
                f"slides-{i}-title": slide.title,
                f"slides-{i}-text": slide.text,
                f"slides-{i}-notes": slide.notes,
            }
        )
    data.update(fields)
    return data


def test_editor_uploads_a_deck_and_gets_its_slides(staff_client, settings):
    post = make_post("הפוסט על הכנס")
    data = form_data(posts=[str(post.pk)], deck_upload=pdf_upload(deck_pdf("פתיחה", "סיכום")))
    response = staff_client.post(ADD_URL, data, follow=True)
    assert response.status_code == 200
    assert "נוצרו 2 שקפים מקובץ ה-PDF." in response.content.decode()
    deck = Presentation.objects.get()
    assert deck.title == "מצגת מהכנס" and list(deck.posts.all()) == [post]
    assert [s.number for s in deck.slides.all()] == [1, 2]
    assert "פתיחה" in deck.slides.first().text
    assert deck.source_file.name.endswith("/deck.pdf")
    assert len(media_files(settings.MEDIA_ROOT)) == 1 + 2 * 3


def test_a_file_that_is_no_pdf_is_refused_in_the_form_and_creates_nothing(staff_client, settings):
    response = staff_client.post(ADD_URL, form_data(deck_upload=pdf_upload(png_bytes())))
    html = response.content.decode()
    assert response.status_code == 200
    assert "הקובץ אינו PDF." in html and "errorlist" in html
    assert 'value="מצגת מהכנס"' in html and 'value="כנס ממשל"' in html
    assert not Presentation.objects.exists()
    assert media_files(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize(
    "data, message",
    [
        (encrypted_pdf(), "קובץ ה-PDF מוצפן או מוגן בסיסמה"),
        (b"%PDF-1.7\n" + b"\0garbage" * 50, "קובץ ה-PDF פגום"),
        (raw_pdf(plain_page(), bomb_page()), "עמוד 2 בקובץ ה-PDF דורש יותר מדי זיכרון"),
    ],
    ids=["encrypted", "corrupt", "bomb"],
)
def test_a_pdf_the_worker_cannot_render_shows_the_hebrew_error_on_the_presentation(
    staff_client, settings, data, message
):
    # PDFium opens the file only in the worker (here: at once, the immediate backend).
    response = staff_client.post(ADD_URL, form_data(deck_upload=pdf_upload(data)), follow=True)
    assert message in response.content.decode()  # the message after saving
    deck = Presentation.objects.get()
    assert deck.render_state == "failed" and message in deck.render_error
    assert deck.render_source == "" and not deck.slides.exists()
    page = staff_client.get(reverse("admin:blog_presentation_change", args=[deck.pk]))
    assert "העיבוד נכשל: " + message in page.content.decode()
    assert media_files(settings.MEDIA_ROOT) == []


def test_a_page_over_the_time_limit_fails_the_render_naming_it(staff_client, settings):
    settings.BLOG_DECK_PAGE_SECONDS = 2
    slow = raw_pdf(plain_page(), drawing_page(600_000))
    staff_client.post(ADD_URL, form_data(deck_upload=pdf_upload(slow)))
    deck = Presentation.objects.get()
    assert "עיבוד עמוד 2 בקובץ ה-PDF נמשך יותר מ-2 שניות" in deck.render_error
    changelist = staff_client.get(reverse("admin:blog_presentation_changelist"))
    assert "עיבוד עמוד 2 בקובץ ה-PDF" in changelist.content.decode()
    assert media_files(settings.MEDIA_ROOT) == []


def test_an_oversized_upload_is_refused_before_rendering(staff_client, settings):
    settings.BLOG_DECK_MAX_BYTES = 1024 * 1024
    big = deck_pdf("א") + b"\0" * (1024 * 1024)
    response = staff_client.post(ADD_URL, form_data(deck_upload=pdf_upload(big)))
    html = response.content.decode()
    assert "הקובץ גדול מדי (1.1 MB, המותר עד 1 MB)." in html
    assert not Presentation.objects.exists()
    assert media_files(settings.MEDIA_ROOT) == []


def test_an_upload_with_an_invalid_form_leaves_no_files(staff_client, settings):
    data = form_data(title="", deck_upload=pdf_upload(deck_pdf("א")))
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Presentation.objects.exists()
    assert media_files(settings.MEDIA_ROOT) == []


def test_change_page_lists_the_slides_with_previews(staff_client):
    deck = make_presentation()
    import_deck(deck, deck_pdf("שקף התצוגה"))
    html = staff_client.get(reverse("admin:blog_presentation_change", args=[deck.pk])).content
    html = html.decode()
    assert 'class="slide-preview"' in html and "שקף התצוגה" in html
    assert 'name="deck_upload"' in html and 'accept="application/pdf,.pdf"' in html
    assert deck.source_file.url in html  # the current file, offered as a link


def test_editor_writes_slide_notes_in_the_inline(staff_client):
    deck = make_presentation()
    import_deck(deck, deck_pdf("שקף"))
    data = form_data(deck, **{"slides-0-notes": "הערת עורך", "slides-0-title": "פתיחה"})
    url = reverse("admin:blog_presentation_change", args=[deck.pk])
    assert staff_client.post(url, data).status_code == 302
    slide = deck.slides.get()
    assert (slide.title, slide.notes) == ("פתיחה", "הערת עורך")


def test_uploading_a_new_deck_replaces_the_slides_and_old_files(
    staff_client, settings, django_capture_on_commit_callbacks
):
    deck = make_presentation()
    import_deck(deck, deck_pdf("ישן 1", "ישן 2", "ישן 3"))
    old_files = set(media_files(settings.MEDIA_ROOT))
    url = reverse("admin:blog_presentation_change", args=[deck.pk])
    data = form_data(deck, deck_upload=pdf_upload(deck_pdf("חדש"), "אמיתית.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, data).status_code == 302
    slide = deck.slides.get()
    assert "חדש" in slide.text
    files = set(media_files(settings.MEDIA_ROOT))
    assert not files & old_files and len(files) == 1 + 3
    deck.refresh_from_db()
    assert deck.source_file.name.endswith("/אמיתית.pdf")


def test_render_again_action(staff_client):
    deck = make_presentation()
    import_deck(deck, deck_pdf("א", "ב"))
    empty = make_presentation("בלי קובץ")
    response = staff_client.post(
        reverse("admin:blog_presentation_changelist"),
        {"action": "render_again", "_selected_action": [deck.pk, empty.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "מצגת אחת ממתינה לעיבוד מחדש ברקע." in html and "אין קובץ PDF" in html
    deck.refresh_from_db()
    assert deck.render_state == "done" and deck.slides.count() == 2


def test_changelist_shows_slide_counts(staff_client):
    deck = make_presentation("מצגת ספורה")
    import_deck(deck, deck_pdf("א", "ב", "ג"))
    html = staff_client.get(reverse("admin:blog_presentation_changelist")).content.decode()
    assert "מצגת ספורה" in html and '<td class="field-slide_count">3</td>' in html


def test_deleting_decks_deletes_their_files(
    staff_client, settings, django_capture_on_commit_callbacks
):
    gone, kept = make_presentation(), make_presentation()
    import_deck(gone, deck_pdf("נמחק"))
    import_deck(kept, deck_pdf("נשאר"))
    kept_folder = kept.source_file.name.rsplit("/", 1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:blog_presentation_changelist"),
            {"action": "delete_selected", "_selected_action": [gone.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert list(Presentation.objects.all()) == [kept]
    files = media_files(settings.MEDIA_ROOT)
    assert len(files) == 4 and all(name.startswith(kept_folder) for name in files)
