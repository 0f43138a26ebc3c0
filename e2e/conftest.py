"""Browser tests: Debian's Chromium driven by Playwright against the site's own gunicorn.

One server and one browser per session. The server runs with DEBUG off on a throwaway
SQLite database and media folder, migrated and seeded with `load_seed`, plus one editor
account. Without /usr/bin/chromium every test here is skipped, and the run says so.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from e2e.helpers import CONTEXT_DEFAULTS, CSP_LISTENER, watch

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_REASON = f"browser tests skipped: {CHROMIUM} not found (apt-get install -y chromium)"

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "e2e-" + secrets.token_urlsafe(12)


def _is_e2e(item):
    return HERE in item.path.resolve().parents


def pytest_collection_modifyitems(config, items):
    e2e_items = [item for item in items if _is_e2e(item)]
    if not e2e_items or Path(CHROMIUM).exists():
        return
    if os.environ.get("E2E_REQUIRE_BROWSER") == "1":  # CI: skipping would hide the suite
        raise pytest.UsageError(SKIP_REASON.replace("skipped", "required"))
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in e2e_items:
        item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if not Path(CHROMIUM).exists() and terminalreporter.stats.get("skipped"):
        terminalreporter.write_sep("=", SKIP_REASON, yellow=True, bold=True)


@dataclass
class Site:
    url: str
    env: dict
    log: Path

    def manage(self, *args):
        """Run a management command against the server's database; return its output."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url, process, log, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/robots.txt", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout}s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("e2e-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "e2e.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_SUPERUSER_PASSWORD": EDITOR_PASSWORD,
        # The comment form's "sent too fast" guard, shortened so journeys wait 1 s, not 3.
        "BLOG_COMMENT_MIN_SECONDS": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    port = _free_port()
    server = Site(url=f"http://127.0.0.1:{port}", env=env, log=workdir / "gunicorn.log")
    server.manage("migrate", "--noinput")
    server.manage("load_seed")
    server.manage(
        "createsuperuser", "--noinput", "--username", EDITOR_USERNAME, "--email", "e@example.com"
    )
    with server.log.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "core.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
             "--access-logfile", "-"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_until_up(server.url, process, server.log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def base_url(site):
    return site.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **CONTEXT_DEFAULTS}


@pytest.fixture
def context(context):
    context.add_init_script(CSP_LISTENER)
    return context


@pytest.fixture
def page(context):
    """A page that records console errors, uncaught exceptions and CSP violations."""
    return watch(context.new_page())
