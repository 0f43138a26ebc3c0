"""Run the task worker for whichever queue is configured (core/settings/tasks.py).

    python manage.py worker            # until stopped; SIGTERM or Ctrl-C finish the task at hand
    python manage.py worker --batch    # run what is queued, then exit

The database queue is run by django-tasks-db's `db_worker`, the Redis queue by RQ's
`rqworker` with django-tasks-rq's job class; with the immediate backend tasks run inside
the request and there is nothing to do.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background task worker (deck rendering, editors' mail)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run the queued tasks, then exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between looks at an empty database queue (default 1).",
        )

    def handle(self, *args, batch, interval, verbosity, **options):
        backend = settings.TASKS_BACKEND_NAME
        if backend == "immediate":
            self.stdout.write("DJANGO_TASKS_BACKEND=immediate: tasks run in the request.")
            return
        if backend == "rq":
            # The scheduler runs retries deferred with run_after.
            rq_options = {
                "job_class": "django_tasks_rq.Job",
                "burst": batch,
                "with_scheduler": True,
            }
            call_command("rqworker", "default", verbosity=verbosity, **rq_options)
            return
        call_command(
            "db_worker",
            batch=batch,
            interval=interval,
            reload=settings.TASKS_WORKER_RELOAD and not batch,
            startup_delay=not batch,
            verbosity=verbosity,
        )
