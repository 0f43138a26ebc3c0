"""Site benchmark: the public pages under wrk, served by `make serve` as in production.

    .venv/bin/python scripts/bench_site.py [--duration 10] [--sizes 1000:200 10000:2000]

A throwaway database and media folder (never db.sqlite3 or media/) get the seed and, per
POSTS:COMMENTS size, bench_site_data.py's data set. Queries and gzip -6 bytes are counted
in-process; then wrk loads each page from `make serve` with the page cache on and off, and
with /usr/sbin/nginx the post page's HTML as a static file (gzip on; the 100% reference)
and the post page through deploy/nginx.conf. See docs/benchmark.md.
"""

import argparse
import gzip
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="bench-site-"))
os.environ.update(
    DATABASE_URL=f"sqlite:///{TMP}/bench.sqlite3", DJANGO_MEDIA_ROOT=str(TMP / "media"),
    DJANGO_DEBUG="false", DJANGO_HTTPS="off", GUNICORN_ACCESS_LOG="",
    DJANGO_SETTINGS_MODULE="core.settings",
)  # fmt: skip
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))  # a throwaway site

import django  # noqa: E402

django.setup()

from bench_site_data import grow  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

WRK, NGINX = "/usr/bin/wrk", "/usr/sbin/nginx"
WRK_MISSING = f"No {WRK}: install Debian's wrk (and nginx): sudo apt-get install -y wrk nginx"
LARGE_PAGES = ("post", "home")  # what sizes after the first repeat
UNCACHED_COOKIE = "sessionid=bench-uncached-visitor"  # per-visitor: the page cache steps aside
CACHE_OFF = {"DJANGO_PAGE_CACHE": "off", "DJANGO_PAGE_CACHE_SECONDS": "0"}
TARGETS = {"uncached": 10, "cached": 50, "front": 90}  # post page, % of nginx's static rate
P99_LIMIT_MS, LARGEST_FALL = 150, 25
NGINX_ROWS = {"static": "nginx: post.html as a static file", "front": "post via nginx.conf"}
HEADER = (
    "page      rps cached  p50/p99 ms rps uncached"
    "  p50/p99 ms non-2xx  queries  gzip B   raw B  % static"
)
UNCACHED = "cookie: requests carry a session cookie; env: a server with the page cache off"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--sizes", nargs="+", default=["1000:200", "10000:2000"])
    parser.add_argument("--uncached", choices=["cookie", "env"], default="cookie", help=UNCACHED)
    parser.add_argument("--no-nginx", action="store_true", help="skip the nginx figures")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    args.sizes = [tuple(int(n) for n in size.split(":")) for size in args.sizes]
    args.nginx = Path(NGINX).exists() and not args.no_nginx
    args.port, args.static_port, args.front_port = free_port(), free_port(), free_port()
    return args


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def count_queries(url, cookie=None):
    """(queries, body) of one in-process GET, which must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url, HTTP_COOKIE=cookie or "")
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code} in-process")
    return len(queries), response.content


def inspect_pages(urls):
    """{page: queries when rendered, on a repeat, with a session cookie; bytes}."""
    found = {}
    for name, url in urls.items():
        cache.clear()
        cold, body = count_queries(url)
        warm, cookie = count_queries(url)[0], count_queries(url, UNCACHED_COOKIE)[0]
        found[name] = dict(queries=cold, warm=warm, cookie=cookie, raw=len(body))
        found[name]["gzip"] = len(gzip.compress(body, compresslevel=6))
    post = found["post"]
    if not post["warm"] < post["cookie"]:
        print(f"WARNING: the page cache answers a repeat no faster than a session: {post}")
    return found


@contextmanager
def serve(args, env):
    """`make serve` on loopback with `env` added; stopped (its process group) on leaving."""
    command = ["make", "--no-print-directory", "serve", "HOST=127.0.0.1", f"PORT={args.port}"]
    with open(TMP / "serve.log", "ab") as log:
        options = dict(stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        proc = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, **options)
        try:
            while fetch(f"http://127.0.0.1:{args.port}/")[0] != 200:
                if proc.poll() is not None:
                    sys.exit(f"make serve exited {proc.returncode}:\n{server_log()}")
                time.sleep(0.3)
            yield
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
            while fetch(f"http://127.0.0.1:{args.port}/")[0]:
                time.sleep(0.2)  # the old gunicorn still holds the port


def server_log():
    return (TMP / "serve.log").read_text(errors="replace")[-3000:]


def fetch(url, cookie=""):
    """(status, Content-Encoding, the body decompressed); status 0 when nothing answers."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", "Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            encoding, body = response.headers.get("Content-Encoding"), response.read()
            return response.status, encoding, gzip.decompress(body) if encoding else body
    except urllib.error.HTTPError as error:
        return error.code, None, b""
    except OSError:
        return 0, None, b""


