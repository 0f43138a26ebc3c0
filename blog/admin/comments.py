from django.contrib import admin, messages

from blog import cache as content_generation
from blog.admin.posts import HTTPS_URLS
from blog.models import BlockedTerm, Comment


def _set_status(modeladmin, request, queryset, status, done):
    count = queryset.exclude(status=status).update(status=status)
    if count:
        content_generation.bump()  # a bulk update sends no signal for the page cache
    modeladmin.message_user(request, f"{count} תגובות {done}.", messages.SUCCESS)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["author_name", "excerpt", "post", "status", "moderation_note", "created_at"]
    list_display_links = ["author_name", "excerpt"]
    list_filter = ["status", "created_at"]
    list_select_related = ["post"]
    search_fields = ["author_name", "author_email", "body", "post__title"]
    raw_id_fields = ["post", "parent"]
    readonly_fields = ["moderation_note", "created_at", "ip_address", "user_agent"]
    formfield_overrides = HTTPS_URLS
    date_hierarchy = "created_at"
    actions = ["approve", "mark_spam", "remove"]
    fieldsets = [
        (None, {"fields": ["post", "parent", "status", "body"]}),
        ("המגיב", {"fields": ["author_name", "author_email", "author_url"]}),
        ("פרטי שליחה", {"fields": ["created_at", "moderation_note", "ip_address", "user_agent"]}),
    ]

    @admin.display(description="תקציר")
    def excerpt(self, obj):
        return obj.excerpt

    @admin.action(description="אישור התגובות המסומנות", permissions=["change"])
    def approve(self, request, queryset):
        _set_status(self, request, queryset, Comment.Status.APPROVED, "אושרו")

    @admin.action(description="סימון התגובות המסומנות כזבל", permissions=["change"])
    def mark_spam(self, request, queryset):
        _set_status(self, request, queryset, Comment.Status.SPAM, "סומנו כזבל")

    @admin.action(description="הסרת התגובות המסומנות", permissions=["change"])
    def remove(self, request, queryset):
        _set_status(self, request, queryset, Comment.Status.REMOVED, "הוסרו")

    def changelist_view(self, request, extra_context=None):
        # Editors see at a glance how many comments wait for them.
        pending = Comment.objects.pending().count()
        extra_context = {
            "title": f"תגובות – {pending} ממתינות לאישור" if pending else "תגובות – אין ממתינות",
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]
