from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

# Cookies that may change what a page shows to this visitor.
PER_VISITOR_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


class PublicCacheMiddleware:
    """Let caches keep anonymous readers' pages; everything per-visitor stays private.

    A response is public only for a GET/HEAD 200 whose request carried no session or
    messages cookie and which sets no cookie itself (a form with a CSRF token does), and
    when the view set no Cache-Control of its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        if response.has_header("Cache-Control"):
            return response
        per_visitor = bool(response.cookies) or any(
            name in request.COOKIES for name in PER_VISITOR_COOKIES
        )
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not per_visitor:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response
