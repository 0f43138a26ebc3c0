"""Right-to-left layout, narrow screens, keyboard use and reduced motion, as rendered."""

import pytest

from e2e.helpers import (
    PAGES,
    POST_PATH,
    TAG_PATH,
    assert_no_problems,
    new_visitor,
    visit,
    watch,
)

pytestmark = pytest.mark.browser

# Per-character boxes of the first occurrence of `text` inside the element `root`.
CHAR_BOXES = """(root, text) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let all = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push([node, all.length]);
    all += node.data;
  }
  const start = all.indexOf(text);
  if (start < 0) return null;
  const boxes = [];
  for (let i = start; i < start + text.length; i++) {
    const [node, offset] = nodes.filter(([, at]) => at <= i).pop();
    const range = document.createRange();
    range.setStart(node, i - offset);
    range.setEnd(node, i - offset + 1);
    const box = range.getBoundingClientRect();
    boxes.push({left: box.left, right: box.right, top: box.top, bottom: box.bottom});
  }
  return boxes;
}"""

# Where the seed article's title ("GOV 2.0 ממשל במדיה חברתית- ... בזירה הבנלאומית?") is shown.
TITLE_PLACES = {
    "post heading": (POST_PATH, "h1"),
    "home card": ("/", ".post-card__title a"),
    "tag card": (TAG_PATH, ".post-card__title a"),
    "search result": (PAGES["search"], ".search-result__title a"),
}

FOCUSABLE = ", ".join(
    f"{selector}:not([tabindex='-1'])"
    for selector in [
        "a[href]",
        "button:not([disabled])",
        "input:not([type=hidden]):not([disabled])",
        "select:not([disabled])",
        "textarea:not([disabled])",
        "summary",
        "[tabindex]",
    ]
)


def char_boxes(element, text):
    boxes = element.evaluate(CHAR_BOXES, text)
    assert boxes, f"{text!r} not found"
    return boxes


def same_line(a, b):
    return abs(a["top"] - b["top"]) < 2


def assert_title_reads_right_to_left(title):
    """ "GOV 2.0" opens the line at the right, reading G-O-V-2.0 left to right; "?" ends it."""
    gov = char_boxes(title, "GOV 2.0")
    g, o, v, _, two = gov[:5]
    assert g["right"] <= o["left"] + 0.5 and o["right"] <= v["left"] + 0.5, "GOV reads backwards"
    assert v["right"] <= two["left"] + 0.5, '"2.0" should follow "GOV" on its right'
    first_word = char_boxes(title, "ממשל")
    assert same_line(gov[0], first_word[0]), "expected GOV 2.0 and ממשל on one line"
    assert min(b["left"] for b in gov) >= max(b["right"] for b in first_word) - 0.5, (
        "GOV 2.0 should stand to the right of the Hebrew words that follow it"
    )
    right_edge = title.evaluate("el => el.getClientRects()[0].right")
    assert right_edge - max(b["right"] for b in gov) < 4, "GOV 2.0 is not at the start of the line"
    last_word = char_boxes(title, "הבנלאומית")
    (mark,) = char_boxes(title, "?")
    assert (
        same_line(mark, last_word[0]) and mark["right"] <= min(b["left"] for b in last_word) + 0.5
    ), "the question mark should close the line at the left"


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_at_320px_and_direction_is_rtl(page, name):
    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, PAGES[name], status=404 if name == "404" else 200)
    overflow = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert overflow[0] <= overflow[1], f"{name}: page is {overflow[0]}px wide in a 320px window"
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("() => document.documentElement.lang") == "he"


@pytest.mark.parametrize("width", [375, 1366])
@pytest.mark.parametrize("place", TITLE_PLACES)
def test_title_with_a_latin_term_keeps_its_order(page, place, width):
    page.set_viewport_size({"width": width, "height": 900})
    path, selector = TITLE_PLACES[place]
    visit(page, path)
    title = page.locator(selector).filter(has_text="GOV 2.0 ממשל").first
    assert_title_reads_right_to_left(title)


def test_latin_term_in_the_body_reads_left_to_right(page):
    visit(page, POST_PATH)
    body = page.locator(".post__body")
    web = char_boxes(body, "WEB 2.0")
    assert [round(b["left"]) for b in web if b["right"] > b["left"]] == sorted(
        round(b["left"]) for b in web if b["right"] > b["left"]
    )
    # The Hebrew word before it ("המונח") stays on its right.
    term = char_boxes(body, "המונח")
    if abs(term[0]["top"] - web[0]["top"]) < 2:
        assert min(b["left"] for b in term) >= max(b["right"] for b in web) - 0.5


@pytest.mark.parametrize("path", ["/", POST_PATH])
def test_skip_link_is_the_first_tab_stop_visible_and_works(page, path):
    visit(page, path)
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.get_attribute("class") == "skip-link"
    assert focused.inner_text() == "דילוג לתוכן הראשי"
    box = focused.bounding_box()
    assert box and box["y"] >= 0 and box["width"] > 0, "skip link is off-screen when focused"
    assert focused.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.evaluate("() => location.hash") == "#main"


@pytest.mark.parametrize("path", ["/", POST_PATH, "/categories/", PAGES["search"]])
def test_tab_reaches_every_control_in_order_with_visible_focus(page, path):
    visit(page, path)
    expected = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.getClientRects().length
                            && getComputedStyle(el).visibility !== "hidden")
            .map((el) => el.outerHTML.slice(0, 120))""",
        FOCUSABLE,
    )
    assert page.locator("[tabindex]:not([tabindex='0']):not([tabindex='-1'])").count() == 0
    reached = []
    for _ in range(len(expected) + 5):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || el === document.body) return null;
              const style = getComputedStyle(el);
              const box = el.getBoundingClientRect();
              return {html: el.outerHTML.slice(0, 120), outline: style.outlineStyle,
                      width: parseFloat(style.outlineWidth), shadow: style.boxShadow,
                      visible: box.width > 0 && box.height > 0};
            }"""
        )
        if info is None or (reached and info["html"] == reached[0]):
            break
        assert info["visible"], f"focused element has no size: {info['html']}"
        has_ring = (info["outline"] != "none" and info["width"] >= 2) or info["shadow"] != "none"
        assert has_ring, f"no visible focus indicator on {info['html']}"
        reached.append(info["html"])
    # Document order, each control once: Tab order follows the page as it reads.
    assert reached[: len(expected)] == expected
    assert_no_problems(page)


def test_reduced_motion_stops_transitions_and_animations(browser, base_url):
    context = new_visitor(browser, base_url, reduced_motion="reduce")
    try:
        page = watch(context.new_page())
        page.goto(POST_PATH)
        moving = page.evaluate(
            """() => [...document.querySelectorAll("*")].flatMap((el) => {
                const style = getComputedStyle(el);
                const longest = (value) => Math.max(...value.split(",").map(parseFloat));
                const seconds = Math.max(longest(style.transitionDuration),
                                         longest(style.animationDuration));
                return seconds > 0.001 ? [`${el.tagName}.${el.className}: ${seconds}s`] : [];
            })"""
        )
        assert moving == []
        assert page.evaluate("() => getComputedStyle(document.documentElement).scrollBehavior") in (
            "auto",
        )
    finally:
        context.close()
