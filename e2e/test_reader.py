"""A reader finds the article from the home page and moves through tags, category and archive."""

import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from e2e.helpers import (
    CATEGORY_NAME,
    POST_PATH,
    POST_TITLE,
    TAG_NAME,
    VIEWPORTS,
    assert_no_problems,
    visit,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_reader_goes_from_home_to_the_article_then_tag_and_category(page, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    visit(page, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("הפוסטים האחרונים")
    page.get_by_role("heading", level=2, name=POST_TITLE).get_by_role("link").click()

    assert unquote(page.url).endswith(POST_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(POST_TITLE)
    meta = page.locator(".post__header .post-meta")
    # The byline reads as one line: "מאת גילה גדעון · 24 במרץ 2010 (…) · ארגונים · …"
    # (the dots come from the stylesheet).
    expect(meta).to_contain_text("מאת גילה גדעון")
    expect(meta.locator("time").first).to_have_text("24 במרץ 2010")
    assert meta.bounding_box()["height"] < 80, "the byline should take one or two lines"
    expect(meta.locator("time").first).to_have_attribute("datetime", "2010-03-24T12:00:00+02:00")
    expect(page.locator(".post__body")).to_contain_text("ירון גמבורג")

    page.locator(".post__header").get_by_role("link", name=TAG_NAME, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"תגית: {TAG_NAME}")
    expect(page.get_by_role("link", name=POST_TITLE, exact=True)).to_be_visible()

    page.locator("main .post-meta").get_by_role("link", name=CATEGORY_NAME).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"קטגוריה: {CATEGORY_NAME}")
    expect(page.get_by_role("link", name=POST_TITLE, exact=True)).to_be_visible()
    assert_no_problems(page)


def test_reader_browses_categories_and_the_archive(page):
    visit(page, "/")
    page.get_by_role("navigation", name="ניווט ראשי").get_by_role("link", name="קטגוריות").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("קטגוריות")
    # Other journeys may have published more posts in this category by now.
    expect(page.locator("main .category-list")).to_contain_text(
        re.compile(r"ארגונים\s+\(\d+ פוסטים\)")
    )

    visit(page, "/archive/2010/")
    expect(page.get_by_role("heading", level=1)).to_have_text("ארכיון שנת 2010")
    page.get_by_role("navigation", name="חודשי השנה").get_by_role("link", name="מרץ 2010").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ארכיון מרץ 2010")
    page.get_by_role("heading", level=2, name=POST_TITLE).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(POST_TITLE)
    assert_no_problems(page)


def test_missing_page_says_so_in_hebrew_with_a_way_home(page):
    visit(page, "/posts/no-such-post/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("הדף לא נמצא")
    page.get_by_role("link", name="חזרה לדף הראשי").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("הפוסטים האחרונים")
