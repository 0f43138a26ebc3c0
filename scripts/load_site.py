#!/usr/bin/env python
"""Mixed load against `make serve`: readers, searchers and commenters together.

Starts `make serve` (DEBUG off, gunicorn with deploy/gunicorn.conf.py) on a free loopback
port against a throwaway database (a fresh SQLite file, or the PostgreSQL database
given by --database-url; it is migrated and seeded by `make serve` itself), then keeps
64 connections busy for 30 seconds: readers (home, the post, its comments' pages, an
archive, a category), searchers (Hebrew queries) and commenters (a fresh token from the
token endpoint, a person's pause, then the comment), and prints requests per second,
p50/p99 latency and every status that was not the expected one, per kind. At the end
it checks in the database that every comment the site accepted (302) is stored.

    .venv/bin/python scripts/load_site.py [--database-url postgres://...]
        [--connections 64] [--seconds 30] [--cached]

Uncached by default (DJANGO_PAGE_CACHE_SECONDS=0: every page is rendered by the view;
the per-process fragment cache stays on as in production). Commenters come through one
trusted proxy (DJANGO_TRUSTED_PROXY_HOPS=1), each comment from an address of its own, so the
per-client limit stays live; the per-post limit is raised (the seed has one post).
Exit status 1 on any error or lost comment.
"""

import argparse
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from load_comments import free_port, shell  # noqa: E402
from load_http import Connection, percentile  # noqa: E402

TOKEN = re.compile(r'"token":\s*"([^"]+)"')
COMMENT_ID = re.compile(r"#comment-(\d+)$")
QUERIES = ["ממשל", "מדיה חברתית", "ישראל", "שקיפות ממשלתית", "ממשל פתוח", "טוויטר", "אזרחים"]
EXPECTED = {"read": 200, "search": 200, "token": 200, "comment": 302}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--commenters", type=int, default=8, help="of the connections")
    parser.add_argument("--searchers", type=int, default=12, help="of the connections")
    parser.add_argument("--cached", action="store_true", help="leave the page cache on")
    return parser.parse_args()


def server_env(args, workdir, port):
    database_url = args.database_url or os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        database_url = f"sqlite:///{workdir / 'load.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "GUNICORN_ACCESS_LOG": "",
        "DJANGO_TRUSTED_PROXY_HOPS": "1",
        "BLOG_COMMENT_POST_RATE_LIMIT": "1000000",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    if not args.cached:
        # Uncached: no whole-page cache, but the fragments every render uses stay on, as
        # they do in production (a render still runs the view and the templates).
        env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
        env.setdefault("DJANGO_FRAGMENT_CACHE_SECONDS", "600")
    return env


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {kind: [] for kind in EXPECTED}
        self.statuses = {kind: Counter() for kind in EXPECTED}
        self.accepted = []  # (comment id, body)

    def add(self, kind, status, seconds):
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[kind][status] += 1


def reader(conn, stats, paths, deadline):
    while time.monotonic() < deadline:
        status, _, _, seconds = conn.request("GET", random.choice(paths))
        stats.add("read", status, seconds)


def searcher(conn, stats, deadline):
    while time.monotonic() < deadline:
        query = quote(random.choice(QUERIES))
        status, _, _, seconds = conn.request("GET", f"/search/?q={query}")
        stats.add("search", status, seconds)


def commenter(conn, stats, post_path, deadline, pause, number):
    token_path, comment_path = post_path + "comment/token/", post_path + "comment/"
    sent = 0
    while time.monotonic() + pause < deadline:
        status, text, _, seconds = conn.request("GET", token_path)
        stats.add("token", status, seconds)
        found = TOKEN.search(text)
        if status != 200 or not found:
            continue
        time.sleep(pause)  # a person's pause: the token's minimum writing time
        sent += 1
        body = f"תגובת עומס {number}-{sent}: האם כל תגובה שהתקבלה נשמרת?"
        form = urlencode(
            {
                "author_name": f"קורא {number}",
                "author_email": f"load{number}@example.com",
                "author_url": "",
                "body": body,
                "parent": "",
                "fax": "",
                "token": found.group(1),
            }
        )
        address = f"10.{number % 250}.{sent // 250 % 250}.{sent % 250 + 1}"
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": address,
            "Origin": f"http://127.0.0.1:{conn.port}",
            "Sec-Fetch-Site": "same-origin",
        }
        status, _, location, seconds = conn.request("POST", comment_path, form, headers)
        stats.add("comment", status, seconds)
        match = COMMENT_ID.search(location) if status == 302 else None
        if match:
            with stats.lock:
                stats.accepted.append((int(match.group(1)), body))


