"""Comment rules that are not form validation: open/closed, spam checks, verdicts, mail.

Every defence here runs without a third-party service: the signed form token and the
honeypot live in blog.forms; this module rate-limits per IP through Django's cache,
counts links, checks the editors' blocklist and decides pending / approved / spam.
"""

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from blog.models import BlockedTerm, Comment

logger = logging.getLogger(__name__)

# What linkify would turn into a link, roughly: schemes and www. hosts.
LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def closed_reason(post, now=None):
    """Why `post` takes no new comments (Hebrew, for readers), or None when it is open."""
    if not post.is_published():
        return "לא ניתן להגיב לפוסט שאינו מפורסם."
    if not post.comments_open:
        return "התגובות לפוסט הזה סגורות."
    days = settings.BLOG_COMMENTS_CLOSE_AFTER_DAYS
    if days and post.published_at < (now or timezone.now()) - timedelta(days=days):
        return f"התגובות לפוסט הזה נסגרו {days} ימים אחרי פרסומו."
    return None


def client_ip(request):
    """The visitor's address; behind a proxy, from the header it is configured to set."""
    header = settings.BLOG_COMMENT_IP_HEADER
    value = request.META.get(header) if header else None
    if value:
        # X-Forwarded-For style lists: the proxy appends the real client last.
        return value.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def rate_limited(ip):
    """Count one comment for `ip`; True once it is over the limit for this window."""
    if not ip:
        return False
    key = f"blog:comment-rate:{ip}"
    window = settings.BLOG_COMMENT_RATE_WINDOW
    # add() starts the window only if none is running; incr() is atomic in real caches.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count > settings.BLOG_COMMENT_RATE_LIMIT


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
    if honeypot_filled:
        return Verdict(Comment.Status.SPAM, "מלכודת: מולא שדה נסתר שבני אדם לא רואים")
    term = blocked_term(comment)
    if term:
        return Verdict(Comment.Status.SPAM, f"רשימת חסימה: {term}")
    links, limit = count_links(comment.body), settings.BLOG_COMMENT_MAX_LINKS
    if links > limit * 3:
        return Verdict(Comment.Status.SPAM, f"קישורים רבים מדי ({links})")
    if links > limit:
        return Verdict(Comment.Status.PENDING, f"יותר מ-{limit} קישורים ({links})")
    if settings.BLOG_COMMENT_AUTO_APPROVE_KNOWN and is_known_commenter(comment.author_email):
        return Verdict(Comment.Status.APPROVED, "אושרה אוטומטית: למגיב כבר יש תגובה מאושרת")
    return Verdict(Comment.Status.PENDING)


def notify_editors(comment, request=None):
    """Tell the editors about a new comment. Mail trouble never loses the comment."""
    recipients = settings.BLOG_EDITOR_EMAILS
    if not recipients or comment.status == Comment.Status.SPAM:
        return
    admin_url = reverse("admin:blog_comment_change", args=[comment.pk])
    if request is not None:
        admin_url = request.build_absolute_uri(admin_url)
    subject = f"תגובה חדשה ({comment.get_status_display()}): {comment.post.title}"
    message = "\n".join(
        [
            f"פוסט: {comment.post.title}",
            f"שם: {comment.author_name}",
            f"דוא״ל: {comment.author_email}",
            f"אתר: {comment.author_url or '—'}",
            f"מצב: {comment.get_status_display()}"
            + (f" ({comment.moderation_note})" if comment.moderation_note else ""),
            "",
            comment.body,
            "",
            f"לטיפול בתגובה: {admin_url}",
        ]
    )
    try:
        send_mail(subject, message, None, recipients)
    except Exception:  # noqa: BLE001 - the comment is stored; a mail outage is only logged
        logger.exception("Could not send the new-comment email for comment %s", comment.pk)


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
