"""Status you can see (issue 10.5): the post list shows and filters draft / pending review
/ scheduled (with its time) / published, publishes, unpublishes and moves posts in bulk,
and the dashboard says what waits, each count linking to its list."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog.models import Comment, Post
from blog.tests.factories import make_category, make_comment, make_post

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:blog_post_changelist")


def _posts_of_every_status():
    now = timezone.now()
    return {
        "draft": make_post("טיוטה ראשונה", status=Post.Status.DRAFT),
        "pending": make_post("מחכה לעורך", status=Post.Status.PENDING),
        "scheduled": make_post(
            "יתפרסם בקרוב",
            published_at=timezone.make_aware(timezone.datetime(2031, 5, 4, 9, 30)),
        ),
        "published": make_post("כבר בחוץ", published_at=now - timedelta(days=1)),
    }


def _row(html, title):
    start = html.index(title)
    return html[start : html.index("</tr>", start)]


def test_the_list_shows_what_readers_see_of_each_post(staff_client):
    _posts_of_every_status()
    html = staff_client.get(CHANGELIST).content.decode()
    assert "טיוטה" in _row(html, "טיוטה ראשונה")
    assert "ממתין לבדיקה" in _row(html, "מחכה לעורך")
    assert "מתוזמן ל-4 במאי 2031, 09:30" in _row(html, "יתפרסם בקרוב")
    assert "פורסם" in _row(html, "כבר בחוץ")


@pytest.mark.parametrize("state", ["draft", "pending", "scheduled", "published"])
def test_the_list_filters_by_status(staff_client, state):
    posts = _posts_of_every_status()
    html = staff_client.get(CHANGELIST, {"publication": state}).content.decode()
    shown = {name for name, post in posts.items() if f">{post.title}</a>" in html}
    assert shown == {state}
    assert "מצב פרסום" in html  # the filter's title


def _act(client, action, posts, **extra):
    data = {"action": action, "_selected_action": [post.pk for post in posts], **extra}
    return client.post(CHANGELIST, data, follow=True)


def test_bulk_publish_makes_posts_visible_to_readers(staff_client, client):
    first = make_post("טיוטה א", status=Post.Status.DRAFT)
    second = make_post("טיוטה ב", status=Post.Status.PENDING)
    third = make_post("טיוטה ג", status=Post.Status.DRAFT)
    assert client.get(first.get_absolute_url()).status_code == 404
    # Three: Hebrew's dual ("two") form may read differently from the plural.
    response = _act(staff_client, "publish_selected", [first, second, third])
    assert "3 פוסטים פורסמו." in response.content.decode()
    assert set(Post.objects.values_list("status", flat=True)) == {Post.Status.PUBLISHED}
    assert client.get(first.get_absolute_url()).status_code == 200


def test_bulk_unpublish_hides_posts_from_readers(staff_client, client):
    post = make_post("פוסט שיורד")
    client.get("/")  # the home page is now in the page cache
    response = _act(staff_client, "unpublish_selected", [post])
    assert "פוסט אחד הוחזר לטיוטה ואינו גלוי לקוראים." in response.content.decode()
    assert client.get(post.get_absolute_url()).status_code == 404
    assert "פוסט שיורד" not in client.get("/").content.decode()


def test_bulk_move_to_category_with_the_action_bar_select(staff_client):
    posts = [make_post(), make_post(), make_post()]
    target = make_category("ממשל פתוח")
    response = _act(staff_client, "move_to_category", posts, category=target.pk)
    assert "3 פוסטים הועברו לקטגוריה „ממשל פתוח”." in response.content.decode()
    assert all(post.category == target for post in Post.objects.all())
    # The search documents hold the category: they follow.
    assert "~פתוח" in Post.objects.first().search_document


def test_move_without_a_category_says_what_to_do(staff_client):
    post = make_post()
    category = post.category
    response = _act(staff_client, "move_to_category", [post])
    assert "בחרו קטגוריה ברשימה „לקטגוריה”" in response.content.decode()
    post.refresh_from_db()
    assert post.category == category


def test_the_dashboard_counts_link_to_their_lists(staff_client):
    posts = _posts_of_every_status()
    make_post(status=Post.Status.DRAFT)
    make_post(status=Post.Status.DRAFT)
    make_comment(posts["published"], status=Comment.Status.PENDING)
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert f'<a href="{CHANGELIST}?publication=draft">3 טיוטות</a>' in html
    assert f'<a href="{CHANGELIST}?publication=pending">פוסט אחד ממתין לבדיקה</a>' in html
    assert f'<a href="{CHANGELIST}?publication=scheduled">פוסט אחד מתוזמן לפרסום</a>' in html
    comments = reverse("admin:blog_comment_changelist")
    assert f'<a href="{comments}?status__exact=pending">תגובה אחת ממתינה לאישור</a>' in html


def test_the_dashboard_says_when_nothing_waits(staff_client):
    make_post()
    html = staff_client.get(reverse("admin:index")).content.decode()
    for text in ("אין טיוטות", "אין פוסטים לבדיקה", "אין פוסטים מתוזמנים", "אין תגובות לאישור"):
        assert text in html


def _queries_for_the_list(client, count):
    category = make_category()
    for n in range(count):
        status = [Post.Status.DRAFT, Post.Status.PENDING, Post.Status.PUBLISHED][n % 3]
        make_post(category=category, status=status, tags=["ממשל", f"תגית {n}"])
    client.get(CHANGELIST)  # warm: session, content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def test_the_post_list_costs_the_same_queries_for_3_and_30_posts(staff_client):
    few = _queries_for_the_list(staff_client, 3)
    Post.objects.all().delete()
    many = _queries_for_the_list(staff_client, 30)
    assert few == many, (few, many)
