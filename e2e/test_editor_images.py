"""An editor puts an image in a post from inside the rich-text editor; readers get WebP.

The image goes through the editor's own image dialog (its upload tab), is stored in the
media library by the admin's upload endpoint, gets alt text in the same dialog, and the
published post shows it as resized WebP renditions (srcset) from the site's own origin.
"""

import base64
import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from e2e.helpers import (
    CATEGORY_NAME,
    assert_no_problems,
    new_visitor,
    save_screenshot,
    visit,
    watch,
)
from e2e.test_editor import log_in, rich_text_body

pytestmark = pytest.mark.browser

TITLE = "פוסט עם תמונה מהעורך"
ALT = "מפת המדינות החברות בשותפות"
CAPTION_TEXT = "שורת פתיחה לפני התמונה."


def _photo(path):
    """A 1800×900 JPEG with a gradient, written to `path`."""
    image = Image.new("RGB", (1800, 900))
    image.putdata([(x % 256, y % 256, 120) for y in range(900) for x in range(1800)])
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def _fill_details(page):
    page.get_by_label("כותרת").press_sequentially(TITLE)
    expect(page.locator("#id_slug")).not_to_have_value("")
    page.locator("#id_category + .select2").click()
    page.locator(".select2-search__field").fill(CATEGORY_NAME[:3])
    page.get_by_role("option", name=CATEGORY_NAME).click()


def _upload_in_the_image_dialog(page, photo):
    body = rich_text_body(page)
    body.click()
    page.keyboard.type(CAPTION_TEXT)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="הכנס/ערוך תמונה").click()
    dialog = page.locator(".tox-dialog")
    dialog.get_by_role("tab", name="העלה").click()
    dialog.locator("input[type=file]").set_input_files(photo)
    # Uploaded: the dialog goes back to its first tab with the library's URL filled in.
    source = dialog.get_by_label("מקור")
    expect(source).to_have_value(re.compile("^/media/images/"), timeout=20_000)
    dialog.get_by_label("תיאור אלטרנטיבי").fill(ALT)
    dialog.get_by_role("button", name="שמור").click()
    expect(body.locator("img")).to_have_attribute("alt", ALT)


def _publish(page):
    page.get_by_label("מצב:", exact=True).select_option(label="פורסם")
    save_screenshot(page, "admin-editor-image-desktop")
    page.get_by_role("button", name="שמירה", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text(TITLE)


def _reader_sees_the_webp_rendition(browser, base_url, post_url):
    reader = new_visitor(browser, base_url)
    try:
        page = watch(reader.new_page())
        visit(page, post_url)
        image = page.locator(".post__body img")
        expect(image).to_have_attribute("alt", ALT)
        expect(image).to_have_attribute("srcset", re.compile(r"\.webp 1600w$"))
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "() => { const i = document.querySelector('.post__body img');"
            " return i.complete && i.naturalWidth > 0; }"
        )
        current = image.evaluate("image => image.currentSrc")
        assert current.startswith(base_url + "/media/images/") and current.endswith(".webp")
        assert_no_problems(page)
    finally:
        reader.close()


def test_editor_uploads_an_image_that_readers_see_as_webp(page, browser, base_url, tmp_path):
    log_in(page)
    visit(page, "/admin/blog/post/add/")
    _fill_details(page)
    _upload_in_the_image_dialog(page, _photo(tmp_path / "מפה של העולם.jpg"))
    _publish(page)
    assert_no_problems(page)

    visit(page, "/admin/blog/image/")
    expect(page.locator("#result_list")).to_contain_text("מפה של העולם")
    save_screenshot(page, "admin-media-library-desktop")
    # The admin fills the slug from the title: Hebrew words joined by hyphens.
    _reader_sees_the_webp_rendition(browser, base_url, "/posts/" + TITLE.replace(" ", "-") + "/")


PASTE_IMAGE = """async ([data, name]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, { type: "image/png" }));
  const options = { clipboardData: transfer, bubbles: true, cancelable: true };
  document.body.dispatchEvent(new ClipboardEvent("paste", options));
}"""


def _png_base64():
    buffer = io.BytesIO()
    Image.new("RGB", (700, 350), (30, 90, 160)).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def test_a_pasted_image_is_uploaded_into_the_library(page):
    """A screenshot pasted into the text is uploaded at once: the editor's image then
    points at the library's WebP, never at a data: or blob: address that the save loses."""
    log_in(page)
    visit(page, "/admin/blog/post/add/")
    body = rich_text_body(page)
    body.click()
    page.frame_locator("#id_body_ifr").locator("body").evaluate(
        "(body, args) => (" + PASTE_IMAGE + ")(args)", [_png_base64(), "צילום מסך.png"]
    )
    image = body.locator("img")
    expect(image).to_have_attribute("src", re.compile(r"^/media/images/.+\.webp$"), timeout=20_000)
    assert_no_problems(page)
