"""Roles (issue 10.9): the groups "עורך" and "כותב" made by core/migrations/0005_roles.py,
what a writer may and may not do in the admin, and an admin in Hebrew on every screen an
editor opens (tags, the post picker, hidden texts for screen readers, 403 and 404)."""

import html as html_module
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from blog.models import Comment, Post
from blog.tests.editorial_forms import save_post
from blog.tests.factories import make_category, make_comment, make_post

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:blog_post_changelist")


def _member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, "staff@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def writer(django_user_model):
    return _member(django_user_model, "writer", "כותב")


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(_member(django_user_model, "עורכת", "עורך"))
    return client


def _codenames(group):
    return set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))


def test_the_migration_makes_both_groups():
    editor = _codenames("עורך")
    assert {"publish_post", "change_comment", "delete_post", "change_tag", "add_image"} <= editor
    assert {"change_sitepage", "view_presentation", "change_blockedterm"} <= editor
    writer = _codenames("כותב")
    assert writer == {
        "add_post",
        "change_post",
        "view_post",
        "view_category",
        "view_image",
        "add_image",
        "view_tag",
    }


def test_a_writer_sees_only_their_own_posts(writer_client, writer):
    make_post("פוסט של אחרים")
    make_post("הטיוטה שלי", author=writer, status=Post.Status.DRAFT)
    html = writer_client.get(CHANGELIST).content.decode()
    assert "הטיוטה שלי" in html and "פוסט של אחרים" not in html
    assert "פרסום הפוסטים שנבחרו" not in html  # no bulk publish


def test_a_writer_cannot_open_someone_elses_post(writer_client):
    other = make_post("פוסט של אחרים")
    response = writer_client.get(reverse("admin:blog_post_change", args=[other.pk]))
    assert response.status_code == 302  # the admin: "no such post" (for this writer)


def test_a_writer_can_save_a_draft_and_send_it_for_review(writer_client, writer):
    response = save_post(writer_client, make_category(), status=Post.Status.PENDING)
    assert response.status_code == 302, response.content.decode()[:3000]
    post = Post.objects.get()
    assert post.status == Post.Status.PENDING and post.author == writer


def test_a_writer_is_never_offered_publishing_and_cannot_force_it(writer_client):
    form = writer_client.get(reverse("admin:blog_post_add")).content.decode()
    select = form[
        form.index('name="status"') : form.index("</select>", form.index('name="status"'))
    ]
    assert "טיוטה" in select and "ממתין לבדיקה" in select and "פורסם" not in select
    response = save_post(writer_client, make_category(), status=Post.Status.PUBLISHED)
    assert response.status_code == 200
    assert "יש לבחור אפשרות חוקית" in response.content.decode()
    assert not Post.objects.exists()


def test_a_writer_cannot_change_their_post_once_it_is_published(writer_client, writer):
    post = make_post("כבר פורסם", author=writer)
    response = save_post(writer_client, post.category, post, body="<p>שינוי</p>")
    assert response.status_code == 403
    html = response.content.decode()
    assert "אין לכם הרשאה לפעולה הזאת" in html and 'dir="rtl"' in html
    post.refresh_from_db()
    assert "שינוי" not in post.body


def test_an_editor_publishes_and_edits_others_posts(editor_client):
    draft = make_post("טיוטה של כותב", status=Post.Status.PENDING)
    editor_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk]}, follow=True
    )
    draft.refresh_from_db()
    assert draft.status == Post.Status.PUBLISHED
    response = save_post(editor_client, draft.category, draft, status="published", body="<p>ע</p>")
    assert response.status_code == 302


# Latin words that are names, not English interface: file formats, the keys a multiple
# choice list tells to hold ("Control", "Command") as printed on them, and content: the
# seed's site pages' addresses (/pages/about/, /pages/accessibility/).
NAMES = {"webp", "jpeg", "png", "gif", "pdf", "html", "svg", "url", "control", "command"}
NAMES |= {"about", "accessibility"}
_HIDDEN = re.compile(
    r"<(script|style|svg|template)\b.*?</\1>|<!--.*?-->|<input[^>]*type=\"hidden\"[^>]*>",
    re.S | re.I,
)
_VISUALLY_HIDDEN = re.compile(r'class="[^"]*visually-hidden[^"]*"[^>]*>([^<]*)<', re.I)


def _english_words(html):
    """Latin words a reader of the page meets: its text, titles, labels, alt texts and
    what is written for screen readers only."""
    html = _HIDDEN.sub(" ", html)
    attributes = re.findall(r'\b(?:title|alt|aria-label|placeholder)="([^"]*)"', html)
    attributes += re.findall(r'<input type="(?:submit|button)"[^>]*value="([^"]*)"', html)
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", html))
    words = re.findall(r"[A-Za-z]{3,}", " ".join([text, *attributes]))
    return sorted({word for word in words if word.lower() not in NAMES})


def _editor_screens():
    post = make_post("פוסט לבדיקה", tags=["ממשל"])
    comment = make_comment(post, status=Comment.Status.PENDING)
    tag = post.tags.get()
    return [
        reverse("admin:index"),
        CHANGELIST,
        reverse("admin:blog_post_add"),
        reverse("admin:blog_post_change", args=[post.pk]),
        reverse("admin:blog_comment_changelist"),
        reverse("admin:blog_comment_change", args=[comment.pk]),
        reverse("admin:blog_comment_reply", args=[comment.pk]),
        reverse("admin:blog_image_changelist"),
        reverse("admin:blog_image_add"),
        reverse("admin:blog_category_changelist"),
        reverse("admin:blog_presentation_add"),  # the post picker (filter_horizontal)
        reverse("admin:taggit_tag_changelist"),
        reverse("admin:taggit_tag_change", args=[tag.pk]),  # rename
        reverse("admin:taggit_tag_delete", args=[tag.pk]),
        reverse("admin:core_sitepage_changelist"),
        "/admin/no-such-screen/",
    ]


def test_every_screen_an_editor_opens_is_in_hebrew(editor_client):
    for url in _editor_screens():
        response = editor_client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        html = response.content.decode()
        assert 'lang="he" dir="rtl"' in html, url
        assert _english_words(html) == [], url


def test_merging_tags_is_in_hebrew(editor_client):
    make_post(tags=["ממשל", "ממשלה"])
    ids = list(Post.tags.through.objects.values_list("tag_id", flat=True))
    changelist = reverse("admin:taggit_tag_changelist")
    response = editor_client.post(
        changelist, {"action": "render_tag_form", "_selected_action": ids}, follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200 and _english_words(html) == []
    merged = editor_client.post(
        reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": "ממשל"}, follow=True
    )
    assert _english_words(merged.content.decode()) == []


def test_the_admin_404_is_in_hebrew_in_the_admins_own_look(editor_client):
    response = editor_client.get("/admin/blog/no-such-thing/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "הדף לא נמצא" in html and "ניהול הבלוג" in html and 'id="site-name"' in html


def test_a_writer_edits_their_own_draft_and_the_dashboard_shows_them_no_counts(
    writer_client, writer
):
    draft = make_post("טיוטה שלי", author=writer, status=Post.Status.DRAFT)
    response = save_post(writer_client, draft.category, draft, status=Post.Status.PENDING)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Post.Status.PENDING
    index = writer_client.get(reverse("admin:index")).content.decode()
    assert "מה מחכה לעורכים" not in index
