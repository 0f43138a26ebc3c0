"""gunicorn settings for `make serve` and production, from the environment.

Defaults are sized for a 2-core machine: two worker processes (one per core, so a slow
render in one never blocks the other) with four threads each, so that slow clients and
waits on the database overlap. Raise GUNICORN_WORKERS with the cores.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# The heaviest request is a slide deck upload: it renders in a child process (blog/
# pdf_sandbox.py) for at most BLOG_DECK_RENDER_SECONDS (240 s by default; a 200-page
# deck took 32 s on a loaded 2-core machine, about 0.15-0.4 s a page). The worker must
# outlive that limit, so the timeout follows it with a margin; readers' pages take
# milliseconds.
_deck_seconds = float(os.environ.get("BLOG_DECK_RENDER_SECONDS", "240"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", str(int(_deck_seconds) + 60)))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (a leak can never grow without bound), staggered.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
wsgi_app = "core.wsgi:application"
