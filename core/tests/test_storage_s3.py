"""Uploads on an S3-compatible store (DJANGO_STORAGE=s3), against moto's S3 server on a
loopback port, and the three ways of delivering media (django, nginx, store).

Every HTTP request boto3 makes is counted (botocore's one sender, patched), so the tests
can say that rendering a page asks the store nothing.
"""

import re
import socket
import urllib.request
from urllib.parse import unquote

import boto3
import pytest
from botocore.httpsession import URLLib3Session
from django.core.cache import caches
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer

from blog.decks import import_deck
from blog.media import import_image
from blog.tests.factories import make_post
from blog.tests.slides_factory import deck_pdf, make_presentation, png_bytes

pytestmark = pytest.mark.django_db

BUCKET = "blog-media-test"
KEYS = {"access_key": "testing-key", "secret_key": "testing-secret"}


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_client(s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    yield client
    listing = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in listing:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def s3(settings, s3_client, s3_endpoint):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.storage.MediaS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "addressing_style": "path",
                "file_overwrite": False,
                **KEYS,
            },
        },
    }
    settings.MEDIA_DELIVERY = "django"
    return s3_client


@pytest.fixture
def store_requests(monkeypatch):
    """The (method, URL) of every request boto3 sends from now on."""
    sent = []
    original = URLLib3Session.send

    def send(self, request):
        sent.append((request.method, request.url))
        return original(self, request)

    monkeypatch.setattr(URLLib3Session, "send", send)
    return sent


@pytest.fixture
def post_with_deck(s3):
    post = make_post("פוסט עם מצגת בענן")
    deck = make_presentation("מצגת בענן")
    deck.posts.add(post)
    import_deck(deck, deck_pdf("שקף ראשון", "שקף שני"), "מצגת.pdf")
    return post, deck


def head(client, key):
    return client.head_object(Bucket=BUCKET, Key=key)


def test_a_deck_goes_to_the_store_with_its_content_types(post_with_deck, s3):
    _, deck = post_with_deck
    pdf = head(s3, deck.source_file.name)
    assert pdf["ContentType"] == "application/pdf"
    assert pdf["ContentDisposition"] == "attachment"
    assert pdf["CacheControl"] == "max-age=31536000, immutable"
    slide = deck.slides.get(number=1)
    for image in (slide.image_small, slide.image_medium, slide.image_large):
        stored = head(s3, image.name)
        assert stored["ContentType"] == "image/webp" and "ContentDisposition" not in stored
    assert not default_storage.exists("decks/nothing-here.pdf")


def test_images_of_the_library_go_to_the_store(s3):
    image = import_image(png_bytes(), "תמונה.png", alt="תמונה לבדיקה")
    assert head(s3, image.file.name)["ContentType"] == "image/png"
    for name in image.file_names()[1:]:
        assert head(s3, name)["ContentType"] == "image/webp"
    assert image.file.url.startswith("/media/images/")


def test_rendering_the_post_page_asks_the_store_nothing(client, post_with_deck, store_requests):
    post, deck = post_with_deck
    caches["fragments"].clear()
    response = client.get(post.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200 and "שקף ראשון" in html
    slide = deck.slides.get(number=1)
    # Same-origin URLs, built locally: the media view gates them.
    assert f'src="/media/{slide.image_medium.name}"' in unquote(html)
    assert f'href="/media/{deck.source_file.name}"' in unquote(html)
    assert re.search(r"\([\d.]+\s(ק&quot;ב|בתים)\)</a>", html)  # the PDF's size, remembered
    # The deck's own page, and its text version, neither.
    assert client.get(deck.get_absolute_url()).status_code == 200
    assert client.get(deck.get_text_url()).status_code == 200
    assert store_requests == []


def test_the_pdf_size_is_asked_once_then_remembered(client, post_with_deck, store_requests):
    post, _ = post_with_deck
    caches["default"].clear()  # as after a cache restart
    caches["fragments"].clear()
    assert client.get(post.get_absolute_url()).status_code == 200
    assert [method for method, _ in store_requests] == ["HEAD"]
    caches["fragments"].clear()
    assert client.get(post.get_absolute_url()).status_code == 200
    assert len(store_requests) == 1


def test_django_delivery_streams_from_the_store_with_the_same_headers(client, post_with_deck):
    _, deck = post_with_deck
    slide = deck.slides.get(number=1)
    response = client.get(slide.image_small.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert b"".join(response.streaming_content) == slide.image_small.read()
    pdf = client.get(deck.source_file.url)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == "attachment"
    assert pdf["Content-Security-Policy"] == "sandbox"
    assert pdf["X-Content-Type-Options"] == "nosniff"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get("/media/decks/none/missing.pdf").status_code == 404
    assert client.get("/media/images/0123/missing.webp").status_code == 404


def test_a_draft_decks_files_stay_hidden_without_a_store_request(
    client, staff_client, s3, store_requests
):
    deck = make_presentation("מצגת טיוטה")
    import_deck(deck, deck_pdf("טיוטה"), "טיוטה.pdf")
    store_requests.clear()
    assert client.get(deck.source_file.url).status_code == 404
    assert client.get(deck.slides.get().image_large.url).status_code == 404
    assert store_requests == []
    response = staff_client.get(deck.source_file.url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_nginx_delivery_from_the_store_names_a_signed_url(
    client, settings, post_with_deck, store_requests
):
    settings.MEDIA_DELIVERY = "nginx"
    _, deck = post_with_deck
    store_requests.clear()
    response = client.get(deck.source_file.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"].startswith("/_store/decks/")
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Security-Policy"] == "sandbox"
    assert "immutable" in response["Cache-Control"]
    assert store_requests == []  # signing is local
    # What nginx would fetch: the object itself, as stored.
    with urllib.request.urlopen(response["X-Media-Store-Url"], timeout=10) as fetched:
        assert fetched.headers["Content-Type"] == "application/pdf"
        assert fetched.headers["Content-Disposition"] == "attachment"
        assert fetched.read().startswith(b"%PDF")


def test_store_delivery_redirects_only_readers_who_may_see_the_file(
    client, settings, post_with_deck
):
    settings.MEDIA_DELIVERY = "store"
    _, deck = post_with_deck
    slide = deck.slides.get(number=2)
    response = client.get(slide.image_large.url)
    assert response.status_code == 302
    with urllib.request.urlopen(response["Location"], timeout=10) as fetched:
        assert fetched.read() == slide.image_large.read()
    draft = make_presentation("טיוטה נוספת")
    import_deck(draft, deck_pdf("טיוטה"), "טיוטה.pdf")
    assert client.get(draft.source_file.url).status_code == 404


def test_nginx_delivery_from_local_disk(client, settings):
    settings.MEDIA_DELIVERY = "nginx"
    post = make_post("פוסט מקומי")
    deck = make_presentation("מצגת מקומית")
    deck.posts.add(post)
    import_deck(deck, deck_pdf("שקף"), "מקומי.pdf")
    response = client.get(deck.source_file.url)
    assert response["X-Accel-Redirect"] == f"/_media/{deck.source_file.name}".replace(
        "מקומי", "%D7%9E%D7%A7%D7%95%D7%9E%D7%99"
    )
    assert response["Content-Disposition"] == "attachment"
    assert "X-Media-Store-Url" not in response
    draft = make_presentation("טיוטה מקומית")
    import_deck(draft, deck_pdf("טיוטה"), "טיוטה.pdf")
    assert client.get(draft.source_file.url).status_code == 404
