from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "בלוג"

    def ready(self):
        from blog import signals  # noqa: F401  (connects the search-index handlers)
