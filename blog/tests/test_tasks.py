"""Slow work in the task worker (blog/tasks.py): queued, run, failed, retried.

Most tests run tasks with the immediate backend (conftest.py); the ones marked so queue
them in the database and run django-tasks-db's real worker (`manage.py worker --batch`).
"""

import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from blog import notifications, tasks
from blog.models import Comment, Presentation
from blog.tests.factories import make_post
from blog.tests.slides_factory import deck_pdf, make_presentation, media_files
from blog.tests.test_comment_farming import post_comment
from blog.tests.test_slides_admin import ADD_URL, form_data, pdf_upload

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)
CHANGELIST = reverse("admin:blog_presentation_changelist")


# The worker closes the database connection after its work, as a long-running process
# should; a test that runs it must not sit inside a transaction it cannot reopen
# (PostgreSQL reports "the connection is closed").
REAL_WORKER = pytest.mark.django_db(transaction=True)


def run_worker():
    out = io.StringIO()
    call_command("worker", batch=True, verbosity=1, stdout=out)
    return out.getvalue()


@REAL_WORKER
@DATABASE_QUEUE
def test_an_upload_is_queued_then_the_worker_renders_it(staff_client, settings):
    response = staff_client.post(
        ADD_URL, form_data(deck_upload=pdf_upload(deck_pdf("פתיחה", "אמצע", "סיכום"))), follow=True
    )
    html = response.content.decode()
    assert "קובץ ה-PDF נשמר ויעובד ברקע" in html
    deck = Presentation.objects.get()
    assert deck.render_state == "queued" and not deck.slides.exists()
    assert "ממתין בתור לעיבוד" in staff_client.get(CHANGELIST).content.decode()
    assert DBTaskResult.objects.ready().count() == 1
    # The PDF waits in storage; no rendition exists yet.
    assert len(media_files(settings.MEDIA_ROOT)) == 1
    assert default_storage.exists(deck.render_source)

    run_worker()

    deck.refresh_from_db()
    assert deck.render_state == "done" and deck.render_source == ""
    assert (deck.render_done, deck.render_total, deck.render_attempts) == (3, 3, 1)
    assert [s.number for s in deck.slides.all()] == [1, 2, 3]
    assert "סיכום" in deck.slides.last().text
    assert len(media_files(settings.MEDIA_ROOT)) == 1 + 3 * 3
    assert DBTaskResult.objects.successful().count() == 1
    page = staff_client.get(reverse("admin:blog_presentation_change", args=[deck.pk]))
    assert "הושלם" in page.content.decode()


def test_progress_is_shown_on_the_change_page_and_in_the_list(staff_client):
    deck = make_presentation("מצגת ארוכה")
    Presentation.objects.filter(pk=deck.pk).update(
        render_state="running", render_done=36, render_total=200
    )
    assert "מעבד שקף 37 מתוך 200" in staff_client.get(CHANGELIST).content.decode()
    page = staff_client.get(reverse("admin:blog_presentation_change", args=[deck.pk]))
    assert "מעבד שקף 37 מתוך 200" in page.content.decode()


def test_a_render_with_no_word_for_long_suggests_rendering_again(staff_client):
    deck = make_presentation()
    long_ago = timezone.now() - timedelta(minutes=30)
    Presentation.objects.filter(pk=deck.pk).update(
        render_state="running", render_done=4, render_total=9, render_updated_at=long_ago
    )
    html = staff_client.get(CHANGELIST).content.decode()
    assert "מעבד שקף 5 מתוך 9 (אין התקדמות זמן רב" in html and "„עיבוד מחדש”" in html


def test_the_open_admin_page_follows_the_render_through_a_json_status(staff_client, client):
    deck = make_presentation()
    Presentation.objects.filter(pk=deck.pk).update(
        render_state="running", render_done=9, render_total=40
    )
    page = staff_client.get(reverse("admin:blog_presentation_change", args=[deck.pk]))
    url = reverse("admin:blog_presentation_render_status", args=[deck.pk])
    html = page.content.decode()
    assert "blog/admin/render_progress.js" in html
    assert f'data-state="running" data-url="{url}"' in html
    assert staff_client.get(url).json() == {"state": "running", "text": "מעבד שקף 10 מתוך 40"}
    Presentation.objects.filter(pk=deck.pk).update(render_state="failed", render_error="פגום.")
    assert staff_client.get(url).json() == {"state": "failed", "text": "העיבוד נכשל: פגום."}
    assert client.get(url).status_code == 302  # readers are sent to the login page
    missing = reverse("admin:blog_presentation_render_status", args=[deck.pk + 99])
    assert staff_client.get(missing).status_code == 404


def test_progress_is_written_as_pages_are_rendered(monkeypatch):
    deck = make_presentation()
    seen = []
    report = tasks._progress

    def watching(presentation_id, job):
        inner = report(presentation_id, job)

        def spy(done, total):
            inner(done, total)
            row = Presentation.objects.get(pk=presentation_id)
            seen.append((row.render_state, row.render_done, row.render_total))

        return spy

    monkeypatch.setattr(tasks, "PROGRESS_EVERY", 0)
    monkeypatch.setattr(tasks, "_progress", watching)
    tasks.queue_render(deck, default_storage.save("decks/x/deck.pdf", _file(deck_pdf("א", "ב"))))
    assert seen == [("running", 1, 2), ("running", 2, 2)]
    deck.refresh_from_db()
    assert deck.render_state == "done" and deck.slides.count() == 2


