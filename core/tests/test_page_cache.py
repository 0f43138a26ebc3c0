"""The page cache (core.cache, core.middleware.PageCacheMiddleware) and conditional GET.

Each invalidation test first proves the page is served from the cache (a hit runs no
query), then makes one kind of change and checks that the next anonymous reader sees it.
"""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from blog import cache as generation
from blog.models import Comment, Post, Slide
from blog.tests.factories import make_category, make_comment, make_post
from blog.tests.slides_factory import make_presentation
from core import cache as page_cache
from core.models import SitePage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
HOME = reverse("blog:index")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def cached(django_assert_num_queries):
    """GET `url` as a new anonymous reader until it comes from the cache; its HTML."""

    def load(url):
        first = Client().get(url)
        assert first.status_code == 200
        with django_assert_num_queries(0):
            hit = Client().get(url)
        assert hit.content == first.content
        return hit.content.decode()

    return load


def html(url):
    return Client().get(url).content.decode()


# A hit, and what is never cached


def test_a_hit_runs_no_query_and_keeps_every_header(client, django_assert_num_queries):
    post = make_post("פוסט מהמטמון")
    miss = client.get(post.get_absolute_url())
    with django_assert_num_queries(0):
        hit = Client().get(post.get_absolute_url())
    assert hit.content == miss.content and "פוסט מהמטמון" in hit.content.decode()
    for header in ("Content-Type", "Content-Security-Policy", "X-Frame-Options", "ETag"):
        assert hit[header] == miss[header], header
    assert "public" in hit["Cache-Control"] and not hit.cookies


def test_another_workers_page_is_served_from_the_shared_cache(cached):
    """Each process keeps its own copy of the pages it served; one that has none (another
    worker, another server) answers from the shared cache and keeps a copy."""
    post = make_post("עמוד משותף")
    cached(post.get_absolute_url())
    caches[page_cache.LOCAL_COPIES].clear()
    assert "עמוד משותף" in cached(post.get_absolute_url())
    Post.objects.filter(pk=post.pk).update(title="שונה בלי אות")
    cache.delete(page_cache._key(RequestFactory().get(post.get_absolute_url())))
    assert "עמוד משותף" in html(post.get_absolute_url())  # this process's copy


def test_a_change_that_sends_no_signal_is_not_seen_until_the_entry_expires(cached):
    """The control: without invalidation the cached page really is what readers get."""
    post = make_post("כותרת ישנה")
    cached(post.get_absolute_url())
    Post.objects.filter(pk=post.pk).update(title="כותרת חדשה")
    assert "כותרת ישנה" in html(post.get_absolute_url())


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/tinymce/x/", "/media/a.png", "/?utm_source=x", "/search/?q=a&x=1"]
)
def test_editors_pages_files_and_unknown_query_strings_are_not_cached(rf, path):
    assert page_cache.is_cacheable_request(rf.get(path)) is False
    assert page_cache.is_cacheable_request(rf.get("/search/?q=a&page=2")) is True


def test_an_unknown_query_string_is_rendered_every_time():
    make_post()
    Client().get("/?utm_source=x")
    with CaptureQueriesContext(connection) as queries:
        Client().get("/?utm_source=x")
    assert len(queries) > 0


def test_only_a_public_200_that_sets_no_cookie_is_stored():
    def public(**kwargs):
        response = HttpResponse("שלום", **kwargs)
        response["Cache-Control"] = "public, max-age=60"
        return response

    assert page_cache.is_storable(public()) is True
    with_cookie = public()
    with_cookie.set_cookie("csrftoken", "x")
    assert page_cache.is_storable(with_cookie) is False
    assert page_cache.is_storable(public(status=404)) is False
    private = public()
    private["Cache-Control"] = "private, no-cache"
    assert page_cache.is_storable(private) is False


def test_a_page_rendered_before_a_change_is_never_served_after_it(rf):
    request = rf.get("/")
    assert page_cache.fetch(request)[0] is None
    _, ticket = page_cache.fetch(request)
    generation.bump()  # a change lands while the page renders from the old rows
    response = HttpResponse("ישן")
    page_cache.store(ticket, response)
    assert page_cache.fetch(request)[0] is None


def test_a_change_bumps_again_when_its_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        make_post()
    during = generation.current()
    for callback in callbacks:
        callback()
    assert generation.current()[0] != during[0]


