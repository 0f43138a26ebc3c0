"""Site search on top of blog.hebrew: what is stored per post and how a query filters.

Every post stores two documents built by ``hebrew.index_document``: ``search_title``
(the title alone, for ranking) and ``search_document`` (everything searchable), each a
space-separated list of normalized stems. A query term matches a post when one of its
alternative stems is a whole token of the document; terms are ANDed.

- PostgreSQL: ``search_document LIKE '% stem %'``, served by a pg_trgm GIN index
  (migration 0002_search).
- SQLite: an FTS5 index over the two documents (``blog_post_fts``, external content,
  kept current by triggers; ``ensure_sqlite_index`` creates it after every migrate),
  queried with exact-token phrases. A LIKE scan reads every row, bodies included, and
  takes over a second at 20,000 posts.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.lookups import Contains
from django.utils.html import strip_tags

from blog.hebrew import MAX_QUERY_LENGTH, index_document, parse_query

POST_TABLE = "blog_post"
FTS_TABLE = "blog_post_fts"
# Tokens are made of letters, digits, marks and inner dots ("2.0"); text is already
# case-folded and niqqud-free, so the tokenizer must not change it further.
_FTS_SQL = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        search_title, search_document, content='{POST_TABLE}', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '.'")""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON {POST_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_title, search_document)
        VALUES (new.id, new.search_title, new.search_document);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON {POST_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_title, search_document)
        VALUES ('delete', old.id, old.search_title, old.search_document);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au
    AFTER UPDATE OF search_title, search_document ON {POST_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_title, search_document)
        VALUES ('delete', old.id, old.search_title, old.search_document);
        INSERT INTO {FTS_TABLE}(rowid, search_title, search_document)
        VALUES (new.id, new.search_title, new.search_document);
    END""",
]
_FTS_OBJECTS = {FTS_TABLE, f"{FTS_TABLE}_ai", f"{FTS_TABLE}_ad", f"{FTS_TABLE}_au"}


def build_documents(*, title, excerpt="", body="", category="", tags=(), slides=()):
    """Return (search_title, search_document) for a post's texts; pure, no queries."""
    texts = [title, excerpt, strip_tags(body or ""), category, *tags, *slides]
    return index_document(title), index_document(*texts)


@dataclass(frozen=True)
class SearchQuery:
    """A reader's query, parsed once: its terms filter the posts and its stems are what
    the highlighter marks in each result (blog.templatetags.highlighting).

    `terms` holds one set of alternative stems per query word (AND across the sets,
    OR within one); a query longer than MAX_QUERY_LENGTH is cut (hebrew.parse_query).
    """

    text: str
    terms: tuple[frozenset[str], ...]
    stems: frozenset[str]

    @classmethod
    def parse(cls, text):
        text = (text or "").strip()
        terms = tuple(frozenset(alternatives) for alternatives in parse_query(text))
        return cls(text, terms, frozenset().union(*terms))

    @property
    def searchable(self):
        """False when nothing in the text can be searched (empty, only punctuation...)."""
        return bool(self.terms)

    @property
    def truncated(self):
        return len(self.text) > MAX_QUERY_LENGTH


def ensure_sqlite_index(using="default"):
    """Create the SQLite FTS5 index and its triggers when missing, then fill it.

    Idempotent; run after every migrate, because SQLite rebuilds a table to alter it
    and dropping the old table drops its triggers.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name IN (%s, %s, %s, %s)", sorted(_FTS_OBJECTS)
        )
        if {name for (name,) in cursor.fetchall()} == _FTS_OBJECTS:
            return
        for statement in _FTS_SQL:
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def _any_token_like(field, alternatives):
    # `contains` escapes % and _; stems never hold them anyway.
    condition = Q()
    for alt in sorted(alternatives):
        condition |= Q(Contains(F(field), f" {alt} "))
    return condition


def _fts_ids(column, terms):
    # Phrases in double quotes are literal in FTS5; stems never contain a quote.
    groups = " AND ".join(
        "(" + " OR ".join(f'"{alt}"' for alt in sorted(alts)) + ")" for alts in terms
    )
    return RawSQL(
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [f"{column} : ({groups})"]
    )


def _rank(conditions):
    return sum(
        (
            Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())
            for condition in conditions
        ),
        start=Value(0),
    )


def filter_and_rank(queryset, query):
    """Posts matching every term of `query` (a SearchQuery), title matches first, then
    newest. An unsearchable query (empty, only punctuation...) gives an empty queryset.
    """
    terms = query.terms
    if not terms:
        return queryset.none()
    if connections[queryset.db].vendor == "sqlite":
        queryset = queryset.filter(pk__in=_fts_ids("search_document", terms))
        title_rank = _rank(Q(pk__in=_fts_ids("search_title", [alts])) for alts in terms)
    else:
        for alternatives in terms:
            queryset = queryset.filter(_any_token_like("search_document", alternatives))
        title_rank = _rank(_any_token_like("search_title", alts) for alts in terms)
    return queryset.annotate(title_rank=title_rank).order_by("-title_rank", "-published_at", "-pk")
