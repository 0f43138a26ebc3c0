# Search documents: a title document for ranking, a trigram index on PostgreSQL, and
# the documents of existing posts.

import re
import unicodedata

from django.db import migrations, models
from django.utils.html import strip_tags

TRGM_INDEX = "blog_post_search_trgm"


# Frozen copy of the search analysis of blog.hebrew and blog.search as this migration
# was written (prefix stripping, final letters, niqqud, quotes): the documents it stores
# must not change when the live analyser does.
PREFIXES = (
    "ו", "ה", "ב", "כ", "ל", "מ", "ש",
    "וה", "וב", "וכ", "ול", "ומ", "וש", "מה", "שה", "שב", "שכ", "שמ", "כש",
    "ומה", "ושה", "ושב", "כשה", "וכש", "לכש",
)
_FINALS = {ord("ך"): "כ", ord("ם"): "מ", ord("ן"): "נ", ord("ף"): "פ", ord("ץ"): "צ"}
_QUOTES = frozenset("\"'`‘’‚‛“”„‟′″‴׳״")
_INNER_QUOTES = re.compile(r'(?<=[^\s".])"+(?=[^\s".])')
_LOOSE_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")


def _clean_char(ch):
    cp = ord(ch)
    if cp in _FINALS:
        return _FINALS[cp]
    cat = unicodedata.category(ch)
    if cat == "Cf" or (0x0591 <= cp <= 0x05C7 and cat == "Mn"):
        return ""
    if ch in _QUOTES:
        return '"'
    if ch == "." or cat[0] in "LNM":
        return ch
    return " "


def tokenize(text):
    if not text:
        return []
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    text = _INNER_QUOTES.sub("", "".join(_clean_char(ch) for ch in text))
    text = _LOOSE_DOTS.sub(" ", text).replace('"', " ")
    return [tok for tok in text.split() if any(c.isalnum() for c in tok)]


def stem_list(token):
    out = [token]
    if all("א" <= c <= "ת" for c in token):
        for prefix in PREFIXES:
            rest = token[len(prefix) :]
            if token.startswith(prefix) and len(rest) >= max(2, len(prefix)):
                out.append(rest)
    return out


def index_document(*texts):
    seen = {}
    for text in texts:
        for token in tokenize(text or ""):
            for stem in stem_list(token):
                seen.setdefault(stem, None)
    return " " + " ".join(seen) + " " if seen else " "


def build_documents(*, title, excerpt="", body="", category="", tags=(), slides=()):
    texts = [title, excerpt, strip_tags(body or ""), category, *tags, *slides]
    return index_document(title), index_document(*texts)


def create_trigram_index(apps, schema_editor):
    # pg_trgm serves `LIKE '% stem %'`; SQLite has no such index and scans.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON blog_post "
        "USING gin (search_document gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRGM_INDEX}")


def fill_documents(apps, schema_editor):
    Post = apps.get_model("blog", "Post")
    Slide = apps.get_model("blog", "Slide")
    for post in Post.objects.select_related("category").prefetch_related("presentations"):
        slides = []
        for presentation in post.presentations.all():
            slides += [presentation.title, presentation.description]
            for title, text in Slide.objects.filter(presentation=presentation).values_list(
                "title", "text"
            ):
                slides += [title, text]
        post.search_title, post.search_document = build_documents(
            title=post.title,
            excerpt=post.excerpt,
            body=post.body,
            category=post.category.name,
            tags=[item.tag.name for item in post.taggedpost_set.select_related("tag")],
            slides=slides,
        )
        post.save(update_fields=["search_title", "search_document"])


class Migration(migrations.Migration):

    dependencies = [
        ('blog', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='post',
            name='search_title',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
    ]