# Invalidation: one test per kind of change


def test_saving_a_post_shows_the_change(cached):
    post = make_post("לפני העריכה")
    cached(post.get_absolute_url()), cached(HOME)
    post.title = "אחרי העריכה"
    post.save()
    assert "אחרי העריכה" in html(post.get_absolute_url()) and "אחרי העריכה" in html(HOME)


def test_publishing_a_draft_shows_it(cached):
    make_post()
    draft = make_post("טיוטה שתתפרסם", status=Post.Status.DRAFT)
    assert "טיוטה שתתפרסם" not in cached(HOME)
    draft.status = Post.Status.PUBLISHED
    draft.save()
    assert "טיוטה שתתפרסם" in html(HOME)


def test_unpublishing_a_post_hides_it(cached):
    post = make_post("פוסט שיוסתר")
    assert "פוסט שיוסתר" in cached(HOME)
    cached(post.get_absolute_url())
    post.status = Post.Status.DRAFT
    post.save()
    assert "פוסט שיוסתר" not in html(HOME)
    assert Client().get(post.get_absolute_url()).status_code == 404


def test_deleting_a_post_removes_it(cached):
    make_post()
    post = make_post("פוסט שיימחק")
    assert "פוסט שיימחק" in cached(HOME)
    post.delete()
    assert "פוסט שיימחק" not in html(HOME)


def test_approving_a_comment_shows_it(cached):
    post = make_post()
    comment = make_comment(post, status=Comment.Status.PENDING, body="תגובה שתאושר")
    assert "תגובה שתאושר" not in cached(post.get_absolute_url())
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert "תגובה שתאושר" in html(post.get_absolute_url())


def test_approving_in_the_admin_list_shows_it(cached, staff_client):
    """The admin action updates rows in bulk (no signal): the action bumps itself."""
    post = make_post()
    comment = make_comment(post, status=Comment.Status.PENDING, body="אושרה ברשימה")
    assert "אושרה ברשימה" not in cached(post.get_absolute_url())
    changelist = reverse("admin:blog_comment_changelist")
    data = {"action": "approve", "_selected_action": [comment.pk]}
    assert staff_client.post(changelist, data).status_code == 302
    assert Comment.objects.get().status == Comment.Status.APPROVED
    assert "אושרה ברשימה" in html(post.get_absolute_url())


@pytest.mark.parametrize("how", ["status", "delete"])
def test_removing_a_comment_hides_it(cached, how):
    post = make_post()
    comment = make_comment(post, body="תגובה שתוסר")
    assert "תגובה שתוסר" in cached(post.get_absolute_url())
    if how == "delete":
        comment.delete()
    else:
        comment.status = Comment.Status.REMOVED
        comment.save()
    assert "תגובה שתוסר" not in html(post.get_absolute_url())


def test_a_new_pending_comment_keeps_every_page_cached():
    post = make_post()
    before = generation.current()
    make_comment(post, status=Comment.Status.PENDING)
    make_comment(post, status=Comment.Status.SPAM)
    assert generation.current() == before


def test_renaming_a_category_shows_the_new_name(cached):
    category = make_category("קטגוריה ישנה")
    make_post(category=category)
    assert "קטגוריה ישנה" in cached(HOME)
    category.name = "קטגוריה חדשה"
    category.save()
    assert "קטגוריה חדשה" in html(HOME)


def test_renaming_a_tag_and_tagging_a_post_show_up(cached):
    post = make_post(tags=["תגית ישנה"])
    assert "תגית ישנה" in cached(post.get_absolute_url())
    tag = Tag.objects.get(name="תגית ישנה")
    tag.name = "תגית חדשה"
    tag.save()
    assert "תגית חדשה" in cached(post.get_absolute_url())
    post.tags.add("תגית נוספת")
    assert "תגית נוספת" in html(post.get_absolute_url())


def test_changing_a_deck_or_its_slides_shows_up(cached):
    deck = make_presentation("מצגת ישנה", is_public=True)
    slide = Slide.objects.create(presentation=deck, number=1, text="טקסט ישן")
    assert "מצגת ישנה" in cached(deck.get_absolute_url())
    assert "טקסט ישן" in cached(deck.get_text_url())
    deck.title = "מצגת חדשה"
    deck.save()
    assert "מצגת חדשה" in html(deck.get_absolute_url())
    slide.text = "טקסט חדש"
    slide.save()
    assert "טקסט חדש" in cached(deck.get_text_url())
    post = make_post("פוסט עם מצגת")
    assert "פוסט עם מצגת" not in cached(deck.get_absolute_url())
    deck.posts.add(post)
    assert "פוסט עם מצגת" in html(deck.get_absolute_url())


