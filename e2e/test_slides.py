"""A reader pages through the article's slides with buttons, keys, swipes and by deep link,
and can show the deck fullscreen."""

import re

import pytest
from playwright.sync_api import expect

from e2e.helpers import (
    POST_PATH,
    VIEWPORTS,
    assert_accessible,
    assert_no_problems,
    new_visitor,
    visit,
    watch,
)

pytestmark = pytest.mark.browser


def deck_parts(page):
    deck = page.locator("[data-deck]").first
    return (
        deck,
        deck.get_by_role("button", name="השקף הבא"),
        deck.get_by_role("button", name="השקף הקודם"),
        deck.locator("[data-deck-counter]"),
    )


def shown_slide(deck):
    slides = deck.locator("[data-deck-slide]:visible")
    expect(slides).to_have_count(1)
    return slides.first


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_reader_pages_through_the_slides_with_buttons_and_keys(page, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    visit(page, POST_PATH)
    deck, next_button, prev_button, counter = deck_parts(page)
    total = deck.locator("[data-deck-slide]").count()
    assert total >= 3, "the seed article should come with its slide deck"
    expect(counter).to_have_text(f"שקף 1 מתוך {total}")
    expect(shown_slide(deck).get_by_role("heading")).to_contain_text("שקף 1")
    expect(prev_button).to_have_attribute("aria-disabled", "true")

    # Right-to-left: "previous" sits on the right, "next" on the left.
    assert next_button.bounding_box()["x"] < prev_button.bounding_box()["x"]

    next_button.click()
    expect(counter).to_have_text(f"שקף 2 מתוך {total}")
    expect(shown_slide(deck).get_by_role("heading")).to_contain_text("שקף 2")
    second_id = shown_slide(deck).get_attribute("id")
    assert page.evaluate("() => decodeURIComponent(location.hash)") == f"#{second_id}"
    prev_button.click()
    expect(counter).to_have_text(f"שקף 1 מתוך {total}")

    # Keyboard, from a control inside the deck: ArrowLeft is "next" in RTL.
    next_button.focus()
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text(f"שקף 2 מתוך {total}")
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text(f"שקף 3 מתוך {total}")
    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text(f"שקף 2 מתוך {total}")
    page.keyboard.press("End")
    expect(counter).to_have_text(f"שקף {total} מתוך {total}")
    expect(next_button).to_have_attribute("aria-disabled", "true")
    page.keyboard.press("Home")
    expect(counter).to_have_text(f"שקף 1 מתוך {total}")

    # Thumbnails jump straight to a slide.
    deck.get_by_role("navigation", name="כל השקפים").get_by_role("link").nth(2).click()
    expect(counter).to_have_text(f"שקף 3 מתוך {total}")
    assert_accessible(page, f"post page, slide 3 shown ({viewport})")
    assert_no_problems(page)


def test_deep_link_opens_that_slide(page):
    visit(page, POST_PATH)
    deck, *_ = deck_parts(page)
    third = deck.locator("[data-deck-slide]").nth(2)
    third_id = third.get_attribute("id")
    page.goto(f"{POST_PATH}#{third_id}")
    page.reload()  # a fresh load with the fragment, as when following a shared link
    deck, _, _, counter = deck_parts(page)
    expect(counter).to_have_text(re.compile(r"^שקף 3 מתוך \d+$"))
    expect(shown_slide(deck)).to_have_attribute("id", third_id)
    assert deck.bounding_box()["y"] < 50, "the deck should be scrolled into view"
    assert_no_problems(page)


def test_without_javascript_every_slide_is_listed_with_its_text(browser, base_url):
    context = new_visitor(browser, base_url, java_script_enabled=False)
    try:
        page = watch(context.new_page())
        page.goto(POST_PATH)
        deck = page.locator("[data-deck]").first
        slides = deck.locator("[data-deck-slide]")
        assert slides.count() >= 3
        expect(deck.locator("[data-deck-slide]:visible")).to_have_count(slides.count())
        expect(deck.locator("[data-deck-controls]")).to_be_hidden()
        expect(deck.get_by_role("link", name="טקסט המצגת")).to_be_visible()
    finally:
        context.close()


def test_reload_keeps_the_slide_the_reader_paged_to(page):
    visit(page, POST_PATH)
    _, next_button, *_ = deck_parts(page)
    next_button.click()
    # The viewer writes the slide into the address (the first deck's plain ids).
    assert page.evaluate("() => location.hash") == "#slide-2"
    page.reload()  # no fragment navigation this time: the hash came from the viewer
    deck, _, _, counter = deck_parts(page)
    expect(counter).to_have_text(re.compile(r"^שקף 2 מתוך \d+$"))
    expect(shown_slide(deck)).to_have_attribute("id", "slide-2")
    assert_no_problems(page)


SWIPE = """([from, to]) => {
  const area = document.querySelector("[data-deck-slides]");
  const touch = (x) => new Touch({identifier: 1, target: area, clientX: x, clientY: 200});
  area.dispatchEvent(new TouchEvent("touchstart", {touches: [touch(from)], bubbles: true}));
  area.dispatchEvent(new TouchEvent("touchend", {changedTouches: [touch(to)], bubbles: true}));
}"""


def test_swiping_pulls_the_next_slide_in_from_the_left_in_rtl(browser, base_url):
    context = new_visitor(browser, base_url, has_touch=True)
    try:
        page = watch(context.new_page())
        visit(page, POST_PATH)
        deck, _, _, counter = deck_parts(page)
        total = deck.locator("[data-deck-slide]").count()
        # In RTL the next slide waits on the left: a finger moving right pulls it in, and
        # moving left goes back (the mirror of a left-to-right carousel).
        page.evaluate(SWIPE, [100, 300])
        expect(counter).to_have_text(f"שקף 2 מתוך {total}")
        page.evaluate(SWIPE, [300, 100])
        expect(counter).to_have_text(f"שקף 1 מתוך {total}")
        assert_no_problems(page)
    finally:
        context.close()


def test_fullscreen_button_toggles_the_deck_fullscreen(page):
    visit(page, POST_PATH)
    deck, *_ = deck_parts(page)
    button = deck.get_by_role("button", name="מסך מלא")
    images = deck.locator(".deck__image")
    assert images.count() >= 3, "the seed deck's slides should be rendered as images"
    normal_sizes = images.first.get_attribute("sizes")

    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("() => document.fullscreenElement?.id") == deck.get_attribute("id")
    # Filling the screen, each slide image asks for a rendition as wide as the screen.
    assert set(images.evaluate_all("els => els.map(e => e.sizes)")) == {"100vw"}

    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("() => document.fullscreenElement") is None
    expect(images.first).to_have_attribute("sizes", normal_sizes)
    assert_no_problems(page)


BAD_FRAGMENTS = ["%", "%E0%A4%A", "slide-%ZZ", "slide-999", "%00", "<img src=x>", "slide-2%"]


def test_fragments_the_viewer_does_not_understand_are_ignored(page):
    """A malformed #fragment used to throw (URIError) and leave the viewer dead."""
    for number, fragment in enumerate(BAD_FRAGMENTS):
        # A query string forces a fresh load each time (a changed fragment alone would not).
        visit(page, f"{POST_PATH}?f={number}#{fragment}")
        deck, next_button, _, counter = deck_parts(page)
        expect(counter).to_have_text(re.compile(r"^שקף 1 מתוך \d+$"))
        next_button.click()
        expect(counter).to_have_text(re.compile(r"^שקף 2 מתוך \d+$"))
        # The same fragment arriving later (hashchange) is ignored too.
        page.evaluate("(fragment) => { location.hash = fragment; }", fragment)
        expect(counter).to_have_text(re.compile(r"^שקף 2 מתוך \d+$"))
        assert_no_problems(page)
