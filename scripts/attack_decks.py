"""Upload hostile PDF decks through the admin of a production-mode gunicorn; print a table.

    .venv/bin/python scripts/attack_decks.py [--pages 200]

Starts gunicorn with deploy/gunicorn.conf.py (DEBUG off, a throwaway SQLite database and
media folder), logs in as an editor and uploads: a 4 KB decompression bomb (2 GB once
inflated), an 88 KB page of two million strokes, and the largest allowed deck. For each:
the HTTP status, the seconds it took, the Hebrew message, the workers' peak memory
(VmHWM) and whether the same workers still serve; then the rows and files left behind.
"""

import argparse
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from blog.tests.pdfs import bomb_page, drawing_page, plain_page, raw_pdf  # noqa: E402

PASSWORD = secrets.token_urlsafe(12)


def environment(folder, port):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "e2e.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
        "DJANGO_MEDIA_ROOT": f"{folder}/media",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "PORT": str(port),
        "GUNICORN_ACCESS_LOG": "",
    }


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def workers(master):
    """{pid: peak RSS in MB} of the gunicorn master's worker processes."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    peaks = {}
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks[int(pid)] = int(re.search(r"VmHWM:\s+(\d+)", status)[1]) // 1024
    return peaks


def login(url):
    session = requests.Session()
    session.get(f"{url}/admin/login/")
    data = {"username": "editor", "password": PASSWORD, "next": "/admin/"}
    data["csrfmiddlewaretoken"] = session.cookies["csrftoken"]
    session.post(f"{url}/admin/login/", data=data).raise_for_status()
    return session


def upload(session, url, name, pdf):
    add = f"{url}/admin/blog/presentation/add/"
    session.get(add)
    data = {"csrfmiddlewaretoken": session.cookies["csrftoken"], "title": name, "slug": name}
    data |= {f"slides-{k}": v for k, v in [("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0)]}
    data |= {"slides-MIN_NUM_FORMS": 0, "slides-MAX_NUM_FORMS": 1000}
    started = time.monotonic()
    response = session.post(add, data=data, files={"deck_upload": (f"{name}.pdf", pdf)})
    seconds = time.monotonic() - started
    found = re.search(r'<ul class="errorlist[^"]*"[^>]*><li>([^<]+)', response.text)
    done = re.search(r"נוצרו \d+ שקפים", response.text)
    return response.status_code, seconds, (found[1] if found else done and done[0]) or "-"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    pages = parser.parse_args().pages
    attacks = {
        "bomb (4 KB -> 2 GB)": raw_pdf(plain_page(), bomb_page()),
        "2,000,000 strokes (88 KB)": raw_pdf(drawing_page(2_000_000)),
        f"{pages}-page deck": raw_pdf(*[plain_page(f"Slide {n}") for n in range(pages)]),
    }
    folder = Path(tempfile.mkdtemp(prefix="attack-decks-"))
    env = environment(folder, 8000 + secrets.randbelow(1000))
    url = f"http://127.0.0.1:{env['PORT']}"
    manage(env, "migrate", "-v0")
    manage(env, "createsuperuser", "--noinput", "--username", "editor", "--email", "e@x.org")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=env
    )
    try:
        time.sleep(4)
        session = login(url)
        print("| attack | size | status | seconds | message | worker peak MB | same workers |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for n, (name, pdf) in enumerate(attacks.items()):
            before = workers(server.pid)
            status, seconds, message = upload(session, url, f"attack-{n}", pdf)
            after = workers(server.pid)
            same = set(before) == set(after)
            size = f"{len(pdf) / 1024:.0f} KB"
            peak = max(after.values())
            print(f"| {name} | {size} | {status} | {seconds:.1f} | {message} | {peak} | {same} |")
        files = [p for p in (folder / "media").rglob("*") if p.is_file()]
        print(f"files under media/: {len(files)} (the {pages}-page deck: 1 PDF + 3 per page)")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
