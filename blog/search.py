"""Site search on top of blog.hebrew: what is stored per post and how a query filters.

Every post stores three documents (``build_documents``):

- ``search_document``: the keys of everything searchable (title, excerpt, body, category,
  tags, slides): each token's bases and "~" lemmas (hebrew.index_document);
- ``search_title``: the keys of the title, then "~" and its tokens in order (ranking);
- ``search_text``: every token in reading order (hebrew.index_sequence), for phrases.

A word matches a post when one of its alternatives is a whole token of
``search_document``; a quoted phrase when one of its forms stands in ``search_text``;
terms are ANDed. Ranking, per term: a title match counts 2, an exact form (a base,
not only a lemma) counts 1; then newest first.

- PostgreSQL: full-text vectors of the three documents ("simple" configuration: no
  stemming, the keys are already analysed), stored generated columns with GIN indexes
  (migration 0007), queried with literal lexemes and, for phrases, ``<->``.
- SQLite: an FTS5 index over the three documents (``blog_post_fts``, external content,
  kept current by triggers, blog.search_index),
  queried with exact-token phrases.

A LIKE scan reads every matching row's documents: a common word then costs over a
second at 20,000 posts, which is why both databases go through a full-text index.

Even through the index, counting and ranking every match of a common word, or checking
the word positions of a phrase in every post that holds its words, grows with the blog.
So a query first finds its window (``SearchQuery.window``): the newest
``BLOG_SEARCH_WINDOW`` posts that hold every word (a phrase's words anywhere), read from
the index newest first and stopped there; matching, counting and ranking then look only
at posts from the window's first id on. The cost stays flat as posts are added; when the
window is full, older posts are not searched and the results page says so.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import strip_tags

from blog.hebrew import (
    LEMMA_MARK,
    MAX_QUERY_LENGTH,
    TEXT_BREAK,
    Term,
    analyse,
    index_document,
    index_sequence,
    keys,
    parse_query,
    tokenize,
)
from blog.search_index import FTS_TABLE, POST_TABLE, SEARCH_FIELDS

__all__ = ["SEARCH_FIELDS", "SearchQuery", "build_documents", "filter_and_rank", "ranked_ids"]


def build_documents(*, title, excerpt="", body="", category="", tags=(), slides=()):
    """{field: document} of the three SEARCH_FIELDS for a post's texts; pure, no queries."""
    texts = [title, excerpt, strip_tags(body or ""), category, *tags, *slides]
    title_keys = index_document(title).rstrip()
    return {
        "search_title": f"{title_keys} {TEXT_BREAK}{index_sequence(title)}",
        "search_document": index_document(*texts),
        "search_text": index_sequence(*texts),
    }


@dataclass(frozen=True)
class SearchQuery:
    """A reader's query, parsed once: its terms filter the posts, and the highlighter
    marks the words that match them in each result (blog.templatetags.highlighting).

    `terms` holds the words and quoted phrases (blog.hebrew.Term), all required; a query
    longer than MAX_QUERY_LENGTH is cut (hebrew.parse_query).
    """

    text: str
    terms: tuple[Term, ...]
    _windows: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def parse(cls, text):
        text = (text or "").strip()
        return cls(text, tuple(parse_query(text)))

    @property
    def searchable(self):
        """False when nothing in the text can be searched (empty, only punctuation...)."""
        return bool(self.terms)

    @property
    def truncated(self):
        return len(self.text) > MAX_QUERY_LENGTH

    def window(self, using="default"):
        """This query's Window on database `using`, found once (one query)."""
        if using not in self._windows:
            self._windows[using] = find_window(using, self.terms)
        return self._windows[using]

    def missing_terms(self, *texts):
        """The terms that ``texts`` do not match (as the stored documents would)."""
        tokens = [token for text in texts for token in tokenize(text or "")]
        analyses = analyse(tokens)
        found = set().union(*(keys(analysis) for analysis in analyses.values()))
        sequence = index_sequence(*texts)
        return [
            term
            for term in self.terms
            if not (
                any(f" {form} " in sequence for form in term.exact)
                if term.phrase
                else term.alternatives & found
            )
        ]


# Where each document is matched: FTS5 columns on SQLite, tsvector columns (migration
# 0007) on PostgreSQL, whose parser drops "~": lemma keys become "zlemma" + lemma there.
_SQLITE_COLUMNS = {"title": "search_title", "document": "search_document", "text": "search_text"}
_PG_COLUMNS = {
    "title": "search_title_vector",
    "document": "search_vector",
    "text": "search_text_vector",
}
PG_LEMMA = "zlemma"


def _fts_any(alternatives):
    # Strings in double quotes are literal phrases in FTS5; keys never contain a quote.
    return " OR ".join(f'"{alt}"' for alt in sorted(alternatives))


def _ts_lexeme(key):
    return PG_LEMMA + key[len(LEMMA_MARK) :] if key.startswith(LEMMA_MARK) else key


def _ts_any(alternatives):
    # Quoted lexemes are literal in a tsquery; keys never contain a quote or a backslash.
    return " | ".join(f"'{_ts_lexeme(alt)}'" for alt in sorted(alternatives))


def _ts_phrase(term):
    first = "(" + " | ".join(f"'{form}'" for form in sorted(term.first_forms)) + ")"
    return " <-> ".join([first, *(f"'{word}'" for word in term.words[1:])])


def _expressions(term, sqlite):
    """(filter, in title, exact form) of one term as (document, query string) pairs: FTS5
    on SQLite, tsquery on PostgreSQL; the exact one is None where it always holds."""
    if term.phrase:
        query = _fts_any(term.exact) if sqlite else _ts_phrase(term)
        return ("text", query), ("title", query), None
    any_form = (_fts_any if sqlite else _ts_any)(term.alternatives)
    exact = None
    if term.inflected:
        exact = ("document", (_fts_any if sqlite else _ts_any)(term.exact))
    return ("document", any_form), ("title", any_form), exact


