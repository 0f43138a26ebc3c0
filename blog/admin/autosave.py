"""Never lose a draft: the post form saves itself while the editor types (an Autosave
row per editor and post, never the post), offers that copy back when it is newer than
the post, and previews the unsaved form as readers would see it, without publishing.

The form's script is static/blog/admin/post_editor.js (the admin's CSP allows static
scripts only); it also warns before leaving the page with unsaved changes.
"""

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from blog.admin import preview
from blog.models import Autosave

AUTOSAVED_FIELDS = ("title", "slug", "category", "tags", "excerpt", "body", "byline")
MAX_FIELD_CHARS = 1_000_000
OBJECT_FIELD = "_object_id"


def _initial_with(form_class, data):
    """`form_class`, its fields filled from `data` (an autosave) instead of the post."""

    class Restored(form_class):
        def __init__(self, *args, **kwargs):
            kwargs["initial"] = {**(kwargs.get("initial") or {}), **data}
            super().__init__(*args, **kwargs)

    return Restored


class AutosaveAdminMixin:
    class Media:
        js = ["blog/admin/post_editor.js"]

    def get_urls(self):
        def view(method):  # staff only, POST only (a form sent from the post's page)
            return self.admin_site.admin_view(require_POST(method))

        return [
            path("autosave/", view(self.autosave_view), name="blog_post_autosave"),
            path("autosave/discard/", view(self.discard_view), name="blog_post_autosave_discard"),
            path("preview/", view(self.preview_view), name="blog_post_preview"),
            *super().get_urls(),
        ]

    def _form_post(self, request):
        """The post the form being sent edits (None: a new one), if this user may."""
        object_id = request.POST.get(OBJECT_FIELD, "")
        if not object_id:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        obj = self.get_object(request, object_id) if object_id.isdigit() else None
        if obj is None:
            raise Http404(_("הפוסט לא נמצא; ייתכן שהועבר לסל המחזור."))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def autosave_view(self, request):
        post = self._form_post(request)
        # No NUL: PostgreSQL's JSON cannot hold it (the form itself refuses it on save).
        data = {name: request.POST.get(name, "").replace("\x00", "") for name in AUTOSAVED_FIELDS}
        if any(len(value) > MAX_FIELD_CHARS for value in data.values()):
            return JsonResponse({"error": _("הטקסט ארוך מדי לשמירה אוטומטית.")}, status=400)
        saved, _created = Autosave.objects.update_or_create(
            post=post, user=request.user, defaults={"data": data}
        )
        when = formats.time_format(timezone.localtime(saved.saved_at), "H:i")
        return JsonResponse(
            {
                "saved_at": saved.saved_at.isoformat(),
                "message": _("נשמר אוטומטית ב־%(time)s") % {"time": when},
            }
        )

    def discard_view(self, request):
        post = self._form_post(request)
        Autosave.objects.filter(post=post, user=request.user).delete()
        self.message_user(request, _("הטיוטה השמורה אוטומטית נמחקה."))
        if post is None:
            return HttpResponseRedirect(reverse("admin:blog_post_add"))
        return HttpResponseRedirect(reverse("admin:blog_post_change", args=(post.pk,)))

    def pending_autosave(self, request, obj):
        """This editor's autosave of `obj` (or of a new post) if it holds more than the
        post does: newer than its last save and different from it."""
        saved = Autosave.objects.filter(post=obj, user=request.user).first()
        if saved is None or obj is None:
            return saved
        if saved.saved_at <= obj.updated_at:
            return None
        current = {"title": obj.title, "slug": obj.slug, "excerpt": obj.excerpt, "body": obj.body}
        differs = any(saved.data.get(name, "") != value for name, value in current.items())
        return saved if differs else None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if request.method == "GET":
            obj = self.get_object(request, object_id) if object_id else None
            pending = self.pending_autosave(request, obj) if obj or not object_id else None
            restoring = pending is not None and request.GET.get("autosave") == "restore"
            request.restored_autosave = pending.data if restoring else None
            extra_context.update(autosave_offer=None if restoring else pending, restored=restoring)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        restored = getattr(request, "restored_autosave", None)
        return _initial_with(form, restored) if restored else form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        Autosave.objects.filter(user=request.user, post=obj).delete()
        if not change:
            Autosave.objects.filter(user=request.user, post=None).delete()

    def preview_view(self, request):
        """The form as sent, shown as readers would see the post: nothing is saved."""
        obj = self._form_post(request)
        form = self.get_form(request, obj, change=obj is not None)(
            request.POST, request.FILES, instance=obj
        )
        if not form.is_valid():
            context = {**self.admin_site.each_context(request), "opts": self.opts, "form": form}
            context["title"] = _("אי אפשר להציג תצוגה מקדימה")
            response = TemplateResponse(
                request, "admin/blog/post/preview_errors.html", context, status=400
            )
        else:
            # Fragments of this page are its own: never read from, or kept for, readers.
            request.content_generation = f"preview-{uuid.uuid4().hex}"
            context = preview.context(request, form)
            response = TemplateResponse(request, "admin/blog/post/preview.html", context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response
