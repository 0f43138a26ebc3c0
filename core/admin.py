from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from blog import revisions
from blog.admin.editing import RichTextAdminMixin
from blog.admin.history import HistoryAdmin
from core.models import Redirect, SitePage

# Every save of a site page keeps a revision (blog/revisions.py), shown in its history.
revisions.register(SitePage, ignore=("updated_at",))


@admin.register(SitePage)
class SitePageAdmin(RichTextAdminMixin, HistoryAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "body"]}),
        (_("אפשרויות"), {"fields": ["show_contact"]}),
    ]


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "new_path", "created_at"]
    search_fields = ["old_path", "new_path"]
