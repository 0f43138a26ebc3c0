"""Right-to-left layout, narrow screens, keyboard use and reduced motion, as rendered."""

import pytest

from e2e.helpers import PAGES, POST_PATH, assert_no_problems, new_visitor, visit, watch

pytestmark = pytest.mark.browser

# Per-character boxes of the first occurrence of `text` inside the element `selector`.
CHAR_BOXES = """([selector, text]) => {
  const root = document.querySelector(selector);
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

FOCUSABLE = ", ".join(
    f"{selector}:not([tabindex='-1'])"
    for selector in [
        "a[href]",
        "button:not([disabled])",
        "input:not([type=hidden]):not([disabled])",
        "select:not([disabled])",
        "textarea:not([disabled])",
        "[tabindex]",
    ]
)


def char_boxes(page, selector, text):
    boxes = page.evaluate(CHAR_BOXES, [selector, text])
    assert boxes, f"{text!r} not found in {selector}"
    return boxes


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
def test_latin_term_in_the_title_keeps_its_order_at_the_start_of_the_line(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    visit(page, POST_PATH)
    gov = char_boxes(page, "h1", "GOV 2.0")
    hebrew = char_boxes(page, "h1", "ממשל")
    g, o, v = gov[:3]
    # Inside the term, letters read left to right, and "2.0" follows "GOV".
    assert g["right"] <= o["left"] + 0.5 and o["right"] <= v["left"] + 0.5
    assert v["right"] <= gov[4]["left"] + 0.5
    # The term opens the RTL line, so it sits at the right, before the Hebrew words.
    assert abs(gov[0]["top"] - hebrew[0]["top"]) < 2, "expected GOV 2.0 and ממשל on one line"
    assert min(b["left"] for b in gov) >= max(b["right"] for b in hebrew) - 0.5
    h1_right = page.evaluate("() => document.querySelector('h1').getBoundingClientRect().right")
    assert h1_right - max(b["right"] for b in gov) < 4


def test_latin_term_in_the_body_reads_left_to_right(page):
    visit(page, POST_PATH)
    web = char_boxes(page, ".post__body", "WEB 2.0")
    assert [round(b["left"]) for b in web if b["right"] > b["left"]] == sorted(
        round(b["left"]) for b in web if b["right"] > b["left"]
    )
    # The Hebrew word before it ("המונח") stays on its right.
    term = char_boxes(page, ".post__body", "המונח")
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


@pytest.mark.parametrize("path", ["/", POST_PATH, "/categories/"])
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
