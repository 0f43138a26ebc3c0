"""axe-core finds no WCAG 2.1 A/AA violations on any public page, at either viewport."""

import pytest

from e2e.helpers import PAGES, VIEWPORTS, assert_accessible, assert_no_problems, visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations(page, name, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    status = 404 if name == "404" else 200
    visit(page, PAGES[name], status=status)
    assert_accessible(page, f"{name} ({viewport})")
    # The 404 document itself is logged as a failed load; nothing else may be.
    assert_no_problems(page, ignore=["status of 404"] if name == "404" else ())


def test_site_icon_is_declared_and_served(page):
    """Without a declared icon browsers fetch /favicon.ico, a 404 in every reader's console."""
    visit(page, "/")
    icons = page.locator("head link[rel~='icon']")
    assert icons.count() > 0, "no <link rel=icon> in the page head"
    href = icons.first.get_attribute("href")
    assert page.request.get(href).status == 200
