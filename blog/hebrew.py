"""Hebrew-aware text analysis for the site search (pure Python, no Django).

Every post stores ``index_document(...)``: the distinct *keys* of its tokens, space-
separated with a space at each end, and ``index_sequence(...)``: its tokens in reading
order (for quoted phrases). A query (``parse_query``) is a list of ``Term``s; a post
matches when each term's alternatives meet its keys (``LIKE '% key %'`` or an FTS5
token), AND across terms.

Normalization (``normalize``/``tokenize``): NFKC + casefold; Unicode format
characters (category Cf: bidi controls, ZWJ, soft hyphen...) and Hebrew niqqud and
cantillation marks (combining marks U+0591-U+05C7) are deleted; final letters
ך ם ן ף ץ fold to כ מ נ פ צ; quote marks (", ', geresh, gershayim, typographic
quotes) between two word characters are deleted so ארה"ב / ארה״ב / ארהב are equal;
a dot stays only between two digits ("2.0"); every other non letter/digit/mark
character (maqaf, hyphens, punctuation, symbols, whitespace) separates tokens.
Tokens therefore never contain whitespace, ``%``, ``_``, ``~``, ``\\`` or quotes.

Morphology (blog.morphology: hspell when installed, else rules): a token's keys are its
*bases* (the word without prefix letters: בממשלה -> ממשלה; a whole word keeps its
letters: ממשל, not מ+משל) and its *lemmas* marked with "~" (ממשלותיהם -> ~ממשלה). Index
and query go through the same analysis, so הממשלה, בממשלה and ממשלה meet at a base
(an exact form, ranked first) and ממשלות, ממשלתו meet them at a lemma (an inflection).
"""

import re
import unicodedata
from dataclasses import dataclass

from blog import morphology
from blog.morphology_rules import PREFIXES

__all__ = [
    "LEMMA_MARK",
    "MAX_QUERY_LENGTH",
    "MAX_QUERY_TERMS",
    "PREFIXES",
    "Term",
    "analyse",
    "index_document",
    "index_sequence",
    "keys",
    "match_spans",
    "normalize",
    "parse_query",
    "tokenize",
]

# A query is cut to this many characters (the search box's maxlength too) and terms.
MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 8
_FINALS = {ord("ך"): "כ", ord("ם"): "מ", ord("ן"): "נ", ord("ף"): "פ", ord("ץ"): "צ"}
_QUOTES = frozenset("\"'`‘’‚‛“”„‟′″‴׳״")
_CACHE_LIMIT = 8192
LEMMA_MARK = "~"  # before a lemma key; never inside a token
TEXT_BREAK = "~"  # between two texts of index_sequence: no phrase spans it
_PHRASE = re.compile(r'(?<!\w)["“”„]([^"“”„]+)["“”„](?!\w)')


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


def analyse(tokens):
    """{token: (bases, lemmas)} from the process's analyser (blog.morphology)."""
    return morphology.analyser().analyse(tokens)


def keys(analysis):
    """The index keys of one analysed token: its bases, and its lemmas marked "~"."""
    bases, lemmas = analysis
    return bases | {LEMMA_MARK + lemma for lemma in lemmas}


def index_document(*texts: str) -> str:
    """The keys of every distinct token of ``texts`` (bases, then "~" lemmas) in
    first-occurrence order, space-separated with a space at each end (" " when empty)."""
    tokens = list(dict.fromkeys(t for text in texts for t in tokenize(text or "")))
    analyses = analyse(tokens)
    seen = {}
    for token in tokens:
        bases, lemmas = analyses[token]
        for key in (*sorted(bases), *(LEMMA_MARK + lemma for lemma in sorted(lemmas))):
            seen.setdefault(key, None)
    return " " + " ".join(seen) + " " if seen else " "


def index_sequence(*texts: str) -> str:
    """The tokens of ``texts`` in reading order (for phrases), "~" between two texts so
    that no phrase spans them, with a space at each end (" " when empty)."""
    joined = f" {TEXT_BREAK} ".join(filter(None, (normalize(text or "") for text in texts)))
    return f" {joined} " if joined else " "


