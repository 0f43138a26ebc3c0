"""Search-result snippets: a window of a text around its first word matching a query,
split into (fragment, is_match) pairs (pure Python, no Django; rendered by
blog.templatetags.highlighting)."""

import re

from blog.hebrew import match_spans

__all__ = ["ELLIPSIS", "make_snippet"]

ELLIPSIS = "…"
_LAST_SPACE = re.compile(r"(.*)\s", re.S)


def make_snippet(text: str, terms, width: int = 200) -> list[tuple[str, bool]]:
    """Return a window of about ``width`` characters of ``text`` around the first word
    matching one of ``terms`` (``parse_query``'s; see ``match_spans``) as
    (fragment, is_match) pairs.

    Fragments are verbatim slices of the original text (their concatenation, without
    the ("…", False) markers added at cut edges, is ``text[start:end]``); matching
    words are flagged True. Nothing here is HTML: escape each fragment when rendering
    (and isolate the snippet with ``<bdi>``/``dir="auto"``, as it may hold bidi
    controls). With no match, the start of the text is returned unflagged.
    """
    if not text:
        return []
    matches = match_spans(text, terms)
    first = matches[0] if matches else None
    lo, hi = first[2:] if first else (0, 0)
    start, end = _window(text, lo, hi, max(int(width), 1))
    start, end = _trim(text, start, end, lo if first else end, hi)
    if end <= start:
        return []
    return _fragments(text, matches, start, end)


def _window(text, lo, hi, width):
    """(start, end) of about ``width`` characters centred on text[lo:hi], not cutting
    a word at either edge."""
    if hi - lo >= width:
        return lo, lo + width
    start = max(0, lo - (width - (hi - lo)) // 2)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    if start > 0 and not text[start - 1].isspace():  # do not start mid-word
        gap = re.search(r"\s", text[start:lo])
        start = start + gap.end() if gap else start
    if end < len(text) and not text[end].isspace():  # do not end mid-word
        gap = _LAST_SPACE.match(text, max(hi, start), end)
        end = gap.end(1) if gap else end
    return start, end


def _trim(text, start, end, keep_from, keep_to):
    """The window without whitespace at its edges, never cutting into [keep_from, keep_to)."""
    while start < keep_from and text[start].isspace():
        start += 1
    while end > max(start, keep_to) and text[end - 1].isspace():
        end -= 1
    return start, end


def _fragments(text, matches, start, end):
    """text[start:end] as (fragment, is_match) pairs, with "…" where the text goes on."""
    fragments = [(ELLIPSIS, False)] if text[:start].strip() else []
    pos = start
    for word_start, word_end, core_start, core_end in matches:
        if word_start >= end:
            break
        core_start, core_end = max(core_start, start), min(core_end, end)
        if word_end <= start or core_start >= core_end:
            continue
        if core_start > pos:
            fragments.append((text[pos:core_start], False))
        fragments.append((text[core_start:core_end], True))
        pos = core_end
    if end > pos:
        fragments.append((text[pos:end], False))
    if text[end:].strip():
        fragments.append((ELLIPSIS, False))
    return fragments
