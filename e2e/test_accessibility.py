"""Every public page at phone and desktop sizes: axe-core finds no WCAG 2.1 A/AA violation,
the browser logs no error or CSP violation, and a full-page screenshot is kept for review
(in screenshots/, ignored by git; see docs/screenshots.md).
"""

import pytest
from PIL import Image

from e2e.helpers import (
    PAGES,
    VIEWPORTS,
    assert_accessible,
    assert_no_problems,
    save_screenshot,
    visit,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_clean_and_captured(page, name, viewport):
    size = VIEWPORTS[viewport]
    page.set_viewport_size(size)
    visit(page, PAGES[name], status=404 if name == "404" else 200)
    assert_accessible(page, f"{name} ({viewport})")
    # The 404 document itself is logged as a failed load; nothing else may be.
    assert_no_problems(page, ignore=["status of 404"] if name == "404" else ())
    with Image.open(save_screenshot(page, f"{name}-{viewport}")) as image:
        # As wide as the window (nothing sticks out sideways), at least one screen tall.
        assert image.width == size["width"]
        assert image.height >= size["height"]


def test_site_icon_is_declared_and_served(page):
    """Without a declared icon browsers fetch /favicon.ico, a 404 in every reader's console."""
    visit(page, "/")
    icons = page.locator("head link[rel~='icon']")
    assert icons.count() > 0, "no <link rel=icon> in the page head"
    href = icons.first.get_attribute("href")
    assert page.request.get(href).status == 200
