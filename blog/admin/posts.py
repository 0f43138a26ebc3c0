from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from blog.admin.autosave import AutosaveAdminMixin
from blog.admin.editing import HTTPS_URLS, RichTextAdminMixin
from blog.admin.history import HistoryAdmin
from blog.admin.trash import TrashAdminMixin
from blog.admin.workflow import EditorialAdminMixin
from blog.models import Category, Post


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent"]
    list_filter = [("parent", admin.EmptyFieldListFilter)]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Post)
class PostAdmin(
    EditorialAdminMixin, TrashAdminMixin, AutosaveAdminMixin, RichTextAdminMixin, HistoryAdmin
):
    list_display = ["title", "status", "category", "published_at", "byline", "tag_list"]
    list_filter = ["status", "category", "published_at", "comments_open"]
    search_fields = ["title", "excerpt", "body", "byline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "cover_image"]
    raw_id_fields = ["author"]
    formfield_overrides = HTTPS_URLS
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "tags", "excerpt", "body", "cover_image"]}),
        (_("פרסום"), {"fields": ["status", "published_at", "author", "byline", "comments_open"]}),
        (
            _("מקור (לפוסט שפורסם קודם במקום אחר)"),
            {
                "classes": ["collapse"],
                "fields": ["source_name", "source_url", "source_published_on"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category").prefetch_related("tags")

    def save_model(self, request, obj, form, change):
        if not obj.author_id:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("תגיות"))
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())
