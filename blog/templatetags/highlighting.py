"""Search results: the words that matched the reader's query, marked in titles and in a
snippet of each post. The query arrives parsed (blog.search.SearchQuery), once per page;
a word is marked only where it matches the query's analysis (blog.hebrew.match_spans),
and a quoted phrase only where its words stand in a row."""

import html

from django import template
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe

from blog.hebrew import match_spans
from blog.snippets import ELLIPSIS, make_snippet
from blog.typography import RUN, wrap_run

register = template.Library()

SNIPPET_WIDTH = 220


def _marked(text, start, end, cores):
    """text[start:end] escaped, the parts of it inside `cores` (start, end) in <mark>."""
    parts, pos = [], start
    for core_start, core_end in cores:
        core_start, core_end = max(core_start, pos), min(core_end, end)
        if core_start >= core_end:
            continue
        parts.append(conditional_escape(text[pos:core_start]))
        parts.append(format_html("<mark>{}</mark>", text[core_start:core_end]))
        pos = core_end
    parts.append(conditional_escape(text[pos:end]))
    return "".join(parts)


def _highlighted(text, terms):
    """`text` escaped, words matching `terms` in <mark>, Latin runs isolated and short runs
    kept whole as hebrew_text.isolate_latin does, so "GOV 2.0" keeps its order in a
    Hebrew line."""
    cores = [span[2:] for span in match_spans(text, terms)]
    parts, last = [], 0
    for match in RUN.finditer(text):
        parts.append(_marked(text, last, match.start(), cores))
        parts.append(wrap_run(match, _marked(text, match.start(), match.end(), cores), True))
        last = match.end()
    parts.append(_marked(text, last, len(text), cores))
    return mark_safe("".join(parts))


def _terms(search):
    return search.terms if search else ()


def _post_texts(post):
    """Where a post's snippet may come from, in order: the slide that matched when only
    slides did (the view sets `slide_match`), else the excerpt and the body."""
    slide = getattr(post, "slide_match", None)
    if slide:
        return [slide["text"]]
    body = html.unescape(strip_tags(post.body or ""))
    return [text for text in (post.excerpt, body) if text]


@register.simple_tag
def search_snippet(post, search, width=SNIPPET_WIDTH):
    """HTML of about `width` characters around the first word of the post's excerpt or
    body text that matched `search` (the body's start when only the title or tags did)."""
    terms = _terms(search)
    candidates = _post_texts(post)
    fragments = []
    for text in candidates:
        fragments = make_snippet(text, terms, width)
        if any(is_match for _, is_match in fragments):
            break
    else:
        fragments = make_snippet(candidates[0], (), width) if candidates else []
    # Ellipses mark cut edges; the window between them is highlighted as one text.
    lead = ELLIPSIS if fragments and fragments[0] == (ELLIPSIS, False) else ""
    tail = ELLIPSIS if len(fragments) > 1 and fragments[-1] == (ELLIPSIS, False) else ""
    window = "".join(frag for frag, _ in fragments[bool(lead) : len(fragments) - bool(tail)])
    return format_html("{}{}{}", lead, _highlighted(window, terms), tail)


@register.filter
def highlight(text, search):
    """The whole of `text`, escaped, with the words matching `search` inside <mark>."""
    return _highlighted(str(text or ""), _terms(search))
