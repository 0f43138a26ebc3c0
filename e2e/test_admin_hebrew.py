"""The admin's JavaScript widgets speak Hebrew (issue 10.9): the post picker of a deck
(filter_horizontal: "Choose all" / "Remove all", its filter and its hidden texts) and the
date and time shortcuts, through Django's JavaScript catalogue (locale/he djangojs)."""

import re

import pytest
from playwright.sync_api import expect

from e2e.helpers import assert_no_problems, visit
from e2e.test_editor import log_in

pytestmark = pytest.mark.browser

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _texts(locator):
    """The interface's words under `locator`: visible text, aria-labels, placeholders and
    alt texts; not the choices in its lists (post titles are content)."""
    return locator.evaluate(
        """root => {
            const copy = root.cloneNode(true);
            copy.querySelectorAll('option').forEach(option => option.remove());
            return [copy.textContent, ...[...copy.querySelectorAll('*')].flatMap(e =>
                ['aria-label', 'placeholder', 'alt'].map(a => e.getAttribute(a) || ''))
            ].join(' ');
        }"""
    )


def test_the_post_picker_is_in_hebrew(page):
    log_in(page)
    visit(page, "/admin/blog/presentation/add/")
    picker = page.locator(".selector").first
    expect(picker).to_be_visible()
    expect(picker.get_by_role("button", name="בחירת הכול (פוסטים)")).to_be_visible()
    expect(picker.get_by_role("button", name="הסרת הכול (פוסטים)")).to_be_visible()
    text = _texts(picker)
    assert LATIN_WORD.findall(text) == [], text
    assert_no_problems(page)


def test_the_post_forms_date_shortcuts_are_in_hebrew(page):
    log_in(page)
    visit(page, "/admin/blog/post/add/")
    shortcuts = page.locator(".datetimeshortcuts").first
    expect(shortcuts).to_contain_text("היום")
    text = _texts(page.locator("fieldset").nth(1))
    assert [word for word in LATIN_WORD.findall(text) if word != "PDF"] == [], text
