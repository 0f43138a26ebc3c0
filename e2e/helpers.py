"""Shared by the browser tests: the site's pages, navigation that checks for problems, axe."""

import json
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.utils.text import slugify

from core.management.commands.load_seed import DEMO_SLUG as DEMO_DECK_SLUG

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "screenshots"

MOBILE = {"width": 375, "height": 812}
DESKTOP = {"width": 1366, "height": 900}
VIEWPORTS = {"mobile": MOBILE, "desktop": DESKTOP}
# Every browser profile in the suite: a reader in Israel on a desktop-sized window.
CONTEXT_DEFAULTS = {"locale": "he-IL", "timezone_id": "Asia/Jerusalem", "viewport": DESKTOP}

_SEED = json.loads((ROOT / "core/seed/article.json").read_text(encoding="utf-8"))
POST_TITLE = _SEED["post"]["title"]
POST_PATH = f"/posts/{_SEED['post']['slug']}/"
CATEGORY_NAME = _SEED["category"]["name"]
CATEGORY_PATH = f"/category/{_SEED['category']['slug']}/"
TAG_NAME = "GOV 2.0"
TAG_PATH = f"/tag/{slugify(TAG_NAME, allow_unicode=True)}/"

# Every public page a reader can reach from the seed content; name -> path.
PAGES = {
    "home": "/",
    "post": POST_PATH,
    "category": CATEGORY_PATH,
    "tag": TAG_PATH,
    "categories": "/categories/",
    "archive-year": "/archive/2010/",
    "archive-month": "/archive/2010/03/",
    "search": "/search/?q=בממשלה",
    "presentation": f"/presentations/{DEMO_DECK_SLUG}/",
    "presentation-text": f"/presentations/{DEMO_DECK_SLUG}/text/",
    "about": "/pages/about/",
    "accessibility": "/pages/accessibility/",
    "404": "/no-such-page/",
}

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


# Anything the page logs at error level, plus CSP violation events, reaches the console
# listener (init scripts run outside the page's CSP).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || ""}:${event.lineNumber || ""}`);
});
"""


def watch(page):
    """Record the page's console errors, uncaught exceptions and CSP violations."""
    page.problems = []
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            and page.problems.append(f"console: {msg.text} ({msg.location.get('url', '')})")
        ),
    )
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    return page


def new_visitor(browser, base_url, **options):
    """A separate browser profile (own cookies and cache); pass its pages to watch()."""
    context = browser.new_context(base_url=base_url, **{**CONTEXT_DEFAULTS, **options})
    context.add_init_script(CSP_LISTENER)
    return context


def visit(page, path, status=200):
    """Open `path`, check the HTTP status, and return the response."""
    response = page.goto(path)
    assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
    return response


def assert_no_problems(page, ignore=()):
    """No console errors, uncaught exceptions or CSP violations since the last check.

    Chromium's own /favicon.ico probe is left to test_site_icon_is_declared_and_served,
    so that a missing icon fails one test instead of whichever test happens to run first.
    """
    ignore = ("/favicon.ico)", *ignore)
    problems = [p for p in page.problems if not any(text in p for text in ignore)]
    page.problems.clear()
    assert not problems, "problems in the browser:\n" + "\n".join(problems)


def axe_violations(page):
    """axe-core's WCAG 2.0/2.1 A and AA violations for the page as it is now."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return _axe.run(page, options=options).response["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['failureSummary'].replace(chr(10), ' / ')}")
    return "\n".join(lines)


def assert_accessible(page, label):
    violations = axe_violations(page)
    assert not violations, f"axe found WCAG A/AA violations on {label}:\n" + describe_violations(
        violations
    )


LOAD_ALL_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach((image) => { image.loading = "eager"; });
  const loaded = images.map((image) => image.complete ? null : new Promise((done) => {
    image.addEventListener("load", done);
    image.addEventListener("error", done);
  }));
  await Promise.race([Promise.all(loaded), new Promise((done) => setTimeout(done, 5000))]);
}"""


def save_screenshot(page, name):
    """A full-page PNG in screenshots/ (git-ignored) for visual review; returns its path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # A full-page capture does not scroll, so lazy images below the fold would show empty.
    page.evaluate(LOAD_ALL_IMAGES)
    page.screenshot(path=path, full_page=True, animations="disabled")
    return path