def _relaxed(term, sqlite):
    """(document, query) that every match of `term` meets and the index answers without
    word positions: a word as it is, a phrase's words anywhere in the post."""
    if not term.phrase:
        return _expressions(term, sqlite)[0]
    any_form = _fts_any if sqlite else _ts_any
    groups = [term.first_forms, *({word} for word in term.words[1:])]
    joined = (" AND " if sqlite else " & ").join(f"({any_form(group)})" for group in groups)
    return "text", joined


@dataclass(frozen=True)
class Window:
    """Where a query looks: the `ids` of the newest posts that hold its words, newest
    first (empty: no post holds them); `full` when they reached BLOG_SEARCH_WINDOW, so
    older posts were left out."""

    ids: tuple[int, ...]
    full: bool

    @property
    def start(self):
        return self.ids[-1] if self.ids else None


def find_window(using, terms, size=None):
    """The Window of `terms` (SearchQuery.window): one index read, newest first, that
    stops after `size` posts (BLOG_SEARCH_WINDOW), whatever the size of the blog."""
    size = size or settings.BLOG_SEARCH_WINDOW
    sqlite = connections[using].vendor == "sqlite"
    relaxed = [_relaxed(term, sqlite) for term in terms]
    if sqlite:
        match = " AND ".join(f"({_SQLITE_COLUMNS[doc]} : ({query}))" for doc, query in relaxed)
        newest = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC"
        params = [match]
    else:
        where, params = _pg_where(relaxed)
        newest = f"SELECT id FROM {POST_TABLE} WHERE {where} ORDER BY id DESC"
    with connections[using].cursor() as cursor:
        cursor.execute(f"{newest} LIMIT %s", [*params, size])
        ids = tuple(row[0] for row in cursor.fetchall())
    return Window(ids, len(ids) >= size)


@contextmanager
def index_plans(using):
    """On PostgreSQL, plans that test the full-text documents only through their GIN
    indexes. The planner prices matching a stored tsvector as cheap, but each is a
    TOASTed value to fetch and decompress (tens of microseconds): a sequential or
    primary-key scan that tests every row took a second at 20,000 posts."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using, savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true),"
                " set_config('enable_indexscan', 'off', true)"
            )
        yield


def _pg_where(expressions):
    where = " AND ".join(
        f"{_PG_COLUMNS[doc]} @@ to_tsquery('simple', %s)" for doc, _ in expressions
    )
    return where, [query for _, query in expressions]


def _ids(expressions, sqlite, start):
    """Q: the post is among the rows that match every (document, query) of `expressions`,
    found through the full-text index (a set computed once): on SQLite from rowid `start`
    on; on PostgreSQL all of them, a GIN bitmap that reads no document."""
    if sqlite:
        match = " AND ".join(f"({_SQLITE_COLUMNS[doc]} : ({query}))" for doc, query in expressions)
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid >= %s"
        return Q(pk__in=RawSQL(sql, [match, start]))
    where, params = _pg_where(expressions)
    return Q(pk__in=RawSQL(f"SELECT id FROM {POST_TABLE} WHERE {where}", params))


def _matching(terms, expressions, sqlite, window):
    """The filter: in the window, and for the terms that the window's index read did not
    settle (phrases: their word order), their match. On PostgreSQL the phrases are tested
    on the window's rows only, the one place a document is read."""
    if sqlite:
        return _ids(expressions, sqlite, window.start) & Q(pk__gte=window.start)
    phrases = [found for term, found in zip(terms, expressions, strict=True) if term.phrase]
    condition = Q(pk__in=window.ids)
    if phrases:
        # "IS TRUE" keeps the GIN index out: its candidates for two common words are
        # thousands of rows to read, the window's are at most BLOG_SEARCH_WINDOW.
        where, params = _pg_where(phrases)
        sql = f"SELECT id FROM {POST_TABLE} WHERE id = ANY(%s) AND ({where}) IS TRUE"
        condition &= Q(pk__in=RawSQL(sql, [list(window.ids), *params]))
    return condition


def _points(condition, weight):
    return Case(When(condition, then=Value(weight)), default=Value(0), output_field=IntegerField())


def filter_and_rank(queryset, query):
    """Posts matching every term of `query` (a SearchQuery) within its window, best
    first: title matches, then exact forms, then newest. An unsearchable query, or one
    whose words no post holds, gives an empty queryset (after one query, the window's).
    """
    window = query.window(queryset.db) if query.terms else None
    if not window or not window.ids:
        return queryset.none()
    sqlite, start = connections[queryset.db].vendor == "sqlite", window.start
    expressions = [_expressions(term, sqlite) for term in query.terms]
    found = [found for found, _, _ in expressions]
    queryset = queryset.filter(_matching(query.terms, found, sqlite, window))
    rank = Value(0)
    for _, in_title, exact in expressions:
        rank += _points(_ids([in_title], sqlite, start), 2)
        if exact is not None:
            rank += _points(_ids([exact], sqlite, start), 1)
    return queryset.annotate(search_rank=rank).order_by("-search_rank", "-published_at", "-pk")


def ranked_ids(queryset, query):
    """The ids of filter_and_rank(queryset, query) in order, read at once (at most
    BLOG_SEARCH_WINDOW), with index_plans: what the search page lists."""
    if not query.terms:
        return []
    with index_plans(queryset.db):
        return list(filter_and_rank(queryset, query).values_list("pk", flat=True))
