"""The task queue (django-tasks, the API Django 6 adopts) and Redis-backed shared state.

DJANGO_TASKS_BACKEND: "database" (django-tasks-db: tasks wait in a table, so `make run`
needs no other service), "rq" (django-tasks-rq: tasks wait in Redis and RQ's worker runs
them; the default when REDIS_URL is set) or "immediate" (run inside the request; trials
and most tests). `manage.py worker` runs whichever queue is configured.

With REDIS_URL: the default cache is Redis through core.failsoft_cache (a Redis outage
reads as a miss, never an error page), and sessions are cached_db (read from Redis, kept
in the database, so an outage logs no one out).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .env import DEBUG

_REDIS_URL = os.environ.get("REDIS_URL", "")

TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND_NAME = os.environ.get(
    "DJANGO_TASKS_BACKEND", "rq" if _REDIS_URL else "database"
).strip()
if TASKS_BACKEND_NAME not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"DJANGO_TASKS_BACKEND={TASKS_BACKEND_NAME!r} is not one of: "
        + ", ".join(sorted(TASK_BACKENDS))
    )
if TASKS_BACKEND_NAME == "rq" and not _REDIS_URL:
    raise ImproperlyConfigured("DJANGO_TASKS_BACKEND=rq needs REDIS_URL (the queue lives there).")

TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND_NAME], "QUEUES": ["default"]}}

# The database backend's table is always installed, so the migrations are the same
# whichever backend runs.
TASK_APPS = ["django_tasks", "django_tasks_db"]
if TASKS_BACKEND_NAME == "rq":
    TASK_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": _REDIS_URL, "DEFAULT_TIMEOUT": 900}}

# Redis: short timeouts, so an unreachable server costs a request a fraction of a second
# (and then core.failsoft_cache skips it for a few seconds) rather than a hung worker.
try:
    REDIS_SOCKET_TIMEOUT = float(os.environ.get("DJANGO_REDIS_TIMEOUT", "0.5"))
except ValueError:
    REDIS_SOCKET_TIMEOUT = -1
if not 0 < REDIS_SOCKET_TIMEOUT <= 60:
    raise ImproperlyConfigured(
        "DJANGO_REDIS_TIMEOUT must be a number of seconds above 0 and at most 60, e.g. 0.5."
    )
REDIS_CACHE_OPTIONS = {
    "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
    "socket_timeout": REDIS_SOCKET_TIMEOUT,
    "retry_on_timeout": False,
}
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if _REDIS_URL
    else "django.contrib.sessions.backends.db"
)
# A worker with autoreload in development (`make run`), never in production.
TASKS_WORKER_RELOAD = DEBUG
