"""Comment rules that are not form validation: open/closed, spam checks, verdicts, mail.

Every defence here runs without a third-party service: the signed form token and the
honeypot live in blog.forms; this module stores a comment once its token is unused and
its client and post are under their rate limits (counted in the database, so shared by
every worker), counts links, checks the editors' blocklist and decides pending /
approved / spam. Editors' mail is batched in blog.notifications.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from blog.models import BlockedTerm, Comment

# pg_advisory_xact_lock key for comment writes ("blog-com" in ASCII).
COMMENT_WRITE_LOCK = 0x626C6F672D636F6D

# What linkify would turn into a link, roughly: schemes and www. hosts.
LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def closed_reason(post, now=None):
    """Why `post` takes no new comments (Hebrew, for readers), or None when it is open."""
    if not post.is_published():
        return gettext("לא ניתן להגיב לפוסט שאינו מפורסם.")
    if not post.comments_open:
        return gettext("התגובות לפוסט הזה סגורות.")
    days = settings.BLOG_COMMENTS_CLOSE_AFTER_DAYS
    if days and post.published_at < (now or timezone.now()) - timedelta(days=days):
        return ngettext(
            "התגובות לפוסט הזה נסגרו יום אחד אחרי פרסומו.",
            "התגובות לפוסט הזה נסגרו %(days)s ימים אחרי פרסומו.",
            days,
        ) % {"days": days}
    return None


def over_limit(post, ip, now=None):
    """Which limit one more comment from `ip` on `post` would break: "client", "post", or
    None. Counted from the stored comments themselves, so every worker and every server
    sees the same count, whatever the cache is (and with the cache down)."""
    now = now or timezone.now()
    if ip:
        since = now - timedelta(seconds=settings.BLOG_COMMENT_RATE_WINDOW)
        sent = Comment.objects.filter(ip_address=ip, created_at__gte=since).count()
        if sent >= settings.BLOG_COMMENT_RATE_LIMIT:
            return "client"
    since = now - timedelta(seconds=settings.BLOG_COMMENT_POST_RATE_WINDOW)
    if post.comments.filter(created_at__gte=since).count() >= settings.BLOG_COMMENT_POST_RATE_LIMIT:
        return "post"
    return None


def use_token(token_id):
    """Record a form token as used; False if it already was. The record lives in the
    shared cache for the token's whole lifetime (`add` is atomic there)."""
    if not token_id:
        return False
    key = f"blog:comment-token:{token_id}"
    return cache.add(key, 1, timeout=settings.BLOG_COMMENT_MAX_AGE + 60)


def _serialize_comment_writes():
    """Make the count-then-insert of `accept` exact under concurrency: SQLite's IMMEDIATE
    transactions already take the write lock at BEGIN; PostgreSQL takes a lock held
    until the transaction ends (comments are few, so one lock for all costs nothing)."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [COMMENT_WRITE_LOCK])


@dataclass
class Outcome:
    comment: object = None  # the stored comment, or the earlier copy of a resend
    refused: str = ""  # "client" or "post" (a rate limit), "token" (already used)
    new: bool = False


def accept(comment, token_id, *, honeypot_filled=False):
    """Store a reader's new comment, unless a rate limit or a used token forbids it."""
    with transaction.atomic():
        _serialize_comment_writes()
        duplicate = find_duplicate(comment)
        if duplicate is not None:
            # A double submit or a resend: the first copy stands.
            return Outcome(duplicate)
        refused = over_limit(comment.post, comment.ip_address)
        if refused:
            return Outcome(refused=refused)
        if not use_token(token_id):
            return Outcome(refused="token")
        verdict = judge(comment, honeypot_filled=honeypot_filled)
        comment.status, comment.moderation_note = verdict.status, verdict.note
        comment.save()
    return Outcome(comment, new=True)


def count_links(text):
    return len(LINK.findall(text or ""))


def blocked_term(comment):
    """The first blocklist entry this comment matches, or None (one query)."""
    text = f"{comment.author_name}\n{comment.body}\n{comment.author_url}".casefold()
    email = comment.author_email.casefold()
    for term in BlockedTerm.objects.all():
        value = term.value.strip().casefold()
        if not value:
            continue
        if term.kind == BlockedTerm.Kind.WORD and value in text:
            return term
        if term.kind == BlockedTerm.Kind.EMAIL and (
            email == value or (value.startswith("@") and email.endswith(value))
        ):
            return term
        if term.kind == BlockedTerm.Kind.IP and comment.ip_address == term.value.strip():
            return term
    return None


def is_known_commenter(email):
    return Comment.objects.approved().filter(author_email__iexact=email).exists()


@dataclass
class Verdict:
    status: str
    note: str = ""


def judge(comment, *, honeypot_filled=False):
    """Decide the status a new comment is stored with, and why."""
    if comment.by_editor:  # the view checked the login and that the form is the site's own
        return Verdict(Comment.Status.APPROVED, gettext("תגובה של עורך מחובר"))
    if honeypot_filled:
        return Verdict(Comment.Status.SPAM, gettext("מלכודת: מולא שדה נסתר שבני אדם לא רואים"))
    term = blocked_term(comment)
    if term:
        return Verdict(Comment.Status.SPAM, gettext("רשימת חסימה: %(term)s") % {"term": term})
    links, limit = count_links(comment.body), settings.BLOG_COMMENT_MAX_LINKS
    if links > limit * 3:
        return Verdict(
            Comment.Status.SPAM, gettext("קישורים רבים מדי (%(links)s)") % {"links": links}
        )
    if links > limit:
        return Verdict(
            Comment.Status.PENDING,
            gettext("יותר מ-%(limit)s קישורים (%(links)s)") % {"limit": limit, "links": links},
        )
    if settings.BLOG_COMMENT_AUTO_APPROVE_KNOWN and is_known_commenter(comment.author_email):
        return Verdict(
            Comment.Status.APPROVED, gettext("אושרה אוטומטית: למגיב כבר יש תגובה מאושרת")
        )
    return Verdict(Comment.Status.PENDING)


def find_duplicate(comment, within=timedelta(hours=1)):
    """An identical comment from the same address on the same post, sent recently."""
    return (
        Comment.objects.filter(
            post_id=comment.post_id,
            author_email__iexact=comment.author_email,
            body=comment.body,
            parent=comment.parent,
            created_at__gte=timezone.now() - within,
        )
        .order_by("pk")
        .first()
    )


def editor_reply(parent, user, body):
    """An editor's reply to `parent` from the admin: published at once, marked as the
    editors', threaded under it. Replying to a comment that waits approves it too (as
    WordPress's "approve and reply" does): a reply under a hidden comment would hang
    in the air."""
    name = user.get_full_name() or user.get_username()
    reply = Comment(
        post=parent.post,
        parent=parent,
        body=body,
        author_name=name,
        author_email=user.email or settings.DEFAULT_FROM_EMAIL,
        status=Comment.Status.APPROVED,
        moderation_note=gettext("תשובה מממשק הניהול"),
        by_editor=True,
        user=user,
    )
    with transaction.atomic():
        if parent.status == Comment.Status.PENDING:
            parent.status = Comment.Status.APPROVED
            parent.save(update_fields=["status"])
        reply.save()
    return reply
