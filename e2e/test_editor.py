"""An editor writes and publishes a post in the admin's rich-text editor; readers see it."""

import pytest
from playwright.sync_api import expect

from e2e.conftest import EDITOR_PASSWORD, EDITOR_USERNAME
from e2e.helpers import (
    CATEGORY_NAME,
    assert_no_problems,
    new_visitor,
    save_screenshot,
    visit,
    watch,
)

pytestmark = pytest.mark.browser

NEW_TITLE = "פוסט חדש מהדפדפן על WEB 2.0"


def log_in(page):
    visit(page, "/admin/login/?next=/admin/")
    page.get_by_label("שם משתמש").fill(EDITOR_USERNAME)
    page.get_by_label("סיסמה").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="כניסה").click()
    expect(page.locator("#site-name")).to_have_text("ניהול הבלוג")


def test_editor_writes_and_publishes_a_post_that_readers_then_see(page, browser, base_url):
    log_in(page)
    visit(page, "/admin/blog/post/add/")
    page.get_by_label("כותרת").press_sequentially(NEW_TITLE)
    expect(page.locator("#id_slug")).not_to_have_value("")  # filled from the title by the admin

    # Category is an autocomplete (select2) field: open it, type, pick.
    page.locator("#id_category + .select2").click()
    page.locator(".select2-search__field").fill(CATEGORY_NAME[:3])
    page.get_by_role("option", name=CATEGORY_NAME).click()
    page.get_by_label("תגיות").fill("ממשל, בדיקות דפדפן")

    editor = page.frame_locator("#id_body_ifr").locator("body")
    expect(editor).to_have_attribute("contenteditable", "true")
    editor.click()
    page.keyboard.type("פסקה ראשונה שנכתבה בעורך העשיר.")
    page.keyboard.press("Enter")
    page.keyboard.type("פסקה שנייה ")
    page.keyboard.press("Control+B")
    page.keyboard.type("מודגשת")
    expect(editor.locator("p")).to_have_count(2)

    page.get_by_label("מצב:", exact=True).select_option(label="פורסם")
    save_screenshot(page, "admin-post-add-desktop")
    page.get_by_role("button", name="שמירה", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text(NEW_TITLE)
    assert_no_problems(page)

    reader = new_visitor(browser, base_url)
    try:
        home = watch(reader.new_page())
        home.goto("/")
        link = home.get_by_role("heading", level=2, name=NEW_TITLE).get_by_role("link")
        expect(link).to_be_visible()
        link.click()
        expect(home.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
        body = home.locator(".post__body")
        expect(body.locator("p").first).to_have_text("פסקה ראשונה שנכתבה בעורך העשיר.")
        expect(body.locator("strong")).to_have_text("מודגשת")
        expect(home.locator(".post-tags")).to_contain_text("בדיקות דפדפן")
        assert_no_problems(home)
    finally:
        reader.close()


def policy(page, path):
    header = page.request.get(path).headers["content-security-policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_only_the_post_form_relaxes_the_style_policy(page):
    log_in(page)
    form = policy(page, "/admin/blog/post/add/")
    assert form["style-src"] == "'self' 'unsafe-inline'"
    assert form["script-src"] == "'self'"
    for path in ["/admin/blog/post/", "/"]:
        assert policy(page, path)["style-src"] == "'self'", path
