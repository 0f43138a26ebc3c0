"""Hebrew-aware text analysis for the site search (pure Python, no Django).

The search stores ``index_document(...)`` for every post: a space-separated list of
distinct *stems* with a leading and trailing space, and matches a query with plain
``search_document LIKE '% alt %'`` (a whole-token test), AND across query terms and
OR within each term's set of alternatives (see ``parse_query``).

Normalization (``normalize``/``tokenize``): NFKC + casefold; Unicode format
characters (category Cf: bidi controls, ZWJ, soft hyphen...) and Hebrew niqqud and
cantillation marks (combining marks U+0591-U+05C7) are deleted; final letters
ך ם ן ף ץ fold to כ מ נ פ צ; quote marks (", ', geresh, gershayim, typographic
quotes) between two word characters are deleted so ארה"ב / ארה״ב / ארהב are equal;
a dot stays only between two digits ("2.0"); every other non letter/digit/mark
character (maqaf, hyphens, punctuation, symbols, whitespace) separates tokens.
Tokens therefore never contain whitespace, ``%``, ``_``, ``\\`` or quotes.

Prefix stripping (``stems``), applied only to tokens made purely of Hebrew letters:
the token itself, plus the remainder after removing each allowed prefix (``PREFIXES``:
the seven prefix letters ו ה ב כ ל מ ש and common combinations such as וה, וב, שב,
כש, וכש, לכש), provided the remainder has at least ``max(2, len(prefix))`` letters.
Only one prefix is removed (no recursion); "וב" is listed as a combination instead.

Symmetric design: a query term matches a document token when their stem sets
intersect. The document side stores the stems of every token (בממשלה -> בממשלה,
ממשלה) and the query side offers the stems of each term as alternatives
(הממשלה -> הממשלה, ממשלה), so הממשלה / ממשלה / בממשלה / ובממשלה all meet at
"ממשלה" whichever side carries the prefix. Known, accepted ambiguity: a word whose
first root letter is a prefix letter also yields a shorter stem (ממשל -> משל),
so ממשל and משל match each other; without a lexicon this cannot be told apart.
"""

import re
import unicodedata

__all__ = [
    "ELLIPSIS",
    "MAX_QUERY_LENGTH",
    "MAX_QUERY_TERMS",
    "PREFIXES",
    "index_document",
    "make_snippet",
    "normalize",
    "parse_query",
    "stems",
    "tokenize",
]

#: Allowed Hebrew prefixes, shortest first (this order is the stem order).
PREFIXES = (
    "ו", "ה", "ב", "כ", "ל", "מ", "ש",
    "וה", "וב", "וכ", "ול", "ומ", "וש", "מה", "שה", "שב", "שכ", "שמ", "כש",
    "ומה", "ושה", "ושב", "כשה", "וכש", "לכש",
)  # fmt: skip

ELLIPSIS = "…"
# A query is cut to this many characters (the search box's maxlength too) and terms.
MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 8
_FINALS = {ord("ך"): "כ", ord("ם"): "מ", ord("ן"): "נ", ord("ף"): "פ", ord("ץ"): "צ"}
_QUOTES = frozenset("\"'`‘’‚‛“”„‟′″‴׳״")
_CACHE_LIMIT = 8192


class _Table(dict):
    """A ``str.translate`` table computed lazily per code point (bounded cache)."""

    def __init__(self, func):
        super().__init__()
        self.func = func

    def __missing__(self, cp):
        value = self.func(cp)
        if len(self) < _CACHE_LIMIT:
            self[cp] = value
        return value


def _clean_char(cp):
    if cp in _FINALS:
        return _FINALS[cp]
    ch = chr(cp)
    cat = unicodedata.category(ch)
    if cat == "Cf" or (0x0591 <= cp <= 0x05C7 and cat == "Mn"):
        return None
    if ch in _QUOTES:
        return '"'
    if ch == "." or cat[0] in "LNM":
        return ch
    return " "


def _span_char(cp):
    # Length-preserving class of a character of the original text, judged on its
    # cleaned NFKC form like ``tokenize``: "a" letter, digit or combining mark (niqqud
    # included), "w" other word-internal character (quote, dot, Cf), " " separator.
    if unicodedata.category(chr(cp))[0] == "M":
        return "a"
    form = unicodedata.normalize("NFKC", chr(cp)).casefold().translate(_CLEAN)
    if any(c.isalnum() for c in form):
        return "a"
    return " " if form.isspace() else "w"


_CLEAN = _Table(_clean_char)
_SPAN = _Table(_span_char)
_INNER_QUOTES = re.compile(r'(?<=[^\s".])"+(?=[^\s".])')
_LOOSE_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")
_WORD = re.compile(r"[wa]*a[wa]*")
_LAST_SPACE = re.compile(r"(.*)\s", re.S)


