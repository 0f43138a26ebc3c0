"""A reader searches in Hebrew from the header and lands on the post."""

import pytest
from playwright.sync_api import expect

from e2e.helpers import POST_TITLE, assert_accessible, assert_no_problems, visit

pytestmark = pytest.mark.browser


def test_reader_searches_in_hebrew_and_opens_the_post(page):
    visit(page, "/categories/")
    box = page.get_by_role("search").get_by_label("חיפוש באתר")
    # "בממשלה" (with the prefix ב) must find the article, which says "הממשלה" and "ממשלה".
    box.fill("בממשלה")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("חיפוש באתר")
    expect(page.locator(".search-summary")).to_contain_text("נמצא פוסט אחד")
    expect(page.get_by_label("מה לחפש?")).to_have_value("בממשלה")
    result = page.locator(".search-result").filter(has_text=POST_TITLE)
    expect(result.locator("mark").first).to_be_visible()
    assert_accessible(page, "search results")
    result.get_by_role("link", name=POST_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(POST_TITLE)
    assert_no_problems(page)


def test_search_without_matches_says_so_in_hebrew(page):
    visit(page, "/search/?q=קוקוריקו")
    expect(page.locator(".search-summary")).to_contain_text("לא נמצאו פוסטים עבור")
    expect(page.locator(".search-result")).to_have_count(0)
    assert_accessible(page, "search without results")


def test_marks_follow_the_query_analysis_and_phrases(page):
    # "ממשל" is a word of its own: the article's "למשל" (ל+משל) is not marked.
    visit(page, "/search/?q=ממשל")
    result = page.locator(".search-result").filter(has_text=POST_TITLE)
    marks = result.locator("mark")
    expect(marks.first).to_be_visible()
    assert "למשל" not in marks.all_inner_texts()
    # The quoted phrase "web 2.0" finds the article without marking the "2.0" of its
    # title's "GOV 2.0".
    visit(page, '/search/?q="web 2.0"')
    title = page.locator(".search-result__title").filter(has_text="GOV 2.0")
    expect(title).to_be_visible()
    expect(title.locator("mark")).to_have_count(0)
    assert_accessible(page, "phrase search results")
