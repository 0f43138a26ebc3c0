"""The post list's editorial side (issue 10): the status readers will see (draft, pending
review, scheduled with its time, published), a filter by it, bulk publish, unpublish and
move to a category; and what a writer (no "publish" permission) may do: own posts that are
not published yet, saved as a draft or sent for review."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from blog.models import Category, Post, PostQuerySet

PUBLISH_PERMISSION = "blog.publish_post"
LIVE = Post.Status.PUBLISHED  # the status; when readers see the post is published_q()'s
PUBLISHED = ngettext_lazy("פוסט אחד פורסם.", "%(count)s פוסטים פורסמו.", "count")
UNPUBLISHED = ngettext_lazy(
    "פוסט אחד הוחזר לטיוטה ואינו גלוי לקוראים.",
    "%(count)s פוסטים הוחזרו לטיוטה ואינם גלויים לקוראים.",
    "count",
)
MOVED = ngettext_lazy(
    "פוסט אחד הועבר לקטגוריה „%(category)s”.",
    "%(count)s פוסטים הועברו לקטגוריה „%(category)s”.",
    "count",
)


def scheduled_q(now=None):
    """Posts with the published status whose time has not come (what PostQuerySet's
    published_q(), the one rule of what readers see, does not let through yet)."""
    return Q(status=LIVE) & ~PostQuerySet.published_q(now=now)


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


class PublicationFilter(admin.SimpleListFilter):
    """By what readers see: a published post whose time has not come is "scheduled"."""

    title = _("מצב פרסום")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("טיוטה")),
            ("pending", _("ממתין לבדיקה")),
            ("scheduled", _("מתוזמן")),
            ("published", _("פורסם")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value in (Post.Status.DRAFT, Post.Status.PENDING):
            return queryset.filter(status=value)
        if value == "scheduled":
            return queryset.filter(scheduled_q(now))
        if value == "published":
            return queryset.filter(PostQuerySet.published_q(now=now))
        return queryset


class CategoryActionForm(ActionForm):
    """The action bar, with the category that "move to category" moves posts to."""

    category = forms.ModelChoiceField(
        Category.objects.all(), required=False, label=_("לקטגוריה:"), empty_label=_("(בחרו)")
    )


def state(post):
    """What readers see of `post`: draft, pending, scheduled or published."""
    if post.status != LIVE:
        return post.status
    return "published" if post.is_published() else "scheduled"


def status_label(post):
    """Draft, pending review, "scheduled for <time>" or published, in Hebrew."""
    if state(post) == "scheduled":
        when = date_format(timezone.localtime(post.published_at), gettext("j בF Y, H:i"))
        return gettext("מתוזמן ל-%(time)s") % {"time": when}
    return post.get_status_display()


class EditorialAdminMixin:
    """For PostAdmin (before ModelAdmin in its bases)."""

    action_form = CategoryActionForm
    actions = ["publish_selected", "unpublish_selected", "move_to_category"]

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return ["status_column" if name == "status" else name for name in shown]

    def get_list_filter(self, request):
        shown = super().get_list_filter(request)
        return [PublicationFilter if name == "status" else name for name in shown]

    @admin.display(description=_("מצב"), ordering="status")
    def status_column(self, post):
        return format_html(
            '<span class="post-status post-status--{}">{}</span>', state(post), status_label(post)
        )

    def has_publish_permission(self, request):
        return can_publish(request.user)

    @admin.action(description=_("פרסום הפוסטים שנבחרו"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._save_each(
            request,
            queryset.exclude(status=LIVE),
            PUBLISHED,
            status=LIVE,
        )

    @admin.action(description=_("החזרת הפוסטים שנבחרו לטיוטה"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._save_each(
            request,
            queryset.exclude(status=Post.Status.DRAFT),
            UNPUBLISHED,
            status=Post.Status.DRAFT,
        )

    @admin.action(description=_("העברת הפוסטים שנבחרו לקטגוריה"), permissions=["publish"])
    def move_to_category(self, request, queryset):
        category = self._chosen_category(request)
        if category is None:
            message = gettext("בחרו קטגוריה ברשימה „לקטגוריה” שליד הפעולות, ואז הפעילו שוב.")
            self.message_user(request, message, messages.WARNING)
            return
        moved = queryset.exclude(category=category)
        self._save_each(request, moved, MOVED, category=category)

    @staticmethod
    def _chosen_category(request):
        # The admin has already checked the rest of the action bar (the action's name).
        try:
            return CategoryActionForm.base_fields["category"].clean(request.POST.get("category"))
        except ValidationError:
            return None

    def _save_each(self, request, queryset, done, **values):
        """One save per post, so that every signal runs (page cache, search, revisions)."""
        count = 0
        for post in queryset:
            for name, value in values.items():
                setattr(post, name, value)
            post.save(update_fields=list(values))
            count += 1
        if not count:
            self.message_user(
                request, gettext("לא שונה אף פוסט: כולם כבר במצב הזה."), messages.INFO
            )
            return
        category = values.get("category", "")
        self.message_user(request, done % {"count": count, "category": category}, messages.SUCCESS)

    # A writer: own posts only, never published ones, never the publish status.
    def get_queryset(self, request):
        posts = super().get_queryset(request)
        return posts if can_publish(request.user) else posts.filter(author=request.user)

    def _writer_may_touch(self, request, post):
        if post is None or can_publish(request.user):
            return True
        return post.author_id == request.user.pk and post.status != LIVE

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and self._writer_may_touch(request, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and self._writer_may_touch(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user) and "author" not in fields:
            fields.append("author")
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not can_publish(request.user):
            kwargs["choices"] = [
                (value, label) for value, label in Post.Status.choices if value != LIVE
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)
