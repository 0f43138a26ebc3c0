"""`make run` and `make serve` start a task worker beside the web server
(scripts/run_with_worker.sh): both run, and Ctrl-C (or SIGTERM) stops both."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "run_with_worker.sh"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _descendants(pid):
    out = subprocess.run(["ps", "-eo", "pid=,ppid="], capture_output=True, text=True).stdout
    children = {}
    for line in out.splitlines():
        child, parent = map(int, line.split())
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True)
    return not state.stdout.startswith("Z")


def _answers(url):
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                return answer.status == 200
        except OSError:
            time.sleep(0.2)
    return False


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run-with-worker")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS"))}
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_TASKS_BACKEND="database",
        PYTHON_BIN=sys.executable,
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300
    )
    return env


@pytest.mark.parametrize("stop_with", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_the_web_server_and_the_worker_run_together_and_stop_together(environment, stop_with):
    port = _free_port()
    web = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    script = subprocess.Popen([str(SCRIPT), *web], cwd=ROOT, env=environment)
    try:
        for _ in range(150):
            time.sleep(0.2)
            commands = subprocess.run(
                ["ps", "-o", "args=", "-p", ",".join(map(str, _descendants(script.pid)))],
                capture_output=True,
                text=True,
            ).stdout
            if "manage.py worker" in commands and "http.server" in commands:
                break
        assert "manage.py worker" in commands and "http.server" in commands
        assert _answers(f"http://127.0.0.1:{port}/")
        children = _descendants(script.pid)
        time.sleep(1)  # past the worker's start, so it is waiting for tasks
        script.send_signal(stop_with)
        assert script.wait(timeout=60) == 128 + stop_with
        time.sleep(0.5)
        assert [pid for pid in children if _alive(pid)] == []
    finally:
        for pid in [script.pid, *_descendants(script.pid)]:  # a failed test leaves nothing
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        script.wait()
