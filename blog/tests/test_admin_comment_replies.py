"""Comments from the admin (issue 10.8): an editor replies from the comment's page or the
list, the reply is published at once, marked as the editors' and threaded under it; an
editor logged in on the site is not queued for moderation."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Comment
from blog.tests.factories import make_comment, make_post
from blog.tests.test_comments import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.BLOG_COMMENT_MIN_SECONDS = 0


def _reply_url(comment):
    return reverse("admin:blog_comment_reply", args=[comment.pk])


def test_the_list_and_the_comment_page_link_to_the_reply_form(staff_client):
    comment = make_comment(make_post(), author_name="רון")
    listing = staff_client.get(reverse("admin:blog_comment_changelist")).content.decode()
    assert (
        f'href="{_reply_url(comment)}">תשובה<span class="visually-hidden"> לתגובה של רון' in listing
    )
    page = staff_client.get(reverse("admin:blog_comment_change", args=[comment.pk]))
    assert f'<a href="{_reply_url(comment)}">תשובה לתגובה</a>' in page.content.decode()
    form = staff_client.get(_reply_url(comment)).content.decode()
    assert "תשובה לתגובה של רון" in form and comment.body in form


def test_a_reply_is_published_at_once_under_the_comment_with_the_badge(staff_client, client):
    post = make_post()
    comment = make_comment(post, body="שאלה לעורכים")
    response = staff_client.post(_reply_url(comment), {"body": "תודה על השאלה!"}, follow=True)
    assert "התשובה פורסמה." in response.content.decode()
    reply = Comment.objects.get(parent=comment)
    assert reply.status == Comment.Status.APPROVED and reply.by_editor
    assert reply.user.username == "editor" and reply.author_name == "editor"
    page = client.get(post.get_absolute_url()).content.decode()
    thread = page[page.index(f'id="comment-{comment.pk}"') :]
    replies = thread[thread.index('<ol class="comment-replies">') :]
    assert f'id="comment-{reply.pk}"' in replies and "תודה על השאלה!" in replies
    assert '<span class="comment__badge">צוות האתר</span>' in replies
    assert page.count("צוות האתר") == 1  # the reader's own comment has no badge


def test_replying_to_a_waiting_comment_approves_it(staff_client):
    comment = make_comment(make_post(), status=Comment.Status.PENDING)
    staff_client.post(_reply_url(comment), {"body": "מאושר ונענה"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_an_empty_reply_is_refused_in_hebrew(staff_client):
    comment = make_comment(make_post())
    response = staff_client.post(_reply_url(comment), {"body": "  "})
    assert response.status_code == 200
    assert "יש להזין תוכן בשדה זה." in response.content.decode()
    assert not Comment.objects.filter(parent=comment).exists()


def test_a_missing_comment_is_a_404_and_readers_are_sent_to_log_in(staff_client, client):
    assert staff_client.get(reverse("admin:blog_comment_reply", args=[999])).status_code == 404
    comment = make_comment(make_post())
    response = client.post(_reply_url(comment), {"body": "ניסיון"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_without_comment_permissions_cannot_reply(client, django_user_model):
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    writer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(writer)
    comment = make_comment(make_post())
    assert client.post(_reply_url(comment), {"body": "אסור"}).status_code == 403


def _send_from_the_site(client, post, **headers):
    url = reverse("blog:comment-create", kwargs={"slug": post.slug})
    data = form_data(post, author_name="העורכת", body="תגובה מהאתר")
    return client.post(url, data, REMOTE_ADDR="198.51.100.9", **headers)


def test_an_editor_logged_in_on_the_site_is_not_queued(staff_client):
    post = make_post()
    _send_from_the_site(staff_client, post, HTTP_SEC_FETCH_SITE="same-origin")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED and comment.by_editor
    assert comment.user.username == "editor"


def test_without_the_browsers_same_origin_word_an_editor_is_moderated(staff_client):
    _send_from_the_site(staff_client, make_post())
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and not comment.by_editor


def test_a_reader_is_still_queued(client):
    _send_from_the_site(client, make_post(), HTTP_SEC_FETCH_SITE="same-origin")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and not comment.by_editor


def _queries_for_the_comment_list(client, count):
    post = make_post()
    for n in range(count):
        make_comment(post, by_editor=bool(n % 2), status=Comment.Status.PENDING)
    url = reverse("admin:blog_comment_changelist")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_comment_list_with_its_reply_links_costs_the_same_for_3_and_30(staff_client):
    few = _queries_for_the_comment_list(staff_client, 3)
    Comment.objects.all().delete()
    assert _queries_for_the_comment_list(staff_client, 30) == few
