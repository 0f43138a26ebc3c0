"""Images from the editor and the media library (issue 10.2): upload, render, alt text,
reuse, replace, delete with a warning, and the cover image in link previews."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from blog.media import import_image
from blog.models import Image, Post
from blog.models.image_markup import posts_using, render_library_images
from blog.tests.editorial_forms import save_post
from blog.tests.factories import make_category, make_post
from blog.tests.test_images import BLUE, image_bytes

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:blog_image_editor_upload")
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'


@pytest.fixture
def csrf_client(staff_user):
    """A logged-in editor whose requests are CSRF-checked, as a browser's are."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    client.get(reverse("admin:blog_post_add"))  # sets the CSRF cookie
    return client


def upload(client, data, name="צילום מסך.png", **headers):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)}, **headers)


def csrf_headers(client):
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def test_the_editor_uploads_an_image_into_the_library(csrf_client):
    response = upload(csrf_client, image_bytes("JPEG", (1800, 900)), **csrf_headers(csrf_client))
    assert response.status_code == 200
    answer = response.json()
    image = Image.objects.get(pk=answer["id"])
    assert (image.width, image.height) == (1800, 900)
    assert answer["location"] == image.src and image.src.endswith(".webp")
    assert [r.width for r in image.renditions] == [480, 960, 1600]
    # Stored under MEDIA_ROOT with a normalised name: the content's extension, no spaces.
    assert re.fullmatch(r"images/[0-9a-f]{16}/_?\w+\.jpg", image.file.name), image.file.name
    assert " " not in image.file.name


def test_the_same_file_twice_reuses_the_library_row(csrf_client):
    data = image_bytes("PNG")
    first = upload(csrf_client, data, **csrf_headers(csrf_client)).json()
    second = upload(csrf_client, data, "other.png", **csrf_headers(csrf_client)).json()
    assert first == second and Image.objects.count() == 1


def test_an_upload_without_the_csrf_token_is_refused(csrf_client):
    response = upload(csrf_client, image_bytes())
    assert response.status_code == 403
    assert not Image.objects.exists()


def test_readers_cannot_upload(client):
    response = upload(client, image_bytes())
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Image.objects.exists()


def test_the_upload_endpoint_takes_only_post(staff_client):
    assert staff_client.get(UPLOAD).status_code == 405


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (SVG, "logo.png", "קובצי SVG אינם נתמכים"),
        (b"%PDF-1.7 not an image", "deck.jpg", "הקובץ אינו תמונה בפורמט נתמך"),
        (image_bytes("PNG")[:60], "cut.png", "קובץ התמונה פגום"),
        (b"", "empty.png", "הקובץ ריק"),
    ],
)
def test_a_bad_file_is_refused_in_hebrew_by_its_content(staff_client, data, name, message):
    response = upload(staff_client, data, name)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not Image.objects.exists()


def test_a_request_without_a_file_gets_a_hebrew_error(staff_client):
    response = staff_client.post(UPLOAD, {})
    assert response.status_code == 400 and response.json()["error"] == "לא נשלח קובץ תמונה."


def _library_image(**fields):
    return import_image(image_bytes("PNG", (1200, 600)), "map.png", **fields)


def test_an_uploaded_image_in_a_post_is_served_as_webp_renditions(staff_client):
    image = _library_image()
    body = f'<p>פתיחה</p><p><img src="{image.src}" alt="מפת העולם"></p>'
    body += f'<p><img src="{image.src}" alt="שוב המפה"></p>'
    response = save_post(staff_client, make_category(), body=body)
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = Post.objects.get().body
    tags = re.findall(r"<img [^>]*>", saved)
    assert len(tags) == 2
    first, second = tags
    assert f'data-image-id="{image.pk}"' in first
    assert f'srcset="{image.srcset}"' in first and ".webp 1200w" in first
    assert 'sizes="(max-width: 700px) 100vw, 700px"' in first
    assert 'width="960" height="480"' in first
    assert 'alt="מפת העולם"' in first
    # The first image may be on the first screen; the ones below load when scrolled to.
    assert "loading=" not in first and 'loading="lazy"' in second
    # The editor's alt text is learnt by the library image that had none.
    image.refresh_from_db()
    assert image.alt == "מפת העולם"


def test_a_reader_gets_the_webp_rendition_from_the_site(staff_client, client):
    image = _library_image(alt="תרשים")
    post = make_post(body=f'<p><img src="{image.src}" alt="תרשים"></p>')
    page = client.get(post.get_absolute_url()).content.decode()
    assert f'srcset="{image.srcset}"' in page
    rendition = client.get(image.src)
    assert rendition.status_code == 200 and rendition["Content-Type"] == "image/webp"


