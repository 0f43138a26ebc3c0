"""The page cache: anonymous readers' public pages, kept whole in the shared cache.

An entry holds the content generation it was rendered under (blog.cache), so one write
there makes every page stale: any change a page shows, and a scheduled post's time
coming, starts a new generation. A page is stored only for a GET/HEAD 200 that the site
already called public (core.middleware.PublicCacheMiddleware) and that sets no cookie,
for a visitor with no session or messages cookie.

An entry also holds the page gzip-compressed, sent to browsers that accept it: readers
get a seventh of the bytes without a proxy in front, and nothing is compressed per
request. A kept page holds no secret (no CSRF or per-visitor token), so compressing it
gives BREACH nothing to guess.
"""

import gzip
import hashlib
import math
import re

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from blog import cache as generation

# Cookies that may change what a page shows to this visitor (blog.own_comments: the
# comments this browser sent, shown to it while they wait for an editor).
PER_VISITOR_COOKIES = (settings.SESSION_COOKIE_NAME, "messages", "blog_own_comments")
ADMIN_PREFIX = "/" + settings.ADMIN_URL  # DJANGO_ADMIN_URL
# Never cached here: editors' pages, and files (streamed, with their own cache headers).
SKIPPED_PREFIXES = (ADMIN_PREFIX, "/tinymce/", "/media/", "/static/")
# Query strings that still name a public page (paging, search, the reply link); any
# other query string is rendered afresh rather than filling the cache with copies.
KEPT_PARAMETERS = frozenset({"page", "q", "reply_to"})
SAFE_METHODS = ("GET", "HEAD")
# Pages are also copied into this process's memory (the bounded "fragments" cache): a
# hit then reads only the generation from the shared cache, not the page.
LOCAL_COPIES = "fragments"
# Smaller pages gain nothing from compression.
GZIP_MIN_BYTES = 200
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in SAFE_METHODS
        and not any(name in request.COOKIES for name in PER_VISITOR_COOKIES)
        and not request.path.startswith(SKIPPED_PREFIXES)
        and KEPT_PARAMETERS.issuperset(request.GET)
    )


def _key(request):
    address = f"{request.scheme}://{request.META.get('HTTP_HOST', '')}{request.get_full_path()}"
    # "page2": entries hold (generation, body, gzipped body, headers).
    return "page2:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def _entry(key, token):
    """The entry stored under `key` for generation `token`, or None: this process's copy
    when it has one (no round trip for the page itself), else the shared cache's."""
    local = caches[LOCAL_COPIES]
    entry = local.get(key)
    if entry is None or entry[0] != token:
        entry = cache.get(key)
        if entry is None or entry[0] != token:
            return None
        local.set(key, entry, settings.PAGE_CACHE_SECONDS)
    return entry


def fetch(request):
    """(the cached response or None, the ticket `store` needs): one small round trip for
    the generation when this process has the page."""
    key = _key(request)
    current = generation.current()
    entry = _entry(key, current[0])
    if entry is None:
        request.content_generation = current[0]  # the render's fragments use it too
        request.content_generation_value = current
        return None, (key, current[0])
    response = _response(request, *entry[1:])
    seconds = generation.seconds_to_next_publish(current)
    if seconds is not None and seconds < settings.PUBLIC_CACHE_SECONDS:
        patch_cache_control(response, max_age=math.floor(seconds))
    return response, None


def _response(request, body, packed, headers):
    """The kept page as this browser takes it: gzipped when it says it accepts gzip."""
    response = HttpResponse(body, headers=headers)
    if packed is not None and _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response.content = packed
        response["Content-Encoding"] = "gzip"
        if response.has_header("ETag"):  # another representation, another tag
            response["ETag"] = response["ETag"].rstrip('"') + '-gzip"'
    response["Content-Length"] = str(len(response.content))
    return response


def is_storable(response):
    control = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",")} - {""}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "public" in control
        and not control & {"private", "no-cache", "no-store"}
        and vary <= {"cookie"}
    )


def store(ticket, response):
    """Keep `response` under the generation read before it was rendered: if anything
    changed meanwhile, the entry is stale from the start."""
    key, rendered_under = ticket
    if not response.has_header("ETag"):
        set_response_etag(response)
    patch_vary_headers(response, ["Accept-Encoding"])
    body = response.content
    packed = gzip.compress(body, 6, mtime=0) if len(body) >= GZIP_MIN_BYTES else None
    entry = (rendered_under, body, packed, list(response.items()))
    cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
    caches[LOCAL_COPIES].set(key, entry, settings.PAGE_CACHE_SECONDS)


def public_max_age(request):
    """How long readers' browsers and shared caches may keep a public page: not past
    the next scheduled publish time (as read for `request`, once)."""
    seconds = generation.seconds_to_next_publish(generation.value_for_request(request))
    if seconds is None:
        return settings.PUBLIC_CACHE_SECONDS
    return math.floor(min(settings.PUBLIC_CACHE_SECONDS, seconds))
