"""Security headers on every response: Permissions-Policy denies the browser features
the site never uses (pages, static files, media, errors, the admin, JSON), and the strict
CSP is relaxed for inline styles only on the editor forms that carry TinyMCE."""

import pytest
from django.test import Client
from django.urls import reverse

from blog.models import Post
from blog.tests.factories import make_post

pytestmark = pytest.mark.django_db

DENIED = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]


def features(response):
    header = response["Permissions-Policy"]
    return dict(part.strip().split("=", 1) for part in header.split(","))


def assert_denies(response):
    policy = features(response)
    for feature in DENIED:
        assert policy[feature] == "()", feature
    assert policy["fullscreen"] == "(self)"  # the slide viewer's button


def test_every_kind_of_response_carries_the_permissions_policy(settings, tmp_path):
    post = make_post()
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "note.txt").write_text("שלום")
    client = Client()
    responses = {
        "page": client.get(post.get_absolute_url()),
        "home": client.get("/"),
        "404": client.get("/אין-כזה-דף/"),
        "json": client.get(reverse("blog:comment-token", kwargs={"slug": post.slug})),
        "media": client.get("/media/note.txt"),
        "missing media": client.get("/media/nothing.pdf"),
        "robots": client.get("/robots.txt"),
        "feed": client.get(reverse("blog:feed")),
        "admin login": client.get(reverse("admin:login")),
        "redirect": client.get("/admin/"),
        "405": client.post("/robots.txt"),
    }
    for name, response in responses.items():
        assert "Permissions-Policy" in response, name
        assert_denies(response)
    assert responses["404"].status_code == 404 and responses["405"].status_code == 405


def test_static_files_carry_it_too(settings):
    """WhiteNoise answers static files itself, above the views; the header is added
    above WhiteNoise (here it serves from the source folders, as with DEBUG on)."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get("/static/css/site.css")
    assert response.status_code == 200 and response.streaming
    assert_denies(response)


def test_the_other_headers_and_the_strict_csp_stay():
    response = Client().get(make_post().get_absolute_url())
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == directives["style-src"] == "'self'"
    assert directives["object-src"] == directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in csp


def test_only_the_rich_text_editor_forms_allow_inline_styles(admin_client):
    post = make_post(status=Post.Status.PUBLISHED)
    editor_forms = [
        reverse("admin:blog_post_add"),
        reverse("admin:blog_post_change", args=[post.pk]),
    ]
    strict = [
        reverse("admin:index"),
        reverse("admin:blog_post_changelist"),
        reverse("admin:blog_post_delete", args=[post.pk]),
        reverse("admin:blog_post_history", args=[post.pk]),
        reverse("admin:blog_comment_changelist"),
        reverse("admin:password_change"),
        post.get_absolute_url(),
    ]
    for url in editor_forms:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "style-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"], url
    for url in strict:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
    assert "unsafe-inline" not in Client().get(reverse("admin:login"))["Content-Security-Policy"]
