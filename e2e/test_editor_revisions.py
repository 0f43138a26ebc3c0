"""Issue 10 in the browser: a changed slug redirects, an old version restores, the form
warns before unsaved changes are lost (and saves them aside), and versions compare."""

import re

import pytest
from playwright.sync_api import expect

from e2e.helpers import (
    assert_no_problems,
    axe_violations,
    describe_violations,
    save_screenshot,
    visit,
)
from e2e.test_editor import log_in, rich_text_body

pytestmark = pytest.mark.browser

MAKE_POST = """
from blog.models import Category, Post
post = Post.objects.create(
    title="{title}", slug="{slug}", status="published",
    category=Category.objects.order_by("pk").first(),
    body="<p>{body}</p>",
)
print(post.pk)
"""


def assert_accessible_admin(page):
    """axe finds nothing on our pages but the admin's own breadcrumbs (Django's styling)."""
    found = [
        violation
        for violation in axe_violations(page)
        if not (
            violation["id"] == "link-in-text-block"
            and all(".breadcrumbs" in node["target"][0] for node in violation["nodes"])
        )
    ]
    assert not found, describe_violations(found)


def make_post(site, title, slug, body):
    code = MAKE_POST.format(title=title, slug=slug, body=body)
    return int(site.manage("shell", "-c", code).strip().splitlines()[-1])


def open_change_form(page, pk):
    visit(page, f"/admin/blog/post/{pk}/change/")
    return rich_text_body(page)


def save(page):
    page.get_by_role("button", name="שמירה", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_a_changed_slug_sends_readers_from_the_old_address_to_the_new(page, site):
    pk = make_post(site, "פוסט שמשנה כתובת", "old-address", "טקסט הפוסט")
    log_in(page)
    open_change_form(page, pk)
    page.locator("#id_slug").fill("new-address")
    save(page)
    response = page.goto("/posts/old-address/")
    assert response.status == 200 and page.url.endswith("/posts/new-address/")
    assert response.request.redirected_from.response().status == 301
    expect(page.get_by_role("heading", level=1)).to_have_text("פוסט שמשנה כתובת")
    assert_no_problems(page)


def test_restoring_an_old_version_brings_back_its_text(page, site):
    pk = make_post(site, "הנוסח הראשון", "restore-me", "הטקסט הראשון של הפוסט")
    log_in(page)
    open_change_form(page, pk)
    save(page)  # the first version
    body = open_change_form(page, pk)
    page.locator("#id_title").fill("הנוסח השני")
    body.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("טקסט אחר לגמרי")
    save(page)
    visit(page, f"/admin/blog/post/{pk}/history/")
    expect(page.locator("#change-history tbody tr")).to_have_count(2)
    save_screenshot(page, "admin-revision-history")
    assert_accessible_admin(page)
    page.get_by_role("button", name="השוואת הגרסאות שנבחרו").click()
    expect(page.locator("ins").first).to_be_visible()
    expect(page.locator(".revisions")).to_contain_text("הנוסח הראשון")
    save_screenshot(page, "admin-revision-compare")
    assert_accessible_admin(page)
    assert_no_problems(page)

    visit(page, f"/admin/blog/post/{pk}/history/")
    page.get_by_role("link", name="פתיחה לשחזור").click()
    expect(page.locator("#id_title")).to_have_value("הנוסח הראשון")
    save(page)
    visit(page, "/posts/restore-me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("הנוסח הראשון")
    expect(page.locator(".post__body")).to_contain_text("הטקסט הראשון של הפוסט")
    assert_no_problems(page)


def test_leaving_with_unsaved_changes_warns_and_the_text_is_saved_aside(page, site):
    pk = make_post(site, "פוסט לעריכה", "warn-me", "טקסט שמור")
    log_in(page)
    body = open_change_form(page, pk)
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" ועוד מילים שלא נשמרו")
    expect(page.locator("#autosave-status")).to_contain_text(re.compile("נשמר אוטומטית"))
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", on_dialog)
    page.goto("/admin/")
    assert dialogs == ["beforeunload"]
    page.remove_listener("dialog", on_dialog)
    # Back on the form: the copy saved aside is offered, and restores the text.
    visit(page, f"/admin/blog/post/{pk}/change/")
    page.get_by_role("link", name="שחזור הטיוטה").click()
    expect(rich_text_body(page)).to_contain_text("ועוד מילים שלא נשמרו")
    save(page)
    visit(page, "/posts/warn-me/")
    expect(page.locator(".post__body")).to_contain_text("ועוד מילים שלא נשמרו")
    assert_no_problems(page)


def test_a_saved_form_leaves_without_a_warning(page, site):
    pk = make_post(site, "פוסט שנשמר", "no-warning", "טקסט")
    log_in(page)
    open_change_form(page, pk)
    page.locator("#id_title").fill("פוסט שנשמר שוב")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    save(page)
    page.goto("/admin/")
    assert dialogs == []


def test_a_deleted_post_waits_in_the_trash_and_comes_back(page, site):
    pk = make_post(site, "פוסט שנמחק בטעות", "oops", "טקסט שלא אבד")
    log_in(page)
    visit(page, f"/admin/blog/post/{pk}/delete/")
    page.get_by_role("button", name="העברה לסל המחזור").click()
    expect(page.locator(".messagelist")).to_contain_text("הועבר לסל המחזור")
    assert page.goto("/posts/oops/").status == 404
    visit(page, "/admin/blog/trashedpost/")
    expect(page.get_by_role("heading", level=1)).to_have_text("סל המחזור")
    row = page.locator("#result_list tbody tr", has_text="פוסט שנמחק בטעות")
    save_screenshot(page, "admin-trash")
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("restore_selected")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("שוחזר מסל המחזור")
    visit(page, "/posts/oops/")
    expect(page.locator(".post__body")).to_contain_text("טקסט שלא אבד")
    assert_no_problems(page, ignore=["/posts/oops/)"])  # its 404 while it was in the trash
