"""Processes for scripts/cluster_test.py: free loopback ports, waiting for a service,
the cluster's child processes (each in its own process group, logged to a file, all
stopped at the end) and a throwaway PostgreSQL database."""

import os
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what, predicate, timeout=60.0, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.2)
    tail = f"\n--- {log}:\n{Path(log).read_text(errors='replace')[-2000:]}" if log else ""
    raise RuntimeError(f"{what} did not come up within {timeout:.0f} s{tail}")


def port_open(port):
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Cluster:
    """The processes, their ports and logs; `stop()` ends them all."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.procs = {}
        self.ports = {name: free_port() for name in ("redis", "s3", "app1", "app2", "nginx")}
        self.env = {}
        self.logs = {}

    def start(self, name, argv, env=None):
        log = self.tmp / f"{name}.log"
        with open(log, "wb") as out:
            self.procs[name] = subprocess.Popen(
                argv, cwd=ROOT, env=env or self.env, stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        return log

    def kill(self, name, sig=signal.SIGKILL):
        proc = self.procs[name]
        if proc.poll() is None:
            os.killpg(proc.pid, sig)
        proc.wait(timeout=20)

    def stop(self):
        for proc in reversed(list(self.procs.values())):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)

    def url(self, name):
        return f"http://127.0.0.1:{self.ports[name]}"


def run(argv, env=None, **kwargs):
    return subprocess.run(argv, cwd=ROOT, env=env, check=True, **kwargs)


@contextmanager
def postgres_database():
    """A fresh PostgreSQL database (Debian's server), dropped afterwards."""

    def pg(command):
        return subprocess.run(
            ["su", "postgres", "-c", command], cwd="/", check=True, capture_output=True, text=True
        ).stdout

    run(["service", "postgresql", "start"], capture_output=True)
    if "1" not in pg("psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'blog_ci'\""):
        pg("psql -q -c \"CREATE ROLE blog_ci LOGIN SUPERUSER PASSWORD 'blog_ci'\"")
    name = f"blog_cluster_{os.getpid()}"
    pg(f"dropdb --if-exists {name}")
    pg(f"createdb -O blog_ci {name}")
    try:
        yield f"postgres://blog_ci:blog_ci@127.0.0.1:5432/{name}"
    finally:
        subprocess.run(["su", "postgres", "-c", f"dropdb --if-exists --force {name}"], cwd="/")
