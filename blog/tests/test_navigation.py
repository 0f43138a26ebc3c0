"""Navigation: breadcrumbs, previous/next, archive and tag widgets, related posts, dates."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from blog.templatetags.hebrew_text import hebrew_date
from blog.templatetags.navigation import adjacent_posts, neighbours, related_posts
from blog.tests.factories import make_category, make_post

pytestmark = pytest.mark.django_db


def _at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 12))


def test_hebrew_calendar_date():
    assert hebrew_date(date(2010, 3, 24)) == "ט׳ בניסן תש״ע"
    # 23:30 UTC is already the next civil day in Jerusalem.
    late = datetime(2010, 3, 23, 23, 30, tzinfo=UTC)
    assert hebrew_date(late) == "ט׳ בניסן תש״ע"
    assert hebrew_date(None) == ""


def test_post_page_shows_both_dates_with_machine_readable_times(client):
    post = make_post("פוסט", published_at=_at(2010, 3, 24))
    html = client.get(post.get_absolute_url()).content.decode()
    assert '<time datetime="2010-03-24T12:00:00+02:00">24 במרץ 2010</time>' in html
    assert '<time datetime="2010-03-24">ט׳ בניסן תש״ע</time>' in html
    # List cards keep only the civil date.
    assert "ט׳ בניסן" not in client.get(reverse("blog:index")).content.decode()


def test_breadcrumbs(client):
    category = make_category("ארגונים")
    post = make_post(
        "GOV 2.0 בישראל", category=category, tags=["ממשל"], published_at=_at(2010, 3, 24)
    )
    # A post has none (the first paragraph starts on a phone's first screen): the byline
    # links its category, and its JSON-LD keeps the whole trail.
    html = client.get(post.get_absolute_url()).content.decode()
    assert "פירורי לחם" not in html
    assert f'<a href="{category.get_absolute_url()}" rel="category">ארגונים</a>' in html
    assert '"@type":"BreadcrumbList"' in html
    html = client.get(category.get_absolute_url()).content.decode()
    trail = html[
        html.index('aria-label="פירורי לחם"') : html.index("</nav>", html.index("פירורי לחם"))
    ]
    assert '<li><a href="/">ראשי</a></li>' in trail
    assert '<span aria-current="page">' in trail and "ארגונים" in trail
    month = client.get(reverse("blog:archive-month", kwargs={"year": 2010, "month": 3}))
    assert '<a href="/archive/2010/">ארכיון 2010</a>' in month.content.decode()
    assert '<span aria-current="page">מרץ 2010</span>' in month.content.decode()
    tag = client.get(reverse("blog:tag", kwargs={"slug": "ממשל"})).content.decode()
    assert '<span aria-current="page">תגית: ממשל</span>' in tag
    # The home page needs none, and error pages do not break.
    assert "פירורי לחם" not in client.get(reverse("blog:index")).content.decode()
    missing = client.get(reverse("blog:category", kwargs={"slug": "אין"}))
    assert missing.status_code == 404 and "פירורי לחם" not in missing.content.decode()


def test_previous_and_next_posts(client):
    oldest = make_post("הישן", published_at=_at(2010, 1, 1))
    middle = make_post("האמצעי", published_at=_at(2010, 2, 1))
    newest = make_post("החדש", published_at=_at(2010, 3, 1))
    make_post("טיוטה", published_at=_at(2010, 1, 15), status=Post.Status.DRAFT)
    assert adjacent_posts(middle) == (oldest, newest)
    assert adjacent_posts(oldest) == (None, middle)
    assert adjacent_posts(newest) == (middle, None)
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'<a href="{oldest.get_absolute_url()}" rel="prev">' in html
    assert f'<a href="{newest.get_absolute_url()}" rel="next">' in html
    # Same publication time: the id breaks the tie, so no post is skipped.
    twin = make_post("תאום", published_at=middle.published_at)
    assert adjacent_posts(middle) == (oldest, twin)
    assert adjacent_posts(twin) == (middle, newest)


def test_related_posts_rank_by_shared_tags_then_category_then_recency(client):
    home = make_category("בית")
    post = make_post("הפוסט", category=home, tags=["א", "ב", "ג"], published_at=_at(2012, 1, 1))
    two_tags = make_post("שתי תגיות", tags=["א", "ב"], published_at=_at(2010, 1, 1))
    one_tag_same_cat = make_post(
        "תגית וקטגוריה", category=home, tags=["ג"], published_at=_at(2009, 1, 1)
    )
    one_tag_new = make_post("תגית חדשה", tags=["א"], published_at=_at(2011, 6, 1))
    one_tag_old = make_post("תגית ישנה", tags=["ב"], published_at=_at(2008, 1, 1))
    make_post("קטגוריה בלבד", category=home, published_at=_at(2011, 1, 1))
    make_post("לא קשור", tags=["ד"], published_at=_at(2011, 12, 1))
    make_post("טיוטה", tags=["א", "ב", "ג"], status=Post.Status.DRAFT)
    post = Post.objects.prefetch_related("tags").get(pk=post.pk)
    assert related_posts(post) == [two_tags, one_tag_same_cat, one_tag_new, one_tag_old]
    assert [p.title for p in related_posts(post, limit=6)][-1] == "קטגוריה בלבד"
    html = client.get(post.get_absolute_url()).content.decode()
    assert "אהבת את הפוסט הזה? יתכן ותאהב גם את:" in html
    section = html[html.index("related-title") :]
    assert section.index("שתי תגיות") < section.index("תגית ישנה")
    assert "לא קשור" not in section


def test_related_posts_are_hidden_when_there_are_none(client):
    post = make_post("בודד", tags=["ייחודי"])
    make_post("אחר", tags=["אחרת"])
    html = client.get(post.get_absolute_url()).content.decode()
    assert "אהבת את הפוסט הזה?" not in html


def test_archive_widget_counts_months(client):
    make_post(published_at=_at(2010, 3, 24))
    make_post(published_at=_at(2010, 3, 2))
    make_post(published_at=_at(2011, 4, 1))
    make_post(published_at=_at(2011, 5, 1), status=Post.Status.DRAFT)
    html = client.get(reverse("blog:index")).content.decode()
    widget = html[html.index('id="widget-archive"') :]
    march = '<time datetime="2010-03">מרץ<span class="visually-hidden"> 2010</span></time>'
    count = '<span class="count">(2<span class="visually-hidden"> פוסטים</span>)</span>'
    assert f'<a href="/archive/2010/03/">{march}</a> {count}' in widget
    assert '<a href="/archive/2011/04/">' in widget and "/archive/2011/05/" not in widget
    assert widget.index("/archive/2011/") < widget.index("/archive/2010/")


def test_tags_widget_counts_published_posts(client):
    make_post(tags=["ממשל", "GOV 2.0"])
    make_post(tags=["ממשל"])
    make_post(tags=["סודי"], status=Post.Status.DRAFT)
    html = client.get(reverse("blog:index")).content.decode()
    widget = html[html.index('id="widget-tags"') :]
    tag_url = reverse("blog:tag", kwargs={"slug": "ממשל"})
    count = '<span class="count">(2<span class="visually-hidden"> פוסטים</span>)</span>'
    assert f'<a href="{tag_url}" rel="tag">ממשל</a> {count}' in widget
    assert '<bdi dir="ltr" class="nowrap">GOV 2.0</bdi></a> <span class="count">(1' in widget
    assert "סודי" not in widget


def test_sidebar_and_neighbours_each_run_one_query(django_assert_num_queries):
    category = make_category()
    posts = [
        make_post(
            category=category,
            tags=["משותפת", f"תגית {i}"],
            published_at=_at(2000 + i % 20, 1 + i % 12, 1),
        )
        for i in range(40)
    ]
    post = Post.objects.prefetch_related("tags").get(pk=posts[10].pk)
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        Template("{% include 'includes/sidebar.html' %}").render(Context({"request": request}))
    with django_assert_num_queries(1):
        found = neighbours(post)
    assert len(found.related) == 4 and found.older and found.newer


def test_home_page_query_count_with_sidebar_widgets(client, django_assert_num_queries):
    for i in range(30):
        make_post(
            tags=["משותפת", f"תגית {i}"], published_at=timezone.now() - timedelta(days=40 * i)
        )
    # posts count, posts page, tags prefetch, sidebar (categories, months and tags at once)
    with django_assert_num_queries(4):
        assert client.get(reverse("blog:index")).status_code == 200
