from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from blog import cache as content_generation
from blog.admin.posts import HTTPS_URLS
from blog.models import BlockedTerm, Comment

# One message per action, in Hebrew's plural forms ("count" picks the form).
APPROVED = ngettext_lazy("תגובה אחת אושרה.", "%(count)s תגובות אושרו.", "count")
SPAMMED = ngettext_lazy("תגובה אחת סומנה כזבל.", "%(count)s תגובות סומנו כזבל.", "count")
REMOVED = ngettext_lazy("תגובה אחת הוסרה.", "%(count)s תגובות הוסרו.", "count")


def _set_status(modeladmin, request, queryset, status, done):
    count = queryset.exclude(status=status).update(status=status)
    if not count:
        message = gettext("לא שונתה אף תגובה: כל התגובות שנבחרו כבר במצב הזה.")
        modeladmin.message_user(request, message, messages.INFO)
        return
    content_generation.bump()  # a bulk update sends no signal for the page cache
    modeladmin.message_user(request, done % {"count": count}, messages.SUCCESS)


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
        (_("המגיב"), {"fields": ["author_name", "author_email", "author_url"]}),
        (
            _("פרטי שליחה"),
            {"fields": ["created_at", "moderation_note", "ip_address", "user_agent"]},
        ),
    ]

    @admin.display(description=_("תקציר"))
    def excerpt(self, obj):
        return obj.excerpt

    @admin.action(description=_("אישור התגובות המסומנות"), permissions=["change"])
    def approve(self, request, queryset):
        _set_status(self, request, queryset, Comment.Status.APPROVED, APPROVED)

    @admin.action(description=_("סימון התגובות המסומנות כזבל"), permissions=["change"])
    def mark_spam(self, request, queryset):
        _set_status(self, request, queryset, Comment.Status.SPAM, SPAMMED)

    @admin.action(description=_("הסרת התגובות המסומנות"), permissions=["change"])
    def remove(self, request, queryset):
        _set_status(self, request, queryset, Comment.Status.REMOVED, REMOVED)

    def changelist_view(self, request, extra_context=None):
        # Editors see at a glance how many comments wait for them.
        pending = Comment.objects.pending().count()
        if pending:
            title = ngettext(
                "תגובות – אחת ממתינה לאישור", "תגובות – %(count)s ממתינות לאישור", pending
            ) % {"count": pending}
        else:
            title = gettext("תגובות – אין ממתינות")
        extra_context = {
            "title": title,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]
