#!/usr/bin/env bash
# Run a web server (the arguments) with a task worker (manage.py worker) beside it, for
# `make run` and `make serve`. Ctrl-C or SIGTERM stops both; so does either one failing.
# The worker finishes the task at hand first (a second Ctrl-C stops it at once).
set -u -m # -m: each child in its own process group, so a signal reaches all of its processes
cd "$(dirname "$0")/.."
PYTHON_BIN=${PYTHON_BIN:-.venv/bin/python}

"$PYTHON_BIN" manage.py worker &
worker=$!
"$@" &
web=$!

stop() {
  kill -TERM -- "-$web" "-$worker" 2>/dev/null
  wait "$web" "$worker" 2>/dev/null
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

# Either one ending stops the other; except a worker with nothing to do
# (DJANGO_TASKS_BACKEND=immediate: it says so and exits 0), which leaves the web server be.
wait -n -p ended "$web" "$worker"
status=$?
if [ "$ended" = "$worker" ] && [ "$status" -eq 0 ]; then
  wait "$web"
  status=$?
fi
stop
exit "$status"
