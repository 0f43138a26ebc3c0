from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from blog.admin.editing import RichTextAdminMixin
from core.models import Redirect, SitePage


@admin.register(SitePage)
class SitePageAdmin(RichTextAdminMixin, admin.ModelAdmin):
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
