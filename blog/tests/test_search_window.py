"""The search window: a query looks at the newest BLOG_SEARCH_WINDOW posts that hold all
its words, so its cost is the same at 1,000 posts and at 20,000 (scripts/bench_search.py)."""

import pytest
from django.test import override_settings
from django.urls import reverse

from blog.models import Post
from blog.search import SearchQuery
from blog.tests.factories import make_category, make_post

pytestmark = pytest.mark.django_db

SEARCH = reverse("blog:search")


@pytest.fixture
def five():
    """Five posts about the government, oldest created first (ids grow with them)."""
    category = make_category()
    return [make_post(f"ממשלה מספר {i}", category=category) for i in range(5)]


def test_a_query_looks_at_the_newest_posts_holding_its_words(five):
    with override_settings(BLOG_SEARCH_WINDOW=3):
        window = SearchQuery.parse("ממשלה").window()
        assert window.full and window.start == five[2].pk
        assert set(Post.objects.search("ממשלה")) == set(five[2:])
    with override_settings(BLOG_SEARCH_WINDOW=10):
        window = SearchQuery.parse("ממשלה").window()
        assert not window.full and window.start == five[0].pk
        assert set(Post.objects.search("ממשלה")) == set(five)


def test_a_phrase_fills_its_window_with_posts_holding_its_words_anywhere(five):
    # Newer posts hold both words apart; only the oldest has the phrase itself.
    phrase = make_post("על משרד החוץ", category=five[0].category)
    apart = [make_post("משרד הפנים ולא החוץ", category=five[0].category) for _ in range(3)]
    with override_settings(BLOG_SEARCH_WINDOW=10):
        assert list(Post.objects.search('"משרד החוץ"')) == [phrase]
    with override_settings(BLOG_SEARCH_WINDOW=3):
        window = SearchQuery.parse('"משרד החוץ"').window()
        assert window.full and window.start == apart[0].pk
        assert list(Post.objects.search('"משרד החוץ"')) == []


def test_words_no_post_holds_cost_one_query_and_find_nothing(five, django_assert_num_queries):
    query = SearchQuery.parse("קוקוריקו")
    with django_assert_num_queries(1):
        assert not query.window().full and query.window().start is None
        assert list(Post.objects.search(query)) == []


def test_drafts_in_the_window_are_never_shown(five):
    draft = make_post("ממשלה בטיוטה", category=five[0].category, status=Post.Status.DRAFT)
    with override_settings(BLOG_SEARCH_WINDOW=3):
        results = list(Post.objects.published().search("ממשלה"))
    assert draft not in results and set(results) == {five[3], five[4]}


def test_the_results_page_says_when_older_posts_were_left_out(client, five):
    with override_settings(BLOG_SEARCH_WINDOW=3):
        html = client.get(SEARCH, {"q": "ממשלה"}).content.decode()
    assert "נמצאו 3 פוסטים" in html
    assert "החיפוש עבר על 3 הפוסטים החדשים ביותר שבהם מופיעות כל המילים" in html
    html = client.get(SEARCH, {"q": "ממשלה"}).content.decode()
    assert "נמצאו 5 פוסטים" in html and "הפוסטים החדשים ביותר" not in html