@dataclass(frozen=True)
class Term:
    """One thing the reader asked for: a word, or a quoted phrase (``phrase``).

    A word matches a token whose keys meet ``exact`` (its bases: the same word, prefixes
    aside) or ``inflected`` (its "~" lemmas: another form of it); a quoted single word
    has no ``inflected``. A phrase matches its ``words`` in a row, the first one in any
    of ``first_forms`` (with or without prefix letters); ``exact`` then holds the phrase
    as token strings, matched against ``index_sequence``.
    """

    words: tuple[str, ...]
    exact: frozenset[str]
    inflected: frozenset[str] = frozenset()
    phrase: bool = False
    first_forms: frozenset[str] = frozenset()

    @property
    def alternatives(self):
        return self.exact | self.inflected


def _cut(query, max_length):
    if len(query) <= max_length:
        return query
    cut = query[:max_length]
    if not query[max_length].isspace():  # drop a word cut in half
        last_space = _LAST_SPACE.match(cut)
        cut = last_space.group(1) if last_space else cut
    return cut


def _groups(query):
    """(quoted, tokens) for each quoted phrase and each other word, in order."""
    pos = 0
    for match in (*_PHRASE.finditer(query), None):
        before = query[pos : match.start() if match else len(query)]
        yield from ((False, (token,)) for token in tokenize(before))
        if match:
            yield True, tuple(tokenize(match[1]))
            pos = match.end()


def _term(quoted, words, analyses):
    if len(words) == 1:
        bases, lemmas = analyses[words[0]]
        inflected = frozenset() if quoted else frozenset(LEMMA_MARK + x for x in lemmas)
        return Term(words, bases, inflected)
    first = words[0]
    firsts = analyses[first][0] | {first}
    prefixes = ("", *PREFIXES) if _is_hebrew(first) else ("",)
    first_forms = frozenset(p + form for form in firsts for p in prefixes)
    rest = " ".join(words[1:])
    exact = frozenset(f"{form} {rest}" for form in first_forms)
    return Term(words, exact, phrase=True, first_forms=first_forms)


def parse_query(
    query: str, max_terms: int = MAX_QUERY_TERMS, max_length: int = MAX_QUERY_LENGTH
) -> list[Term]:
    """The distinct terms of ``query`` in order: words, and phrases in double quotes.

    A post matches when it matches every term. The query is cut to ``max_length``
    characters (dropping a word cut in half) and to ``max_terms`` words in all (a phrase
    counts its words); [] means nothing is searchable.
    """
    if not query or max_terms <= 0 or max_length <= 0:
        return []
    groups, budget = [], max_terms
    for quoted, words in dict.fromkeys(_groups(_cut(query, max_length))):
        if words and budget > 0:
            groups.append((quoted, words[:budget]))
            budget -= len(words[:budget])
    analyses = analyse([word for _, words in groups for word in words])
    return list(dict.fromkeys(_term(quoted, words, analyses) for quoted, words in groups))


def match_spans(text: str, terms) -> list[tuple[int, int, int, int]]:
    """The words of ``text`` that match one of ``terms`` (``parse_query``'s), in order, as
    (start, end, core_start, core_end): the core omits edge quotes, dots and Cf marks.
    A word matches a word term through its analysis; a phrase marks its words only
    where they stand in a row."""
    if not text or not terms:
        return []
    spans = list(_word_spans(text.translate(_SPAN)))
    flat = [(t, i) for i, (start, end, _, _) in enumerate(spans) for t in tokenize(text[start:end])]
    marked = set()
    wanted = frozenset().union(*(term.alternatives for term in terms if not term.phrase))
    if wanted:
        analyses = analyse([token for token, _ in flat])
        hits = {t for t, analysis in analyses.items() if keys(analysis) & wanted}
        marked.update(i for token, i in flat if token in hits)
    for term in terms:
        if term.phrase:
            marked.update(_phrase_hits(flat, term))
    return [spans[i] for i in sorted(marked)]


def _phrase_hits(flat, term):
    size, rest = len(term.words), term.words[1:]
    for k in range(len(flat) - size + 1):
        if flat[k][0] in term.first_forms and tuple(t for t, _ in flat[k + 1 : k + size]) == rest:
            yield from (i for _, i in flat[k : k + size])


def _is_hebrew(token):
    return all("א" <= c <= "ת" for c in token)


def _word_spans(classes):
    """Yield (start, end, core_start, core_end) of the candidate words of a text whose
    ``_SPAN`` classes are given; the core omits edge quotes, dots and Cf characters."""
    for m in _WORD.finditer(classes):
        word = m[0]
        yield m.start(), m.end(), m.end() - len(word.lstrip("w")), m.start() + len(word.rstrip("w"))
