"""Short Latin runs and time ranges never break inside, at any window width."""

import pytest

from e2e.helpers import POST_PATH, visit
from e2e.test_layout import char_boxes

pytestmark = pytest.mark.browser

RUNS = ["GOV 2.0", "WEB 2.0", "19:00-22:00"]
WIDTHS = range(280, 561, 4)


def _split_runs(page):
    """The runs of RUNS that lie on more than one line, at each of WIDTHS."""
    body = page.locator(".post__body")
    split = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for run in RUNS:
            tops = {
                round(box["top"]) for box in char_boxes(body, run) if box["right"] > box["left"]
            }
            if max(tops) - min(tops) > 2:
                split.append((width, run))
    return split


def test_latin_runs_and_time_ranges_stay_on_one_line(page):
    visit(page, POST_PATH)
    assert _split_runs(page) == []
    # Without the class the same widths do split them: the check can fail.
    # (Through the CSSOM: the page's CSP refuses an added <style>.)
    page.evaluate(
        "document.querySelectorAll('.nowrap').forEach(e => e.style.whiteSpace = 'normal')"
    )
    assert _split_runs(page) != []
