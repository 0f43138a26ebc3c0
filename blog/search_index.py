"""The SQLite full-text index of the search documents (blog.search explains them).

An FTS5 table over the three documents (``blog_post_fts``, external content), kept
current by triggers; PostgreSQL needs none of this (generated tsvector columns with GIN
indexes, migration 0007).
"""

from django.db import connections

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
