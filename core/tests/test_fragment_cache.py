"""The fragment cache on its own (blog.cache.kept and {% fragment %}: a post, a list
page's posts, the sidebar, the article, the comment threads, kept per process for the
current content generation).

Every invalidation test of the page cache runs again here with the page cache off, so
kept fragments are all that could show a reader something stale; then what a kept
render costs and that it is the same page.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from blog.tests.factories import make_comment, make_post
from blog.tests.slides_factory import make_presentation
from core.tests.test_page_cache import (  # noqa: F401  (collected here too)
    HOME,
    test_a_change_that_sends_no_signal_is_not_seen_until_the_entry_expires,
    test_a_commenter_sees_their_pending_comment_on_a_cached_page,
    test_a_scheduled_post_appears_at_its_time_not_before_or_after,
    test_approving_a_comment_shows_it,
    test_approving_in_the_admin_list_shows_it,
    test_changing_a_deck_or_its_slides_shows_up,
    test_deleting_a_post_removes_it,
    test_publishing_a_draft_shows_it,
    test_removing_a_comment_hides_it,
    test_renaming_a_category_shows_the_new_name,
    test_renaming_a_tag_and_tagging_a_post_show_up,
    test_saving_a_post_shows_the_change,
    test_staff_bypass_the_cache_and_get_private_pages,
    test_unpublishing_a_post_hides_it,
)

pytestmark = pytest.mark.django_db

# The comment form's page token carries the time it was made: the one part of a page
# that differs from one render to the next.
TOKEN = re.compile(r'name="token" value="[^"]*"')


@pytest.fixture(autouse=True)
def _fragments_only(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600


def render(url):
    """(HTML without the form token, queries) of one anonymous GET."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200, url
    return TOKEN.sub("", response.content.decode()), len(queries)


@pytest.fixture
def cached():
    """Render `url` twice, so its fragments are kept (the repeat reads no more); its HTML."""

    def load(url):
        first, first_queries = render(url)
        again, again_queries = render(url)
        assert again == first and again_queries <= first_queries
        return again

    return load


def test_a_kept_post_page_is_the_page_rendered_afresh_and_reads_nothing(settings):
    post = make_post("פוסט שנשמר", tags=["ממשל", "מדיה"], body="<p>גוף הפוסט</p>")
    make_post("פוסט שכן", tags=["ממשל"])
    deck = make_presentation("מצגת הפוסט")
    deck.posts.add(post)
    for n in range(30):
        parent = make_comment(post, body=f"תגובה {n}")
        make_comment(post, parent=parent, body=f"תשובה {n}")
    kept, _ = render(post.get_absolute_url())
    again, queries = render(post.get_absolute_url())
    settings.FRAGMENT_CACHE_SECONDS = 0
    fresh, fresh_queries = render(post.get_absolute_url())
    assert kept == again == fresh
    assert "תשובה 19" in kept and "תגובה 20" not in kept and "פוסט שכן" in kept
    # Nothing but the cache: the post, its decks, neighbours, threads and sidebar are kept.
    assert queries == 0 < fresh_queries


@pytest.mark.parametrize("url", [HOME, f"{HOME}?page=2"])
def test_a_kept_list_page_is_the_page_rendered_afresh_and_reads_nothing(settings, url):
    for n in range(15):
        make_post(f"פוסט ברשימה {n}", tags=["תגית"])
    kept, _ = render(url)
    again, queries = render(url)
    settings.FRAGMENT_CACHE_SECONDS = 0
    fresh, _ = render(url)
    assert kept == again == fresh and queries == 0
    assert "מתוך 2</span>" in kept and "פוסט ברשימה" in kept


def test_a_repeated_search_is_the_page_rendered_afresh_and_reads_nothing(settings):
    for n in range(12):
        make_post(f"ממשלה פתוחה {n}", body="<p>הממשלה פרסמה נתונים.</p>")
    url = "/search/?q=%D7%9E%D7%9E%D7%A9%D7%9C%D7%94&page=2"  # ממשלה, the second page
    kept, _ = render(url)
    again, queries = render(url)
    settings.FRAGMENT_CACHE_SECONDS = 0
    fresh, fresh_queries = render(url)
    assert kept == again == fresh and queries == 0 < fresh_queries
    assert "נמצאו 12 פוסטים" in kept and "<mark>הממשלה</mark>" in kept
    settings.FRAGMENT_CACHE_SECONDS = 600
    make_post("ממשלה חדשה", body="<p>עוד על הממשלה.</p>")  # a new generation
    assert "נמצאו 13 פוסטים" in render(url)[0]


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/", "/comments/feed/"])
def test_a_feed_is_kept_until_something_changes(url):
    post = make_post("פוסט בפיד")
    make_comment(post, body="תגובה בפיד")
    first, _ = render(url)
    again, queries = render(url)
    assert again == first and queries == 0
    newer = make_post("פוסט חדש בפיד")
    make_comment(newer, body="תגובה חדשה בפיד")
    assert "חדש" in render(url)[0]


def test_a_feed_of_a_missing_category_is_still_a_404():
    assert Client().get("/category/no-such-category/feed/").status_code == 404
    assert Client().get("/category/no-such-category/feed/").status_code == 404


def test_a_tracking_parameter_reuses_the_kept_list_page():
    for n in range(12):
        make_post(f"פוסט ברשימה {n}")
    render(f"{HOME}?page=2")
    html, queries = render(f"{HOME}?page=2&utm_source=newsletter")
    assert "פוסט ברשימה" in html and "מתוך 2</span>" in html
    # The page of posts and the sidebar are kept; only the list's HTML is rendered again.
    assert queries == 0