@contextmanager
def nginx(args):
    """nginx in the foreground: deploy/nginx-bench.conf with deploy/nginx.conf inside."""
    words = {"@TMP@": str(TMP), "@STATIC_PORT@": str(args.static_port)}
    words["@USER@"] = "user root;" if os.geteuid() == 0 else ""
    (TMP / "static").mkdir(exist_ok=True)
    (TMP / "nginx-temp").mkdir(exist_ok=True)
    (TMP / "nginx.conf").write_text(render("deploy/nginx-bench.conf", words))
    site = {
        "listen 80;": f"listen 127.0.0.1:{args.front_port};", "listen [::]:80;": "",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{args.port};",
        "/srv/blog/staticfiles/": f"{ROOT}/staticfiles/", "/srv/blog/media/": f"{TMP}/media/",
        "/var/cache/nginx/blog": f"{TMP}/nginx-cache", "/var/log/nginx/blog.access.log": "off",
    }  # fmt: skip
    (TMP / "nginx-site.conf").write_text(render("deploy/nginx.conf", site))
    flags = ["-p", str(TMP), "-e", f"{TMP}/nginx-error.log", "-c", f"{TMP}/nginx.conf"]
    proc = subprocess.Popen([NGINX, *flags], stderr=subprocess.PIPE)
    try:
        time.sleep(1)
        if proc.poll() is not None:
            sys.exit(f"nginx failed: {proc.stderr.read().decode()}")
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def render(path, words):
    text = (ROOT / path).read_text(encoding="utf-8")
    for old, new in words.items():
        if old not in text:
            sys.exit(f"{path} no longer holds {old!r}, which the benchmark replaces")
        text = text.replace(old, new)
    return text


def wrk(args, url, cookie=""):
    """{rps, p50, p99 (ms), bad: non-2xx/3xx responses and socket errors} of one wrk run."""
    if (status := max(fetch(url, cookie)[0] for _ in range(3))) != 200:  # warm up
        sys.exit(f"{url} answered {status}; the end of the server's log:\n{server_log()}")
    command = [WRK, "-t2", f"-c{args.connections}", f"-d{args.duration}s"]
    command += ["--latency", "--timeout", "10s", "-H", "Accept-Encoding: gzip"]
    command += ["-H", f"Cookie: {cookie}"] if cookie else []
    text = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    latency = {p: re.search(rf"^\s*{p}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M) for p in (50, 99)}
    bad = re.findall(r"(?:Non-2xx or 3xx responses|connect|read|write|timeout):? (\d+)", text)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text)[1]),
        **{f"p{p}": float(m[1]) * UNITS[m[2]] for p, m in latency.items()},
        "bad": sum(map(int, bad)),
    }


def bench_size(args, urls):
    """{"cached": {page: figures}, "uncached": {page: figures}, "static", "front"}."""
    base, found = f"http://127.0.0.1:{args.port}", {"static": None, "front": None}
    with serve(args, {}):
        html, encoding = fetch(base + urls["post"])[2], fetch(base + urls["post"])[1]  # a hit
        print(f"gunicorn's Content-Encoding for the post page from the cache: {encoding}")
        found["cached"] = {name: wrk(args, base + url) for name, url in urls.items()}
        if args.uncached == "cookie":
            found["uncached"] = {n: wrk(args, base + u, UNCACHED_COOKIE) for n, u in urls.items()}
        if args.nginx:
            with nginx(args):
                (TMP / "static/post.html").write_bytes(html)
                found["static"] = wrk(args, f"http://127.0.0.1:{args.static_port}/post.html")
                found["front"] = wrk(args, f"http://127.0.0.1:{args.front_port}{urls['post']}")
    if args.uncached == "env":
        with serve(args, CACHE_OFF):
            found["uncached"] = {name: wrk(args, base + url) for name, url in urls.items()}
    return found


