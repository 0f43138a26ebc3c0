"""The admin login under a password-guessing attack: five failures for a user name from
one address lock that pair out with a Hebrew 429 page, failures are logged, an address
guessing many names is stopped too, and a refused attempt never hashes a password."""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from core import login_guard

pytestmark = pytest.mark.django_db

PASSWORD = "סיסמה-נכונה-וארוכה-2026"


class CountingHasher(PBKDF2PasswordHasher):
    """PBKDF2 with few iterations that counts how often a password is hashed."""

    algorithm = "counting_pbkdf2"
    iterations = 1000
    calls = 0

    def encode(self, password, salt, iterations=None):
        CountingHasher.calls += 1
        return super().encode(password, salt, iterations)


@pytest.fixture(autouse=True)
def _counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["core.tests.test_login_throttle.CountingHasher"]
    CountingHasher.calls = 0


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", password=PASSWORD, is_staff=True, is_superuser=True
    )


def log_in(username, password, ip="198.51.100.30", client=None):
    return (client or Client()).post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def test_five_failures_lock_the_user_from_that_address_with_a_hebrew_page(editor, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        statuses = [log_in("editor", f"ניחוש {n}").status_code for n in range(5)]
    # The form again (with Django's Hebrew error) four times; the fifth failure locks.
    assert statuses == [200, 200, 200, 200, 429]
    assert "AXES: New login failure" in caplog.text  # failures are logged ...
    assert AccessFailureLog.objects.filter(username="editor").count() == 5  # ... and kept
    locked = log_in("editor", PASSWORD)  # even the right password, during the cool-off
    html = locked.content.decode()
    assert locked.status_code == 429
    assert '<html lang="he" dir="rtl">' in html and "יותר מדי ניסיונות כניסה" in html
    assert "נרשמו 5 ניסיונות כניסה שגויים" in html and "בעוד 15 דקות" in html
    assert locked["Retry-After"] == "900"
    assert (
        "Permissions-Policy" in locked
        and "'unsafe-inline'" not in locked["Content-Security-Policy"]
    )


def test_the_lock_is_for_that_user_and_address_only(editor, django_user_model):
    django_user_model.objects.create_user("other", password=PASSWORD, is_staff=True)
    for n in range(5):
        log_in("editor", f"ניחוש {n}")
    assert log_in("editor", PASSWORD, ip="203.0.113.40").status_code == 302
    assert log_in("other", PASSWORD).status_code == 302
    assert log_in("editor", PASSWORD).status_code == 429


def test_a_locked_attempt_hashes_no_password(editor):
    for n in range(5):
        log_in("editor", f"ניחוש {n}")
    before = CountingHasher.calls
    for _ in range(20):
        assert log_in("editor", "עוד ניחוש").status_code == 429
    assert CountingHasher.calls == before


def test_a_success_before_the_limit_starts_the_count_again(editor):
    for n in range(4):
        log_in("editor", f"ניחוש {n}")
    assert log_in("editor", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()
    for n in range(4):
        assert log_in("editor", f"שוב {n}").status_code == 200
    assert log_in("editor", "החמישי").status_code == 429


def test_an_address_guessing_many_user_names_is_stopped_before_hashing(settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 8
    statuses = [log_in(f"user{n}", "x").status_code for n in range(8)]
    assert statuses == [200] * 8
    before = CountingHasher.calls
    refused = log_in("user99", "x")
    assert refused.status_code == 429 and CountingHasher.calls == before
    assert "מהכתובת הזאת נשלחו ניסיונות כניסה שגויים רבים" in refused.content.decode()
    assert log_in("user99", "x", ip="203.0.113.41").status_code == 200  # others log in


def test_the_address_count_is_shared_by_every_worker(settings, monkeypatch):
    """Two workers, each with its own client of the production (database) cache."""
    call_command("createcachetable", "blog_cache", verbosity=0)
    settings.LOGIN_FAILURES_PER_ADDRESS = 2
    monkeypatch.setattr(login_guard, "cache", DatabaseCache("blog_cache", {}))
    log_in("a", "x")
    monkeypatch.setattr(login_guard, "cache", DatabaseCache("blog_cache", {}))
    log_in("b", "x")
    assert log_in("c", "x").status_code == 429


def test_reading_pages_never_counts(editor):
    for _ in range(30):
        assert Client().get("/", REMOTE_ADDR="198.51.100.30").status_code == 200
    assert log_in("editor", PASSWORD).status_code == 302
