"""Search results: the words that matched the reader's query, marked in titles and in a
snippet of each post. The query arrives parsed (blog.search.SearchQuery), once per page."""

import html

from django import template
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe

from blog.hebrew import ELLIPSIS, make_snippet
from blog.templatetags.hebrew_text import LATIN_RUN

register = template.Library()

SNIPPET_WIDTH = 220


def _marked(segment, stems):
    """`segment` escaped, its matching words in <mark>; edge whitespace kept as it was
    (make_snippet trims it)."""
    core = segment.strip()
    if not core or not stems:
        return conditional_escape(segment)
    head, tail = segment[: segment.index(core)], segment[segment.index(core) + len(core) :]
    inner = "".join(
        format_html("<mark>{}</mark>", fragment) if is_match else conditional_escape(fragment)
        for fragment, is_match in make_snippet(core, stems, width=len(core))
    )
    return f"{conditional_escape(head)}{inner}{conditional_escape(tail)}"


def _highlighted(text, stems):
    """`text` escaped, words matching `stems` in <mark>, Latin runs in <bdi dir="ltr">
    (as hebrew_text.isolate_latin does), so "GOV 2.0" keeps its order in a Hebrew line."""
    parts, last = [], 0
    for match in LATIN_RUN.finditer(text):
        parts.append(_marked(text[last : match.start()], stems))
        parts.append(format_html('<bdi dir="ltr">{}</bdi>', mark_safe(_marked(match[0], stems))))
        last = match.end()
    parts.append(_marked(text[last:], stems))
    return mark_safe("".join(parts))


def _stems(search):
    return search.stems if search else frozenset()


@register.simple_tag
def search_snippet(post, search, width=SNIPPET_WIDTH):
    """HTML of about `width` characters around the first word of the post's excerpt or
    body text that matched `search` (the body's start when only the title or tags did)."""
    stems = _stems(search)
    body = html.unescape(strip_tags(post.body or ""))
    candidates = [text for text in (post.excerpt, body) if text]
    fragments = []
    for text in candidates:
        fragments = make_snippet(text, stems, width)
        if any(is_match for _, is_match in fragments):
            break
    else:
        fragments = make_snippet(candidates[0], frozenset(), width) if candidates else []
    # Ellipses mark cut edges; the window between them is highlighted as one text.
    lead = ELLIPSIS if fragments and fragments[0] == (ELLIPSIS, False) else ""
    tail = ELLIPSIS if len(fragments) > 1 and fragments[-1] == (ELLIPSIS, False) else ""
    window = "".join(frag for frag, _ in fragments[bool(lead) : len(fragments) - bool(tail)])
    return format_html("{}{}{}", lead, _highlighted(window, stems), tail)


@register.filter
def highlight(text, search):
    """The whole of `text`, escaped, with the words matching `search` inside <mark>."""
    return _highlighted(str(text or ""), _stems(search))
