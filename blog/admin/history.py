"""The admin's history of a post or site page (blog.revisions): who saved each version
and when, a comparison of any two as a readable diff, and a restore (reversion's
revision view: the form filled with the old version, saved by the editor)."""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.admin import VersionAdmin

from blog import revisions

COMPARED_FIELDS = {
    "title": gettext_lazy("כותרת"),
    "slug": gettext_lazy("מזהה בכתובת"),
    "category": gettext_lazy("קטגוריה"),
    "tags": gettext_lazy("תגיות"),
    "description": gettext_lazy("תיאור קצר"),
    "excerpt": gettext_lazy("תקציר"),
    "body": gettext_lazy("תוכן"),
}


class HistoryAdmin(VersionAdmin):
    """VersionAdmin (a revision for every save, restore) with our history and compare
    pages. The change list keeps Django's own template (VersionAdmin's adds a link to
    recover deleted rows; posts have a trash instead)."""

    change_list_template = None
    object_history_template = "admin/revisions/object_history.html"
    revision_form_template = "admin/revisions/revision_form.html"
    history_latest_first = True

    def _url_name(self, view):
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=self._url_name("compare"),
        )
        return [compare, *super().get_urls()]

    def _history_object(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("הפריט לא נמצא."))
        return obj

    def _context(self, request, obj, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": title,
            "subtitle": str(obj),
            "has_change_permission": self.has_change_permission(request, obj),
            **extra,
        }

    def history_view(self, request, object_id, extra_context=None):
        obj = self._history_object(request, object_id)
        versions = list(revisions.versions_of(obj))
        for version in versions:
            version.restore_url = reverse(
                f"{self.admin_site.name}:{self._url_name('revision')}",
                args=(quote(obj.pk), version.pk),
            )
        context = self._context(
            request, obj, _("היסטוריית השינויים"), versions=versions, **(extra_context or {})
        )
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        obj = self._history_object(request, object_id)
        history_url = reverse(
            f"{self.admin_site.name}:{self._url_name('history')}", args=(quote(obj.pk),)
        )
        chosen = self._chosen_versions(request, obj)
        if chosen is None:
            messages.error(request, _("יש לבחור שתי גרסאות שונות של הפריט הזה להשוואה."))
            return HttpResponseRedirect(history_url)
        old, new = chosen
        context = self._context(
            request,
            obj,
            _("השוואת גרסאות"),
            old=old,
            new=new,
            fields=revisions.compare(old, new, COMPARED_FIELDS),
            history_url=history_url,
        )
        return TemplateResponse(request, "admin/revisions/compare.html", context)

    def _chosen_versions(self, request, obj):
        """(older, newer) of the versions ?a= and ?b= name, both of `obj`; None if not."""
        try:
            ids = {int(request.GET.get("a", "")), int(request.GET.get("b", ""))}
        except ValueError:
            return None
        chosen = sorted(revisions.versions_of(obj).filter(pk__in=ids), key=lambda v: v.pk)
        return tuple(chosen) if len(chosen) == 2 else None