def tokenize(text: str) -> list[str]:
    """Return the normalized tokens of ``text`` in order (duplicates kept)."""
    if not text:
        return []
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    text = _INNER_QUOTES.sub("", text.translate(_CLEAN))
    text = _LOOSE_DOTS.sub(" ", text).replace('"', " ")
    return [tok for tok in text.split() if any(c.isalnum() for c in tok)]


def normalize(text: str) -> str:
    """Return the cleaned text: the normalized tokens joined by single spaces."""
    return " ".join(tokenize(text))


def _is_hebrew(token):
    return all("א" <= c <= "ת" for c in token)


def _stem_list(token):
    out = [token]
    if _is_hebrew(token):
        for prefix in PREFIXES:
            rest = token[len(prefix) :]
            if token.startswith(prefix) and len(rest) >= max(2, len(prefix)):
                out.append(rest)
    return out


def stems(token: str) -> set[str]:
    """Return ``token`` plus each form with one allowed prefix removed.

    ``token`` must already be normalized (an element of ``tokenize``'s result).
    Non-Hebrew tokens (Latin, digits, mixed) are returned unchanged.
    """
    return set(_stem_list(token))


def index_document(*texts: str) -> str:
    """Return the string to store for search: every distinct stem of every token of
    ``texts`` in first-occurrence order, space-separated, with a leading and trailing
    space (``" "`` when there is nothing searchable)."""
    seen = {}
    for text in texts:
        for token in tokenize(text or ""):
            for stem in _stem_list(token):
                seen.setdefault(stem, None)
    return " " + " ".join(seen) + " " if seen else " "


def parse_query(
    query: str, max_terms: int = MAX_QUERY_TERMS, max_length: int = MAX_QUERY_LENGTH
) -> list[set[str]]:
    """Return one set of alternative stems per distinct query term (in order).

    A document matches when, for every set, at least one ``" " + alt + " "`` occurs in
    its ``index_document``. The query is cut to ``max_length`` characters (dropping a
    word cut in half) and to ``max_terms`` terms; [] means nothing is searchable.
    """
    if not query or max_terms <= 0 or max_length <= 0:
        return []
    if len(query) > max_length:
        cut = query[:max_length]
        if not query[max_length].isspace():
            last_space = _LAST_SPACE.match(cut)
            cut = last_space.group(1) if last_space else cut
        query = cut
    terms = list(dict.fromkeys(tokenize(query)))[:max_terms]
    return [set(_stem_list(term)) for term in terms]


def _word_spans(classes):
    """Yield (start, end, core_start, core_end) of the candidate words of a text whose
    ``_SPAN`` classes are given; the core omits edge quotes, dots and Cf characters."""
    for m in _WORD.finditer(classes):
        word = m[0]
        yield m.start(), m.end(), m.end() - len(word.lstrip("w")), m.start() + len(word.rstrip("w"))


def make_snippet(text: str, stems: set[str], width: int = 200) -> list[tuple[str, bool]]:
    """Return a window of about ``width`` characters of ``text`` around the first word
    matching one of ``stems`` (a parsed query's stems, see ``parse_query``) as
    (fragment, is_match) pairs.

    Fragments are verbatim slices of the original text (their concatenation, without
    the ("…", False) markers added at cut edges, is ``text[start:end]``); matching
    words are flagged True. Nothing here is HTML: escape each fragment when rendering
    (and isolate the snippet with ``<bdi>``/``dir="auto"``, as it may hold bidi
    controls). With no match, the start of the text is returned unflagged.
    """
    if not text:
        return []
    classes = text.translate(_SPAN)
    is_match = _matcher(text, stems)
    first = next(_matching_words(classes, is_match), None)
    lo, hi = first[2:] if first else (0, 0)
    start, end = _window(text, lo, hi, max(int(width), 1))
    start, end = _trim(text, start, end, lo if first else end, hi)
    if end <= start:
        return []
    return _fragments(text, _matching_words(classes, is_match), start, end)


def _matcher(text, stems):
    """is_match(start, end): whether the word text[start:end] has one of ``stems``."""
    cache = {}

    def is_match(start, end):
        word = text[start:end]
        if word not in cache:
            cache[word] = any(stems.intersection(_stem_list(t)) for t in tokenize(word))
        return cache[word]

    return is_match if stems else None


def _matching_words(classes, is_match):
    """The ``_word_spans`` of the words that match, in order (none without stems)."""
    if is_match is None:
        return
    yield from (span for span in _word_spans(classes) if is_match(*span[:2]))


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
