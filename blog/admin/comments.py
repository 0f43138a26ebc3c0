from django.contrib import admin

from blog.admin.posts import HTTPS_URLS
from blog.models import BlockedTerm, Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["author_name", "post", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["author_name", "author_email", "body"]
    raw_id_fields = ["post", "parent"]
    formfield_overrides = HTTPS_URLS
    date_hierarchy = "created_at"


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]
