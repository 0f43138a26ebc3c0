"""Probes for load balancers, orchestrators and monitoring.

- ``/healthz``: the process answers (liveness). Touches nothing else.
- ``/readyz``: the database, the shared cache and the media storage are reachable
  (readiness): 200 when all are, else 503. The answer names each check and says "ok" or
  "unavailable", never why (an error may carry a host name, a user or a key); the
  reason goes to the log.

``HealthCheckMiddleware`` sits first in MIDDLEWARE and answers both paths itself: a probe
that connects by IP address (no allowed host name), over plain http (no HTTPS redirect)
and without cookies reaches the checks, and no page cache or session is involved.
"""

import logging
import os
import uuid
from pathlib import Path

from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

HEALTH_PATH, READY_PATH = "/healthz", "/readyz"
# A name no upload can have (uploads live under decks/ and images/).
STORAGE_PROBE = "readyz-probe"


def _answer(payload, status=200):
    response = JsonResponse(payload, status=status)
    add_never_cache_headers(response)
    return response


def healthz(request):
    return _answer({"status": "ok"})


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def check_cache():
    """A write and a read back: a fail-soft cache that lost its server reads as a miss."""
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def check_storage():
    """Local disk: the media folder is a writable folder (or can be made in one). A store:
    it answers (a missing name is an answer; nothing is written)."""
    if isinstance(default_storage, FileSystemStorage):
        path = Path(default_storage.location)
        while not path.exists() and path != path.parent:
            path = path.parent  # made on the first upload
        return path.is_dir() and os.access(path, os.W_OK)
    default_storage.exists(STORAGE_PROBE)
    return True


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


def readyz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            ok = check()
        except Exception:
            logger.exception("readyz: the %s check failed", name)
            ok = False
        if not ok:
            logger.warning("readyz: %s unavailable", name)
        results[name] = "ok" if ok else "unavailable"
    ready = all(value == "ok" for value in results.values())
    return _answer(
        {"status": "ok" if ready else "unavailable", "checks": results},
        status=200 if ready else 503,
    )


PROBES = {HEALTH_PATH: healthz, READY_PATH: readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info.rstrip("/") or "/")
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)
