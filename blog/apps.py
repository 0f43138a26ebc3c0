from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_search_index(sender, using, **kwargs):
    from django.db import connections

    from blog.models import Post
    from blog.search_index import ensure_sqlite_index

    connection = connections[using]
    table = Post._meta.db_table
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        columns = (
            connection.introspection.get_table_description(cursor, table) if table in tables else []
        )
    if "search_text" not in {column.name for column in columns}:
        return  # migrated back below 0007: the search index of this code cannot exist
    # Documents from before search_text existed (migration 0007) are rebuilt once.
    Post.objects.using(using).filter(search_text="").update_search_documents()
    ensure_sqlite_index(using)


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("בלוג")

    def ready(self):
        from blog import signals  # noqa: F401  (connects the search-index and deck-file handlers)

        post_migrate.connect(_ensure_search_index, sender=self)
        from blog.clientip import check_retired_header

        checks.register(check_retired_header)
