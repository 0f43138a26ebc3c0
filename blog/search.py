"""Site search on top of blog.hebrew: what is stored per post and how a query filters.

Every post stores two documents built by ``hebrew.index_document``: ``search_title``
(the title alone, for ranking) and ``search_document`` (everything searchable). A query
term matches when one of its stems occurs as a whole token, ``LIKE '% stem %'``,
which works the same on SQLite and PostgreSQL (where a pg_trgm GIN index serves it).
"""

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import strip_tags

from blog.hebrew import index_document, parse_query

# Longer queries are cut (hebrew.parse_query drops a word cut in half).
MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 8


def build_documents(*, title, excerpt="", body="", category="", tags=(), slides=()):
    """Return (search_title, search_document) for a post's texts; pure, no queries."""
    texts = [title, excerpt, strip_tags(body or ""), category, *tags, *slides]
    return index_document(title), index_document(*texts)


def query_terms(query):
    """The query as sets of alternative stems (AND across sets); [] = nothing to search."""
    return parse_query(query or "", max_terms=MAX_QUERY_TERMS, max_length=MAX_QUERY_LENGTH)


def _any_token(field, alternatives):
    # `contains` escapes % and _ itself; stems never hold them anyway.
    condition = Q()
    for alt in sorted(alternatives):
        condition |= Q(**{f"{field}__contains": f" {alt} "})
    return condition


def filter_and_rank(queryset, query):
    """Posts matching every term of `query`, title matches first, then newest.

    An unsearchable query (empty, only punctuation...) gives an empty queryset.
    """
    terms = query_terms(query)
    if not terms:
        return queryset.none()
    for alternatives in terms:
        queryset = queryset.filter(_any_token("search_document", alternatives))
    title_hits = sum(
        (
            Case(
                When(_any_token("search_title", alternatives), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for alternatives in terms
        ),
        start=Value(0),
    )
    return queryset.annotate(title_rank=title_hits).order_by("-title_rank", "-published_at", "-pk")
