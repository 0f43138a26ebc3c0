"""A readable diff of two texts for editors: the words taken out in <del>, the words put
in in <ins>, unchanged text as it was; HTML bodies are compared by what a reader sees,
paragraph by paragraph. Pure helpers: strings in, escaped HTML out."""

import difflib
import html
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Tags that end a line of what a reader sees (a paragraph, a heading, a list item...).
_BLOCK_END = re.compile(
    r"<\s*(?:br\s*/?|/\s*(?:p|h[1-6]|li|blockquote|pre|figcaption|figure|tr|div|table|ul|ol))\s*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_WORDS = re.compile(r"\s*\S+\s*|\s+")  # a word with the spaces around it


def visible_lines(markup):
    """The lines a reader sees in `markup`: tags dropped, entities read, blanks skipped."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", markup or ""))
    lines = (" ".join(html.unescape(line).split()) for line in text.splitlines())
    return [line for line in lines if line]


def _mark(tag, text):
    return f"<{tag}>{escape(text)}</{tag}>" if text else ""


def inline_diff(old, new):
    """`old` changed into `new`, word by word, as safe HTML."""
    before, after = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(before[i1:i2])))
        else:
            parts.append(_mark("del", "".join(before[i1:i2])))
            parts.append(_mark("ins", "".join(after[j1:j2])))
    return mark_safe("".join(parts))


def lines_diff(old_lines, new_lines):
    """[(kind, safe HTML)] for two lists of lines: kind is "same", "changed", "added" or
    "removed"; a changed line shows its words' changes."""
    rows = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = old_lines[i1:i2], new_lines[j1:j2]
        if op == "equal":
            rows += [("same", escape(line)) for line in old]
            continue
        paired = min(len(old), len(new)) if op == "replace" else 0
        rows += [("changed", inline_diff(a, b)) for a, b in zip(old, new, strict=False)][:paired]
        rows += [("removed", mark_safe(_mark("del", line))) for line in old[paired:]]
        rows += [("added", mark_safe(_mark("ins", line))) for line in new[paired:]]
    return rows
