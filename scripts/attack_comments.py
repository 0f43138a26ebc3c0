#!/usr/bin/env python
"""Attack the comment endpoint as a farmer would, against gunicorn in production mode.

Serves this checkout with DEBUG off behind a pretend proxy (DJANGO_TRUSTED_PROXY_HOPS=1,
4 workers, the default limits) on a throwaway database, then tries: one token copied
from the page and reused from many addresses; posting from another site; one client
sending comment after comment; malformed forwarded addresses; a flood from many
addresses. Prints what was accepted, what the editors were mailed and how many session
rows were made.

    .venv/bin/python scripts/attack_comments.py [--database-url postgres://...]
"""

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "scripts"))
from load_comments import free_port, manage, shell  # noqa: E402
from load_http import Connection  # noqa: E402

TOKEN = re.compile(r'"token":\s*"([^"]+)"')
MALFORMED = ["garbage", "1.2.3.4\x00", "fe80::1%eth0", "999.1.1.1", "[::1", "٣.٣.٣.٣", ""]


def comment(token, n):
    return urlencode(
        {
            "author_name": f"חוות תגובות {n}",
            "author_email": f"farm{n}@example.com",
            "body": f"ספאם מספר {n} https://spam.example/{n}",
            "token": token,
            "fax": "",
        }
    )


class Attacker:
    def __init__(self, port, post_path):
        self.conn, self.port, self.post_path = Connection(port), port, post_path

    def token(self):
        text = self.conn.request("GET", self.post_path + "comment/token/")[1]
        return TOKEN.search(text).group(1)

    def send(self, token, n, address, origin=None, fetch_site=None):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            # The visitor's own claim first, then the address the proxy appended.
            "X-Forwarded-For": f"6.6.6.{n % 250}, {address}".encode(),  # bytes: any octets
        }
        if origin:
            headers["Origin"] = origin
        if fetch_site:
            headers["Sec-Fetch-Site"] = fetch_site
        return self.conn.request("POST", self.post_path + "comment/", comment(token, n), headers)[0]


def attacks(attacker, pause):
    results = {}
    copied = attacker.token()
    time.sleep(pause)
    statuses = [attacker.send(copied, n, f"198.51.100.{n + 1}") for n in range(50)]
    results["one copied token, 50 sends from 50 addresses"] = statuses
    fresh = [attacker.token() for _ in range(20)]
    time.sleep(pause)
    statuses = [
        attacker.send(t, 100 + n, "203.0.113.7", "https://evil.example", "cross-site")
        for n, t in enumerate(fresh)
    ]
    results["20 posts from another site (fresh tokens)"] = statuses
    fresh = [attacker.token() for _ in range(30)]
    time.sleep(pause)
    statuses = [attacker.send(t, 200 + n, "203.0.113.8") for n, t in enumerate(fresh)]
    results["30 comments from one client in a minute"] = statuses
    fresh = [attacker.token() for _ in MALFORMED]
    time.sleep(pause)
    statuses = [
        attacker.send(t, 300 + n, address)
        for n, (t, address) in enumerate(zip(fresh, MALFORMED, strict=True))
    ]
    results["malformed forwarded addresses"] = statuses
    fresh = [attacker.token() for _ in range(200)]
    time.sleep(pause)
    statuses = [
        attacker.send(t, 400 + n, f"10.9.{n // 250}.{n % 250 + 1}") for n, t in enumerate(fresh)
    ]
    results["flood: 200 comments from 200 addresses"] = statuses
    return results


def prepare(database_url, workdir):
    """Migrate and seed; (environment, the post's path, a count query, comments before)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url or f"sqlite:///{workdir / 'db.sqlite3'}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_TRUSTED_PROXY_HOPS": "1",
        "BLOG_COMMENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",  # what older code read instead
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "load_seed")
    code = (
        "from blog.models import Post; print(Post.objects.published().latest().get_absolute_url())"
    )
    count = "from blog.models import Comment; print(Comment.objects.count())"
    return env, shell(env, code), count, int(shell(env, count))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="attack-comments-"))
    port = free_port()
    env, post_path, count, before = prepare(args.database_url, workdir)
    serve_env = {**env, "DJANGO_DEBUG": "false", "DJANGO_HTTPS": "off"}
    manage(serve_env, "createcachetable")
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115
    command = [str(BIN / "gunicorn"), "core.wsgi", "-w", "4", "--threads", "2"]
    command += ["-b", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=ROOT, env=serve_env, stdout=log, stderr=log)
    pause = int(os.environ.get("BLOG_COMMENT_MIN_SECONDS", "3")) + 0.5
    try:
        while Connection(port).request("GET", "/robots.txt")[0] != 200:
            time.sleep(0.5)
        results = attacks(Attacker(port, post_path), pause)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    for name, statuses in results.items():
        counts = {s: statuses.count(s) for s in sorted(set(statuses), key=str)}
        print(f"{name}: accepted {statuses.count(302)} {counts}")
    mails = (workdir / "gunicorn.log").read_text().count("Subject: ")
    stored = int(shell(env, count)) - before
    code = "from django.contrib.sessions.models import Session; print(Session.objects.count())"
    print(f"comments stored: {stored}; editor emails: {mails}; session rows: {shell(env, code)}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