def _file(data):
    from django.core.files.base import ContentFile

    return ContentFile(data)


def test_a_server_error_is_retried_and_then_succeeds(monkeypatch):
    deck = make_presentation()
    name = default_storage.save("decks/y/deck.pdf", _file(deck_pdf("שקף")))
    real_open, calls = default_storage.open, []

    def flaky_open(path, mode="rb"):
        calls.append(path)
        if len(calls) == 1:
            raise OSError("the store hiccuped")
        return real_open(path, mode)

    monkeypatch.setattr(default_storage, "open", flaky_open)
    tasks.queue_render(deck, name)
    deck.refresh_from_db()
    assert len(calls) == 2
    assert deck.render_state == "done" and deck.render_attempts == 2
    assert deck.slides.count() == 1


def test_a_render_that_keeps_failing_says_so_and_keeps_the_pdf_for_a_retry(
    monkeypatch, staff_client
):
    deck = make_presentation("מצגת תקועה")
    name = default_storage.save("decks/z/deck.pdf", _file(deck_pdf("א", "ב")))

    def broken(path, mode="rb"):
        raise OSError("the store is down")

    monkeypatch.setattr(default_storage, "open", broken)
    tasks.queue_render(deck, name)
    deck.refresh_from_db()
    assert deck.render_state == "failed" and deck.render_attempts == tasks.RENDER_ATTEMPTS
    assert "עיבוד הקובץ נכשל 3 פעמים בגלל תקלה בשרת" in deck.render_error
    assert deck.render_source == name and default_storage.exists(name)
    assert "העיבוד נכשל" in staff_client.get(CHANGELIST).content.decode()

    monkeypatch.undo()  # the store is back
    staff_client.post(CHANGELIST, {"action": "render_again", "_selected_action": [deck.pk]})
    deck.refresh_from_db()
    assert deck.render_state == "done" and deck.slides.count() == 2
    assert deck.source_file.name.endswith("/deck.pdf") and deck.render_source == ""
    assert not default_storage.exists(name)  # the waiting copy, now stored by its hash


@REAL_WORKER
@DATABASE_QUEUE
def test_a_newer_upload_makes_the_older_job_stand_down():
    deck = make_presentation()
    old = default_storage.save("decks/a/old.pdf", _file(deck_pdf("ישן")))
    new = default_storage.save("decks/b/new.pdf", _file(deck_pdf("חדש 1", "חדש 2")))
    tasks.queue_render(deck, old)
    tasks.queue_render(deck, new)
    run_worker()
    deck.refresh_from_db()
    assert [r.return_value for r in _results()] == ["superseded", 2]
    assert deck.source_file.name.endswith("/new.pdf") and deck.slides.count() == 2
    assert not default_storage.exists(new)  # the waiting copy, now stored by its hash


def _results():
    return [row.task_result for row in DBTaskResult.objects.order_by("enqueued_at")]


@REAL_WORKER
@DATABASE_QUEUE
def test_comment_mail_is_sent_by_the_worker_once_per_burst(settings):
    settings.BLOG_EDITOR_EMAILS = ["editor@example.com"]
    settings.BLOG_COMMENT_MIN_SECONDS = 0
    post = make_post("פוסט שמעניין את העורכים")
    for n in range(3):
        reply = post_comment(Client(), post, ip=f"192.0.2.{n + 1}", body=f"תגובה {n}")
        assert reply.status_code == 302
    assert Comment.objects.count() == 3
    assert mail.outbox == []  # no reader waited for SMTP
    assert DBTaskResult.objects.ready().count() == 1  # one task for the burst
    run_worker()
    assert len(mail.outbox) == 1
    assert cache.get(notifications.WINDOW_KEY)


def test_the_worker_command_with_the_immediate_backend_has_nothing_to_do(settings):
    settings.TASKS_BACKEND_NAME = "immediate"
    assert "tasks run in the request" in run_worker()


def test_a_queue_that_cannot_be_reached_fails_the_upload_in_hebrew_never_a_500(
    monkeypatch, staff_client
):
    import redis

    def down(*args, **kwargs):
        raise redis.ConnectionError("Connection refused")

    monkeypatch.setattr(tasks, "render_deck", SimpleNamespace(enqueue=down))
    response = staff_client.post(ADD_URL, form_data(deck_upload=pdf_upload(deck_pdf("א"))))
    assert response.status_code == 302
    deck = Presentation.objects.get()
    assert deck.render_state == "failed"
    assert "לא ניתן היה להכניס את הקובץ לתור העיבוד" in deck.render_error
    assert deck.render_source  # kept: "render again" queues it once the queue is back


def test_a_queue_that_cannot_be_reached_still_stores_the_comment(monkeypatch, settings):
    import redis

    def down(*args, **kwargs):
        raise redis.ConnectionError("Connection refused")

    settings.BLOG_COMMENT_MIN_SECONDS = 0
    settings.BLOG_EDITOR_EMAILS = ["editor@example.com"]
    monkeypatch.setattr(tasks, "send_comment_digest", SimpleNamespace(enqueue=down))
    post = make_post()
    assert post_comment(Client(), post, body="תגובה כשהתור למטה").status_code == 302
    assert Comment.objects.filter(body="תגובה כשהתור למטה").exists()
    assert cache.get(tasks.DIGEST_QUEUED_KEY) is None  # the next comment tries again


def test_the_hebrew_admin_shows_no_english_task_table(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "Task Results" not in html and "Tasks Database Backend" not in html
    assert "מצגות" in html
