"""The checks of scripts/cluster_test.py that run a request loop: a graceful reload of
one app server, and one app server killed behind nginx. Neither may lose a request."""

import os
import re
import signal
import threading
import time
from pathlib import Path

from cluster_browser import Browser


def _request_loop(base, paths, seconds_before, action, seconds_after, threads=4):
    """[(time, status)] of GET requests to `base` from `threads` loops, with `action()`
    run `seconds_before` into them; the loops go on `seconds_after` more. Returns the
    results and the moment the action ran."""
    results, stop = [], threading.Event()

    def loop(worker):
        browser, number = Browser(base), 0
        while not stop.is_set():
            number += 1
            # A new query string each time: past nginx's micro-cache, to the app servers.
            path = f"{paths[number % len(paths)]}?cluster={worker}-{number}"
            try:
                status = browser.get(path, timeout=20).status
            except OSError as error:
                status = type(error).__name__
            results.append((time.monotonic(), status))

    loops = [threading.Thread(target=loop, args=(n,)) for n in range(threads)]
    for thread in loops:
        thread.start()
    time.sleep(seconds_before)
    acted_at = time.monotonic()
    action()
    time.sleep(seconds_after)
    stop.set()
    for thread in loops:
        thread.join(timeout=30)
    return results, acted_at


def graceful_reload_loses_nothing(cluster, context):
    """A graceful reload (SIGHUP) of app server 1 under load loses no request, without nginx"""
    paths = [context["post"].get_absolute_url(), "/"]
    master = cluster.procs["app1"].pid
    results, reloaded_at = _request_loop(
        cluster.url("app1"), paths, 1.5, lambda: os.kill(master, signal.SIGHUP), 4.0
    )
    failures = [status for _, status in results if status != 200]
    after = sum(1 for moment, _ in results if moment > reloaded_at)
    log = Path(cluster.logs["app1"]).read_text(errors="replace")
    booted = log.count("Booting worker")
    ok = not failures and after >= 10 and booted >= 2
    return ok, (
        f"{len(results)} requests straight to app1, {after} after SIGHUP, {len(failures)} failed "
        f"{sorted(set(map(str, failures)))[:5]}; workers booted so far: {booted}"
    )


def killing_a_server_loses_nothing(cluster, context):
    """Killing app server 2 (SIGKILL) during a request loop through nginx loses no request"""
    paths = [context["post"].get_absolute_url(), "/"]
    results, killed_at = _request_loop(
        cluster.url("nginx"), paths, 2.0, lambda: cluster.kill("app2"), 3.0
    )
    failures = [status for _, status in results if status != 200]
    after = sum(1 for moment, _ in results if moment > killed_at)
    errors = Path(cluster.tmp / "nginx-error.log").read_text(errors="replace")
    retried = len(
        re.findall(r"connect\(\) failed|upstream prematurely closed|while reading", errors)
    )
    ok = not failures and after >= 10
    return ok, (
        f"{len(results)} requests, {after} of them after the kill, {len(failures)} failed "
        f"{sorted(set(map(str, failures)))[:5]}; nginx logged {retried} upstream errors it retried"
    )
