"""What a page costs: database queries (fixed, whatever the amount of content) and, for
the post page, what a browser downloads (HTML, CSS and JavaScript, compressed)."""

import re
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog.models import Slide
from blog.tests.factories import make_category, make_comment, make_post
from blog.tests.slides_factory import make_presentation

pytestmark = pytest.mark.django_db

POST_PAGE_QUERIES = 6
LIST_PAGE_QUERIES = 5
STATIC_ROOT = Path(settings.BASE_DIR) / "static"
ASSET = re.compile(r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"')


def queries(client, url):
    """Queries of a render once the shared cache holds what it keeps between renders (the
    sidebar, the content generation): a reader's steady state, as on a busy site."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _at(day):
    return timezone.make_aware(datetime(2010, 3, day, 12))


def add_posts(category, count, start=1):
    return [
        make_post(category=category, tags=["משותפת", f"תגית {n}"], published_at=_at(n % 27 + 1))
        for n in range(start, start + count)
    ]


def enrich(post):
    """Three tags, 40 comments nested three deep and two decks of slides."""
    post.tags.add("ממשל", "GOV 2.0", "שקיפות")
    for _ in range(10):
        root = make_comment(post)
        reply = make_comment(post, parent=root)
        make_comment(post, parent=reply)
        make_comment(post, parent=root)
    for title in ("מצגת ראשונה", "מצגת שנייה"):
        deck = make_presentation(title)
        deck.posts.add(post)
        for number in range(1, 6):
            Slide.objects.create(presentation=deck, number=number, text=f"שקף {number}")


def test_post_page_queries_stay_fixed_as_content_grows(client):
    category = make_category("ארגונים")
    post, _ = add_posts(category, 2)
    small = queries(client, post.get_absolute_url())
    add_posts(category, 28, start=3)
    enrich(post)
    html = client.get(post.get_absolute_url()).content.decode()
    assert html.count('<li class="comment"') == 40 and html.count("data-deck-slide>") == 10
    # post, its tags, comments, decks with slides, neighbours and related posts (the
    # sidebar comes from the cache; one more query when content changed)
    assert small == queries(client, post.get_absolute_url()) <= POST_PAGE_QUERIES


LIST_PAGES = [
    ("blog:index", {}),
    ("blog:category", {"slug": "ארגונים"}),
    ("blog:tag", {"slug": "משותפת"}),
    ("blog:archive-year", {"year": 2010}),
    ("blog:archive-month", {"year": 2010, "month": 3}),
]


@pytest.mark.parametrize(("name", "kwargs"), LIST_PAGES)
def test_list_pages_stay_within_their_query_budget(client, name, kwargs):
    category = make_category("ארגונים")
    posts = add_posts(category, 2)
    url = reverse(name, kwargs=kwargs)
    small = queries(client, url)
    for post in [*posts, *add_posts(category, 28, start=3)]:
        make_comment(post)
    assert small == queries(client, url) <= LIST_PAGE_QUERIES


def test_search_page_stays_within_its_query_budget(client):
    category = make_category()
    add_posts(category, 2)
    url = f"{reverse('blog:search')}?q=משותפת"
    small = queries(client, url)
    add_posts(category, 28, start=3)
    assert small == queries(client, url) <= LIST_PAGE_QUERIES


def _assets(html):
    """The stylesheets and scripts the page asks for, as files under static/."""
    names = [css or js for css, js in ASSET.findall(html)]
    assert all(name.startswith(settings.STATIC_URL) for name in names), names
    return [STATIC_ROOT / name.removeprefix(settings.STATIC_URL) for name in names]


def test_post_page_loads_one_stylesheet_and_only_its_own_scripts(client, seeded):
    html = client.get(seeded.get_absolute_url()).content.decode()
    assert [path.name for path in _assets(html)] == ["site.css", "site.js"]
    assert " style=" not in html and not re.search(r"\son[a-z]+=", html)
    assert "<script>" not in html  # nothing inline but the JSON-LD data


def test_the_cached_sidebar_follows_every_change_a_reader_could_see(client):
    category = make_category("ארגונים")
    add_posts(category, 2)
    assert "קטגוריה חדשה" not in client.get("/").content.decode()
    make_post(category=make_category("קטגוריה חדשה"), published_at=_at(20))
    assert "קטגוריה חדשה" in client.get("/").content.decode()
    Category = type(category)
    Category.objects.filter(name="קטגוריה חדשה").update(name="שם אחר")  # no signal sent
    assert "קטגוריה חדשה" in client.get("/").content.decode()  # kept: nothing said it changed
    Category.objects.get(name="שם אחר").save()  # an editor's save in the admin
    assert "שם אחר" in client.get("/").content.decode()
