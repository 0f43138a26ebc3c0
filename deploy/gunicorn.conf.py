"""gunicorn settings for `make serve`, compose.yaml, the systemd unit and production, from
the environment (README, "Configuration").

Defaults are sized for a 2-core machine: two single-threaded ("sync") worker processes,
one per core. Each takes its next request from the kernel's shared accept queue only when
it is free, so no request waits behind a busy worker while the other idles; with threads,
kept-alive connections stay with the process that accepted them, and under 32 connections
the post page's p99 was two to four times its median (docs/benchmark.md). Behind nginx
(deploy/nginx.conf), which buffers requests and responses, slow clients never hold a
worker. GUNICORN_THREADS > 1 switches to threaded workers (for waits on a remote
database); raise GUNICORN_WORKERS with the cores.

Graceful reloads: `kill -HUP <master>` (or `systemctl reload blog-web`) starts new workers
on the new code, then lets the old ones finish their requests (up to graceful_timeout)
before they exit; no request is dropped. SIGTERM stops the same way.
"""

import gc
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# The heaviest request left: an editor's upload (a deck up to BLOG_DECK_MAX_MB, an image
# up to BLOG_IMAGE_MAX_MB) stored in the object store, with an image's renditions made in
# the request (a 20 MB photo: a few seconds). nginx buffers the body first, so gunicorn
# reads it at loopback speed. Decks render in the task worker, not here; only with
# DJANGO_TASKS_BACKEND=immediate (trials) does the render run inside the request, and
# then the timeout must outlive its limit (BLOG_DECK_RENDER_SECONDS, 240 s by default).
_renders_in_request = os.environ.get("DJANGO_TASKS_BACKEND", "").strip() == "immediate"
_deck_seconds = int(float(os.environ.get("BLOG_DECK_RENDER_SECONDS", "240")))
_default_timeout = _deck_seconds + 60 if _renders_in_request else 60
timeout = int(os.environ.get("GUNICORN_TIMEOUT", str(_default_timeout)))
# Reloads and stops: requests in progress get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then (a leak can never grow without bound), staggered. Rarely:
# a new worker takes a second of CPU to start, and at 5,000 a worker serving cached pages
# at 600 requests/s restarted every 8 s, the slowest 1% of requests waiting behind it.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = max_requests // 10
# Heartbeat files in memory: a container's overlay file system can stall them.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn 27's control socket (gunicornc) defaults to one path per user, which two app
# servers on one host (make cluster-test, blog-web@ units) would share, and which a
# read-only home cannot hold: off unless GUNICORN_CONTROL_SOCKET names a path.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
wsgi_app = "core.wsgi:application"


def post_worker_init(worker):
    """Load what every request needs (core.wsgi.warm_up), then leave it all out of the
    garbage collector's full passes (gc.freeze): they traversed the worker's 120,000
    long-lived objects, a pause of 50-90 ms every few seconds under load (2 ms after)."""
    from core.wsgi import warm_up

    warm_up()
    gc.collect()
    gc.freeze()


# DJANGO_LOG_FORMAT=json: gunicorn's own lines (start, worker exits, the access log) as
# JSON objects too, like the site's (core/logs.py).
if os.environ.get("DJANGO_LOG_FORMAT", "").strip().lower() == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "core.logs.JSONFormatter"}},
        "handlers": {
            # The names gunicorn's own defaults use (its root logger writes to "console").
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            },
            "error_console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
        },
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }
