"""A reader pages through the article's slides with buttons and keys, and by deep link."""

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
