"""Kept pages go out gzipped to browsers that accept it (core.cache), without a proxy."""

import gzip

import pytest
from django.test import Client

from blog.tests.factories import make_post

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def post_url():
    post = make_post("פוסט דחוס", body="<p>" + "ממשל פתוח ושקיפות. " * 200 + "</p>")
    url = post.get_absolute_url()
    Client().get(url)  # kept
    return url


def test_a_kept_page_is_sent_gzipped_to_a_browser_that_accepts_it(post_url):
    plain = Client().get(post_url)
    packed = Client().get(post_url, **GZIP)
    assert "Content-Encoding" not in plain and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert "פוסט דחוס" in plain.content.decode()
    assert len(packed.content) * 5 < len(plain.content)
    assert int(packed["Content-Length"]) == len(packed.content)
    for response in (plain, packed):
        assert "Accept-Encoding" in response["Vary"] and "public" in response["Cache-Control"]


def test_each_encoding_has_its_own_etag_and_answers_304(post_url):
    plain = Client().get(post_url)
    packed = Client().get(post_url, **GZIP)
    assert plain["ETag"] != packed["ETag"] and packed["ETag"].endswith('-gzip"')
    again = Client().get(post_url, HTTP_IF_NONE_MATCH=packed["ETag"], **GZIP)
    assert again.status_code == 304
    assert Client().get(post_url, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304


def test_a_page_that_is_not_kept_is_not_compressed_here(client, staff_client, post_url):
    # Staff bypass the page cache: their pages carry per-visitor secrets (CSRF).
    response = staff_client.get(post_url, **GZIP)
    assert response.status_code == 200 and "Content-Encoding" not in response
