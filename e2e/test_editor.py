"""Editors write in the admin's rich-text editor (posts and site pages); readers see it."""

import pytest
from playwright.sync_api import expect

from e2e.conftest import EDITOR_PASSWORD, EDITOR_USERNAME
from e2e.helpers import (
    CATEGORY_NAME,
    POST_PATH,
    assert_no_problems,
    new_visitor,
    save_screenshot,
    visit,
    watch,
)

pytestmark = pytest.mark.browser

NEW_TITLE = "פוסט חדש מהדפדפן על WEB 2.0"
FIRST_PARAGRAPH = "פסקה ראשונה שנכתבה בעורך העשיר."
POST_ADD_PATH = "/admin/blog/post/add/"
SITE_PAGES_PATH = "/admin/core/sitepage/"
ABOUT_TITLE = "אודות"  # the seed's site page with the slug "about"


def log_in(page):
    visit(page, "/admin/login/?next=/admin/")
    page.get_by_label("שם משתמש").fill(EDITOR_USERNAME)
    page.get_by_label("סיסמה").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="כניסה").click()
    expect(page.locator("#site-name")).to_have_text("ניהול הבלוג")


def rich_text_body(page):
    """The body field's TinyMCE editing area, once the editor is ready for typing."""
    body = page.frame_locator("#id_body_ifr").locator("body")
    expect(body).to_have_attribute("contenteditable", "true")
    return body


def open_site_page_editor(page, title):
    """From the site pages' list, the way an editor gets there, open `title`'s change form."""
    visit(page, SITE_PAGES_PATH)
    page.locator("#result_list").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_label("כותרת")).to_have_value(title)


def type_a_line(page, text):
    """Type a line at the end of the text and press Enter, which makes TinyMCE style inline."""
    body = rich_text_body(page)
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(body.locator("p", has_text=text)).to_have_count(1)


def fill_post_details(page):
    page.get_by_label("כותרת").press_sequentially(NEW_TITLE)
    expect(page.locator("#id_slug")).not_to_have_value("")  # filled from the title by the admin
    # Category is an autocomplete (select2) field: open it, type, pick.
    page.locator("#id_category + .select2").click()
    page.locator(".select2-search__field").fill(CATEGORY_NAME[:3])
    page.get_by_role("option", name=CATEGORY_NAME).click()
    page.get_by_label("תגיות").fill("ממשל, בדיקות דפדפן")


def write_post_body(page):
    editor = rich_text_body(page)
    editor.click()
    page.keyboard.type(FIRST_PARAGRAPH)
    page.keyboard.press("Enter")
    page.keyboard.type("פסקה שנייה ")
    page.keyboard.press("Control+B")
    page.keyboard.type("מודגשת")
    expect(editor.locator("p")).to_have_count(2)


def publish(page):
    page.get_by_label("מצב:", exact=True).select_option(label="פורסם")
    save_screenshot(page, "admin-post-add-desktop")
    page.get_by_role("button", name="שמירה", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text(NEW_TITLE)


def read_new_post_from_the_home_page(home):
    home.goto("/")
    link = home.get_by_role("heading", level=2, name=NEW_TITLE).get_by_role("link")
    expect(link).to_be_visible()
    link.click()
    expect(home.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    body = home.locator(".post__body")
    expect(body.locator("p").first).to_have_text(FIRST_PARAGRAPH)
    expect(body.locator("strong")).to_have_text("מודגשת")
    expect(home.locator(".post-tags")).to_contain_text("בדיקות דפדפן")


def test_editor_writes_and_publishes_a_post_that_readers_then_see(page, browser, base_url):
    log_in(page)
    visit(page, POST_ADD_PATH)
    fill_post_details(page)
    write_post_body(page)
    publish(page)
    assert_no_problems(page)

    reader = new_visitor(browser, base_url)
    try:
        home = watch(reader.new_page())
        read_new_post_from_the_home_page(home)
        assert_no_problems(home)
    finally:
        reader.close()


def test_typing_in_either_rich_text_editor_breaks_no_policy(page):
    """TinyMCE writes inline styles as one types (Enter does); both editor forms allow them.

    Nothing is saved: other tests read the seed's site pages as they are.
    """
    log_in(page)
    visit(page, POST_ADD_PATH)
    type_a_line(page, "שורה בעורך הפוסטים")
    assert_no_problems(page)

    open_site_page_editor(page, ABOUT_TITLE)
    type_a_line(page, "שורה בעורך עמודי האתר")
    assert_no_problems(page)


def policy(page, path):
    header = page.request.get(path).headers["content-security-policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_only_the_editor_forms_relax_the_style_policy(page):
    log_in(page)
    open_site_page_editor(page, ABOUT_TITLE)
    editor_forms = [POST_ADD_PATH, page.url]
    strict_pages = ["/admin/blog/post/", SITE_PAGES_PATH, "/", POST_PATH]
    for path in editor_forms:
        assert policy(page, path)["style-src"] == "'self' 'unsafe-inline'", path
    for path in strict_pages:
        assert policy(page, path)["style-src"] == "'self'", path
    for path in editor_forms + strict_pages:
        assert policy(page, path)["script-src"] == "'self'", path
