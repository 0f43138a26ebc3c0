"""The comment endpoint under attack: a token is good for one comment on one post, other
sites cannot post through a reader's browser, the rate limits hold across workers, a
flood sends editors one digest, and commenting stores no session."""

import json
import time
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from blog import moderation, notifications
from blog.forms import USED_TOKEN, make_token
from blog.models import Comment
from blog.own_comments import COOKIE
from blog.tests.factories import make_post
from blog.tests.test_comments import form_data
from blog.views.comments import CROSS_SITE, POST_BUSY, RATE_LIMITED

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.BLOG_COMMENT_MIN_SECONDS = 0
    settings.BLOG_EDITOR_EMAILS = ["editor@example.org"]


def post_comment(client, post, ip="198.51.100.20", headers=None, **overrides):
    url = reverse("blog:comment-create", kwargs={"slug": post.slug})
    return client.post(url, form_data(post, **overrides), REMOTE_ADDR=ip, headers=headers or {})


class TestOneTokenOneComment:
    def test_a_used_token_is_refused_with_the_text_kept_and_a_fresh_token(self):
        post, token = make_post(), None
        token = make_token(post)
        assert post_comment(Client(), post, token=token, body="ראשונה").status_code == 302
        again = post_comment(Client(), post, token=token, body="שנייה, באותו טופס")
        html = again.content.decode()
        assert again.status_code == 400 and Comment.objects.count() == 1
        assert str(USED_TOKEN) in html and "שנייה, באותו טופס" in html
        assert f'value="{token}"' not in html  # the form holds a new token to send with

    def test_a_copied_token_cannot_farm_comments(self):
        post = make_post()
        token = json.loads(Client().get(f"{post.get_absolute_url()}comment/token/").content)
        statuses = [
            post_comment(
                Client(), post, ip=f"203.0.113.{n}", token=token["token"], body=f"ספאם {n}"
            ).status_code
            for n in range(1, 6)
        ]
        assert statuses == [302, 400, 400, 400, 400]
        assert Comment.objects.count() == 1

    def test_the_used_token_record_is_shared_by_every_worker(self, settings):
        """Two processes, each with its own cache client, on the production cache (the
        database table; Redis behaves alike): the second sees the first's record."""
        call_command("createcachetable", "blog_cache", verbosity=0)
        first, second = DatabaseCache("blog_cache", {}), DatabaseCache("blog_cache", {})
        with mock.patch.object(moderation, "cache", first):
            assert moderation.use_token("abc") is True
        with mock.patch.object(moderation, "cache", second):
            assert moderation.use_token("abc") is False
            assert moderation.use_token("another") is True

    def test_a_token_lives_hours_not_half_a_day(self, settings):
        assert 3600 <= settings.BLOG_COMMENT_MAX_AGE <= 4 * 3600
        post = make_post()
        with mock.patch("time.time", return_value=time.time() - 3 * 3600):
            old = make_token(post)
        response = post_comment(Client(), post, token=old)
        assert response.status_code == 400 and "פג תוקפו" in response.content.decode()


