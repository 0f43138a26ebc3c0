"""How long a 200-page deck takes to render through the task worker.

Run from the repository root:  .venv/bin/python scripts/time_deck_worker.py [--pages 200]

In a throwaway SQLite database and media folder: generates a deck (scripts/bench_slides.py's
pages: a title, text and shapes per page), stores it as an editor's upload would, queues
its rendering (blog.tasks) in the database queue (or RQ's: DJANGO_TASKS_BACKEND=rq and
REDIS_URL), then times `manage.py worker --batch`
from start to exit and prints the progress the admin showed along the way.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _configure(folder: Path) -> None:
    os.environ.update(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "x" * 50),
        DJANGO_HTTPS="off",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
    os.environ.setdefault("DJANGO_TASKS_BACKEND", "database")  # or rq, with REDIS_URL
    import django

    django.setup()


def _run_worker(deck) -> float:
    """Run `manage.py worker --batch`, printing the deck's progress; its seconds."""
    started = time.monotonic()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--batch", "-v0"], cwd=ROOT, env=os.environ
    )
    while worker.poll() is None:
        time.sleep(5)
        deck.refresh_from_db()
        print(f"  {time.monotonic() - started:5.0f} s  {deck.render_done}/{deck.render_total}")
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="deck-worker-"))
    _configure(folder)
    from django.core.management import call_command
    from django.db import transaction

    from blog.decks import store_source
    from blog.models import Presentation
    from blog.tasks import queue_render
    from scripts.bench_slides import make_deck

    call_command("migrate", verbosity=0)
    data = make_deck(folder / "deck.pdf", args.pages)
    deck = Presentation.objects.create(title="מצגת ארוכה", slug="long-deck")
    with transaction.atomic():
        queue_render(deck, store_source(data, "deck.pdf"))
    print(f"{args.pages} pages, {len(data) / 1e6:.1f} MB, queued; running the worker")
    seconds = _run_worker(deck)
    deck.refresh_from_db()
    slides = deck.slides.count()
    print(f"state={deck.render_state} slides={slides} error={deck.render_error!r}")
    print(f"worker: {seconds:.1f} s for {slides} slides ({seconds / max(slides, 1):.2f} s/slide)")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
