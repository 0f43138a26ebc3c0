"""The checks scripts/cluster_test.py runs against its cluster, in order. Each takes the
cluster and the context prepare_site() made, and returns (passed, one line of detail).
They act over HTTP, as readers and editors do; the database (the same PostgreSQL) and
the store are read directly only to confirm what happened."""

import json
import re
import secrets
import time
from pathlib import Path

from cluster_browser import Browser, find_form
from cluster_load_checks import graceful_reload_loses_nothing, killing_a_server_loses_nothing

ADMIN = "/admin/"
EDITOR = "cluster-editor"


def _editor(cluster, context, server="app1"):
    editor = Browser(cluster.url(server))
    answer = editor.login(ADMIN, EDITOR, context["password"])
    if answer.status != 302:
        raise RuntimeError(f"the admin login on {server} answered {answer.status}")
    return editor


def _errors(html):
    found = re.findall(r'class="(?:errornote|errorlist)[^"]*">(.*?)</(?:p|ul)>', html, re.S)
    return " | ".join(re.sub(r"<[^>]+>", " ", text).strip() for text in found)[:300]


def ready(cluster, context):
    """/readyz on both app servers: database, cache (Redis) and object store reachable"""
    answers = {}
    for name in ("app1", "app2"):
        answer = Browser(cluster.url(name)).get("/readyz")
        answers[name] = (answer.status, json.loads(answer.body)["checks"])
    ok = all(status == 200 for status, _ in answers.values())
    return ok, f"{answers}"


def edit_is_visible_at_once(cluster, context):
    """An edit saved through app server 1 is on app server 2's page at once"""
    post = context["post"]
    url = post.get_absolute_url()
    one, two = Browser(cluster.url("app1")), Browser(cluster.url("app2"))
    for server in (one, two, one, two):  # both page caches hold the old page
        if server.get(url).status != 200:
            return False, f"{url} did not answer 200 before the edit"
    if "פוסט לבדיקת האשכול" not in two.get(url).text:
        return False, "the post's title is not on its page"
    editor = _editor(cluster, context)
    change = f"{ADMIN}blog/post/{post.pk}/change/"
    form = find_form(editor.get(change).text, "post_form")
    title = f"פוסט לבדיקת האשכול, נערך {secrets.token_hex(3)}"
    saved = editor.post(change, form.with_values(title=title, _save="שמירה"))
    if saved.status != 302:
        return False, f"saving through app1 answered {saved.status}: {_errors(saved.text)}"
    began = time.monotonic()
    page = two.get(url)
    seconds = time.monotonic() - began
    ok = page.status == 200 and title in page.text
    return ok, f"app2 served the new title {seconds * 1000:.0f} ms after app1 saved it: {ok}"


def rate_limit_is_shared(cluster, context):
    """The comment rate limit of one client address counts across both app servers"""
    from django.urls import reverse

    slug = context["post"].slug
    token_url = reverse("blog:comment-token", kwargs={"slug": slug})
    comment_url = reverse("blog:comment-create", kwargs={"slug": slug})
    # One reader behind nginx: the app servers trust one proxy hop (X-Forwarded-For).
    address = f"203.0.113.{secrets.randbelow(200) + 20}"
    servers = [
        Browser(cluster.url(name), {"X-Forwarded-For": address}) for name in ("app1", "app2")
    ]
    tokens = [json.loads(servers[i % 2].get(token_url).body)["token"] for i in range(4)]
    time.sleep(1.2)  # BLOG_COMMENT_MIN_SECONDS=1
    statuses = []
    for number, token in enumerate(tokens, start=1):
        fields = {
            "author_name": "קוראת באשכול",
            "author_email": "reader@example.org",
            "author_url": "",
            "body": f"תגובה מספר {number} לבדיקת המגבלה המשותפת.",
            "parent": "",
            "token": token,
            "fax": "",
        }
        statuses.append(servers[(number - 1) % 2].post(comment_url, fields).status)
    ok = statuses == [302, 302, 302, 429]
    return ok, (
        f"limit 3 per address; comments sent alternately to app1/app2 answered {statuses} "
        f"(expected [302, 302, 302, 429])"
    )


def deck_goes_through_worker_and_store(cluster, context):
    """A deck uploaded through app server 1 is rendered by the worker and served from the store"""
    began = time.monotonic()
    presentation, answer = _upload_deck(_editor(cluster, context), public=True)
    upload_seconds = time.monotonic() - began
    if answer.status != 302:
        return False, f"the upload through app1 answered {answer.status}: {_errors(answer.text)}"
    slides_at_answer = presentation.slides.count()
    if not _rendered(presentation):
        return False, "the worker did not render the deck's 3 slides within 90 s"
    rendered_seconds = time.monotonic() - began
    worker_said = _worker_lines(cluster)
    by_worker = slides_at_answer == 0 and "render_deck" in worker_said
    served, detail = _served_from_store(cluster, presentation)
    summary = (
        f"upload answered in {upload_seconds:.1f} s with {slides_at_answer} slides "
        f"({'queued for the worker' if by_worker else 'rendered inside the request'}); "
        f"3 slides after {rendered_seconds:.1f} s; {detail}; worker log: {worker_said}"
    )
    return by_worker and served, summary