class TestCrossSite:
    @pytest.mark.parametrize(
        "headers",
        [
            {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
            {"Origin": "null"},
            {"Sec-Fetch-Site": "cross-site"},
            {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain
        ],
    )
    def test_a_form_on_another_site_is_refused_in_hebrew(self, headers):
        post = make_post()
        response = post_comment(Client(), post, headers=headers, body="נשלח מאתר אחר")
        html = response.content.decode()
        assert response.status_code == 403 and Comment.objects.count() == 0
        assert str(CROSS_SITE) in html and "נשלח מאתר אחר" in html

    @pytest.mark.parametrize(
        "headers",
        [
            {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
            {"Sec-Fetch-Site": "same-origin"},
            {},  # an old browser or a script: the other defences still apply
        ],
    )
    def test_the_sites_own_form_passes(self, headers):
        assert post_comment(Client(), make_post(), headers=headers).status_code == 302

    def test_a_trusted_origin_passes(self, settings):
        settings.CSRF_TRUSTED_ORIGINS = ["https://www.blog.example"]
        headers = {"Origin": "https://www.blog.example", "Sec-Fetch-Site": "same-site"}
        assert post_comment(Client(), make_post(), headers=headers).status_code == 302

    def test_the_post_page_stays_publicly_cacheable(self):
        response = Client().get(make_post().get_absolute_url())
        assert "public" in response["Cache-Control"] and not response.cookies


class TestRateLimits:
    def test_the_client_limit_holds_across_workers(self, settings):
        """Each request below could be served by a different worker with an empty
        memory (the cache is cleared between them): the count is in the database."""
        settings.BLOG_COMMENT_RATE_LIMIT = 3
        post = make_post()
        statuses = []
        for n in range(5):
            cache.clear()
            statuses.append(post_comment(Client(), post, body=f"תגובה {n}").status_code)
        assert statuses == [302, 302, 302, 429, 429]
        assert Comment.objects.count() == 3
        refused = post_comment(Client(), post, body="עוד אחת")
        assert str(RATE_LIMITED) in refused.content.decode()
        assert post_comment(Client(), post, ip="203.0.113.50").status_code == 302

    def test_the_window_ends(self, settings):
        settings.BLOG_COMMENT_RATE_LIMIT = 1
        post = make_post()
        assert post_comment(Client(), post, body="א").status_code == 302
        assert post_comment(Client(), post, body="ב").status_code == 429
        Comment.objects.update(created_at=Comment.objects.get().created_at.replace(year=2020))
        assert post_comment(Client(), post, body="ג").status_code == 302

    def test_a_post_takes_only_so_many_comments_from_everyone(self, settings):
        settings.BLOG_COMMENT_POST_RATE_LIMIT = 3
        post, other = make_post(), make_post()
        statuses = [
            post_comment(Client(), post, ip=f"192.0.2.{n}", body=f"בוט {n}").status_code
            for n in range(1, 6)
        ]
        assert statuses == [302, 302, 302, 429, 429]
        busy = post_comment(Client(), post, ip="192.0.2.99", body="קורא אמיתי")
        assert str(POST_BUSY) in busy.content.decode() and "קורא אמיתי" in busy.content.decode()
        assert post_comment(Client(), other, ip="192.0.2.99").status_code == 302


class TestNoSession:
    def test_a_comment_creates_no_session_row_and_its_author_still_sees_it(self):
        post, reader = make_post(), Client()
        response = post_comment(reader, post, body="תגובה בלי סשן")
        assert response.status_code == 302 and Session.objects.count() == 0
        assert COOKIE in response.cookies and response.cookies[COOKIE]["httponly"]
        page = reader.get(post.get_absolute_url())
        html = page.content.decode()
        assert "תגובה בלי סשן" in html and "ממתינה לאישור" in html
        assert "private" in page["Cache-Control"]  # per visitor: kept out of shared caches
        assert Session.objects.count() == 0

    def test_a_forged_cookie_shows_nothing(self):
        post = make_post()
        post_comment(Client(), post, body="של מישהו אחר")
        comment = Comment.objects.get()
        stranger = Client()
        stranger.cookies[COOKIE] = f'{{"c":[{comment.pk}]}}'
        html = stranger.get(post.get_absolute_url()).content.decode()
        assert "של מישהו אחר" not in html

    def test_the_page_cache_steps_aside_for_the_cookie(self, settings):
        settings.PAGE_CACHE_SECONDS = 600
        post, reader = make_post(), Client()
        Client().get(post.get_absolute_url())  # cached for everyone
        post_comment(reader, post, body="רק אני רואה")
        assert "רק אני רואה" in reader.get(post.get_absolute_url()).content.decode()
        assert "רק אני רואה" not in Client().get(post.get_absolute_url()).content.decode()


class TestDigest:
    def test_a_flood_sends_one_email_then_one_digest(self):
        post = make_post("פוסט מוצף")
        for n in range(5):
            post_comment(Client(), post, ip=f"192.0.2.{n + 1}", body=f"תגובה מספר {n}")
        assert Comment.objects.count() == 5
        assert len(mail.outbox) == 1  # the first, at once
        assert "תגובה מספר 0" in mail.outbox[0].body
        call_command("send_comment_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert len(mail.outbox) == 1  # the window still runs
        cache.delete(notifications.WINDOW_KEY)  # ... the window has passed
        call_command("send_comment_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert len(mail.outbox) == 2
        digest = mail.outbox[1]
        assert digest.subject == "4 תגובות חדשות באתר"
        assert all(f"תגובה מספר {n}" in digest.body for n in range(1, 5))
        assert "תגובה מספר 0" not in digest.body
        assert digest.body.count("/admin/blog/comment/") == 4

    def test_the_next_comment_after_the_window_sends_the_digest(self):
        post = make_post()
        post_comment(Client(), post, ip="192.0.2.1", body="ראשונה")
        post_comment(Client(), post, ip="192.0.2.2", body="שנייה")
        cache.delete(notifications.WINDOW_KEY)
        post_comment(Client(), post, ip="192.0.2.3", body="שלישית")
        assert len(mail.outbox) == 2
        assert "שנייה" in mail.outbox[1].body and "שלישית" in mail.outbox[1].body
        assert "ראשונה" not in mail.outbox[1].body

    def test_spam_is_never_mailed_and_nothing_pending_sends_nothing(self):
        post = make_post()
        post_comment(Client(), post, fax="honeypot")
        assert not mail.outbox
        assert notifications.send_digest() == 0 and not mail.outbox
