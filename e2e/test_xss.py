"""The attack corpus (blog/tests/xss_corpus.py, 100+ strings) in every field that reaches a
page, rendered by Chromium: no dialog opens, no script runs, nothing active is left in
the DOM.

The strings go in the way each field is filled: comments' name, email, address and text,
post and site-page bodies (through the sanitiser, on save), titles, excerpt, byline and
source, tag and category names, the deck's description and every slide's title, text and
notes, as stored by an editor or an import (the server's `manage.py shell`); search terms
and slugs through the address; the comment form through the browser itself. Each page
is checked twice: with the site's CSP bypassed (so escaping and sanitising alone must
hold) and with it (any blocked attempt is a CSP violation, which fails the test too).
Many strings share a page, so the whole corpus costs a few dozen page loads.
"""

from urllib.parse import quote

import pytest

from blog.tests.xss_corpus import PAYLOADS
from e2e.helpers import CONTEXT_DEFAULTS, CSP_LISTENER, assert_no_problems, watch

pytestmark = pytest.mark.browser

SETUP = """
from datetime import timedelta
from django.utils import timezone
from blog.models import Category, Comment, Post, Presentation, Slide
from blog.tests.xss_corpus import PAYLOADS
from core.models import SitePage

body = "".join(f"<p>{p}</p>" for p in PAYLOADS)
category = Category.objects.create(name="הזרקה " + PAYLOADS[0], slug="xss-category")
post = Post.objects.create(
    title="בדיקת הזרקה " + PAYLOADS[1], slug="xss-corpus", body=body,
    excerpt=" ".join(PAYLOADS[:20]), byline=PAYLOADS[6], category=category,
    source_name=PAYLOADS[7], source_url="javascript:alert(1)",
    status=Post.Status.PUBLISHED, published_at=timezone.now() - timedelta(days=1),
)
post.tags.add(*PAYLOADS)
for p in PAYLOADS:
    Comment.objects.create(
        post=post, author_name=p, author_email=p, author_url=p, body=p,
        status=Comment.Status.APPROVED,
    )
deck = Presentation.objects.create(
    title="מצגת " + PAYLOADS[2], slug="xss-deck", description=" ".join(PAYLOADS),
    speaker=PAYLOADS[3], event_name=PAYLOADS[4], event_url="javascript:alert(1)",
)
deck.posts.add(post)
for number, p in enumerate(PAYLOADS, 1):
    Slide.objects.create(presentation=deck, number=number, text=p, title=p[:200], notes=p)
SitePage.objects.create(slug="xss-page", title="עמוד " + PAYLOADS[5], body=body)
print(Post.objects.get(slug="xss-corpus").tags.count())
"""

# Anything that could run script or navigate to script, found in the live DOM.
ACTIVE_DOM = """() => {
  const found = [];
  const schemes = /^\\s*(javascript|data|vbscript):/i;
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on") || name === "srcdoc" || name === "formaction") {
        found.push(`${element.tagName} ${name}`);
      }
      if (["href", "src", "action", "xlink:href", "data", "background"].includes(name)
          && schemes.test(attribute.value)) {
        found.push(`${element.tagName} ${name}=${attribute.value}`);
      }
    }
  }
  for (const script of document.scripts) {
    if (script.type === "application/ld+json") {  // data, never run: checked as text
      if (/<\\/script/i.test(script.textContent)) found.push("ld+json breaks out");
    } else if (!script.src || new URL(script.src).origin !== location.origin) {
      found.push(`script ${script.src || script.textContent.slice(0, 40)}`);
    }
  }
  document.querySelectorAll("iframe, object, embed, base, meta[http-equiv]").forEach(
    (element) => found.push(element.outerHTML.slice(0, 80)));
  return found;
}"""


# The sanitiser keeps <img src="x"> (a relative address): the browser's 404 for it is
# expected, as are the 404 of a made-up slug and the 400 for a NUL in the address (its
# page is checked all the same). Anything else on the console fails the test.
IGNORED = ("the server responded with a status of 404", "the server responded with a status of 400")


def batches(items, size):
    return [items[start : start + size] for start in range(0, len(items), size)]


def paths(site):
    search = [f"/search/?q={quote(' '.join(batch))}" for batch in batches(PAYLOADS, 25)]
    slugs = [f"/tag/{quote(p, safe='')}/" for p in PAYLOADS[::9]]
    slugs += [f"/posts/{quote(p, safe='')}/" for p in PAYLOADS[4::9]]
    comment_pages = [f"/posts/xss-corpus/?comments={n}" for n in range(2, 20)]
    return [
        "/posts/xss-corpus/",
        *comment_pages,
        "/presentations/xss-deck/",
        "/presentations/xss-deck/text/",
        "/pages/xss-page/",
        "/category/xss-category/",
        "/",
        "/search/?q=הזרקה",
        "/search/?q=alert",
        *search,
        *slugs,
    ]


@pytest.fixture(scope="module")
def corpus_site(site):
    output = site.manage("shell", "--no-imports", "-c", SETUP)
    assert int(output.split()[-1]) >= 100  # tags made from the corpus
    return site


def open_page(browser, base_url, bypass_csp):
    context = browser.new_context(base_url=base_url, bypass_csp=bypass_csp, **CONTEXT_DEFAULTS)
    context.add_init_script(CSP_LISTENER)
    page = watch(context.new_page())
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return context, page


def check(page, path):
    response = page.goto(path, wait_until="load")
    assert response.status < 500, f"{path}: HTTP {response.status}"
    if response.status == 404 and "?comments=" in path:
        return False  # past the last page of comments
    page.wait_for_timeout(50)  # let autofocus and animation handlers fire, if any exist
    assert page.dialogs == [], f"{path}: a script ran: {page.dialogs}"
    assert page.evaluate(ACTIVE_DOM) == [], f"{path}: active content in the DOM"
    assert_no_problems(page, ignore=IGNORED)
    return True


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["csp-bypassed", "csp-on"])
def test_no_field_lets_a_script_run(browser, corpus_site, bypass_csp):
    context, page = open_page(browser, corpus_site.url, bypass_csp)
    try:
        checked = [path for path in paths(corpus_site) if check(page, path)]
        assert len(checked) > 20
        html = page.goto("/posts/xss-corpus/").text()
        assert PAYLOADS[0].replace("<", "&lt;") in html  # shown as text, not dropped
    finally:
        context.close()


def test_the_comment_form_sends_back_the_corpus_inert(browser, corpus_site):
    """The form as a reader fills it: every field holds a batch of the corpus; whether
    it is refused (an invalid address) or held, the page that comes back is inert."""
    context, page = open_page(browser, corpus_site.url, bypass_csp=True)
    try:
        for batch in batches(PAYLOADS, 45):
            page.goto("/posts/xss-corpus/#comment-form")
            text = " ".join(batch)
            page.fill("#id_author_name", text[:80])
            page.fill("#id_author_email", text[:200])
            page.fill("#id_author_url", text[:300])
            page.fill("#id_body", text)
            page.wait_for_timeout(1100)  # the form's "sent too fast" guard (1 s here)
            with page.expect_navigation():
                page.locator("#comment-form [type=submit]").click()
            assert page.dialogs == []
            assert page.evaluate(ACTIVE_DOM) == []
            assert_no_problems(page, ignore=IGNORED)
    finally:
        context.close()
