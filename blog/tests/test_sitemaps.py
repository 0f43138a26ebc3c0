"""sitemap.xml lists what readers may see, with lastmod, and robots.txt points at it."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from blog.models import Post, Presentation
from blog.tests.factories import make_category, make_post

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _entries(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.find("sm:loc", NS).text.removeprefix("http://testserver"): url.findtext(
            "sm:lastmod", default=None, namespaces=NS
        )
        for url in root.findall("sm:url", NS)
    }


def test_sitemap_lists_published_content_with_lastmod(client):
    category = make_category("ארגונים")
    post = make_post("פוסט גלוי", category=category, tags=["ממשל"])
    entries = _entries(client)
    # The sitemap gives the site's local date (Asia/Jerusalem), not UTC's.
    updated_on = timezone.localdate(post.updated_at).isoformat()
    assert entries[post.get_absolute_url()] == updated_on
    assert entries[category.get_absolute_url()] == updated_on
    assert reverse("blog:tag", kwargs={"slug": "ממשל"}) in entries
    assert reverse("blog:index") in entries
    assert reverse("blog:categories") in entries
    # The site pages created by the core migrations.
    assert reverse("site-page", kwargs={"slug": "about"}) in entries
    assert reverse("site-page", kwargs={"slug": "accessibility"}) in entries


def test_drafts_and_what_only_they_use_never_appear(client):
    hidden_category = make_category("סודי")
    draft = make_post("טיוטה", category=hidden_category, tags=["סוד"], status=Post.Status.DRAFT)
    future = make_post("עתידי", published_at=timezone.now() + timedelta(days=1))
    entries = _entries(client)
    assert draft.get_absolute_url() not in entries
    assert future.get_absolute_url() not in entries
    assert hidden_category.get_absolute_url() not in entries
    assert reverse("blog:tag", kwargs={"slug": "סוד"}) not in entries


def test_presentations_of_published_posts_only(client):
    post = make_post()
    shown = Presentation.objects.create(title="מצגת גלויה")
    shown.posts.add(post)
    hidden = Presentation.objects.create(title="מצגת של טיוטה")
    hidden.posts.add(make_post(status=Post.Status.DRAFT))
    items = set(_entries(client))
    try:
        shown_url, hidden_url = shown.get_absolute_url(), hidden.get_absolute_url()
    except NoReverseMatch:  # no presentation pages routed: nothing else is listed
        fixed = {reverse("blog:index"), reverse("blog:categories"), post.get_absolute_url()}
        pages = {reverse("site-page", kwargs={"slug": s}) for s in ("about", "accessibility")}
        assert items == fixed | pages | {post.category.get_absolute_url()}
        return
    assert shown_url in items
    assert hidden_url not in items


def test_robots_txt_points_at_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_query_count_is_fixed(client, django_assert_num_queries):
    for i in range(20):
        make_post(category=make_category(), tags=[f"תגית {i}"])
    # posts, categories, tags, site pages, and presentations when their pages exist
    try:
        reverse("blog:presentation", kwargs={"slug": "x"})
        expected = 5
    except NoReverseMatch:
        expected = 4
    with django_assert_num_queries(expected):
        assert client.get(reverse("sitemap")).status_code == 200
