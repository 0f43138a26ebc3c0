"""The comment form's timestamp when pages are cached: the reader's clock, not the page's.

A page (maybe minutes old, from the page cache or the browser's) carries a page token
that proves no reading time. site.js swaps it for a fresh one from the token
endpoint when the reader starts writing; without JavaScript, a send with the page token
comes back once to be confirmed, everything typed kept.
"""

import json
import re
import time
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from blog.forms import CONFIRM, TOKEN_SALT, make_token
from blog.models import Comment, Post
from blog.tests.factories import make_post

pytestmark = pytest.mark.django_db

TOKEN_FIELD = re.compile(r'name="token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _cached_pages(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.BLOG_COMMENT_MIN_SECONDS = 3


def token_url(post):
    return reverse("blog:comment-token", kwargs={"slug": post.slug})


def page_token(html):
    return TOKEN_FIELD.search(html).group(1)


def send(client, post, token, **overrides):
    data = {
        "author_name": "נועה",
        "author_email": "noa@example.org",
        "author_url": "",
        "body": "תגובה שנכתבה בעיון רב.",
        "parent": "",
        "token": token,
        "fax": "",
        **overrides,
    }
    url = reverse("blog:comment-create", kwargs={"slug": post.slug})
    return client.post(url, data, REMOTE_ADDR="198.51.100.9")


def later(seconds):
    return mock.patch("time.time", return_value=time.time() + seconds)


def test_the_endpoint_gives_a_fresh_token_that_no_cache_keeps():
    post = make_post()
    response = Client().get(token_url(post))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert not response.cookies
    payload = signing.loads(json.loads(response.content)["token"], salt=TOKEN_SALT)
    assert payload["p"] == post.pk and payload["f"] == 1
    assert abs(payload["t"] - time.time()) < 2
    again = json.loads(Client().get(token_url(post)).content)["token"]
    assert signing.loads(again, salt=TOKEN_SALT)["t"] >= payload["t"]  # never a cached one


def test_the_endpoint_is_for_published_posts_and_get_only():
    draft = make_post(status=Post.Status.DRAFT)
    assert Client().get(token_url(draft)).status_code == 404
    assert Client().post(token_url(make_post())).status_code == 405


def test_the_cached_page_is_the_same_for_every_reader_and_names_the_endpoint():
    post = make_post()
    first, second = Client().get(post.get_absolute_url()), Client().get(post.get_absolute_url())
    assert first.content == second.content and not first.cookies
    html = first.content.decode()
    assert f'data-token-url="{token_url(post)}"' in html
    assert "f" not in signing.loads(page_token(html), salt=TOKEN_SALT)  # a page token


def test_an_immediate_send_from_a_cached_page_is_refused_and_keeps_the_text():
    """The page was rendered five minutes ago; a bot reads it and sends at once."""
    post = make_post()
    with later(-300):
        rendered = Client().get(post.get_absolute_url()).content.decode()  # and cached
    html = Client().get(post.get_absolute_url()).content.decode()
    stale = page_token(html)
    assert stale == page_token(rendered)  # five minutes old, from the cache
    bot = Client()
    response = send(bot, post, stale, body="שלחתי מיד")
    answer = response.content.decode()
    assert response.status_code == 400 and Comment.objects.count() == 0
    assert "שלחתי מיד" in answer and "התגובה עוד לא נשלחה." in answer
    fresh = page_token(answer)
    assert fresh != stale and signing.loads(fresh, salt=TOKEN_SALT)["f"] == 1
    # Sending the confirmed form at once is still too fast; a person's pause is enough.
    assert "הטופס נשלח מהר מדי" in send(bot, post, fresh).content.decode()
    with later(4):
        assert send(bot, post, fresh).status_code == 302
    assert Comment.objects.count() == 1


def test_the_confirm_step_without_javascript_keeps_everything_and_explains():
    post = make_post()
    html = Client().get(post.get_absolute_url()).content.decode()
    reader = Client()
    with later(30):  # the reader took half a minute to write
        response = send(
            reader, post, page_token(html), author_name="רון", body="כתבתי בלי JavaScript"
        )
    answer = response.content.decode()
    assert response.status_code == 400
    assert 'id="comment-form-errors" role="alert"' in answer
    assert str(CONFIRM) in answer
    assert "רון" in answer and "כתבתי בלי JavaScript" in answer
    assert "data-token-url" not in answer  # the form sent back already holds a fresh token
    with later(35):
        assert send(reader, post, page_token(answer)).status_code == 302


def test_with_javascript_a_token_fetched_when_writing_starts_sends_in_one_step():
    post = make_post()
    reader = Client()
    reader.get(post.get_absolute_url())
    token = json.loads(reader.get(token_url(post)).content)["token"]
    assert "הטופס נשלח מהר מדי" in send(reader, post, token).content.decode()
    with later(5):
        assert send(reader, post, token).status_code == 302


def test_other_errors_and_the_confirm_step_are_shown_together():
    post = make_post()
    html = Client().get(post.get_absolute_url()).content.decode()
    response = send(Client(), post, page_token(html), author_email="לא-כתובת")
    answer = response.content.decode()
    assert response.status_code == 400
    assert "כתובת הדוא״ל אינה תקינה" in answer and "עוד צעד אחד" in answer
    assert "התגובה לא נשלחה." in answer


def test_a_token_signed_before_fresh_tokens_existed_needs_confirming():
    post = make_post()
    with later(-60):
        old = signing.dumps({"p": post.pk, "t": int(time.time())}, salt=TOKEN_SALT)
    response = send(Client(), post, old)
    assert response.status_code == 400 and "עוד צעד אחד" in response.content.decode()


def test_a_fresh_token_of_another_post_is_refused():
    post, other = make_post(), make_post()
    token = make_token(other)
    with later(10):
        response = send(Client(), post, token)
    assert response.status_code == 400 and Comment.objects.count() == 0
