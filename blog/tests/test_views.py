from datetime import datetime, timedelta
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from blog.tests.factories import make_category, make_comment, make_post

pytestmark = pytest.mark.django_db


def test_home_lists_published_posts_with_their_details(client):
    category = make_category("ארגונים")
    post = make_post("פוסט גלוי", category=category, tags=["ממשל"], excerpt="תקציר הפוסט")
    make_comment(post)
    make_post("טיוטה סודית", status=Post.Status.DRAFT)
    response = client.get(reverse("blog:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "פוסט גלוי" in html and "תקציר הפוסט" in html
    assert "ארגונים" in html and "ממשל" in html
    assert '#comments">תגובה אחת</a>' in html
    assert "טיוטה סודית" not in html


def test_home_is_paginated(client, settings):
    for _ in range(settings.BLOG_POSTS_PER_PAGE + 2):
        make_post()
    first = client.get(reverse("blog:index"))
    assert 'rel="next"' in first.content.decode()
    second = client.get(reverse("blog:index") + "?page=2")
    assert second.status_code == 200
    assert len(second.context["object_list"]) == 2
    assert client.get(reverse("blog:index") + "?page=99").status_code == 404


def test_post_page_shows_the_article(client):
    post = make_post(
        "כותרת הפוסט",
        byline="גילה גדעון",
        published_at=timezone.make_aware(datetime(2010, 3, 24, 12)),
        source_published_on=datetime(2010, 3, 24).date(),
        tags=["מדיה חברתית"],
    )
    make_comment(post, body="תגובה מאושרת")
    make_comment(post, body="תגובה ממתינה", status="pending")
    response = client.get(post.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "כותרת הפוסט" in html
    assert "גילה גדעון" in html
    assert "24 במרץ 2010" in html
    assert 'datetime="2010-03-24T12:00:00+02:00"' in html
    assert "מדיה חברתית" in html
    assert "הפוסט פורסם לראשונה" in html
    assert "תגובות (1)" in html
    assert "תגובה מאושרת" in html and "תגובה ממתינה" not in html
    assert "יש לך מה להגיד? הגב לפוסט" in html


@pytest.mark.parametrize(
    "kwargs",
    [{"status": Post.Status.DRAFT}, {"published_at": timezone.now() + timedelta(days=3)}],
    ids=["draft", "future"],
)
def test_unpublished_posts_are_hidden_from_readers_but_not_staff(client, staff_client, kwargs):
    post = make_post("לא לקוראים", **kwargs)
    assert client.get(post.get_absolute_url()).status_code == 404
    assert "לא לקוראים" not in client.get(reverse("blog:index")).content.decode()
    preview = staff_client.get(post.get_absolute_url())
    assert preview.status_code == 200
    assert "no-cache" in preview["Cache-Control"]
    assert 'name="robots" content="noindex"' in preview.content.decode()


def test_category_and_tag_pages(client):
    category = make_category("ארגונים")
    post = make_post("בקטגוריה", category=category, tags=["מדיה חברתית"])
    make_post("אחר", tags=["אחרת"])
    for url in (category.get_absolute_url(), reverse("blog:tag", kwargs={"slug": "מדיה-חברתית"})):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert post.title in html and "אחר<" not in html
    assert client.get(unquote(category.get_absolute_url())).status_code == 200
    assert client.get(reverse("blog:category", kwargs={"slug": "אין"})).status_code == 404
    assert client.get(reverse("blog:tag", kwargs={"slug": "אין"})).status_code == 404


def test_categories_list_counts_published_posts_only(client):
    category = make_category("ארגונים")
    make_post(category=category)
    make_post(category=category, status=Post.Status.DRAFT)
    html = client.get(reverse("blog:categories")).content.decode()
    assert "ארגונים" in html and "(פוסט אחד)" in html


def test_year_and_month_archives(client):
    march = make_post("מרץ 2010", published_at=timezone.make_aware(datetime(2010, 3, 24, 12)))
    make_post("אפריל 2011", published_at=timezone.make_aware(datetime(2011, 4, 1, 12)))
    year = client.get(reverse("blog:archive-year", kwargs={"year": 2010}))
    assert year.status_code == 200
    assert march.title in year.content.decode() and "אפריל 2011" not in year.content.decode()
    month_url = reverse("blog:archive-month", kwargs={"year": 2010, "month": 3})
    assert month_url.endswith("/2010/03/")
    month = client.get(month_url)
    assert "ארכיון מרץ 2010" in month.content.decode()
    assert client.get(reverse("blog:archive-year", kwargs={"year": 1999})).status_code == 404


def test_hebrew_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "הדף לא נמצא" in response.content.decode()


def test_english_terms_are_isolated_in_titles(client):
    post = make_post("GOV 2.0 ממשל במדיה חברתית")
    html = client.get(post.get_absolute_url()).content.decode()
    assert '<bdi dir="ltr" class="nowrap">GOV 2.0</bdi> ממשל במדיה חברתית' in html


def _many_posts(count=30, comments=50):
    category = make_category()
    posts = [make_post(category=category, tags=["תגית א", f"תגית {i}"]) for i in range(count)]
    for i in range(comments):
        make_comment(posts[i % 3])
    return posts


def test_home_query_count_is_fixed(client, django_assert_num_queries):
    _many_posts()
    # posts count, posts page, tags prefetch, sidebar (categories, months and tags at once)
    with django_assert_num_queries(4):
        assert client.get(reverse("blog:index")).status_code == 200


def test_post_page_query_count_is_fixed(client, django_assert_num_queries):
    posts = _many_posts()
    post = posts[0]
    replies_to = make_comment(post)
    make_comment(post, parent=replies_to)
    # post, tags, comments, slide decks with their slides (and og:image), previous, next
    # and related posts (a reading page: no sidebar)
    with django_assert_num_queries(5):
        assert client.get(post.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("name", "kwargs", "expected"),
    [
        # category lookup, count, page, tags; sidebar (categories, months and tags at once)
        ("blog:category", {"slug": "ארגונים"}, 5),
        # tag lookup, count, page, tags; sidebar
        ("blog:tag", {"slug": "תגית-א"}, 5),
        # categories with counts; sidebar
        ("blog:categories", {}, 2),
        # sidebar (its months say which exist, and the neighbours), count, page, tags
        ("blog:archive-year", {"year": 2010}, 4),
        # the same for a month
        ("blog:archive-month", {"year": 2010, "month": 3}, 4),
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, name, kwargs, expected
):
    """The same number of queries with 2 posts as with 30 posts, tags and comments."""
    category = make_category("ארגונים")
    url = reverse(name, kwargs=kwargs)

    def add_posts(count):
        for i in range(count):
            post = make_post(
                category=category,
                tags=["תגית א", f"תגית {i}"],
                published_at=timezone.make_aware(datetime(2010, 3, 1 + i % 28, 12)),
            )
            make_comment(post)

    add_posts(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_posts(28)
    assert len(few) == expected
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
