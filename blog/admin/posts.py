from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.db import models
from django.utils.decorators import method_decorator
from tinymce.widgets import TinyMCE

from blog.models import Category, Post

# Editors type bare domains; assume https (Django 6's default) instead of http.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "category", "published_at", "byline", "tag_list"]
    list_filter = ["status", "category", "published_at", "comments_open"]
    search_fields = ["title", "excerpt", "body", "byline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    raw_id_fields = ["author"]
    formfield_overrides = {**HTTPS_URLS, models.TextField: {"widget": TinyMCE()}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "tags", "excerpt", "body"]}),
        ("פרסום", {"fields": ["status", "published_at", "author", "byline", "comments_open"]}),
        (
            "מקור (לפוסט שפורסם קודם במקום אחר)",
            {
                "classes": ["collapse"],
                "fields": ["source_name", "source_url", "source_published_on"],
            },
        ),
    ]

    # TinyMCE sets inline styles while editing (e.g. on Enter); relax style-src for this
    # editors-only form alone, so public pages keep the strict policy.
    @method_decorator(csp_update({"style-src": [UNSAFE_INLINE]}))
    def changeform_view(self, *args, **kwargs):
        return super().changeform_view(*args, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category").prefetch_related("tags")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Only the body is rich text; the excerpt stays a plain textarea.
        if db_field.name == "excerpt":
            return db_field.formfield(**kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not obj.author_id:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="תגיות")
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())
