from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from blog import cache as content_generation
from blog import moderation
from blog.admin.editing import HTTPS_URLS
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


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("התשובה"),
        widget=forms.Textarea(attrs={"rows": 6, "cols": 70, "dir": "auto"}),
        max_length=5000,
        help_text=_("תתפרסם מיד מתחת לתגובה, מסומנת „צוות האתר”."),
    )


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "author_name",
        "excerpt",
        "post",
        "status",
        "by_editor",
        "moderation_note",
        "created_at",
        "reply_link",
    ]
    list_display_links = ["author_name", "excerpt"]
    list_filter = ["status", "by_editor", "created_at"]
    list_select_related = ["post"]
    search_fields = ["author_name", "author_email", "body", "post__title"]
    raw_id_fields = ["post", "parent"]
    readonly_fields = ["moderation_note", "created_at", "ip_address", "user_agent"]
    formfield_overrides = HTTPS_URLS
    date_hierarchy = "created_at"
    actions = ["approve", "mark_spam", "remove"]
    change_form_template = "admin/blog/comment/change_form.html"
    fieldsets = [
        (None, {"fields": ["post", "parent", "status", "body", "by_editor"]}),
        (_("המגיב"), {"fields": ["author_name", "author_email", "author_url"]}),
        (
            _("פרטי שליחה"),
            {"fields": ["created_at", "moderation_note", "ip_address", "user_agent"]},
        ),
    ]

    @admin.display(description=_("תקציר"))
    def excerpt(self, obj):
        return obj.excerpt

    @admin.display(description=_("תשובה"))
    def reply_link(self, obj):
        label = gettext("תשובה")
        hidden = gettext("לתגובה של %(name)s") % {"name": obj.author_name}
        return format_html(
            '<a href="{}">{}<span class="visually-hidden"> {}</span></a>',
            reverse("admin:blog_comment_reply", args=[obj.pk]),
            label,
            hidden,
        )

    def get_urls(self):
        reply = self.admin_site.admin_view(self.reply_view)
        return [
            path("<int:object_id>/reply/", reply, name="blog_comment_reply"),
            *super().get_urls(),
        ]

    def reply_view(self, request, object_id):
        """Reply to a comment as the site's editors: published at once, under it."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        parent = Comment.objects.select_related("post").filter(pk=object_id).first()
        if parent is None:
            raise Http404(gettext("אין תגובה כזאת."))
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            reply = moderation.editor_reply(parent, request.user, form.cleaned_data["body"])
            message = format_html(
                gettext('התשובה פורסמה. <a href="{}">לצפייה בה באתר</a>'), reply.get_absolute_url()
            )
            self.message_user(request, message, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:blog_comment_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("תשובה לתגובה של %(name)s") % {"name": parent.author_name},
            "opts": self.opts,
            "comment": parent,
            "form": form,
        }
        return TemplateResponse(request, "admin/blog/comment/reply.html", context)

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
