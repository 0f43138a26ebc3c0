"""Full-page screenshots of every public page at phone and desktop sizes, for review.

They land in screenshots/ (ignored by git); docs/screenshots.md says how to look at them.
"""

import pytest
from PIL import Image

from e2e.helpers import PAGES, VIEWPORTS, save_screenshot, visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_full_page_screenshot(page, name, viewport):
    size = VIEWPORTS[viewport]
    page.set_viewport_size(size)
    visit(page, PAGES[name], status=404 if name == "404" else 200)
    path = save_screenshot(page, f"{name}-{viewport}")
    with Image.open(path) as image:
        # As wide as the window (nothing sticks out sideways), at least one screen tall.
        assert image.width == size["width"]
        assert image.height >= size["height"]