def share(figures, static):
    return f"{100 * figures['rps'] / static['rps']:.0f}%" if static else "-"


def lat(figures):
    return f"{figures['p50']:.1f}/{figures['p99']:.0f}"


def print_table(title, info, found):
    print(f"\n{title}\n{HEADER}")
    for name, page in info.items():
        cached, uncached, static = found["cached"][name], found["uncached"][name], found["static"]
        print(
            f"{name:<9}{cached['rps']:>11,.0f}{lat(cached):>12}{uncached['rps']:>13,.0f}"
            f"{lat(uncached):>12}{cached['bad'] + uncached['bad']:>8}"
            f"{page['queries']:>5}/{page['cookie']}/{page['warm']:<2}{page['gzip']:>8,}{page['raw']:>8,}"
            f"{share(cached, static) + '/' + share(uncached, static):>10}"
        )
    for label, name in NGINX_ROWS.items():
        if figures := found[label]:
            print(f"{name:<52}{figures['rps']:>7,.0f} rps {lat(figures):>10} ms", end="")
            print(f"  non-2xx {figures['bad']}  {share(figures, found['static'])}")


def size_checks(label, found, first):
    checks, static = [], found["static"]
    for key in ("uncached", "cached", "front") if static else ():
        figures = found["front"] if key == "front" else found[key]["post"]
        percent, target = 100 * figures["rps"] / static["rps"], TARGETS[key]
        text = f"{label}: post {key}: {percent:.0f}% of nginx static (target ≥ {target}%)"
        checks.append((percent >= target, text))
    runs = [*found["cached"].values(), *found["uncached"].values(), found["front"] or {}]
    worst = max(figures.get("p99", 0) for figures in runs)
    checks.append((worst < P99_LIMIT_MS, f"{label}: worst p99 {worst:.0f} ms (< {P99_LIMIT_MS})"))
    bad = sum(figures.get("bad", 0) for figures in runs)
    checks.append((bad == 0, f"{label}: {bad} non-2xx responses or socket errors"))
    later = [(k, n) for k in ("cached", "uncached") for n in found[k]] if first is not found else []
    for key, name in later:
        fall = 100 - 100 * found[key][name]["rps"] / max(first[key][name]["rps"], 0.1)
        text = f"{label}: {name} {key} rps {-fall:+.0f}% on the first size (≥ -{LARGEST_FALL}%)"
        checks.append((fall <= LARGEST_FALL, text))
    return checks


def run(args):
    subprocess.run(["make", "-s", "staticfiles/staticfiles.json"], cwd=ROOT, check=True)
    setup_test_environment()  # the test Client's host name, for the in-process counts
    call_command("migrate", verbosity=0)
    call_command("load_seed", verbosity=0, stdout=open(os.devnull, "w"))
    rng, checks, first = random.Random(7), [], None
    gunicorn = os.environ.get("GUNICORN_WORKERS", "2"), os.environ.get("GUNICORN_THREADS", "1")
    print(f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; gunicorn {'x'.join(gunicorn)}")
    print(f"wrk -t2 -c{args.connections} -d{args.duration}s; nginx {args.nginx}; {args.uncached}")
    for posts, comments in args.sizes:
        urls = grow(posts, comments, rng)
        urls = {name: urls[name] for name in LARGE_PAGES} if first else urls
        info = inspect_pages(urls)
        found = bench_size(args, urls)
        label = f"{posts:,} posts, {comments:,} comments"
        print_table(f"{label} (queries: first render/with a session/page cache hit)", info, found)
        first = first or found
        checks += size_checks(label, found, first)
    print("\nTargets:")
    for ok, text in checks:
        print(f"  {'✓' if ok else '✗'} {text}")
    return all(ok for ok, _ in checks)


def main():
    try:
        args = parse_args()
        if not Path(WRK).exists():
            sys.exit(WRK_MISSING)
        return 0 if run(args) or not args.strict else 1
    finally:
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
