from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("האתר")

    def ready(self):
        # The deployment checks register themselves; old post addresses answer 301.
        from core import checks, redirects  # noqa: F401

        _hide_task_queue_admin()


def _hide_task_queue_admin():
    """django-tasks-db's task table and django-rq's dashboard speak only English in the
    Hebrew admin: editors follow a deck's rendering on the presentation itself, and
    operators read the worker's log. (The admin discovered every app's admin module
    before this app's ready().)"""
    from django.apps import apps
    from django.contrib import admin

    for label, name in (("django_tasks_database", "DBTaskResult"), ("django_rq", "Dashboard")):
        try:
            model = apps.get_model(label, name)
        except LookupError:  # not installed (django_rq: only with DJANGO_TASKS_BACKEND=rq)
            continue
        if admin.site.is_registered(model):
            admin.site.unregister(model)
