import posixpath

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView
from django.views.static import serve

from blog.decks import DECKS_DIR
from blog.models import Presentation
from core.models import SitePage


class SitePageView(DetailView):
    """An editor-managed site page ("אודות", "הצהרת נגישות")."""

    model = SitePage
    context_object_name = "page"
    template_name = "core/site_page.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact_email=settings.SITE_CONTACT_EMAIL, **kwargs)


def page_not_found(request, exception):
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


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


# Media that a browser may show inline; anything else is a download in a sandbox.
INLINE_MEDIA_TYPES = {"image/webp", "image/png", "image/jpeg", "image/gif", "image/avif"}


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
    # MEDIA_ROOT is read per request so settings overrides (tests) take effect.
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError:  # a name longer than the file system allows, and the like
        raise Http404(_("אין קובץ כזה.")) from None
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
