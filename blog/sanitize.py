"""The one HTML allow-list for post bodies, and plain-text cleaning for comments."""

import re

import bleach

from blog.typography import keep_runs_whole

POST_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)
_COMMON = ["dir", "lang", "title"]
IMG_ATTRIBUTES = frozenset([*_COMMON, "src", "alt", "width", "height", "loading", "sizes"])
_DECODING = frozenset({"async", "sync", "auto"})
# One srcset candidate: a URL (no spaces or commas) and an optional "480w" or "2x".
_SRCSET_CANDIDATE = re.compile(r"(\S+?)(?:\s+(\d+w|\d+(?:\.\d+)?x))?")


def _img_attribute(tag, name, value):
    # bleach checks the scheme of src but knows nothing of srcset, which holds URLs too.
    if name == "srcset":
        return _safe_srcset(value)
    if name == "decoding":
        return value in _DECODING
    return name in IMG_ATTRIBUTES


def _safe_srcset(value):
    """Every URL is site-relative ("/media/...") or http(s); anything odd drops it all."""
    candidates = [c.strip() for c in value.split(",")]
    for candidate in candidates:
        match = _SRCSET_CANDIDATE.fullmatch(candidate)
        if not match:
            return False
        url = match[1]
        if not (url.startswith("/") or url.lower().startswith(("http://", "https://"))):
            return False
    return True


def _nowrap_attribute(tag, name, value):
    # The one class a post may carry: blog.typography's mark for runs kept whole.
    return name in _COMMON or (name == "class" and value == "nowrap")


POST_ATTRIBUTES = {
    "*": _COMMON,
    "bdi": _nowrap_attribute,
    "span": _nowrap_attribute,
    "a": [*_COMMON, "href", "rel"],
    "img": _img_attribute,
    "td": [*_COMMON, "colspan", "rowspan"],
    "th": [*_COMMON, "colspan", "rowspan", "scope"],
    "time": [*_COMMON, "datetime"],
    "ol": [*_COMMON, "start", "reversed"],
}
POST_PROTOCOLS = frozenset({"http", "https", "mailto"})

# Explicit embedding/override/isolate controls: in user text they can flip the page.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_post_html(html):
    """Sanitise an editor's HTML: keep structure, drop scripts, handlers, styles, bad URLs;
    short Latin runs and time ranges are then kept whole (blog.typography)."""
    cleaned = bleach.clean(
        html or "",
        tags=POST_TAGS,
        attributes=POST_ATTRIBUTES,
        protocols=POST_PROTOCOLS,
        strip=True,
        strip_comments=True,
    ).strip()
    return keep_runs_whole(cleaned)


def strip_bidi_controls(text):
    return BIDI_CONTROLS.sub("", text or "")


_WEB_URL = re.compile(r"^https?://", re.IGNORECASE)


def web_url(url):
    """`url` when it is an http(s) address, else "": an imported or hand-set link field
    (a post's source, a deck's event page) must never hold javascript: or data:."""
    url = (url or "").strip()
    return url if _WEB_URL.match(url) else ""
