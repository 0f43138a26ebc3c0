"""Deleting a post in the admin moves it to the trash (blog.trash); the trash is its own
list, "סל המחזור", with restore, delete for good and emptying it."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from blog import trash
from blog.models import TrashedPost


def _moved_message(count):
    return ngettext("פוסט אחד הועבר לסל המחזור.", "%(count)d פוסטים הועברו לסל המחזור.", count) % {
        "count": count
    }


@admin.action(description=gettext_lazy("העברת הפוסטים שנבחרו לסל המחזור"), permissions=["delete"])
def move_to_trash(modeladmin, request, queryset):
    modeladmin.message_user(request, _moved_message(trash.move_to_trash(queryset)))


class TrashAdminMixin:
    """For PostAdmin: the delete button and the bulk delete action move posts to the
    trash; the confirmation says so and lists only the posts (nothing else goes)."""

    delete_confirmation_template = "admin/blog/post/delete_confirmation.html"

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            del actions["delete_selected"]
            actions["move_to_trash"] = self.get_action(move_to_trash)
        return actions

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The form also refuses a slug a post in the trash still holds (Django checks
        uniqueness through the default manager, which does not see the trash)."""
        form = super().get_form(request, obj, change, **kwargs)

        class NotInTrash(form):
            def clean_slug(self):
                slug = self.cleaned_data.get("slug")
                taken = trash.in_trash().filter(slug=slug).exclude(pk=self.instance.pk)
                if slug and taken.exists():
                    raise ValidationError(
                        _("פוסט בסל המחזור משתמש במזהה הזה. שחזרו אותו או מחקו אותו לצמיתות.")
                    )
                return slug

        return NotInTrash

    def get_deleted_objects(self, objs, request):
        posts = [str(obj) for obj in objs]
        perms_needed = set() if self.has_delete_permission(request) else {_("פוסטים")}
        return posts, {self.opts.verbose_name_plural: len(posts)}, perms_needed, []

    def delete_model(self, request, obj):
        trash.move_to_trash(type(obj).objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        trash.move_to_trash(queryset)

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(request, _moved_message(1) + " " + _("אפשר לשחזר אותו מסל המחזור."))
        return HttpResponseRedirect(reverse("admin:blog_post_changelist"))


@admin.register(TrashedPost)
class TrashedPostAdmin(admin.ModelAdmin):
    """The trash: posts moved here keep everything; restore them, or delete for good.
    Permissions are the posts' own: whoever may delete a post may empty the trash."""

    list_display = ["title", "category", "status", "deleted_at", "comment_total"]
    list_filter = ["category"]
    search_fields = ["title", "excerpt"]
    ordering = ["-deleted_at", "-pk"]
    actions = ["restore_selected", "delete_selected"]
    change_list_template = "admin/blog/trashedpost/change_list.html"

    def get_queryset(self, request):
        return (
            TrashedPost.all_objects.exclude(deleted_at=None)
            .select_related("category")
            .with_comment_count()
        )

    @admin.display(description=gettext_lazy("תגובות"), ordering="comment_count")
    def comment_total(self, obj):
        return obj.comment_count

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "title": _("סל המחזור"),
            "may_empty": self.has_delete_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("blog.change_post") or request.user.has_perm("blog.view_post")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("blog.delete_post")

    def delete_queryset(self, request, queryset):
        trash.purge(queryset)

    def delete_model(self, request, obj):
        trash.purge(type(obj).all_objects.filter(pk=obj.pk))

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    @admin.action(description=gettext_lazy("שחזור הפוסטים שנבחרו"), permissions=["delete"])
    def restore_selected(self, request, queryset):
        count = trash.restore(queryset)
        message = ngettext(
            "פוסט אחד שוחזר מסל המחזור.", "%(count)d פוסטים שוחזרו מסל המחזור.", count
        )
        self.message_user(request, message % {"count": count})

    def get_urls(self):
        empty = path(
            "empty/",
            self.admin_site.admin_view(self.empty_view),
            name="blog_trashedpost_empty",
        )
        return [empty, *super().get_urls()]

    def empty_view(self, request):
        """Confirm, then delete every post in the trash for good."""
        if not self.has_delete_permission(request):
            raise PermissionDenied
        posts = self.get_queryset(request)
        if request.method == "POST" and request.POST.get("post") == "yes":
            count = trash.purge()
            message = ngettext(
                "סל המחזור רוקן: פוסט אחד נמחק לצמיתות.",
                "סל המחזור רוקן: %(count)d פוסטים נמחקו לצמיתות.",
                count,
            )
            self.message_user(request, message % {"count": count}, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:blog_trashedpost_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("ריקון סל המחזור"),
            "count": posts.count(),
            "posts": posts[:50],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/blog/trashedpost/empty_trash.html", context)