def _upload_deck(editor, public):
    """(the Presentation, the admin's answer) of a 3-page deck added through the admin."""
    from blog.models import Presentation
    from blog.tests.slides_factory import deck_pdf

    add = f"{ADMIN}blog/presentation/add/"
    form = find_form(editor.get(add).text, "presentation_form")
    slug = f"cluster-deck-{secrets.token_hex(3)}"
    fields = form.with_values(
        title="מצגת האשכול", slug=slug, is_public="on" if public else None, _save="שמירה"
    )
    pdf = deck_pdf("שקף ראשון באשכול", "שקף שני באשכול", "שקף שלישי באשכול")
    files = {"deck_upload": ("אשכול.pdf", pdf, "application/pdf")}
    answer = editor.post(add, fields, files=files, timeout=120)
    return Presentation.objects.filter(slug=slug).first(), answer


def _rendered(presentation, slides=3, timeout=90):
    deadline = time.monotonic() + timeout
    while not (presentation.source_file and presentation.slides.count() == slides):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.3)
        presentation.refresh_from_db()
    return True


def drafts_deck_stays_hidden(cluster, context):
    """A draft's deck stays hidden through nginx; its editor gets it, uncached"""
    editor = _editor(cluster, context, "app2")
    presentation, answer = _upload_deck(editor, public=False)
    if answer.status != 302 or not _rendered(presentation):
        return False, f"the upload answered {answer.status}, or the deck was not rendered"
    front = Browser(cluster.url("nginx"))
    staff = Browser(cluster.url("nginx"))
    staff.cookies = editor.cookies  # the same session, now through nginx
    staff.opener = editor.opener
    slide = presentation.slides.order_by("number").first().image_large.url
    pdf = presentation.source_file.url
    anonymous = [front.get(url).status for url in (presentation.get_absolute_url(), slide, pdf)]
    own = staff.get(cluster.url("nginx") + pdf)
    checks = {
        "readers get 404": anonymous == [404, 404, 404],
        "the editor gets the PDF": own.status == 200 and own.body.startswith(b"%PDF"),
        "uncached": "no-store" in own.headers.get("Cache-Control", "")
        and "immutable" not in own.headers.get("Cache-Control", ""),
        "headers once": all(
            own.count(name) == 1
            for name in (
                "Content-Type",
                "Content-Disposition",
                "Cache-Control",
                "X-Content-Type-Options",
                "Content-Security-Policy",
            )
        ),  # fmt: skip
    }
    failed = [name for name, ok in checks.items() if not ok]
    shown = ("Cache-Control", "Content-Disposition", "Content-Security-Policy")
    headers = {name: own.headers.get(name) for name in shown}
    detail = (
        f"readers (page, slide, PDF) through nginx: {anonymous}; editor: {own.status} {headers}"
    )
    return not failed, detail + (f"; FAILED: {', '.join(failed)}" if failed else "")


def _store_keys(prefix):
    """The names of the objects under `prefix`, as the store lists them."""
    import boto3
    from django.conf import settings

    options = settings.STORAGES["default"]["OPTIONS"]
    store = boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        region_name="us-east-1",
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
    )
    listed = store.list_objects_v2(Bucket=options["bucket_name"], Prefix=prefix)
    return {item["Key"] for item in listed.get("Contents", [])}


def _served_from_store(cluster, presentation):
    """Whether nginx serves the deck's files, fetched from the store, with the right headers."""
    from django.conf import settings

    front = Browser(cluster.url("nginx"))
    page = front.get(presentation.get_absolute_url())
    slide = presentation.slides.order_by("number").first()
    image = front.get(slide.image_large.url)
    pdf = front.get(presentation.source_file.url)
    keys = _store_keys("decks/")
    local = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    checks = {
        "page 200": page.status == 200 and slide.image_large.url in page.text,
        "slide webp": image.status == 200
        and image.headers.get("Content-Type") == "image/webp"
        and image.body[:4] == b"RIFF"
        and image.body[8:12] == b"WEBP",
        "slide nosniff": image.headers.get("X-Content-Type-Options") == "nosniff",
        "pdf attachment": pdf.status == 200
        and pdf.headers.get("Content-Disposition") == "attachment"
        and pdf.body.startswith(b"%PDF"),
        "pdf sandbox": pdf.headers.get("Content-Security-Policy") == "sandbox",
        "in the store": {slide.image_large.name, presentation.source_file.name} <= keys,
        "nothing on local disk": not local,
    }
    failed = [name for name, ok in checks.items() if not ok]
    headers = {
        k: pdf.headers.get(k) for k in ("Content-Type", "Content-Disposition", "Cache-Control")
    }
    detail = f"{len(keys)} objects under decks/ in the store; PDF via nginx {pdf.status} {headers}"
    if failed:
        detail += f"; FAILED: {', '.join(failed)}"
    return not failed, detail


def _worker_lines(cluster, timeout=15):
    """The worker's log line for the finished render (written just after the rows)."""
    deadline = time.monotonic() + timeout
    while True:
        text = Path(cluster.logs["worker"]).read_text(errors="replace")
        done = [line for line in text.splitlines() if "render_deck" in line and "SUCCESS" in line]
        if done or time.monotonic() > deadline:
            return done[-1].strip()[-160:] if done else "(no render_deck task completed)"
        time.sleep(0.2)


CHECKS = [
    ready,
    edit_is_visible_at_once,
    rate_limit_is_shared,
    deck_goes_through_worker_and_store,
    drafts_deck_stays_hidden,
    graceful_reload_loses_nothing,
    killing_a_server_loses_nothing,
]
