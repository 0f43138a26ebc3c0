import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def public_urls(post):
    return [
        reverse("blog:index"),
        post.get_absolute_url(),
        post.category.get_absolute_url(),
        reverse("blog:categories"),
        reverse("blog:tag", kwargs={"slug": "gov-20"}),
        reverse("blog:archive-year", kwargs={"year": 2010}),
        reverse("blog:archive-month", kwargs={"year": 2010, "month": 3}),
        reverse("blog:search"),
        reverse("blog:search") + "?q=ממשלה",
        reverse("blog:search") + "?q=%25%25",
        reverse("site-page", kwargs={"slug": "about"}),
        reverse("site-page", kwargs={"slug": "accessibility"}),
    ]


def test_every_public_page_is_hebrew_rtl_with_one_h1_and_a_skip_link(client, seeded):
    for url in public_urls(seeded):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert '<html lang="he" dir="rtl">' in html, url
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert 'href="#main"' in html and 'id="main"' in html, url
        # Strict CSP: no inline code or styles in our pages.
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)", html), url
        assert " style=" not in html and not re.search(r"\son[a-z]+=", html), url


def test_security_headers(client, seeded):
    response = client.get(seeded.get_absolute_url())
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp


def test_anonymous_pages_are_publicly_cacheable_and_staff_pages_are_not(
    client, staff_client, seeded
):
    anonymous = client.get(seeded.get_absolute_url())
    assert "public" in anonymous["Cache-Control"]
    assert "Cookie" in anonymous["Vary"]
    staff = staff_client.get(seeded.get_absolute_url())
    assert "private" in staff["Cache-Control"]


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "core.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "x" * 60 + "-a-long-random-production-secret",
        "DJANGO_ALLOWED_HOSTS": "blog.example.org",
        "BLOG_CONTACT_EMAIL": "editors@blog.example.org",
        # nginx sends uploads (deploy/nginx.conf); Django sending them warns (core.W003).
        "DJANGO_MEDIA_DELIVERY": "nginx",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_missing_migrations():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Disallow: /admin/" in response.content.decode()
