"""The slide viewer in a real browser (Debian's Chromium through Playwright).

Skipped when /usr/bin/chromium is missing. Images are not served here (the media URL
pattern points at the real MEDIA_ROOT, the test files live in a temporary one); the
viewer's behaviour does not depend on them.
"""

from pathlib import Path

import pytest

from blog.slides import import_deck
from blog.tests.factories import make_post
from blog.tests.slides_factory import deck_pdf, make_presentation

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not found"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def deck_url(live_server):
    post = make_post("פוסט עם מצגת")
    deck = make_presentation("מצגת לבדיקה")
    deck.posts.add(post)
    import_deck(deck, deck_pdf("פתיחה", "אמצע", "סיום"))
    return live_server.url + post.get_absolute_url()


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM
    # calls around it are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


def visible_slides(page):
    return page.locator("[data-deck-slide]:visible").evaluate_all("els => els.map(e => e.id)")


def test_viewer_pages_with_buttons_keys_thumbnails_and_keeps_the_slide_on_reload(browser, deck_url):
    from playwright.sync_api import expect

    page = browser.new_page()
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(deck_url)
    counter = page.locator("[data-deck-counter]")
    prev = page.get_by_role("button", name="השקף הקודם")
    next_ = page.get_by_role("button", name="השקף הבא")

    expect(counter).to_have_text("שקף 1 מתוך 3")
    assert visible_slides(page) == ["slide-1"]
    expect(prev).to_have_attribute("aria-disabled", "true")
    # RTL: "next" sits to the left of "previous".
    assert next_.bounding_box()["x"] < prev.bounding_box()["x"]

    next_.click()
    expect(counter).to_have_text("שקף 2 מתוך 3")
    assert page.url.endswith("#slide-2") and visible_slides(page) == ["slide-2"]

    page.keyboard.press("ArrowLeft")  # forward in a right-to-left page
    expect(counter).to_have_text("שקף 3 מתוך 3")
    expect(next_).to_have_attribute("aria-disabled", "true")
    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("שקף 2 מתוך 3")

    page.reload()
    expect(counter).to_have_text("שקף 2 מתוך 3")
    assert visible_slides(page) == ["slide-2"]

    thumb = page.locator('.deck__thumbs a[href="#slide-3"]')
    thumb.click()
    expect(counter).to_have_text("שקף 3 מתוך 3")
    expect(thumb).to_have_attribute("aria-current", "true")
    page.keyboard.press("Home")
    expect(counter).to_have_text("שקף 1 מתוך 3")

    assert not [e for e in errors if "Content Security Policy" in e or "CSP" in e]


def test_swipe_towards_the_left_side_goes_forward_in_rtl(browser, deck_url):
    from playwright.sync_api import expect

    page = browser.new_page(has_touch=True)
    page.goto(deck_url)
    swipe = """([from, to]) => {
      const el = document.querySelector("[data-deck-slides]");
      const touch = (x) => new Touch({identifier: 1, target: el, clientX: x, clientY: 200});
      el.dispatchEvent(new TouchEvent("touchstart", {touches: [touch(from)], bubbles: true}));
      el.dispatchEvent(new TouchEvent("touchend", {changedTouches: [touch(to)], bubbles: true}));
    }"""
    page.evaluate(swipe, [100, 300])  # finger moves right: pulls in the next slide from the left
    expect(page.locator("[data-deck-counter]")).to_have_text("שקף 2 מתוך 3")
    page.evaluate(swipe, [300, 100])
    expect(page.locator("[data-deck-counter]")).to_have_text("שקף 1 מתוך 3")


def test_without_javascript_every_slide_shows_with_its_text(browser, deck_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(deck_url)
    assert visible_slides(page) == ["slide-1", "slide-2", "slide-3"]
    assert not page.locator("[data-deck-controls]").is_visible()
    assert page.locator("#slide-3-text").inner_text().strip() == "סיום"
    context.close()


def test_fullscreen_button_toggles_the_deck_fullscreen(browser, deck_url):
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(deck_url)
    button = page.get_by_role("button", name="מסך מלא")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("document.fullscreenElement && document.fullscreenElement.id") == (
        page.locator("[data-deck]").get_attribute("id")
    )
    assert page.locator(".deck__image").first.get_attribute("sizes") == "100vw"
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
