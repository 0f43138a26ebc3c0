from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control, patch_vary_headers

from core import cache as page_cache
from core.cache import PER_VISITOR_COOKIES
from core.models import Redirect


def permissions_policy(features):
    """The Permissions-Policy header value for {feature: [allowed origins]}."""
    return ", ".join(f"{name}=({' '.join(origins)})" for name, origins in sorted(features.items()))


class PermissionsPolicyMiddleware:
    """Deny the browser features the site never uses, on every response: pages, static
    files (it sits above WhiteNoise), media, errors and the admin."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.value)
        return response


class PageCacheMiddleware:
    """Answer anonymous readers from the page cache (core.cache) before anything else
    runs: no session, user, CSRF or view, and no database query on a hit.

    Sits below SecurityMiddleware, WhiteNoise and ConditionalGetMiddleware (which turns
    a hit whose ETag the browser already has into a 304), above everything per-visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cache.is_cacheable_request(request):
            return self.get_response(request)
        hit, ticket = page_cache.fetch(request)
        if hit is not None:
            return hit
        response = self.get_response(request)
        if page_cache.is_storable(response):
            page_cache.store(ticket, response)
        return response


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
            patch_cache_control(response, public=True, max_age=page_cache.public_max_age(request))
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response


# WordPress's query-string addresses (/?p=123, /?cat=4, /?feed=rss2): the path alone
# would answer 200 with the home page, so these are looked up before the view runs.
WORDPRESS_QUERY_VARS = ("p", "page_id", "attachment_id", "cat", "tag", "feed", "m")


class RedirectFallbackMiddleware:
    """Answer 301 for an old address recorded in core.Redirect (an imported blog's
    permalinks and feeds), where nothing else does. Costs no query on a normal page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            for var in WORDPRESS_QUERY_VARS:
                if var in request.GET:
                    found = _redirect(f"{request.path}?{var}={request.GET[var]}")
                    if found:
                        return found
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return _redirect(request.path) or response
        return response


def _redirect(old_path):
    if "\x00" in old_path:  # PostgreSQL text cannot hold NUL: no such address anyway
        return None
    new_path = (
        Redirect.objects.filter(old_path=old_path[:500]).values_list("new_path", flat=True).first()
    )
    return HttpResponsePermanentRedirect(new_path) if new_path else None
