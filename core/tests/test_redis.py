"""Shared state in a real Redis (Debian's redis-server, started here on a free loopback
port): the page cache, sessions, form tokens and login failures live there; and when
Redis dies, pages still render and comments are still stored (core/failsoft_cache.py)."""

import logging
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.cache import caches as cache_handler
from django.test import Client, override_settings
from django.urls import reverse

from blog import notifications
from blog.models import Comment
from blog.tests.factories import make_post
from blog.tests.test_comment_farming import post_comment
from core import failsoft_cache

REDIS_SERVER = "/usr/bin/redis-server"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which(REDIS_SERVER) is None,
        reason="needs Debian's redis-server (apt-get install -y redis-server)",
    ),
]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        args = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def keys(self, pattern="*"):
        return redis.Redis.from_url(self.url).keys(pattern)


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def redis_site(redis_server, settings):
    """The site configured as with REDIS_URL: fail-soft Redis cache, cached_db sessions,
    the page and fragment caches on."""
    redis_cache = {
        "BACKEND": "core.failsoft_cache.FailSoftRedisCache",
        "LOCATION": redis_server.url,
        "OPTIONS": settings.REDIS_CACHE_OPTIONS,
    }
    caches = {**settings.CACHES, "default": redis_cache}
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.BLOG_COMMENT_MIN_SECONDS = 0
    settings.BLOG_EDITOR_EMAILS = ["editor@example.org"]
    with override_settings(
        CACHES=caches, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    ):
        failsoft_cache.FailSoftRedisCache._down_until = 0.0
        yield redis_server
        cache_handler["default"].close()
    failsoft_cache.FailSoftRedisCache._down_until = 0.0


def test_pages_sessions_and_tokens_are_kept_in_redis(redis_site, staff_user):
    post = make_post("פוסט במטמון המשותף")
    assert Client().get(post.get_absolute_url()).status_code == 200
    assert redis_site.keys("*content-generation*")
    assert any(b"page" in key for key in redis_site.keys())  # the page cache's entries
    assert post_comment(Client(), post, body="תגובה ראשונה").status_code == 302
    assert redis_site.keys("*blog:comment-token:*")  # the form token, used once
    editor = Client()
    editor.force_login(staff_user)
    assert redis_site.keys("*django.contrib.sessions.cached_db*")
    assert editor.get(reverse("admin:index")).status_code == 200


def test_redis_dying_mid_test_keeps_pages_and_comments(redis_site, staff_user, caplog):
    post = make_post("פוסט שנשאר גלוי")
    reader = Client()
    assert reader.get(post.get_absolute_url()).status_code == 200
    editor = Client()
    editor.force_login(staff_user)

    redis_site.stop()  # Redis dies

    with caplog.at_level(logging.ERROR, logger="core.failsoft_cache"):
        page = Client().get(post.get_absolute_url())
        assert page.status_code == 200 and "פוסט שנשאר גלוי" in page.content.decode()
        assert Client().get("/").status_code == 200
        response = post_comment(Client(), post, body="תגובה בזמן התקלה")
        assert response.status_code == 302
        assert Comment.objects.filter(body="תגובה בזמן התקלה").exists()
        # The session is in the database too (cached_db): the editor stays logged in.
        assert editor.get(reverse("admin:index")).status_code == 200
    assert "Redis cache unavailable" in caplog.text
    assert caplog.text.count("Redis cache unavailable") == 1  # once per outage


def test_no_mail_while_redis_is_down_then_the_digest_catches_up(redis_site, mailoutbox):
    post = make_post()
    redis_site.stop()
    assert post_comment(Client(), post, body="בזמן התקלה").status_code == 302
    assert mailoutbox == []  # no window could be recorded: no mail (no flood of mails)
    redis_site.start()
    failsoft_cache.FailSoftRedisCache._down_until = 0.0
    assert notifications.send_digest() == 1
    assert "בזמן התקלה" in mailoutbox[0].body


def test_the_failsoft_backend_answers_as_a_miss_and_leaves_a_dead_server_alone(
    redis_site, monkeypatch
):
    cache.set("k", "v")
    assert cache.get("k") == "v"
    redis_site.stop()
    assert cache.get("k", "default") == "default"
    assert cache.get_many(["k"]) == {}
    assert cache.add("new", 1) is True  # nothing could be there
    with pytest.raises(ValueError):
        cache.incr("k")
    assert cache.set("k", "w") is None and cache.delete("k") is False
    assert not cache.is_available()
    # While it is marked down, no call reaches the network.
    attempts = []
    real = failsoft_cache.RedisCache.get
    monkeypatch.setattr(
        failsoft_cache.RedisCache, "get", lambda *a, **k: attempts.append(1) or real(*a, **k)
    )
    cache.get("k")
    assert attempts == []
    monkeypatch.setattr(failsoft_cache, "DOWN_SECONDS", 0)
    failsoft_cache.FailSoftRedisCache._down_until = 0.0
    assert cache.get("k") is None and attempts == [1]


def test_login_failures_are_counted_in_redis_and_the_login_works_without_it(redis_site, settings):
    get_user_model().objects.create_superuser("editor2", "e@example.org", "right-pw-12345")
    login = reverse("admin:login")
    client = Client()
    client.post(login, {"username": "editor2", "password": "wrong"}, REMOTE_ADDR="198.51.100.7")
    assert redis_site.keys("*login-failures:198.51.100.7*")
    redis_site.stop()
    response = Client().post(
        login, {"username": "editor2", "password": "right-pw-12345"}, REMOTE_ADDR="198.51.100.8"
    )
    assert response.status_code == 302  # logged in; axes keeps its own count in the database


def test_the_rq_worker_renders_a_queued_deck(redis_server):
    """The Redis queue end to end, in a process configured as with REDIS_URL: an upload's
    rendering is queued in Redis (RQ) and `manage.py worker --batch` renders it."""
    root = Path(__file__).resolve().parent.parent.parent
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS"))}
    env.update(REDIS_URL=redis_server.url, DJANGO_TASKS_BACKEND="rq")
    result = subprocess.run(
        [sys.executable, "scripts/time_deck_worker.py", "--pages", "3"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "state=done slides=3 error=''" in result.stdout, result.stdout + result.stderr
    assert redis.Redis.from_url(redis_server.url).keys("rq:*")  # the job went through Redis
