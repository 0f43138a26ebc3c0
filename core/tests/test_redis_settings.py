"""REDIS_URL, DJANGO_TASKS_BACKEND and DJANGO_REDIS_TIMEOUT (core/settings/tasks.py): what
each value configures, and the message a wrong one stops the site with."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READ = (
    "import json, django; from django.conf import settings as s; django.setup(); "
    "print(json.dumps({'tasks': s.TASKS['default']['BACKEND'], 'apps': s.INSTALLED_APPS, "
    "'rq': getattr(s, 'RQ_QUEUES', None), 'cache': s.CACHES['default'], "
    "'sessions': s.SESSION_ENGINE}))"
)


def settings_with(**env):
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BLOG_", "REDIS"))
    }
    environ.update(DJANGO_SETTINGS_MODULE="core.settings", **env)
    done = subprocess.run(
        [sys.executable, "-c", READ], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    return done.returncode, (json.loads(done.stdout) if done.returncode == 0 else done.stderr)


def test_without_redis_tasks_wait_in_the_database():
    code, values = settings_with()
    assert code == 0
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in values["apps"] and "django_rq" not in values["apps"]
    assert values["rq"] is None
    assert values["sessions"] == "django.contrib.sessions.backends.db"


def test_with_redis_the_queue_cache_and_sessions_use_it():
    code, values = settings_with(REDIS_URL="redis://10.0.0.5:6379/2", DJANGO_REDIS_TIMEOUT="1.5")
    assert code == 0
    assert values["tasks"] == "django_tasks_rq.RQBackend"
    assert {"django_rq", "django_tasks_rq", "django_tasks_db"} <= set(values["apps"])
    assert values["rq"]["default"]["URL"] == "redis://10.0.0.5:6379/2"
    assert values["cache"]["BACKEND"] == "core.failsoft_cache.FailSoftRedisCache"
    assert values["cache"]["LOCATION"] == "redis://10.0.0.5:6379/2"
    assert values["cache"]["OPTIONS"]["socket_timeout"] == 1.5
    assert values["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_redis_for_the_cache_and_the_database_for_the_queue():
    code, values = settings_with(
        REDIS_URL="redis://10.0.0.5:6379/0", DJANGO_TASKS_BACKEND="database"
    )
    assert code == 0
    assert values["tasks"] == "django_tasks_db.DatabaseBackend" and values["rq"] is None
    assert values["cache"]["BACKEND"] == "core.failsoft_cache.FailSoftRedisCache"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"DJANGO_TASKS_BACKEND": "celery"},
            "DJANGO_TASKS_BACKEND='celery' is not one of: database, immediate, rq",
        ),
        ({"DJANGO_TASKS_BACKEND": "rq"}, "DJANGO_TASKS_BACKEND=rq needs REDIS_URL"),
        ({"DJANGO_REDIS_TIMEOUT": "soon"}, "DJANGO_REDIS_TIMEOUT must be a number of seconds"),
        ({"DJANGO_REDIS_TIMEOUT": "0"}, "DJANGO_REDIS_TIMEOUT must be a number of seconds"),
    ],
    ids=["unknown-backend", "rq-without-redis", "timeout-not-a-number", "timeout-zero"],
)
def test_a_wrong_value_stops_the_site_with_a_clear_message(env, message):
    code, error = settings_with(**env)
    assert code != 0
    assert "ImproperlyConfigured" in error and message in error
