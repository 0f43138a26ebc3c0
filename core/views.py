from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView
from django.views.static import serve

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


def media(request, path):
    """Uploaded files (slide images, decks) with long cache headers; names change on re-render."""
    # MEDIA_ROOT is read per request so settings overrides (tests) take effect.
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    patch_cache_control(response, public=True, max_age=31536000, immutable=True)
    if path.lower().endswith(".pdf"):
        # Never render an uploaded PDF inline from our origin.
        response["Content-Disposition"] = "attachment"
        response["Content-Security-Policy"] = "sandbox"
    return response
