"""The one HTML allow-list for post bodies, and plain-text cleaning for comments."""

import re

import bleach
from bleach.html5lib_shim import Filter

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
        "h1",  # renamed h2 by _EditorFilter: a post's title is its only h1
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
# The media library's number for an image (blog.models.images renders it), and the
# editor's explicit "decorative" mark (alt="" on purpose).
_IMG_VALUES = {"data-image-id": re.compile(r"[1-9][0-9]{0,17}"), "role": re.compile("presentation")}
_DECODING = frozenset({"async", "sync", "auto"})
# One srcset candidate: a URL (no spaces or commas) and an optional "480w" or "2x".
_SRCSET_CANDIDATE = re.compile(r"(\S+?)(?:\s+(\d+w|\d+(?:\.\d+)?x))?")


def _img_attribute(tag, name, value):
    # bleach checks the scheme of src but knows nothing of srcset, which holds URLs too.
    if name == "srcset":
        return _safe_srcset(value)
    if name == "decoding":
        return value in _DECODING
    if name in _IMG_VALUES:
        return bool(_IMG_VALUES[name].fullmatch(value))
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


def _link_attribute(tag, name, value):
    # "Open in a new window" is the one target; _EditorFilter gives it its rel.
    return name in {*_COMMON, "href", "rel"} or (name == "target" and value == "_blank")


def _figure_attribute(tag, name, value):
    # TinyMCE knows its captioned images by this class, and reopens them as such.
    return name in _COMMON or (name == "class" and value == "image")


POST_ATTRIBUTES = {
    "*": _COMMON,
    "bdi": _nowrap_attribute,
    "span": _nowrap_attribute,
    "a": _link_attribute,
    "figure": _figure_attribute,
    "img": _img_attribute,
    "td": [*_COMMON, "colspan", "rowspan"],
    "th": [*_COMMON, "colspan", "rowspan", "scope"],
    "time": [*_COMMON, "datetime"],
    "ol": [*_COMMON, "start", "reversed"],
}
POST_PROTOCOLS = frozenset({"http", "https", "mailto"})

# Explicit embedding/override/isolate controls: in user text they can flip the page.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


_NEW_WINDOW_REL = "noopener noreferrer"


class _EditorFilter(Filter):
    """After the allow-list: a pasted h1 becomes h2 (the page's h1 is the post's title),
    and a link that opens a new window gets rel="noopener noreferrer" (the opened page
    cannot reach this one through window.opener, nor learn where the reader came from)."""

    def __iter__(self):
        for token in super().__iter__():
            if token.get("name") == "h1":
                token = {**token, "name": "h2"}
            if token["type"] == "StartTag" and token["name"] == "a":
                token = {**token, "data": _with_new_window_rel(token["data"])}
            yield token


def _with_new_window_rel(attributes):
    if attributes.get((None, "target")) != "_blank":
        return attributes
    rel = attributes.get((None, "rel"), "").split()
    rel += [word for word in _NEW_WINDOW_REL.split() if word not in rel]
    return {**attributes, (None, "rel"): " ".join(rel)}


_CLEANER_OPTIONS = {
    "tags": POST_TAGS,
    "attributes": POST_ATTRIBUTES,
    "protocols": POST_PROTOCOLS,
    "strip": True,
    "strip_comments": True,
    "filters": [_EditorFilter],
}


def clean_post_html(html):
    """Sanitise an editor's HTML: keep structure, drop scripts, handlers, styles, bad URLs;
    short Latin runs and time ranges are then kept whole (blog.typography).

    This module is the one place that knows the allow-list: swapping bleach for another
    sanitiser (nh3, say) changes this module only, and its tests say what must hold.
    """
    # A Cleaner is not thread-safe (its parser keeps state): one per call.
    cleaned = bleach.Cleaner(**_CLEANER_OPTIONS).clean(html or "").strip()
    return keep_runs_whole(cleaned)


def strip_bidi_controls(text):
    return BIDI_CONTROLS.sub("", text or "")


_WEB_URL = re.compile(r"^https?://", re.IGNORECASE)


def web_url(url):
    """`url` when it is an http(s) address, else "": an imported or hand-set link field
    (a post's source, a deck's event page) must never hold javascript: or data:."""
    url = (url or "").strip()
    return url if _WEB_URL.match(url) else ""
