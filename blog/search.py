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
  kept current by triggers; ``ensure_sqlite_index`` creates it after every migrate),
  queried with exact-token phrases.

A LIKE scan reads every matching row's documents: a common word then costs over a
second at 20,000 posts, which is why both databases go through a full-text index.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import BooleanField, Case, IntegerField, Q, Value, When
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

POST_TABLE = "blog_post"
FTS_TABLE = "blog_post_fts"
SEARCH_FIELDS = ("search_title", "search_document", "search_text")
_COLUMNS = ", ".join(SEARCH_FIELDS)
_NEW = ", ".join(f"new.{field}" for field in SEARCH_FIELDS)
_OLD = ", ".join(f"old.{field}" for field in SEARCH_FIELDS)
# Tokens are made of letters, digits, marks and inner dots ("2.0"), lemma keys start
# with "~"; text is already case-folded and niqqud-free, so the tokenizer must not
# change it further.
_FTS_SQL = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        {_COLUMNS}, content='{POST_TABLE}', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '.~'")""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON {POST_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON {POST_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS})
        VALUES ('delete', old.id, {_OLD});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au
    AFTER UPDATE OF {_COLUMNS} ON {POST_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS})
        VALUES ('delete', old.id, {_OLD});
        INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});
    END""",
]
_FTS_OBJECTS = {FTS_TABLE, f"{FTS_TABLE}_ai", f"{FTS_TABLE}_ad", f"{FTS_TABLE}_au"}


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


def ensure_sqlite_index(using="default"):
    """Create the SQLite FTS5 index and its triggers when missing or outdated, then fill it.

    Idempotent; run after every migrate, because SQLite rebuilds a table to alter it
    and dropping the old table drops its triggers.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
            sorted(_FTS_OBJECTS),
        )
        found = dict(cursor.fetchall())
        if set(found) == _FTS_OBJECTS and "search_text" in found[FTS_TABLE]:
            return
        for trigger in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{trigger}")
        if "search_text" not in found.get(FTS_TABLE, "search_text"):
            cursor.execute(f"DROP TABLE {FTS_TABLE}")  # made for fewer documents
        for statement in _FTS_SQL:
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


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


def _pg_where(expressions):
    where = " AND ".join(
        f"{_PG_COLUMNS[doc]} @@ to_tsquery('simple', %s)" for doc, _ in expressions
    )
    return where, [query for _, query in expressions]


def _ids(expressions, sqlite):
    """Q: the post is among the rows that match every (document, query) of `expressions`,
    found through the full-text index (a set computed once, for ranking)."""
    if sqlite:
        match = " AND ".join(f"({_SQLITE_COLUMNS[doc]} : ({query}))" for doc, query in expressions)
        return Q(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        )
    where, params = _pg_where(expressions)
    return Q(pk__in=RawSQL(f"SELECT id FROM {POST_TABLE} WHERE {where}", params))


def _matching(expressions, sqlite):
    """The filter: on PostgreSQL a condition on the row itself (a GIN bitmap scan, no
    self-join over every match)."""
    if sqlite:
        return _ids(expressions, sqlite)
    return RawSQL(*_pg_where(expressions), output_field=BooleanField())


def _points(condition, weight):
    return Case(When(condition, then=Value(weight)), default=Value(0), output_field=IntegerField())


def filter_and_rank(queryset, query):
    """Posts matching every term of `query` (a SearchQuery), best first: title matches,
    then exact forms, then newest. An unsearchable query gives an empty queryset.
    """
    if not query.terms:
        return queryset.none()
    sqlite = connections[queryset.db].vendor == "sqlite"
    expressions = [_expressions(term, sqlite) for term in query.terms]
    queryset = queryset.filter(_matching([found for found, _, _ in expressions], sqlite))
    rank = Value(0)
    for _, in_title, exact in expressions:
        rank += _points(_ids([in_title], sqlite), 2)
        if exact is not None:
            rank += _points(_ids([exact], sqlite), 1)
    return queryset.annotate(search_rank=rank).order_by("-search_rank", "-published_at", "-pk")