def test_editing_a_site_page_shows_the_change(cached):
    page = SitePage.objects.get(slug="about")
    cached(page.get_absolute_url())
    page.body = "<p>תוכן מעודכן לעמוד</p>"
    page.save()
    assert "תוכן מעודכן לעמוד" in html(page.get_absolute_url())


def test_a_scheduled_post_appears_at_its_time_not_before_or_after(cached):
    make_post()
    due = timezone.now() + timedelta(seconds=60)
    make_post("פוסט מתוזמן", published_at=due)
    home = Client().get(HOME)
    assert "פוסט מתוזמן" not in home.content.decode()
    assert 0 < int(home["Cache-Control"].split("max-age=")[1].split(",")[0]) <= 60
    assert "פוסט מתוזמן" not in cached(HOME)
    later = due + timedelta(seconds=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("time.time", return_value=later.timestamp()),
    ):
        # Well within the entry's 600 seconds: only the generation can end it.
        assert "פוסט מתוזמן" in html(HOME)
        assert "max-age=300" in Client().get(HOME)["Cache-Control"]


# Readers with something of their own bypass the cache


def test_staff_bypass_the_cache_and_get_private_pages(cached, staff_client):
    make_post()
    draft = make_post("טיוטה לעורכים", status=Post.Status.DRAFT)
    cached(HOME)
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    assert "private" in staff_client.get(HOME)["Cache-Control"]


def test_a_commenter_sees_their_pending_comment_on_a_cached_page(cached, settings):
    settings.BLOG_COMMENT_MIN_SECONDS = 0
    post = make_post()
    cached(post.get_absolute_url())
    commenter = Client()
    token = json.loads(commenter.get(reverse("blog:comment-token", args=[post.slug])).content)
    data = {"author_name": "דנה", "author_email": "d@example.org", "body": "שלי בלבד"}
    url = reverse("blog:comment-create", args=[post.slug])
    assert commenter.post(url, {**data, **token}).status_code == 302
    own = commenter.get(post.get_absolute_url())
    assert "שלי בלבד" in own.content.decode() and "private" in own["Cache-Control"]
    assert "שלי בלבד" not in html(post.get_absolute_url())


def test_a_reader_with_a_message_bypasses_the_cache(cached):
    post = make_post()
    cached(post.get_absolute_url())
    reader = Client()
    reader.cookies["messages"] = "a message for this reader"
    with CaptureQueriesContext(connection) as queries:
        response = reader.get(post.get_absolute_url())
    assert len(queries) > 0 and "private" in response["Cache-Control"]


# Conditional GET and Vary


@pytest.mark.parametrize("url", [HOME, reverse("blog:feed")])
def test_a_matching_conditional_get_answers_304(url):
    make_post()
    first = Client().get(url)
    assert first.status_code == 200 and first["ETag"]
    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert Client().get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_pages_vary_on_cookie_and_encoding_only_and_the_admin_stays_hebrew(staff_client):
    make_post()
    response = Client().get(HOME)
    # Not Accept-Language (one language); Accept-Encoding since kept pages go out gzipped.
    assert response["Vary"] == "Cookie, Accept-Encoding"
    assert "Content-Language" not in response
    admin = staff_client.get(reverse("admin:index")).content.decode()
    assert 'lang="he" dir="rtl"' in admin and "יציאה" in admin and "צפיה באתר" in admin


# Settings: which shared cache


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        # Django's RedisCache, fail-soft (core/failsoft_cache.py)
        ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, "core.failsoft_cache.FailSoftRedisCache"),
        ({}, "django.core.cache.backends.db.DatabaseCache"),
    ],
)
def test_with_debug_off_the_cache_is_shared_by_every_worker(env, backend):
    script = "import django; django.setup(); from django.conf import settings as s; "
    script += "print(s.CACHES['default']['BACKEND'], s.PAGE_CACHE_SECONDS)"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS", "DJANGO_CACHE"))}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, **env, "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 50},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [backend, "600"]
