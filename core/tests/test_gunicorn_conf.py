"""deploy/gunicorn.conf.py: the worker model and what each new worker does first."""

import gc
import runpy
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


@pytest.fixture
def conf(monkeypatch):
    def load(**env):
        for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(CONF))

    return load


def test_defaults_are_two_single_threaded_workers(conf):
    settings = conf()
    assert (settings["workers"], settings["threads"]) == (2, 1)
    assert conf(GUNICORN_WORKERS="4", GUNICORN_THREADS="3")["threads"] == 3


def test_a_new_worker_loads_the_pages_then_freezes_what_it_loaded(conf):
    post_worker_init = conf()["post_worker_init"]
    try:
        post_worker_init(worker=None)
        assert gc.get_freeze_count() > 10_000
        # The templates are compiled: a render reads no template file.
        from django.template import engines

        loader = engines["django"].engine.template_loaders[0]  # the cached loader
        assert "blog/post_detail.html" in loader.get_template_cache
    finally:
        gc.unfreeze()