def wait_until_up(port, proc, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        status = Connection(port).request("GET", "/robots.txt")[0]
        if status == 200:
            return True
        time.sleep(0.5)
    return False


def seed_paths(env):
    code = (
        "from django.utils.encoding import iri_to_uri; from blog.models import Post; "
        "p = Post.objects.published().latest(); "
        "c = p.category.get_absolute_url() if p.category_id else '/'; "
        "print(iri_to_uri(p.get_absolute_url()), iri_to_uri(c), p.published_at.year)"
    )
    post_path, category_path, year = shell(env, code).split()
    paths = ["/", post_path, post_path, post_path, category_path, "/categories/"]
    return post_path, [*paths, f"/archive/{year}/", "/feed/"]


def run(args, env, port, workdir):
    post_path, paths = seed_paths(env)
    pause = int(env.get("BLOG_COMMENT_MIN_SECONDS", "3")) + 0.2
    stats = Stats()
    readers = args.connections - args.commenters - args.searchers
    deadline = time.monotonic() + args.seconds
    threads, conns = [], []
    for n in range(args.connections):
        conn = Connection(port)
        conns.append(conn)
        if n < args.commenters:
            target = (commenter, (conn, stats, post_path, deadline, pause, n))
        elif n < args.commenters + args.searchers:
            target = (searcher, (conn, stats, deadline))
        else:
            target = (reader, (conn, stats, paths, deadline))
        threads.append(threading.Thread(target=target[0], args=target[1], daemon=True))
    print(
        f"{args.connections} connections for {args.seconds:.0f} s: {readers} readers, "
        f"{args.searchers} searchers, {args.commenters} commenters"
    )
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    for conn in conns:
        conn.close()
    return stats, elapsed


def report(stats, elapsed, stored):
    total = sum(len(values) for values in stats.latencies.values())
    everything = [s for values in stats.latencies.values() for s in values]
    p50, p99 = percentile(everything, 0.5), percentile(everything, 0.99)
    rate = total / elapsed
    print(
        f"requests: {total} in {elapsed:.1f} s = {rate:.0f}/s; p50 {p50:.0f} ms, p99 {p99:.0f} ms"
    )
    errors = 0
    for kind, expected in EXPECTED.items():
        values, statuses = stats.latencies[kind], stats.statuses[kind]
        wrong = {status: n for status, n in statuses.items() if status != expected}
        errors += sum(wrong.values())
        rate = len(values) / elapsed
        p50, p99 = percentile(values, 0.5), percentile(values, 0.99)
        print(
            f"  {kind:8} {len(values):6} ({rate:6.1f}/s)  p50 {p50:5.0f} ms  p99 {p99:5.0f} ms  "
            f"not {expected}: {sum(wrong.values())} {dict(wrong) if wrong else ''}"
        )
    lost = len(stats.accepted) - stored
    print(f"comments accepted: {len(stats.accepted)}, stored: {stored}, lost: {lost}")
    return errors, lost


def count_stored(env, accepted):
    if not accepted:
        return 0
    ids = [pk for pk, _ in accepted]
    code = (
        f"from blog.models import Comment; ids = {ids!r}; "
        "rows = dict(Comment.objects.filter(pk__in=ids).values_list('pk', 'body')); "
        "import json; print(json.dumps(rows, ensure_ascii=False))"
    )
    rows = {int(pk): body for pk, body in json.loads(shell(env, code)).items()}
    return sum(1 for pk, body in accepted if rows.get(pk) == body)


def main():
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="load-site-"))
    port = free_port()
    env = server_env(args, workdir, port)
    engine = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    load = os.getloadavg()
    print(f"database: {engine}; load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    log = open(workdir / "serve.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        if not wait_until_up(port, server):
            sys.exit(f"make serve did not start; see {workdir / 'serve.log'}")
        stats, elapsed = run(args, env, port, workdir)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log.close()
    errors, lost = report(stats, elapsed, count_stored(env, stats.accepted))
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if errors or lost:
        print(f"kept for inspection: {workdir}")
        return 1
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
