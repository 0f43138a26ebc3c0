#!/usr/bin/env python
"""Readers' latency while /admin/login/ is flooded with wrong passwords.

Serves a checkout (this one, or --root, e.g. an older commit unpacked with
`git archive`) under gunicorn as `make serve` does (DEBUG off, deploy/gunicorn.conf.py)
on a throwaway SQLite database with an editor account, then measures readers (uncached
pages) for --seconds alone and again while --flooders connections post wrong passwords
for the editor as fast as they can (from one address, or --spread-names: a different
user name each time). Prints readers' p50/p99 in both phases and the flood's statuses.

    .venv/bin/python scripts/load_login.py [--root DIR] [--seconds 15] [--flooders 8]
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
sys.path.insert(0, str(ROOT / "scripts"))
from load_comments import free_port  # noqa: E402
from load_http import Connection, percentile  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--flooders", type=int, default=8)
    parser.add_argument("--spread-names", action="store_true")
    parser.add_argument("--warm-up", type=float, default=10, help="flood alone first")
    return parser.parse_args()


def prepare(root, env):
    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=root, env=env, check=True)

    manage("migrate", "--noinput", "-v0")
    manage("createcachetable")
    manage("load_seed")
    manage("collectstatic", "--noinput", "-v0")
    code = (
        "from django.contrib.auth.models import User; "
        "User.objects.filter(username='editor').exists() or "
        "User.objects.create_superuser('editor', 'e@example.org', 'a-real-passphrase-2026')"
    )
    manage("shell", "-c", code)


def readers(port, seconds, count):
    latencies, statuses, deadline = [], Counter(), time.monotonic() + seconds

    def read():
        conn = Connection(port)
        while time.monotonic() < deadline:
            status, _, _, elapsed = conn.request("GET", "/")
            statuses[status] += 1
            latencies.append(elapsed)
        conn.close()

    threads = [threading.Thread(target=read) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses


def login_form(port):
    """The CSRF cookie and form token a browser gets with the login page."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/admin/login/")
    response = conn.getresponse()
    html = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    conn.close()
    return cookie, CSRF_FIELD.search(html).group(1)


def flood(port, stop, statuses, spread, number):
    cookie, csrf = login_form(port)
    conn, n = Connection(port), 0
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    while not stop.is_set():
        n += 1
        name = f"user{number}-{n}" if spread else "editor"
        form = {"username": name, "password": f"guess-{n}", "csrfmiddlewaretoken": csrf}
        status = conn.request("POST", "/admin/login/", urlencode(form), headers)[0]
        statuses[status] += 1
    conn.close()


def phase(name, latencies, statuses, seconds):
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    rate = len(latencies) / seconds
    print(
        f"  {name:14} readers: {rate:6.1f}/s  p50 {p50:6.0f} ms  p99 {p99:6.0f} ms  "
        f"{dict(statuses)}"
    )


def serve_env(workdir, port):
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "off",
        "DJANGO_PAGE_CACHE_SECONDS": "0",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "GUNICORN_ACCESS_LOG": "",
        "DJANGO_LOG_LEVEL": "ERROR",
    }


def measure(args, port):
    """Readers alone, then during the flood: (quiet, busy, flood statuses)."""
    quiet = readers(port, args.seconds, args.readers)
    stop, statuses = threading.Event(), Counter()
    flooders = [
        threading.Thread(target=flood, args=(port, stop, statuses, args.spread_names, n))
        for n in range(args.flooders)
    ]
    for thread in flooders:
        thread.start()
    time.sleep(args.warm_up)  # the flood gets going (and, with a throttle, locked out)
    busy = readers(port, args.seconds, args.readers)
    stop.set()
    for thread in flooders:
        thread.join()
    return quiet, busy, statuses


def main():
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="load-login-"))
    port = free_port()
    env = serve_env(workdir, port)
    prepare(args.root, env)
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115
    command = [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"]
    server = subprocess.Popen(command, cwd=args.root, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while Connection(port).request("GET", "/robots.txt")[0] != 200:
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit(f"gunicorn did not start; see {workdir / 'gunicorn.log'}")
            time.sleep(0.5)
        load = os.getloadavg()
        print(f"{args.root}: load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        quiet, busy, flood_statuses = measure(args, port)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    phase("alone", *quiet, args.seconds)
    phase("during flood", *busy, args.seconds)
    flood_rate = sum(flood_statuses.values()) / (args.seconds + args.warm_up)
    print(f"  flood: {flood_rate:.0f} login attempts/s, statuses {dict(flood_statuses)}")
    if any(500 in statuses for statuses in (quiet[1], busy[1], flood_statuses)):
        print(f"server errors: see {workdir / 'gunicorn.log'}")
        return 1
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
