"""Posting comments: the form, every validation rule, and what the author sees."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from blog.forms import make_token
from blog.models import Comment, Post
from blog.tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_wait(settings):
    """Tests send the form at once; the minimum fill time has its own test."""
    settings.BLOG_COMMENT_MIN_SECONDS = 0


def form_data(post, **overrides):
    data = {
        "author_name": "דנה כהן",
        "author_email": "dana@example.com",
        "author_url": "",
        "body": "תגובה מעניינת על הפוסט.",
        "parent": "",
        "token": make_token(post),
        "fax": "",
    }
    return {**data, **overrides}


def send(client, post, **overrides):
    url = reverse("blog:comment-create", kwargs={"slug": post.slug})
    return client.post(url, form_data(post, **overrides), REMOTE_ADDR="198.51.100.7")


def test_post_page_has_a_labelled_hebrew_form_and_stays_publicly_cacheable(client):
    post = make_post()
    response = client.get(post.get_absolute_url())
    html = response.content.decode()
    assert 'id="comment-form"' in html
    for label in (
        'for="id_author_name">שם',
        'for="id_author_email">דוא״ל',
        'for="id_author_url">אתר (לא חובה)',
        'for="id_body">תגובה',
    ):
        assert label in html
    assert "לא יוצג באתר." in html
    # No CSRF token: the page is the same for every anonymous reader and sets no cookie.
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert "public" in response["Cache-Control"]


def test_a_comment_is_stored_pending_and_its_author_sees_it_marked(client):
    post = make_post()
    response = send(client, post)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}#comment-{comment.pk}"
    assert comment.status == Comment.Status.PENDING
    assert comment.ip_address == "198.51.100.7"
    assert (comment.author_name, comment.author_email) == ("דנה כהן", "dana@example.com")

    page = client.get(post.get_absolute_url())
    html = page.content.decode()
    assert "התגובה התקבלה ותפורסם אחרי אישור העורכים" in html
    assert "תגובה מעניינת על הפוסט." in html and "ממתינה לאישור" in html
    assert "comment--pending" in html
    assert "private" in page["Cache-Control"]
    # The thank-you note is shown once; the pending comment stays visible to its author.
    again = client.get(post.get_absolute_url()).content.decode()
    assert "התגובה התקבלה" not in again and "תגובה מעניינת על הפוסט." in again

    stranger = Client().get(post.get_absolute_url())
    assert "תגובה מעניינת על הפוסט." not in stranger.content.decode()
    assert "public" in stranger["Cache-Control"]


def test_the_endpoint_needs_no_csrf_cookie(settings):
    post = make_post()
    strict = Client(enforce_csrf_checks=True)
    assert send(strict, post).status_code == 302
    assert Comment.objects.count() == 1


def test_get_on_the_endpoint_is_not_allowed(client):
    post = make_post()
    url = reverse("blog:comment-create", kwargs={"slug": post.slug})
    assert client.get(url).status_code == 405


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"body": ""}, "נא לכתוב את תוכן התגובה."),
        ({"body": "   \n\t  "}, "נא לכתוב את תוכן התגובה."),
        ({"body": "\u202e\u2066 "}, "נא לכתוב את תוכן התגובה."),
        ({"author_name": "  "}, "נא לכתוב שם."),
        ({"author_name": "א" * 81}, "השם ארוך מדי: עד 80 תווים (נכתבו 81)."),
        ({"body": "ב" * 5001}, "הטקסט ארוך מדי: עד 5,000 תווים (נכתבו 5001)."),
        ({"author_email": "לא-כתובת"}, "כתובת הדוא״ל אינה תקינה."),
        ({"author_email": ""}, "נא לכתוב כתובת דוא״ל."),
        ({"author_url": "http://"}, "כתובת האתר אינה תקינה."),
        ({"author_url": "javascript:alert(1)"}, "כתובת האתר אינה תקינה."),
        ({"author_url": "ftp://example.org"}, "כתובת האתר אינה תקינה."),
        ({"body": "טקסט\x00עם תו אפס"}, "הטקסט מכיל תו בקרה אסור"),
    ],
    ids=[
        "empty",
        "whitespace",
        "bidi-only",
        "no-name",
        "long-name",
        "long-body",
        "bad-email",
        "no-email",
        "bad-url",
        "js-url",
        "ftp-url",
        "nul",
    ],
)
def test_invalid_input_gets_a_hebrew_error_and_keeps_what_was_typed(client, overrides, message):
    post = make_post()
    typed = form_data(post, author_name="רותי", body="מה שכתבתי", author_url="https://ruti.example")
    typed.update(overrides)
    response = client.post(reverse("blog:comment-create", kwargs={"slug": post.slug}), typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'aria-invalid="true"' in html and 'role="alert"' in html
    for name in ("author_name", "author_email", "author_url", "body"):
        if typed[name].strip() and "\x00" not in typed[name]:
            assert escape(typed[name]) in html, name
    assert Comment.objects.count() == 0


def test_errors_are_tied_to_their_fields(client):
    post = make_post()
    html = send(client, post, author_email="x").content.decode()
    assert 'id="id_author_email_error"' in html
    assert 'aria-describedby="id_author_email_helptext id_author_email_error"' in html
    assert '<a href="#id_author_email">' in html


@pytest.mark.parametrize("case", ["other-post", "pending", "removed", "missing", "garbage"])
def test_replies_only_to_approved_comments_of_the_same_post(client, case):
    post = make_post()
    parent = {
        "other-post": lambda: make_comment(make_post()).pk,
        "pending": lambda: make_comment(post, status=Comment.Status.PENDING).pk,
        "removed": lambda: make_comment(post, status=Comment.Status.REMOVED).pk,
        "missing": lambda: 999_999,
        "garbage": lambda: "1; DROP TABLE",
    }[case]()
    before = Comment.objects.count()
    response = send(client, post, parent=str(parent), body="תשובה שלי")
    html = response.content.decode()
    assert response.status_code == 400
    assert "אפשר להגיב רק לתגובה שפורסמה בפוסט הזה" in html
    assert "תשובה שלי" in html
    assert 'name="parent" id="id_parent"' in html  # emptied: resending comments on the post
    assert Comment.objects.count() == before


def test_a_reply_nests_under_its_comment_and_deep_replies_stop_at_the_third_level(client):
    post = make_post()
    root = make_comment(post)
    second = make_comment(post, parent=root)
    third = make_comment(post, parent=second)
    assert send(client, post, parent=str(third.pk), body="תשובה עמוקה").status_code == 302
    deep = Comment.objects.get(body="תשובה עמוקה")
    assert deep.depth == 2 and deep.parent == second
    deep.status = Comment.Status.APPROVED
    deep.save()
    html = client.get(post.get_absolute_url()).content.decode()
    assert html.count('<ol class="comment-replies">') == 2  # three levels, no fourth
    assert html.index(f'id="comment-{third.pk}"') < html.index(f'id="comment-{deep.pk}"')


def test_reply_link_works_without_javascript(client):
    post = make_post()
    root = make_comment(post, author_name="יוסי")
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'href="?reply_to={root.pk}#comment-form"' in html
    reply_page = client.get(f"{post.get_absolute_url()}?reply_to={root.pk}").content.decode()
    assert f'name="parent" value="{root.pk}"' in reply_page
    assert "תגובה לתגובה של <bdi data-reply-label>יוסי</bdi>" in reply_page
    pending = make_comment(post, status=Comment.Status.PENDING)
    ignored = client.get(f"{post.get_absolute_url()}?reply_to={pending.pk}").content.decode()
    assert f'name="parent" value="{pending.pk}"' not in ignored


def test_a_post_closed_for_comments_shows_why_and_refuses_politely(client):
    post = make_post(comments_open=False)
    make_comment(post, body="תגובה ישנה")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "התגובות לפוסט הזה סגורות." in html and "תגובה ישנה" in html
    assert 'id="comment-form"' not in html and "reply_to=" not in html
    response = send(client, post, body="ניסיתי בכל זאת")
    assert response.status_code == 400
    html = response.content.decode()
    assert "התגובות לפוסט הזה סגורות." in html and "ניסיתי בכל זאת" in html
    assert Comment.objects.count() == 1


def test_comments_close_automatically_after_the_configured_days(client, settings):
    old = make_post(published_at=timezone.now() - timedelta(days=10))
    recent = make_post(published_at=timezone.now() - timedelta(days=2))
    settings.BLOG_COMMENTS_CLOSE_AFTER_DAYS = 0  # the default: never
    assert send(client, old).status_code == 302
    settings.BLOG_COMMENTS_CLOSE_AFTER_DAYS = 5
    response = send(client, old, body="מאוחר מדי")
    assert response.status_code == 400
    assert "נסגרו 5 ימים אחרי פרסומו" in response.content.decode()
    assert 'id="comment-form"' not in client.get(old.get_absolute_url()).content.decode()
    assert send(client, recent).status_code == 302
    assert Comment.objects.count() == 2


def test_an_unpublished_post_refuses_comments_and_returns_the_text(client):
    draft = make_post("טיוטה סודית", status=Post.Status.DRAFT)
    response = send(client, draft, body="הטקסט שלי")
    html = response.content.decode()
    assert response.status_code == 404
    assert "לא ניתן להגיב לפוסט שאינו מפורסם." in html and "הטקסט שלי" in html
    assert "טיוטה סודית" not in html and "גוף הפוסט" not in html
    future = make_post(published_at=timezone.now() + timedelta(days=1))
    assert send(client, future).status_code == 404
    missing = reverse("blog:comment-create", kwargs={"slug": "אין-כזה"})
    assert client.post(missing, {}).status_code == 404
    assert Comment.objects.count() == 0


class TestSignedToken:
    def test_a_form_sent_too_fast_is_refused_and_can_be_resent(self, client, settings):
        settings.BLOG_COMMENT_MIN_SECONDS = 60
        post = make_post()
        token = make_token(post)
        response = send(client, post, token=token)
        assert response.status_code == 400
        assert "הטופס נשלח מהר מדי" in response.content.decode()
        assert f'value="{token}"' in response.content.decode()  # same token, old enough later
        with mock.patch("time.time", return_value=time.time() + 61):
            assert send(client, post, token=token).status_code == 302

    def test_an_old_token_is_a_replay_and_gets_a_fresh_one(self, client):
        post = make_post()
        with mock.patch("time.time", return_value=time.time() - 13 * 3600):
            stale = make_token(post)
        response = send(client, post, token=stale, body="תגובה מאתמול")
        html = response.content.decode()
        assert response.status_code == 400
        assert "הטופס אינו תקין או שפג תוקפו" in html and "תגובה מאתמול" in html
        assert stale not in html and 'name="token" value="' in html
        assert Comment.objects.count() == 0

    @pytest.mark.parametrize("token", ["", "forged", "eyJwIjoxfQ:abc:def"])
    def test_a_missing_or_forged_token_is_refused(self, client, token):
        post = make_post()
        response = send(client, post, token=token)
        assert response.status_code == 400
        assert "הטופס אינו תקין" in response.content.decode()

    def test_a_token_of_another_post_is_refused(self, client):
        post, other = make_post(), make_post()
        response = send(client, post, token=make_token(other))
        assert response.status_code == 400
        assert Comment.objects.count() == 0


def test_a_double_submit_stores_one_comment(client):
    post = make_post()
    first, second = send(client, post), send(client, post)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1


def test_the_thank_you_note_waits_for_the_post_it_belongs_to(client):
    post, other = make_post(), make_post()
    send(client, post)
    assert "התגובה התקבלה" not in client.get(other.get_absolute_url()).content.decode()
    assert "התגובה התקבלה" in client.get(post.get_absolute_url()).content.decode()
