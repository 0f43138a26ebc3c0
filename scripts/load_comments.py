#!/usr/bin/env python
"""Concurrent comment load test: are comments sent at the same time all stored?

Starts the site under gunicorn on a free loopback port against a throwaway database
(a fresh SQLite file, or the PostgreSQL database given by --database-url or a postgres
DATABASE_URL), migrates it, loads the seed article, fetches a fresh signed form token
per comment (as the site.js script does), waits out the minimum fill time once, then sends the
comments N at a time and prints how many were stored and how many requests failed.

    .venv/bin/python scripts/load_comments.py [--database-url URL]
        [--comments 200] [--concurrency 20] [--workers 4] [--threads 5]

The per-client and per-post rate limits are raised for the run (every request comes
from 127.0.0.1, to the one seed post); every other defence (token, honeypot, blocklist,
link limit) stays on. scripts/load_site.py mixes readers, searchers and commenters.
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TOKEN = re.compile(r'"token":\s*"([^"]+)"')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout.strip()


def shell(env, code):
    return manage(env, "shell", "-c", code).splitlines()[-1]


def request(port, method, path, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    started = time.perf_counter()
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace"), started
    except OSError as error:
        return f"{type(error).__name__}", "", started
    finally:
        conn.close()


def wait_until_up(port, proc, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if request(port, "GET", "/robots.txt")[0] == 200:
            return True
        time.sleep(0.2)
    return False


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=5)
    return parser.parse_args()


def server_env(args, workdir, min_seconds):
    """The site's environment: a PostgreSQL URL if one was given, else a fresh SQLite file."""
    database_url = args.database_url or os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        database_url = f"sqlite:///{workdir / 'load.sqlite3'}"
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "true",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "BLOG_COMMENT_RATE_LIMIT": str(args.comments * 10),
        "BLOG_COMMENT_POST_RATE_LIMIT": str(args.comments * 10),
        "BLOG_COMMENT_MIN_SECONDS": str(min_seconds),
        # The notification path runs in full; the messages stay in memory.
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "ERROR",
    }


def prepare_database(env):
    """Migrate and seed; return the seed post's path."""
    database_url = env["DATABASE_URL"]
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(f"database: {engine} ({database_url.split('@')[-1]})")
    manage(env, "migrate", "--noinput")
    manage(env, "load_seed")
    return shell(
        env,
        "from blog.models import Post; print(Post.objects.published().latest().get_absolute_url())",
    )


def stored_comments(env):
    return int(shell(env, "from blog.models import Comment; print(Comment.objects.count())"))


def start_gunicorn(args, env, port, log):
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "core.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(args.workers),
            "-k",
            "gthread",
            "--threads",
            str(args.threads),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def fetch_tokens(port, post_path, args):
    """One fresh token per comment: ([its signed token or None], how many requests failed)."""
    token_path = post_path + "comment/token/"
    with ThreadPoolExecutor(args.concurrency) as pool:
        pages = list(pool.map(lambda _: request(port, "GET", token_path), range(args.comments)))
    tokens = [TOKEN.search(html) for _, html, _ in pages]
    page_failures = sum(
        1 for (status, _, _), t in zip(pages, tokens, strict=True) if status != 200 or not t
    )
    return [token.group(1) if token else None for token in tokens], page_failures


def comment_form(i, token):
    return urlencode(
        {
            "author_name": f"קורא עומס {i}",
            "author_email": f"load{i}@example.com",
            "author_url": "",
            "body": f"תגובת בדיקת עומס מספר {i}: האם כל התגובות נשמרות?",
            "parent": "",
            "fax": "",
            "token": token,
        }
    )


def send_comments(port, post_path, tokens, concurrency):
    """Post every comment, `concurrency` at a time: [(status, seconds)] and the wall time."""
    comment_path = post_path.rstrip("/") + "/comment/"

    def send(i):
        if tokens[i] is None:
            return "no token", 0.0
        status, _, started = request(port, "POST", comment_path, comment_form(i, tokens[i]))
        return status, time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(send, range(len(tokens))))
    return results, time.perf_counter() - started


def run_load(args, env, workdir, post_path, min_seconds):
    """Serve the site under gunicorn, fetch the forms, wait, send the comments."""
    port = free_port()
    with open(workdir / "gunicorn.log", "w") as log:
        gunicorn = start_gunicorn(args, env, port, log)
        try:
            if not wait_until_up(port, gunicorn):
                sys.exit(f"gunicorn did not start; see {workdir / 'gunicorn.log'}")
            print(
                f"gunicorn: 127.0.0.1:{port}, {args.workers} workers x {args.threads} threads; "
                f"{args.comments} comments, {args.concurrency} at a time"
            )
            tokens, page_failures = fetch_tokens(port, post_path, args)
            time.sleep(min_seconds + 1)  # the signed token's minimum fill time, waited out once
            results, elapsed = send_comments(port, post_path, tokens, args.concurrency)
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
    return results, page_failures, elapsed


def report(args, results, page_failures, elapsed, stored):
    """Print the run's numbers; return the number of failed requests."""
    failures = [status for status, _ in results if status != 302]
    latencies = sorted(seconds for status, seconds in results if status == 302)
    print(f"form pages fetched: {args.comments - page_failures}/{args.comments}")
    print(f"comments sent: {args.comments} in {elapsed:.2f} s ({args.comments / elapsed:.1f}/s)")
    if latencies:
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(
            f"latency: median {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
        )
    print(f"stored: {stored}")
    kinds = f" {sorted(set(map(str, failures)))}" if failures else ""
    print(f"failed requests: {len(failures)}{kinds}")
    return len(failures)


def main():
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="load-comments-"))
    min_seconds = int(os.environ.get("BLOG_COMMENT_MIN_SECONDS", "3"))
    env = server_env(args, workdir, min_seconds)
    post_path = prepare_database(env)
    before = stored_comments(env)
    results, page_failures, elapsed = run_load(args, env, workdir, post_path, min_seconds)
    stored = stored_comments(env) - before
    failures = report(args, results, page_failures, elapsed, stored)
    if stored == args.comments and not failures:
        shutil.rmtree(workdir, ignore_errors=True)
        return 0
    print(f"kept for inspection: {workdir}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
