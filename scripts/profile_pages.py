"""Time (and optionally profile) the uncached render of the post, home and search pages.

Run from the repository root:

    .venv/bin/python scripts/profile_pages.py            # median ms per render, queries, bytes
    .venv/bin/python scripts/profile_pages.py --profile  # plus pyinstrument's call tree
    .venv/bin/python scripts/profile_pages.py --comments 2000

It builds a throwaway in-memory database, loads the seed (`load_seed`: the article and
its demo deck), optionally adds approved comments to the article, and renders each page
in-process with Django's test Client. The cache is cleared before every render, so a
page cache (core) never answers for the view.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("DJANGO_MEDIA_ROOT", tempfile.mkdtemp(prefix="profile-media-"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False  # as under pytest: no template debug info, no query log

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def build_site(comments):
    """Migrate the in-memory database, load the seed, add `comments` approved comments."""
    call_command("migrate", verbosity=0, run_syncdb=True)
    call_command("load_seed", verbosity=0)
    from blog.models import Comment, Post

    post = Post.objects.get()
    rows, parents = [], []
    for i in range(comments):
        rows.append(
            Comment(
                post=post,
                author_name=f"קורא {i}",
                author_email=f"r{i}@example.org",
                body=f"תגובה מספר {i} על GOV 2.0 וממשל פתוח.",
                body_html=f"<p>תגובה מספר {i} על <bdi>GOV 2.0</bdi> וממשל פתוח.</p>",
                status=Comment.Status.APPROVED,
            )
        )
    Comment.objects.bulk_create(rows)
    # Every third comment replies to the one before it (threads two deep).
    for first, second in zip(rows[::3], rows[1::3], strict=False):
        parents.append((second.pk, first.pk))
    for child, parent in parents:
        Comment.objects.filter(pk=child).update(parent_id=parent, depth=1)
    return post


def measure(client, url, runs, warm=False):
    """(min and median CPU ms, queries, uncompressed bytes, gzip bytes) of `runs` renders that the
    page cache does not answer: the whole cache cleared first, or (`warm`) fragment caches
    kept and a query string no page was cached under."""
    times, html = [], b""
    for n in range(runs):
        if not warm:
            cache.clear()
        start = time.process_time()
        joiner = "&" if "?" in url else "?"
        response = client.get(f"{url}{joiner}run={n}" if warm else url)
        times.append((time.process_time() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        html = response.content
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # The minimum is the steadiest figure on a busy machine; the median is printed too.
    low, mid = min(times), statistics.median(times)
    return low, mid, len(queries), len(html), len(gzip.compress(html, 9))


def profile(client, url, runs, warm=False, top=40):
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    joiner = "&" if "?" in url else "?"
    with profiler:
        for n in range(runs):
            if not warm:
                cache.clear()
            client.get(f"{url}{joiner}profile={n}" if warm else url)
    tree = profiler.output_text(unicode=True, show_all=False, time="percent_of_total")
    flat = profiler.output_text(flat=True, flat_time="total", time="percent_of_total")
    print(tree)
    # The functions that hold the most time, callees included (first lines only).
    print("\n".join(flat.splitlines()[:top]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--comments", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="print pyinstrument's tree")
    parser.add_argument("--warm", action="store_true", help="keep fragment caches warm")
    parser.add_argument(
        "--instrumented", action="store_true", help="as under pytest (template signals on)"
    )
    args = parser.parse_args()
    if args.instrumented:
        setup_test_environment()
    post = build_site(args.comments)
    client = Client(HTTP_HOST="localhost")
    pages = {"post": post.get_absolute_url(), "home": "/", "search": "/search/?q=ממשל+פתוח"}
    for name, url in pages.items():
        client.get(url)  # warm the template loader and URL resolver
        low, mid, queries, size, gz = measure(client, url, args.runs, args.warm)
        print(
            f"{name:5} {low:6.2f} ms (median {mid:6.2f})  {queries:2d} queries"
            f"  {size:6d} B  {gz:5d} B gzip"
        )
    if args.profile:
        for name, url in pages.items():
            print(f"\n==== {name} ({url})")
            profile(client, url, args.runs, args.warm)


if __name__ == "__main__":
    main()
