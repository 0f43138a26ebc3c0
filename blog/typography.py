"""Short runs of mixed Hebrew and Latin text that must not break inside.

"GOV 2.0", "WEB 2.0" or a time range such as "19:00-22:00" split over two lines reads
wrong in a right-to-left paragraph (the "2.0" ends one line, "GOV" starts the next). Such
runs get the class "nowrap" (static/css/site.css: white-space: nowrap); a Latin run
longer than KEEP_MAX (an English sentence) still wraps. Pure: no Django, no models.
"""

import html
import re

# Latin letters and digits, joined by single spaces, dots, hyphens or apostrophes.
LATIN_RUN = r"[A-Za-z][A-Za-z0-9]*(?:[ .\-'’][A-Za-z0-9]+)*"
# "19:00-22:00", "9:30 – 11:00": a time range (a lone "19:00" has no break inside).
TIME_RANGE = r"(?<![\d:])\d{1,2}:\d{2} ?[-–] ?\d{1,2}:\d{2}(?![\d:])"
RUN = re.compile(f"(?P<time>{TIME_RANGE})|(?P<latin>{LATIN_RUN})")
KEEP_MAX = 24
NOWRAP = ' class="nowrap"'

# A tag, with quoted attribute values whole: bleach leaves ">" unescaped inside them
# (title="a>b"), and splitting there would wrap text inside the attribute (issue 14).
_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
_ENTITY = re.compile(r"(&#?[A-Za-z0-9]+;)")
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
_VOID = frozenset({"br", "hr", "img", "wbr", "col", "source", "input"})
# Text inside these is left as it is: code, or already isolated by an editor or by us.
_SKIP = frozenset({"code", "pre", "kbd", "samp", "bdi", "bdo"})


def keeps_whole(run):
    """True for a short run that a line break could otherwise split (space or hyphen)."""
    return len(run) <= KEEP_MAX and re.search(r"[ \-–]", run) is not None


def wrap_run(match, escaped, isolate=False):
    """The HTML of one RUN match (`escaped`: its text, escaped): a time range or a short
    Latin run kept whole; with `isolate`, every Latin run in <bdi dir="ltr">."""
    keep = keeps_whole(match.group())
    if match["time"]:
        return f'<span class="nowrap">{escaped}</span>' if keep else escaped
    if keep or isolate:
        return f'<bdi dir="ltr"{NOWRAP if keep else ""}>{escaped}</bdi>'
    return escaped


def _wrap_escaped_text(text):
    """Already-escaped HTML text: only short runs and time ranges are marked."""
    pieces = _ENTITY.split(text)
    for i in range(0, len(pieces), 2):  # odd pieces are entities: never inside a run
        pieces[i] = RUN.sub(lambda m: wrap_run(m, m.group()), pieces[i])
    return "".join(pieces)


def keep_runs_whole(markup):
    """Sanitised HTML with its short Latin runs and time ranges marked "nowrap".

    An editor's own <bdi> around a short run gets the class; text inside code, <bdi> or
    an element already marked is left alone, so running it twice changes nothing.
    """
    parts = _TAG.split(markup)
    open_tags = []  # (name, skip) of the elements the current text is inside
    for i, part in enumerate(parts):
        if i % 2 == 0:
            if part and not any(skip for _, skip in open_tags):
                parts[i] = _wrap_escaped_text(part)
            continue
        name_match = _TAG_NAME.match(part)
        if not name_match:
            continue  # a comment or doctype
        name = name_match[1].lower()
        if part.startswith("</"):
            _close(open_tags, name)
        elif name not in _VOID and not part.endswith("/>"):
            if name == "bdi" and "class=" not in part and _short_text_follows(parts, i):
                parts[i] = part = part[:-1] + NOWRAP + ">"
            open_tags.append((name, name in _SKIP or NOWRAP.strip() in part))
    return "".join(parts)


def _short_text_follows(parts, i):
    """The element opened by parts[i] holds only text, a short run that may break."""
    text, closing = parts[i + 1 : i + 3] if i + 2 < len(parts) else ("", "")
    return closing.lower().startswith("</bdi") and keeps_whole(html.unescape(text).strip())


def _close(open_tags, name):
    for depth in range(len(open_tags) - 1, -1, -1):
        if open_tags[depth][0] == name:
            del open_tags[depth:]
            return
