"""The attack corpus (blog/tests/xss_corpus.py) through the two HTML producers that take
outside text: the post/page sanitiser and the comment renderer. What comes out is parsed
the way a browser would tokenise it; no tag, attribute or URL that could run script may
survive. The browser suite (e2e/test_xss.py) renders the same strings in every field."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from taggit.models import Tag

from blog.models import Presentation
from blog.models.comments import render_comment_text
from blog.sanitize import POST_TAGS, clean_post_html
from blog.tests.factories import make_post
from blog.tests.xss_corpus import PAYLOADS

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "background"}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#")


class Elements(HTMLParser):
    """Every start tag and its attributes, as the HTML tokenizer sees them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def dangers(html, allowed_tags):
    problems = []
    for tag, attrs in Elements(html).found:
        if tag not in allowed_tags:
            problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                problems.append(f"<{tag} {name}>")
            url = (value or "").strip().lower()
            if name in URL_ATTRIBUTES and url and not url.startswith(SAFE_SCHEMES):
                if ":" in url.split("/", 1)[0]:  # a scheme other than the safe ones
                    problems.append(f"<{tag} {name}={value!r}>")
    return problems


def test_the_corpus_is_large_and_varied():
    assert len(PAYLOADS) >= 100 and len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_post_sanitiser_leaves_nothing_active(payload):
    for html in (payload, f"<p>{payload}</p>", f'<a href="https://x.org/">{payload}</a>'):
        cleaned = clean_post_html(html)
        assert dangers(cleaned, POST_TAGS) == [], (payload, cleaned)
        # Idempotent: sanitising again (every save does) finds nothing new to remove.
        assert clean_post_html(cleaned) == cleaned


def test_the_whole_corpus_as_one_body_stays_inert():
    cleaned = clean_post_html("".join(PAYLOADS))
    assert dangers(cleaned, POST_TAGS) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_comment_text_becomes_escaped_paragraphs_and_web_links_only(payload):
    html = render_comment_text(payload)
    assert dangers(html, {"p", "br", "a"}) == [], (payload, html)
    for tag, attrs in Elements(html).found:
        if tag == "a":
            assert attrs["href"].startswith(("http://", "https://")), html


@pytest.mark.django_db
def test_every_corpus_string_makes_a_tag_with_an_address(client):
    """A name that slugifies to nothing ("++", bidi controls alone) made a tag with an
    empty slug, and every page with the sidebar answered 500 (NoReverseMatch)."""
    post = make_post("פוסט עם תגיות מוזרות")
    # Tag names hold 100 characters; PostgreSQL text holds no NUL.
    post.tags.add(*(p.replace("\x00", "")[:100] for p in PAYLOADS), "++", "💡")
    assert not Tag.objects.filter(slug="").exists()
    for tag in Tag.objects.all():
        assert client.get(reverse("blog:tag", args=[tag.slug])).status_code == 200, tag.name
    assert client.get(post.get_absolute_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", [p for p in PAYLOADS if ":" in p and "http" not in p][:20])
def test_link_fields_set_outside_the_admin_keep_only_web_addresses(url):
    """The admin validates these as https addresses, an import or a shell does not: the
    post's source and the deck's event page were rendered as href="javascript:…"."""
    post = make_post(source_url=url)
    deck = Presentation.objects.create(title="מצגת", event_url=url)
    post.refresh_from_db()
    deck.refresh_from_db()
    assert post.source_url == deck.event_url == ""
    assert make_post(source_url="https://example.org/a").source_url == "https://example.org/a"
