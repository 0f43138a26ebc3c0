"""Commenting as people do it: a mistake, a fix, moderation by an editor, then a reply."""

import pytest
from playwright.sync_api import expect

from e2e.helpers import (
    POST_PATH,
    VIEWPORTS,
    assert_accessible,
    assert_no_problems,
    new_visitor,
    save_screenshot,
    visit,
    watch,
)
from e2e.test_editor import log_in

pytestmark = pytest.mark.browser

COMMENT = "תגובה מהדפדפן: מעניין מאוד לקרוא על GOV 2.0 בישראל."
REPLY = "תשובה לתגובה – מסכימה לגמרי."
# The server refuses forms sent less than BLOG_COMMENT_MIN_SECONDS (1 s in the e2e
# server) after the page was served; people always take longer than that.
READING_TIME_MS = 1100


def fill_comment(page, name, email, body):
    form = page.locator("#comment-form")
    form.get_by_label("שם:", exact=True).fill(name)
    form.get_by_label("דוא״ל:", exact=True).fill(email)
    form.get_by_label("תגובה:", exact=True).fill(body)
    return form


def comment_item(page, text):
    return page.locator("li.comment").filter(has=page.locator(".comment__body", has_text=text))


def comment_count(page):
    """The number in the "תגובות (N)" heading."""
    return int(page.locator("#comments-title").inner_text().split("(")[1].rstrip(")"))


def send_with_a_mistyped_address(page):
    """The server refuses the address in Hebrew; the errors get focus, nothing typed is lost."""
    visit(page, POST_PATH)
    form = fill_comment(page, "דנה כהן", "dana-at-example", COMMENT)
    page.wait_for_timeout(READING_TIME_MS)
    form.get_by_role("button", name="שליחת התגובה").click()
    errors = page.locator("#comment-form-errors")
    expect(errors).to_contain_text("התגובה לא נשלחה.")
    expect(errors).to_contain_text("כתובת הדוא״ל אינה תקינה")
    expect(errors).to_be_focused()  # site.js takes the reader to the problems
    expect(page.get_by_label("תגובה:", exact=True)).to_have_value(COMMENT)
    expect(page.get_by_label("שם:", exact=True)).to_have_value("דנה כהן")
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        assert_accessible(page, f"comment form with errors ({viewport})")
        save_screenshot(page, f"comment-error-{viewport}")
    return errors


def fix_the_address_and_send_again(page, errors):
    """The error links to the field; the fixed comment waits for moderation."""
    errors.get_by_role("link", name="דוא״ל").click()
    expect(page.get_by_label("דוא״ל:", exact=True)).to_be_focused()
    page.get_by_label("דוא״ל:", exact=True).fill("dana@example.org")
    page.get_by_role("button", name="שליחת התגובה").click()
    expect(page.locator(".notice--comment")).to_contain_text("תפורסם אחרי אישור העורכים")
    own = comment_item(page, COMMENT)
    expect(own.locator(".comment__status")).to_contain_text("ממתינה לאישור")
    save_screenshot(page, "comment-pending-desktop")


def approve_in_the_admin(admin):
    """An editor approves the pending comment from the admin's list."""
    log_in(admin)
    admin.goto("/admin/blog/comment/?status__exact=pending")
    # One pending comment, in the singular (Hebrew plural forms, issue 15).
    expect(admin.get_by_role("heading", level=1)).to_contain_text("אחת ממתינה לאישור")
    row = admin.locator("#result_list tbody tr").filter(has_text="דנה כהן")
    row.locator("input.action-select").check()
    admin.locator("select[name=action]").select_option(label="אישור התגובות המסומנות")
    admin.get_by_role("button", name="בצע").click()
    expect(admin.locator(".messagelist .success")).to_contain_text("תגובה אחת אושרה.")


def see_it_published(other, count_before):
    """A reader arriving now sees the comment, counted, with no pending note."""
    other.goto(POST_PATH)
    published = comment_item(other, COMMENT)
    expect(published).to_be_visible()
    expect(published.locator(".comment__status")).to_have_count(0)
    assert comment_count(other) == count_before + 1
    return published


def answer_it(other, published):
    """The reader replies; the reply nests under the comment, pending."""
    published.get_by_role("link", name="הגב").click()
    expect(other.locator("#comment-form-replying")).to_be_visible()
    expect(other.locator("#comment-form-replying")).to_contain_text("דנה כהן")
    expect(other.get_by_label("תגובה:", exact=True)).to_be_focused()
    fill_comment(other, "Yossi", "yossi@example.org", REPLY)
    other.wait_for_timeout(READING_TIME_MS)
    other.get_by_role("button", name="שליחת התגובה").click()
    expect(other.locator(".notice--comment")).to_be_visible()
    reply = comment_item(other, COMMENT).locator(".comment-replies li.comment")
    expect(reply.locator(".comment__body")).to_have_text(REPLY)
    expect(reply.locator(".comment__status")).to_contain_text("ממתינה לאישור")
    assert_accessible(other, "post page with a comment and a pending reply")
    save_screenshot(other, "comment-reply-desktop")


def test_comment_is_corrected_moderated_published_and_answered(page, browser, base_url):
    # 1. A reader sends a comment with a mistyped address: Hebrew error, nothing lost.
    errors = send_with_a_mistyped_address(page)
    # The form comes back with HTTP 400, which Chromium logs; nothing else may be logged.
    assert_no_problems(page, ignore=["status of 400 (Bad Request) (http://127.0.0.1"])

    # 2. The error links to the field; the reader fixes it and sends again.
    fix_the_address_and_send_again(page, errors)
    assert_no_problems(page)

    # 3. Other readers don't see it yet; an editor approves it in the admin.
    editor = new_visitor(browser, base_url)
    # Anonymous pages may be cached for minutes, so each check is a reader arriving afresh.
    early, reader = new_visitor(browser, base_url), new_visitor(browser, base_url)
    try:
        other = watch(early.new_page())
        other.goto(POST_PATH)
        expect(comment_item(other, COMMENT)).to_have_count(0)
        count_before = comment_count(other)
        approve_in_the_admin(watch(editor.new_page()))

        # 4. Now every reader sees it, and one answers it.
        other = watch(reader.new_page())
        answer_it(other, see_it_published(other, count_before))
        assert_no_problems(other)
    finally:
        for context in (editor, early, reader):
            context.close()


def test_reply_link_works_without_javascript(site, browser, base_url):
    pk = site.manage(
        "shell",
        "-c",
        "from blog.models import Comment, Post; print(Comment.objects.create("
        "post=Post.objects.get(slug__startswith='gov-2-0'), author_name='רות', "
        "author_email='ruth@example.org', body='תגובה מאושרת לבדיקה בלי JavaScript', "
        "status='approved').pk)",
    ).split()[-1]  # the shell may print a note about auto-imports first
    context = new_visitor(browser, base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(POST_PATH)
        expect(page.locator("#comment-form-replying")).to_be_hidden()
        page.locator(f"#comment-{pk}").get_by_role("link", name="הגב").click()
        assert f"reply_to={pk}" in page.url
        expect(page.locator("#comment-form-replying")).to_be_visible()
        expect(page.locator("#comment-form-replying")).to_contain_text("רות")
        expect(page.locator("#comment-form input[name=parent]")).to_have_value(pk)
    finally:
        context.close()