def test_an_image_without_alt_text_is_refused_with_a_hebrew_error(staff_client):
    image = _library_image()
    body = f'<p><img src="{image.src}"></p><p><img src="/media/images/x/pasted.png" alt=" "></p>'
    response = save_post(staff_client, make_category(), body=body)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("אין טקסט חלופי") == 2
    assert f"לתמונה „{image.src.rsplit('/', 1)[-1]}” אין טקסט חלופי" in html
    assert "לתמונה „pasted.png” אין טקסט חלופי" in html
    assert not Post.objects.exists()


def test_an_explicitly_decorative_image_gets_an_empty_alt(staff_client):
    image = _library_image()
    body = f'<p><img src="{image.src}" alt="" role="presentation"></p>'
    assert save_post(staff_client, make_category(), body=body).status_code == 302
    saved = Post.objects.get().body
    assert 'alt="" role="presentation"' in saved and f'data-image-id="{image.pk}"' in saved


def test_reusing_a_library_image_takes_its_alt_text(staff_client):
    image = _library_image(alt="לוגו הכנס")
    body = f'<p><img src="{image.src}"></p>'
    assert save_post(staff_client, make_category(), body=body).status_code == 302
    assert 'alt="לוגו הכנס"' in Post.objects.get().body


def test_the_editor_dialog_lists_the_library_for_reuse(staff_client, client):
    image = _library_image(title="מפה")
    listing = staff_client.get(reverse("admin:blog_image_editor_list"))
    assert json.loads(listing.content) == [{"title": "מפה", "value": image.src}]
    assert client.get(reverse("admin:blog_image_editor_list")).status_code == 302


def test_replacing_the_file_rewrites_the_posts_that_show_it(staff_client):
    image = _library_image(alt="מפה")
    post = make_post(body=f'<p><img src="{image.src}" alt="מפה"></p>')
    old_src = image.src
    change = reverse("admin:blog_image_change", args=[image.pk])
    new_file = SimpleUploadedFile("new.png", image_bytes("PNG", (800, 400), color=BLUE))
    response = staff_client.post(
        change, {"upload": new_file, "alt": "מפה", "title": "", "caption": "", "source_url": ""}
    )
    assert response.status_code == 302
    image.refresh_from_db()
    post.refresh_from_db()
    assert image.src != old_src and f'src="{image.src}"' in post.body
    assert old_src not in post.body


def test_deleting_warns_which_posts_use_the_image(staff_client):
    image = _library_image(alt="מפה")
    in_body = make_post("פוסט עם המפה", body=f'<p><img src="{image.src}" alt="מפה"></p>')
    as_cover = make_post("פוסט עם שער", cover_image=image)
    by_url = make_post("פוסט עם קישור", body=f'<p><a href="{image.src}">התמונה</a></p>')
    make_post("פוסט בלי")
    assert list(posts_using(image)) == [in_body, by_url, as_cover]
    page = staff_client.get(reverse("admin:blog_image_delete", args=[image.pk])).content.decode()
    assert "התמונה מוצגת ב-3 פוסטים" in page
    assert "פוסט עם המפה" in page and "פוסט עם שער" in page and "פוסט בלי" not in page
    staff_client.post(reverse("admin:blog_image_delete", args=[image.pk]), {"post": "yes"})
    as_cover.refresh_from_db()
    assert as_cover.cover_image is None  # SET_NULL: the post stays


def test_the_media_library_lists_thumbnails_and_searches(staff_client):
    _library_image(alt="מפת ישראל", title="מפה")
    import_image(image_bytes("PNG", color=BLUE), "logo.png", alt="לוגו")
    changelist = reverse("admin:blog_image_changelist")
    page = staff_client.get(changelist).content.decode()
    assert page.count('loading="lazy"') >= 2 and ".webp" in page
    found = staff_client.get(changelist, {"q": "ישראל"}).content.decode()
    assert "מפה" in found and "logo.png" not in found


def test_the_cover_image_is_in_link_previews_and_json_ld(client):
    image = _library_image(alt="שער")
    post = make_post(cover_image=image)
    page = client.get(post.get_absolute_url()).content.decode()
    assert f'<meta property="og:image" content="http://testserver{image.largest_url}">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert f'"image":"http://testserver{image.largest_url}"' in page


def test_library_images_render_the_same_every_time():
    image = _library_image(alt="מפה")
    once = render_library_images(f'<p><img src="{image.src}" alt="מפה"></p>')
    assert render_library_images(once) == once


def _policy(response):
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_only_the_editor_form_shows_blob_images_while_they_upload(staff_client, client):
    form = _policy(staff_client.get(reverse("admin:blog_post_add")))
    assert form["img-src"].split() == ["'self'", "data:", "blob:"]
    for page in (staff_client.get(reverse("admin:blog_post_changelist")), client.get("/")):
        assert "blob:" not in _policy(page)["img-src"]
