"""RSS and Atom feeds: parsed by feedparser and as XML, published posts only, Hebrew intact."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from blog.tests.factories import make_category, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts():
    category = make_category("ארגונים", description="פוסטים על ארגונים")
    author = get_user_model().objects.create_user("gila", first_name="גילה", last_name="גדעון")
    return {
        "main": make_post(
            "GOV 2.0 ממשל במדיה חברתית",
            category=category,
            tags=["ממשל", "GOV 2.0"],
            excerpt="תקציר בעברית",
            body="<p>גוף <strong>מלא</strong> של הפוסט &amp; עוד</p>",
            author=author,
            published_at=timezone.make_aware(datetime(2010, 3, 24, 12)),
        ),
        "other": make_post("פוסט בקטגוריה אחרת", tags=["אחר"], byline="כותב אורח"),
        "draft": make_post("טיוטה סודית", category=category, status=Post.Status.DRAFT),
        "future": make_post(
            "פוסט עתידי", category=category, published_at=timezone.now() + timedelta(days=2)
        ),
    }


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    ET.fromstring(response.content)  # well-formed XML
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


def test_site_rss_feed_has_full_posts(client, posts):
    response, feed = _get(client, reverse("blog:feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.title == "ממשל ומדיה חברתית"
    assert feed.feed.language == "he"
    titles = [entry.title for entry in feed.entries]
    assert titles == ["פוסט בקטגוריה אחרת", "GOV 2.0 ממשל במדיה חברתית"]
    entry = feed.entries[1]
    assert entry.summary == "תקציר בעברית"
    assert entry.content[0].value == "<p>גוף <strong>מלא</strong> של הפוסט &amp; עוד</p>"
    assert entry.author == "גילה גדעון"
    assert [tag.term for tag in entry.tags] == ["ארגונים", "ממשל", "GOV 2.0"]
    assert entry.link == "http://testserver" + posts["main"].get_absolute_url()
    assert entry.published_parsed[:5] == (2010, 3, 24, 10, 0)  # 12:00 in Jerusalem (UTC+2)
    assert feed.entries[0].author == "כותב אורח"


def test_site_atom_feed_has_full_posts_and_update_times(client, posts):
    response, feed = _get(client, reverse("blog:feed-atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    entry = next(e for e in feed.entries if e.title == "GOV 2.0 ממשל במדיה חברתית")
    assert entry.summary == "תקציר בעברית"
    assert entry.content[0].type == "text/html"
    assert "גוף <strong>מלא</strong>" in entry.content[0].value
    assert entry.published_parsed[:3] == (2010, 3, 24)
    assert entry.updated_parsed[:3] >= (2010, 3, 24)
    assert entry.author == "גילה גדעון"
    assert "Last-Modified" in response


def test_drafts_and_future_posts_never_appear(client, posts):
    for name in ("feed", "feed-atom"):
        body = client.get(reverse(f"blog:{name}")).content.decode()
        assert "טיוטה סודית" not in body and "פוסט עתידי" not in body
    category = posts["main"].category
    body = client.get(reverse("blog:category-feed", kwargs={"slug": category.slug})).content
    assert "טיוטה סודית" not in body.decode()


@pytest.mark.parametrize("suffix", ["", "-atom"])
def test_category_feed(client, posts, suffix):
    category = posts["main"].category
    url = reverse(f"blog:category-feed{suffix}", kwargs={"slug": category.slug})
    _, feed = _get(client, url)
    assert feed.feed.title == "ממשל ומדיה חברתית – קטגוריה: ארגונים"
    assert [entry.title for entry in feed.entries] == ["GOV 2.0 ממשל במדיה חברתית"]


@pytest.mark.parametrize("suffix", ["", "-atom"])
def test_tag_feed(client, posts, suffix):
    _, feed = _get(client, reverse(f"blog:tag-feed{suffix}", kwargs={"slug": "אחר"}))
    assert feed.feed.title == "ממשל ומדיה חברתית – תגית: אחר"
    assert [entry.title for entry in feed.entries] == ["פוסט בקטגוריה אחרת"]


def test_unknown_category_or_tag_feed_is_404(client, db):
    assert client.get(reverse("blog:category-feed", kwargs={"slug": "אין"})).status_code == 404
    assert client.get(reverse("blog:tag-feed-atom", kwargs={"slug": "אין"})).status_code == 404


def test_feeds_are_discoverable_and_linked(client, posts):
    html = client.get(reverse("blog:index")).content.decode()
    rss, atom = reverse("blog:feed"), reverse("blog:feed-atom")
    assert (
        '<link rel="alternate" type="application/rss+xml" title="ממשל ומדיה חברתית – RSS"' in html
    )
    assert f'title="ממשל ומדיה חברתית – RSS" href="{rss}">' in html
    assert f'type="application/atom+xml" title="ממשל ומדיה חברתית – Atom" href="{atom}"' in html
    assert f'<a href="{rss}" type="application/rss+xml">' in html
    category = posts["main"].category
    page = client.get(category.get_absolute_url()).content.decode()
    feed_url = reverse("blog:category-feed", kwargs={"slug": category.slug})
    assert f'title="קטגוריה: ארגונים – RSS" href="{feed_url}">' in page
    assert f'<a href="{feed_url}"' in page
    tag_page = client.get(reverse("blog:tag", kwargs={"slug": "אחר"})).content.decode()
    assert reverse("blog:tag-feed", kwargs={"slug": "אחר"}) in tag_page


def test_feeds_are_publicly_cacheable(client, posts):
    response = client.get(reverse("blog:feed"))
    assert "public" in response["Cache-Control"]


def test_feed_query_counts_are_fixed(client, django_assert_num_queries):
    category = make_category()
    for i in range(30):
        make_post(category=category, tags=["תגית", f"תגית {i}"])
    # posts, their tags
    with django_assert_num_queries(2):
        client.get(reverse("blog:feed"))
    with django_assert_num_queries(2):
        client.get(reverse("blog:feed-atom"))
    # the category, its posts, their tags
    with django_assert_num_queries(3):
        client.get(reverse("blog:category-feed", kwargs={"slug": category.slug}))
    with django_assert_num_queries(3):
        client.get(reverse("blog:tag-feed", kwargs={"slug": "תגית"}))


@pytest.mark.parametrize("name", ["blog:feed", "blog:feed-atom", "blog:comments-feed"])
def test_a_feed_is_sent_in_one_piece(client, posts, settings, name):
    """The feed generator writes hundreds of small pieces; the server would send each
    with its own system call. The response hands the server one piece."""
    settings.FRAGMENT_CACHE_SECONDS = 60  # as in production: the document is kept
    for _ in range(2):  # rendered, then kept
        response = client.get(reverse(name), HTTP_COOKIE="sessionid=someone")
        chunks = list(response)
        assert len(chunks) == 1
        assert chunks[0].startswith(b"<?xml")
