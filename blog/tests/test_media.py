"""The media library: the Image model and its <img> tag, the import service (dedupe,
storage names, cleanup), and the editors' admin."""

import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from blog.images import ImageError
from blog.media import attach, delete_unused_on_exit, import_image, orphaned_files, stage_image
from blog.models import Image
from blog.models.images import ALT_REQUIRED, delete_unused_files
from blog.sanitize import clean_post_html
from blog.tests.test_images import BLUE, image_bytes

pytestmark = pytest.mark.django_db

PHOTO = image_bytes("JPEG", size=(2000, 1000))
OTHER = image_bytes("PNG", size=(600, 300), color=BLUE)
ADD_URL = reverse("admin:blog_image_add")
LIST_URL = reverse("admin:blog_image_changelist")


def stored(settings):
    """Every file under MEDIA_ROOT, relative to it."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


# --- the model ---


def test_img_tag_lists_the_renditions_and_escapes_everything():
    image = import_image(PHOTO, "צילום.jpg", alt='גשר "ישן" <ליד> הנהר')
    small, middle, large = image.renditions
    assert [(r.width, r.height) for r in image.renditions] == [(480, 240), (960, 480), (1600, 800)]
    assert image.src == middle.url and image.url == image.file.url
    assert image.srcset == f"{small.url} 480w, {middle.url} 960w, {large.url} 1600w"
    assert image.img_tag() == (
        f'<img src="{middle.url}" srcset="{image.srcset}" '
        'sizes="(max-width: 700px) 100vw, 700px" width="960" height="480" '
        'alt="גשר &quot;ישן&quot; &lt;ליד&gt; הנהר" loading="lazy" decoding="async">'
    )
    assert 'sizes="50vw"' in image.img_tag(sizes="50vw", loading="eager")
    assert 'alt="אחר"' in image.img_tag(alt="אחר")


def test_a_decorative_image_gets_an_empty_alt():
    image = import_image(OTHER, "קישוט.png", alt="פס כחול", decorative=True)
    assert 'alt=""' in image.img_tag()


def test_the_img_tag_survives_the_post_sanitiser():
    tag = str(import_image(PHOTO, "x.jpg", alt="גשר").img_tag())
    cleaned = clean_post_html(tag)
    for attribute in re.findall(r'\w+="[^"]*"', tag):
        assert attribute in cleaned


def test_alt_is_required_unless_the_image_is_decorative():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        Image(alt="  ").clean()
    assert caught.value.message_dict == {"alt": [ALT_REQUIRED]}
    Image(decorative=True).clean()
    Image(alt="גשר").clean()


# --- the service ---


def test_import_stores_the_original_and_webp_renditions_under_content_hashed_names(settings):
    image = import_image(PHOTO, "C:\\photos\\גשר ישן.png", source_url="https://old.example/a.png")
    folder = f"images/{image.sha256[:16]}"
    assert image.file.name == f"{folder}/גשר_ישן.jpg"  # the extension follows the content
    assert (image.width, image.height) == (2000, 1000)
    assert image.original_name == "גשר ישן.png"
    assert image.source_url == "https://old.example/a.png"
    for rendition in image.renditions:
        assert re.fullmatch(
            rf"{folder}/גשר_ישן-{rendition.width}w-[0-9a-f]{{12}}\.webp", rendition.name
        )
    assert stored(settings) == sorted(image.file_names())
    assert default_storage.open(image.file.name).read() == PHOTO


def test_the_same_bytes_give_the_same_row_and_fill_only_what_it_lacks(settings):
    first = import_image(PHOTO, "a.jpg", alt="גשר")
    files = stored(settings)
    again = import_image(PHOTO, "b.jpg", alt="אחר", source_url="https://old.example/b.jpg")
    assert again.pk == first.pk and Image.objects.count() == 1
    again.refresh_from_db()
    assert again.alt == "גשר" and again.source_url == "https://old.example/b.jpg"
    assert stored(settings) == files


def test_an_unusable_file_leaves_nothing_behind(settings):
    with pytest.raises(ImageError, match="SVG"):
        import_image(b"<svg></svg>", "logo.svg")
    assert not Image.objects.exists() and stored(settings) == []


def test_the_byte_limit_is_a_setting(settings):
    settings.BLOG_IMAGE_MAX_BYTES = len(PHOTO) - 1
    with pytest.raises(ImageError) as caught:
        import_image(PHOTO, "a.jpg")
    assert caught.value.code == "too_large"


def test_a_storage_failure_midway_deletes_the_files_already_written(settings, monkeypatch):
    save, calls = FileSystemStorage.save, []

    def failing_save(self, name, content, **kwargs):
        calls.append(name)
        if len(calls) == 3:
            raise OSError("disk full")
        return save(self, name, content, **kwargs)

    monkeypatch.setattr(FileSystemStorage, "save", failing_save)
    with pytest.raises(OSError):
        import_image(PHOTO, "a.jpg")
    assert len(calls) == 3 and stored(settings) == [] and not Image.objects.exists()


def test_a_database_failure_deletes_the_stored_files(settings, monkeypatch):
    def failing_save(self, *args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(Image, "save", failing_save)
    with pytest.raises(RuntimeError):
        import_image(PHOTO, "a.jpg")
    assert stored(settings) == []


def test_deleting_an_image_deletes_its_files_once_the_deletion_commits(
    settings, django_capture_on_commit_callbacks
):
    image = import_image(PHOTO, "a.jpg", alt="גשר")
    keep = import_image(OTHER, "b.png", alt="כחול")
    with django_capture_on_commit_callbacks() as callbacks:
        image.delete()
    assert len(callbacks) == 1 and len(stored(settings)) == 4 + 3  # not before the commit
    callbacks[0]()
    assert stored(settings) == sorted(keep.file_names())
    assert not Path(settings.MEDIA_ROOT, "images", image.sha256[:16]).exists()


def test_deleting_through_a_queryset_deletes_the_files_too(
    settings, django_capture_on_commit_callbacks
):
    import_image(PHOTO, "a.jpg")
    import_image(OTHER, "b.png")
    with django_capture_on_commit_callbacks(execute=True):
        Image.objects.all().delete()  # what the admin's "delete selected" does
    assert stored(settings) == []


def test_a_rolled_back_deletion_keeps_the_files(settings, django_capture_on_commit_callbacks):
    image = import_image(PHOTO, "a.jpg")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            image.delete()
            raise RuntimeError
    assert callbacks == [] and stored(settings) == sorted(image.file_names())


def test_files_another_row_uses_are_never_deleted(settings):
    first = import_image(PHOTO, "a.jpg")
    import_image(OTHER, "b.png")
    assert delete_unused_files(first.file_names()) == []
    assert len(stored(settings)) == 7


def test_replacing_the_file_deletes_the_old_files_after_commit(
    settings, django_capture_on_commit_callbacks
):
    image = import_image(PHOTO, "a.jpg", alt="גשר")
    staged = stage_image(OTHER, "b.png")
    with django_capture_on_commit_callbacks(execute=True):
        attach(image, staged)
    image.refresh_from_db()
    assert (image.width, image.height, image.alt) == (600, 300, "גשר")
    assert stored(settings) == sorted(staged.names) == sorted(image.file_names())


def test_an_import_inside_a_rolled_back_transaction_takes_its_files_with_it(settings):
    with pytest.raises(RuntimeError), delete_unused_on_exit(), transaction.atomic():
        import_image(PHOTO, "a.jpg")
        raise RuntimeError("the WordPress import failed later")
    assert stored(settings) == [] and not Image.objects.exists()
    with delete_unused_on_exit():
        image = import_image(PHOTO, "a.jpg")
    assert stored(settings) == sorted(image.file_names())


def test_orphaned_files_are_those_no_row_uses():
    import_image(PHOTO, "a.jpg")
    stray = default_storage.save("images/0000/left-over.webp", ContentFile(b"x"))
    assert orphaned_files() == [stray]


# --- the admin ---


def upload(data=PHOTO, name="גשר.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def form_data(**fields):
    data = {"alt": "גשר מעל הנהר", "title": "הגשר", "caption": "", "source_url": ""}
    return {**data, **fields}


def test_the_changelist_shows_small_plain_thumbnails(staff_client):
    import_image(PHOTO, "a.jpg", alt="גשר", source_url="https://old.example/a.jpg")
    import_image(OTHER, "b.png")  # imported without alt text
    response = staff_client.get(LIST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(
        r'<img src="/media/images/[^"]+-480w-[^"]+\.webp" width="80" height="40"', html
    )
    assert 'dir="ltr">2000×1000</bdi>' in html and "גשר" in html
    assert "style=" not in re.sub(r"<(script|link)[^>]*>", "", html.split('id="result_list"')[1])
    found = staff_client.get(LIST_URL, {"q": "old.example"}).content.decode()
    assert "2000×1000" in found and "600×300" not in found
    missing = staff_client.get(LIST_URL, {"alt": "missing"}).content.decode()
    assert "600×300" in missing and "2000×1000" not in missing


def test_an_upload_creates_the_image_and_its_renditions(staff_client, settings):
    response = staff_client.post(ADD_URL, form_data(upload=upload()), follow=True)
    assert response.status_code == 200
    assert "נוצרו 3 גרסאות WebP של התמונה." in response.content.decode()
    image = Image.objects.get()
    assert (image.alt, image.title, image.original_name) == ("גשר מעל הנהר", "הגשר", "גשר.jpg")
    assert len(image.renditions) == 3 and stored(settings) == sorted(image.file_names())


def test_a_missing_alt_keeps_the_form_with_a_hebrew_error(staff_client, settings):
    response = staff_client.post(ADD_URL, form_data(alt="", upload=upload()))
    html = response.content.decode()
    assert response.status_code == 200 and str(ALT_REQUIRED) in html
    assert 'value="הגשר"' in html  # what the editor typed is still there
    assert not Image.objects.exists() and stored(settings) == []


def test_a_decorative_image_needs_no_alt(staff_client):
    staff_client.post(ADD_URL, form_data(alt="", decorative="on", upload=upload()))
    assert Image.objects.get().decorative


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"upload": upload(b"<svg/>", "logo.svg")}, "קובצי SVG אינם נתמכים"),
        ({}, "יש לבחור קובץ תמונה."),
    ],
    ids=["svg", "no-file"],
)
def test_a_bad_upload_shows_a_hebrew_error(staff_client, settings, fields, message):
    response = staff_client.post(ADD_URL, form_data(**fields))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Image.objects.exists() and stored(settings) == []


def test_uploading_an_image_already_in_the_library_is_refused(staff_client, settings):
    existing = import_image(PHOTO, "a.jpg", alt="גשר")
    response = staff_client.post(ADD_URL, form_data(upload=upload()))
    assert (
        f"תמונה זהה כבר נמצאת בספרייה: „a.jpg” (מספר {existing.pk})." in response.content.decode()
    )
    assert Image.objects.count() == 1 and stored(settings) == sorted(existing.file_names())


def test_a_new_file_replaces_the_old_one(
    staff_client, settings, django_capture_on_commit_callbacks
):
    image = import_image(PHOTO, "a.jpg", alt="גשר")
    change_url = reverse("admin:blog_image_change", args=[image.pk])
    assert "גשר" in staff_client.get(change_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(change_url, form_data(alt="ים", upload=upload(OTHER, "b.png")))
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.alt, image.width, image.original_name) == ("ים", 600, "b.png")
    assert stored(settings) == sorted(image.file_names())


def test_editing_without_a_file_keeps_the_file(staff_client, settings):
    image = import_image(PHOTO, "a.jpg", alt="גשר")
    files = stored(settings)
    change_url = reverse("admin:blog_image_change", args=[image.pk])
    assert staff_client.post(change_url, form_data(alt="גשר ישן")).status_code == 302
    image.refresh_from_db()
    assert image.alt == "גשר ישן" and stored(settings) == files
