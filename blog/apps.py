from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_search_index(sender, using, **kwargs):
    from blog.search import ensure_sqlite_index

    ensure_sqlite_index(using)


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "בלוג"

    def ready(self):
        from blog import signals  # noqa: F401  (connects the search-index and deck-file handlers)

        post_migrate.connect(_ensure_search_index, sender=self)
