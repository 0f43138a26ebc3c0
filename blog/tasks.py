"""Slow work, off the request: tasks for the worker (django-tasks; core/settings/tasks.py).

- ``render_deck``: render a presentation's uploaded PDF (blog.decks, PDFium in its
  sandboxed child process), reporting progress on the Presentation row as it goes
  ("מעבד שקף 37 מתוך 200" in the admin). A file PDFium refuses (DeckError) fails at once
  with the Hebrew message, which names the page; anything else (storage or database
  trouble, a killed worker) is retried RENDER_ATTEMPTS times, a minute apart, and the PDF
  is kept for the editor's "render again" until a render succeeds.
- ``send_comment_digest``: the editors' new-comment mail (blog.notifications), so no
  reader waits for an SMTP exchange.

A task is queued with the transaction that asked for it: in the database queue, as a row
of that transaction (it commits or rolls back with the rows it is about); in Redis, once
the transaction commits, so a worker never sees a job whose row is not there yet.
"""

import logging
import posixpath
import time
import uuid
from datetime import timedelta

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, default_task_backend, task, task_backends
from django_tasks.backends.dummy import DummyBackend
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend

from blog import notifications
from blog.decks import apply_deck, delete_unused, discard_unused, stage_deck
from blog.models import Presentation
from blog.models.presentations import RenderState
from blog.pdf import DeckError

logger = logging.getLogger(__name__)

RENDER_ATTEMPTS = 3
RETRY_DELAY = timedelta(seconds=60)
PROGRESS_EVERY = 0.5  # seconds between progress writes (and always the last page)
DIGEST_QUEUED_KEY = "blog:comment-digest:queued"


def queue_render(presentation, source_name):
    """Make `source_name` (a stored PDF) the presentation's next render, and queue it."""
    job = uuid.uuid4().hex
    Presentation.objects.filter(pk=presentation.pk).update(
        render_state=RenderState.QUEUED,
        render_source=source_name,
        render_job=job,
        render_done=0,
        render_total=0,
        render_error="",
        render_attempts=0,
        render_updated_at=timezone.now(),
    )
    pk = presentation.pk
    _with_transaction(lambda: _enqueue_render(pk, job))
    return job


def _with_transaction(enqueue):
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if isinstance(backend, (DatabaseBackend, ImmediateBackend, DummyBackend)):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def _enqueue_render(presentation_id, job):
    try:
        render_deck.enqueue(presentation_id, job)
    except Exception:  # noqa: BLE001 - the queue (Redis) is down: say so, never a 500
        logger.exception("Could not queue the rendering of presentation %s", presentation_id)
        message = gettext(
            "לא ניתן היה להכניס את הקובץ לתור העיבוד. אפשר לנסות שוב בפעולה „עיבוד מחדש”."
        )
        _failed(presentation_id, job, message)


def queue_rerender(presentation):
    """Render again: the PDF still waiting (after a failure), else the current one.
    False when the presentation has no PDF at all."""
    source = presentation.render_source or (
        presentation.source_file.name if presentation.source_file else ""
    )
    if not source:
        return False
    queue_render(presentation, source)
    return True


@task()
def render_deck(presentation_id, job):
    """Render the presentation's waiting PDF, unless a newer job has replaced this one."""
    claimed = Presentation.objects.filter(pk=presentation_id, render_job=job).exclude(
        render_state=RenderState.DONE
    )
    presentation = claimed.first()
    if presentation is None:
        return "superseded"
    attempt = presentation.render_attempts + 1
    _update(presentation_id, job, render_state=RenderState.RUNNING, render_attempts=attempt)
    source = presentation.render_source
    try:
        count = _render(presentation, source, job)
    except DeckError as error:
        return _failed(presentation_id, job, str(error), forget=source)
    except Exception:
        logger.exception("Rendering presentation %s failed (attempt %d)", presentation_id, attempt)
        return _retry_or_fail(presentation_id, job, attempt)
    if count is None:
        return "superseded"
    _update(presentation_id, job, render_state=RenderState.DONE, render_source="", render_error="")
    delete_unused([source])  # if it was stored under another name than the rendered deck's
    return count


def _render(presentation, source, job):
    """Render `source` and make it the presentation's slides; None if superseded meanwhile."""
    with default_storage.open(source, "rb") as handle:
        data = handle.read()
    staged = stage_deck(data, posixpath.basename(source), _progress(presentation.pk, job))
    try:
        if not Presentation.objects.filter(pk=presentation.pk, render_job=job).exists():
            return None  # a newer upload came in while this one rendered
        apply_deck(presentation, staged)
    finally:
        discard_unused(staged)
    return len(staged.slides)


def _update(presentation_id, job, **fields):
    fields["render_updated_at"] = timezone.now()
    return Presentation.objects.filter(pk=presentation_id, render_job=job).update(**fields)


def _progress(presentation_id, job):
    last = [0.0]

    def report(done, total):
        now = time.monotonic()
        if done == total or now - last[0] >= PROGRESS_EVERY:
            last[0] = now
            _update(presentation_id, job, render_done=done, render_total=total)

    return report


def _failed(presentation_id, job, message, forget=""):
    """Record the failure. A file PDFium refused is forgotten: rendering it again can only
    fail the same way (the editor uploads a fixed one)."""
    fields = {"render_state": RenderState.FAILED, "render_error": message}
    if forget:
        fields["render_source"] = ""
    _update(presentation_id, job, **fields)
    if forget:
        delete_unused([forget])
    return "failed"


def _retry_or_fail(presentation_id, job, attempt):
    if attempt >= RENDER_ATTEMPTS:
        message = ngettext(
            "עיבוד הקובץ נכשל פעם אחת בגלל תקלה בשרת. אפשר לנסות שוב בפעולה „עיבוד מחדש”.",
            "עיבוד הקובץ נכשל %(attempts)s פעמים בגלל תקלה בשרת. אפשר לנסות שוב בפעולה "
            "„עיבוד מחדש”.",
            attempt,
        ) % {"attempts": attempt}
        return _failed(presentation_id, job, message)
    _update(presentation_id, job, render_state=RenderState.QUEUED)
    deferred = render_deck
    if default_task_backend.supports_defer:
        deferred = render_deck.using(run_after=timezone.now() + RETRY_DELAY)
    deferred.enqueue(presentation_id, job)
    return "retrying"


def notify_editors(comment, request=None):
    """After a new comment is stored: have the worker mail the editors (a digest: at most
    one mail per window). At most one task waits at a time, however many comments come."""
    if not notifications.wants_mail(comment):
        return False
    base_url = request.build_absolute_uri("/").rstrip("/") if request is not None else ""
    if not cache.add(DIGEST_QUEUED_KEY, 1, timeout=60):
        return False
    _with_transaction(lambda: _enqueue_digest(base_url))
    return True


def _enqueue_digest(base_url):
    try:
        send_comment_digest.enqueue(base_url)
    except Exception:  # noqa: BLE001 - the queue (Redis) is down: the comment is stored all the same
        logger.exception("Could not queue the comment digest")
        cache.delete(DIGEST_QUEUED_KEY)


@task()
def send_comment_digest(base_url=""):
    cache.delete(DIGEST_QUEUED_KEY)
    return notifications.send_digest(base_url)
