import pytest
from django.urls import reverse

from blog.models import Post
from blog.tests.factories import make_category, make_comment, make_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "admin:index",
        "admin:blog_post_changelist",
        "admin:blog_post_add",
        "admin:blog_category_changelist",
        "admin:blog_category_add",
        "admin:blog_comment_changelist",
        "admin:blog_presentation_changelist",
        "admin:blog_blockedterm_changelist",
    ],
)
def test_admin_pages_load_in_hebrew(staff_client, name):
    post = make_post(tags=["ממשל"])
    make_comment(post)
    response = staff_client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="he"' in html and 'dir="rtl"' in html
    assert "ניהול הבלוג" in html


def test_post_change_page_and_filters(staff_client):
    post = make_post("פוסט לעריכה", tags=["ממשל"])
    change = staff_client.get(reverse("admin:blog_post_change", args=[post.pk]))
    assert change.status_code == 200
    assert "פוסט לעריכה" in change.content.decode()
    filtered = staff_client.get(reverse("admin:blog_post_changelist") + "?status__exact=draft")
    assert "פוסט לעריכה" not in filtered.content.decode()
    searched = staff_client.get(reverse("admin:blog_post_changelist") + "?q=לעריכה")
    assert "פוסט לעריכה" in searched.content.decode()


def test_editor_can_add_a_post_with_hebrew_tags(staff_client):
    category = make_category("ארגונים")
    response = staff_client.post(
        reverse("admin:blog_post_add"),
        {
            "title": "פוסט חדש",
            "slug": "פוסט-חדש",
            "category": category.pk,
            "tags": "מדיה חברתית, ממשל",
            "excerpt": "",
            "body": "<p>שלום</p><script>x</script>",
            "status": "published",
            "published_at_0": "2024-01-01",
            "published_at_1": "10:00:00",
            "byline": "",
            "comments_open": "on",
            "source_name": "",
            "source_url": "",
            "source_published_on": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get(slug="פוסט-חדש")
    assert sorted(post.tags.names()) == sorted(["ממשל", "מדיה חברתית"])
    assert post.body == "<p>שלום</p>x"
    assert post.author.username == "editor"
