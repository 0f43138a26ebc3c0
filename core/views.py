import posixpath

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import DisallowedHost
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView

from blog.decks import DECKS_DIR
from blog.models import Presentation
from core.media import deliver
from core.models import SitePage
from core.storage import INLINE_MEDIA_TYPES


class SitePageView(DetailView):
    """An editor-managed site page ("אודות", "הצהרת נגישות")."""

    model = SitePage
    context_object_name = "page"
    template_name = "core/site_page.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact_email=settings.SITE_CONTACT_EMAIL, **kwargs)


def _in_admin(request):
    """A logged-in editor's request under the admin: its error pages are the admin's own."""
    user = getattr(request, "user", None)
    admin_path = "/" + settings.ADMIN_URL
    return request.path.startswith(admin_path) and bool(user and user.is_staff)


def _admin_error(request, template):
    return loader.render_to_string(template, admin.site.each_context(request), request=request)


def page_not_found(request, exception):
    if _in_admin(request):
        return HttpResponseNotFound(_admin_error(request, "admin/404.html"))
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def permission_denied(request, exception):
    """403 in Hebrew: the admin's own page for editors, else the site's (or the admin's
    page, which needs no site context, when the site has none)."""
    if _in_admin(request):
        return HttpResponseForbidden(_admin_error(request, "admin/403.html"))
    template = loader.select_template(["403.html", "admin/403.html"])
    return HttpResponseForbidden(template.render({}, request))


def bad_request(request, exception):
    """400: the site's page, except when the Host header is what is wrong: the site's
    page builds absolute addresses from it (canonical link, share links), so a
    standalone page answers instead of a second error."""
    if isinstance(exception, DisallowedHost):
        return HttpResponseBadRequest(loader.get_template("400_host.html").render())
    return HttpResponseBadRequest(loader.render_to_string("400.html", request=request))


def server_error(request):
    # No request context: the error may have come from a context processor or the DB.
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tinymce/",
    ]
    try:
        lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    except NoReverseMatch:
        pass
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def media(request, path):
    """Uploaded files (slide images, decks, images) with long cache headers.

    Names change on re-render, so a file may be cached for good. A deck's files (its PDF
    and slide images) are served only while readers may see the deck (blog's
    Presentation.objects.visible()); staff get the others uncached, for the admin's
    previews. Whatever the spelling of the path, only raster images are served inline:
    anything else (a PDF above all) is an attachment under `sandbox`.
    """
    # serve() normalises the same way: "decks/x/../x/a.pdf/" is the file decks/x/a.pdf.
    name = posixpath.normpath(path).lstrip("/")
    if "\x00" in name:  # no file has such a name, and PostgreSQL text cannot hold one
        raise Http404(_("אין קובץ כזה."))
    private = False
    if name.split("/", 1)[0] == DECKS_DIR:
        decks = Presentation.objects.using_file(name)
        if not decks.visible().exists():
            if not (request.user.is_authenticated and request.user.is_staff and decks.exists()):
                raise Http404(_("אין קובץ כזה."))
            private = True
    # From disk or the store, by Django, nginx or the store itself (core/media.py).
    response = deliver(request, name, path)
    if private:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=31536000, immutable=True)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if response.status_code == 200 and content_type not in INLINE_MEDIA_TYPES:
        # Never render an uploaded PDF (or anything else active) inline from our origin.
        response["Content-Disposition"] = "attachment"
    return response
