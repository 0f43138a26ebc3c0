"""Rich previews and SEO: titles, descriptions, canonical URLs, OpenGraph, Twitter, JSON-LD."""

import json
import re
from datetime import date, datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import Presentation, Slide
from blog.tests.factories import make_category, make_post

pytestmark = pytest.mark.django_db


def _meta(html, key):
    """Content of <meta property|name="key">, unescaped; None when absent."""
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    return unescape(match.group(1)) if match else None


def _json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [item for block in blocks for item in json.loads(block)]


@pytest.fixture
def post():
    return make_post(
        "GOV 2.0 ממשל במדיה חברתית",
        category=make_category("ארגונים"),
        tags=["ממשל", "GOV 2.0"],
        excerpt='תקציר עם "מרכאות" ו<תגיות>',
        byline="גילה גדעון",
        published_at=timezone.make_aware(datetime(2010, 3, 24, 12)),
        source_name="הבלוג המקורי",
        source_url="https://example.org/original",
        source_published_on=date(2010, 3, 24),
    )


def test_post_page_has_opengraph_twitter_and_canonical(client, post):
    html = client.get(post.get_absolute_url()).content.decode()
    url = "http://testserver" + post.get_absolute_url()
    assert f'<link rel="canonical" href="{url}">' in html
    assert _meta(html, "og:url") == url
    assert _meta(html, "og:type") == "article"
    assert _meta(html, "og:locale") == "he_IL"
    assert _meta(html, "og:title") == "GOV 2.0 ממשל במדיה חברתית – ממשל ומדיה חברתית"
    assert _meta(html, "og:description") == 'תקציר עם "מרכאות" ו<תגיות>'
    assert _meta(html, "description") == 'תקציר עם "מרכאות" ו<תגיות>'
    assert _meta(html, "twitter:card") == "summary"
    assert _meta(html, "og:image") is None
    assert _meta(html, "article:published_time") == "2010-03-24T12:00:00+02:00"
    assert html.count('name="twitter:card"') == 1 and html.count('property="og:type"') == 1


def test_post_json_ld_blogposting_and_breadcrumbs(client, post):
    html = client.get(post.get_absolute_url()).content.decode()
    posting, breadcrumbs = _json_ld(html)
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == "GOV 2.0 ממשל במדיה חברתית"
    assert posting["author"] == {"@type": "Person", "name": "גילה גדעון"}
    assert posting["datePublished"] == "2010-03-24T10:00:00+00:00"
    assert posting["dateModified"].startswith(str(timezone.now().year))
    assert posting["publisher"]["name"] == "ממשל ומדיה חברתית"
    assert posting["inLanguage"] == "he"
    assert posting["keywords"] == ["ממשל", "GOV 2.0"]
    assert posting["isBasedOn"] == {
        "@type": "CreativeWork",
        "name": "הבלוג המקורי",
        "url": "https://example.org/original",
        "datePublished": "2010-03-24",
        "author": {"@type": "Person", "name": "גילה גדעון"},
    }
    assert breadcrumbs["@type"] == "BreadcrumbList"
    names = [item["name"] for item in breadcrumbs["itemListElement"]]
    assert names == ["ראשי", "ארגונים", "GOV 2.0 ממשל במדיה חברתית"]
    assert breadcrumbs["itemListElement"][2]["item"].endswith(post.get_absolute_url())


def test_republished_post_says_so_visibly(client, post):
    html = client.get(post.get_absolute_url()).content.decode()
    assert "הפוסט פורסם לראשונה ב<cite>הבלוג המקורי</cite>" in html
    assert 'href="https://example.org/original"' in html


def test_json_ld_cannot_be_broken_out_of(client):
    hostile = make_post('</script><script>alert(1)</script> & "x"')
    html = client.get(hostile.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    (posting, _) = _json_ld(html)
    assert posting["headline"] == '</script><script>alert(1)</script> & "x"'


def test_slide_image_becomes_the_preview_image(client, post):
    deck = Presentation.objects.create(title="מצגת")
    deck.posts.add(post)
    Slide.objects.create(presentation=deck, number=2, image_large="decks/d/2.webp")
    Slide.objects.create(presentation=deck, number=1, image_large="decks/d/1.webp")
    html = client.get(post.get_absolute_url()).content.decode()
    assert _meta(html, "og:image") == "http://testserver/media/decks/d/1.webp"
    assert _meta(html, "twitter:card") == "summary_large_image"
    (posting, _) = _json_ld(html)
    assert posting["image"] == "http://testserver/media/decks/d/1.webp"


def test_every_page_has_its_own_title_description_and_canonical(client, post, settings):
    for _ in range(settings.BLOG_POSTS_PER_PAGE + 1):
        make_post(category=post.category)
    urls = [
        reverse("blog:index"),
        reverse("blog:index") + "?page=2",
        post.get_absolute_url(),
        post.category.get_absolute_url(),
        reverse("blog:categories"),
        reverse("blog:tag", kwargs={"slug": "ממשל"}),
        reverse("blog:archive-year", kwargs={"year": 2010}),
        reverse("blog:archive-month", kwargs={"year": 2010, "month": 3}),
        reverse("blog:search") + "?q=ממשל",
        reverse("site-page", kwargs={"slug": "about"}),
        reverse("site-page", kwargs={"slug": "accessibility"}),
    ]
    seen = {}
    for url in urls:
        html = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        description = _meta(html, "description")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
        assert title and description, url
        assert _meta(html, "og:title") == unescape(title), url
        assert _meta(html, "og:description") and _meta(html, "og:locale") == "he_IL", url
        assert canonical.startswith("http://testserver/"), url
        seen[url] = (title, description, canonical)
    for field in range(3):  # titles, descriptions and canonical URLs are all distinct
        values = [v[field] for v in seen.values()]
        assert len(set(values)) == len(values), values
    assert seen[reverse("blog:index") + "?page=2"][2].endswith("/?page=2")
    assert "?q=" not in seen[reverse("blog:search") + "?q=ממשל"][2]


def test_og_tags_stay_well_formed_when_a_block_has_quotes(rf):
    from django.template import engines

    child = engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}כותרת "במרכאות" – {{ SITE_NAME }}{% endblock %}'
        '{% block description %}הטקסט של "המצגת" & <b>עוד</b>{% endblock %}'
    )
    request = rf.get("/")
    request.resolver_match = None
    html = child.render({"SITE_NAME": "האתר"}, request)
    assert _meta(html, "og:title") == 'כותרת "במרכאות" – האתר'
    assert _meta(html, "og:description") == 'הטקסט של "המצגת" & עוד'
