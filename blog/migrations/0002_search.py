# Search documents: a title document for ranking, a trigram index on PostgreSQL, and
# the documents of existing posts.

from django.db import migrations, models

from blog.search import build_documents

TRGM_INDEX = "blog_post_search_trgm"


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
