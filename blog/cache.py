"""The site's content generation: one value in the shared cache that changes whenever
anything a public page shows changes.

Page caches stamp each stored page with the generation they read before rendering it and
serve it only while the generation is unchanged, so invalidating every page is one cache
write. A change bumps it at once and again when its transaction commits, so a page
rendered from the old rows before the commit is never served after it. The generation
also carries the next scheduled publish time: once that has passed, the first reader to
notice starts a new generation, and no post shows late or early.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.utils import timezone

from blog.models import Post

GENERATION_KEY = "content-generation"
NOTHING_SCHEDULED = 0.0


def _next_publish_time():
    # Any post's future date, drafts' too: a draft's passing date costs one needless
    # refresh, and the rule of what is published stays in Post alone.
    upcoming = (
        Post.objects.filter(published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else NOTHING_SCHEDULED


def _new_generation():
    # A fresh random token, never a counter: a lost key can't bring an old value back.
    value = (uuid.uuid4().hex, _next_publish_time())
    cache.set(GENERATION_KEY, value, timeout=None)
    return value


def current(value=None):
    """(token, next publish timestamp or 0): the generation read as `value`, or from the
    cache; a new one when the cache lost it or a scheduled post's time has come."""
    if value is None:
        value = cache.get(GENERATION_KEY)
    if value is None:
        fresh = (uuid.uuid4().hex, _next_publish_time())
        cache.add(GENERATION_KEY, fresh, timeout=None)  # another worker's may have won
        return cache.get(GENERATION_KEY) or fresh
    if value[1] != NOTHING_SCHEDULED and value[1] <= time.time():
        return _new_generation()
    return value


def value_for_request(request):
    """current(), read once per request (the page cache may have read it already): the
    fragments, and how long the page may be kept, go by the same generation."""
    value = getattr(request, "content_generation_value", None)
    if value is None:
        value = request.content_generation_value = current()
        request.content_generation = value[0]
    return value


def for_request(request):
    """The current generation's token, read once per request: every fragment of one page
    is keyed by the same generation."""
    token = getattr(request, "content_generation", None)
    return value_for_request(request)[0] if token is None else token


def kept(request, parts, compute):
    """compute(), kept in this process's "fragments" cache for the current generation
    (read once per request): the same `parts` give the same value until anything a reader
    could see changes. Values must pickle. With FRAGMENT_CACHE_SECONDS = 0 (the default
    with DEBUG on), computed every time."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if not seconds:
        return compute()
    address = f"{request.scheme}://{request.get_host()}"
    text = "\n".join([for_request(request), address, *map(str, parts)])
    key = "kept:" + hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()
    fragments = caches["fragments"]
    value = fragments.get(key)
    if value is None:
        value = compute()
        fragments.set(key, value, seconds)
    return value


def seconds_to_next_publish(value=None):
    """Seconds until the next scheduled post goes live; None when none waits."""
    scheduled = current(value)[1]
    return None if scheduled == NOTHING_SCHEDULED else max(0.0, scheduled - time.time())


def bump(using=None):
    """Mark every cached page stale, now and again after the current transaction commits."""
    _new_generation()
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(_new_generation, using=using)
