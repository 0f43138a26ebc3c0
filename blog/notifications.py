"""Editors hear about new comments in digests: at most one email per window.

A flood of comments must not become a flood of mail (1,803 emails in one attack). The
first comment after a quiet window is mailed at once, alone; the ones that follow within
BLOG_COMMENT_DIGEST_MINUTES wait and go out together in the next digest, sent by the
first comment after the window closes, or by `manage.py send_comment_digest` (run it
from cron or a systemd timer every few minutes, so the last comments of a burst do not
wait for the next one). The mail is sent by the task worker (blog.tasks.notify_editors),
never inside a reader's request.

State lives in the shared cache: the window (an `add`, so two workers never both send)
and the newest comment already listed. Should the cache lose the latter, a digest lists
the comments of the last window again rather than none. Should the cache be unreachable
(Redis down: core.failsoft_cache), no mail goes out, since no window could be recorded;
the comments stay pending and the first digest after the outage lists them.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from blog.models import Comment

logger = logging.getLogger(__name__)

WINDOW_KEY = "blog:comment-digest:window"  # set while a digest's window runs
LISTED_KEY = "blog:comment-digest:listed"  # pk of the newest comment already mailed
MAX_LISTED = 50
MAX_BODY = 500


def _window_seconds():
    return max(60, settings.BLOG_COMMENT_DIGEST_MINUTES * 60)


def pending_comments(now=None):
    """Comments typed on the site (not imported, not spam) not yet in a digest."""
    now = now or timezone.now()
    listed = cache.get(LISTED_KEY)
    recent = Comment.objects.filter(wp_id__isnull=True).exclude(status=Comment.Status.SPAM)
    if listed is None:
        recent = recent.filter(created_at__gte=now - timedelta(seconds=_window_seconds()))
    else:
        recent = recent.filter(pk__gt=listed, created_at__gte=now - timedelta(days=1))
    return list(recent.select_related("post").order_by("pk")[: MAX_LISTED + 1])


def _describe(comment, base_url):
    admin_url = base_url + reverse("admin:blog_comment_change", args=[comment.pk])
    body = comment.body if len(comment.body) <= MAX_BODY else comment.body[:MAX_BODY] + "…"
    status = comment.get_status_display()
    if comment.moderation_note:
        status += f" ({comment.moderation_note})"
    return "\n".join(
        [
            gettext("פוסט: %(title)s") % {"title": comment.post.title},
            gettext("שם: %(name)s <%(email)s>")
            % {"name": comment.author_name, "email": comment.author_email},
            gettext("אתר: %(url)s") % {"url": comment.author_url or "—"},
            gettext("מצב: %(status)s") % {"status": status},
            "",
            body,
            "",
            gettext("לטיפול בתגובה: %(url)s") % {"url": admin_url},
        ]
    )


def compose(comments, base_url=""):
    """(subject, text) of one email about `comments` (in Hebrew)."""
    shown = comments[:MAX_LISTED]
    if len(comments) == 1:
        comment = comments[0]
        subject = gettext("תגובה חדשה (%(status)s): %(title)s") % {
            "status": comment.get_status_display(),
            "title": comment.post.title,
        }
    else:
        more = "+" if len(comments) > MAX_LISTED else ""
        # Two or more: one comment is mailed alone, above.
        subject = gettext("%(count)s%(more)s תגובות חדשות באתר") % {
            "count": len(shown),
            "more": more,
        }
    parts = [_describe(comment, base_url) for comment in shown]
    if len(comments) > MAX_LISTED:
        queue = base_url + reverse("admin:blog_comment_changelist") + "?status__exact=pending"
        parts.append(gettext("ויש עוד. כל התגובות הממתינות: %(url)s") % {"url": queue})
    return subject, ("\n\n" + "—" * 20 + "\n\n").join(parts)


def send_digest(base_url="", now=None):
    """Mail the editors what is pending, unless a mail already went out in this window.

    Returns how many comments the email listed (0: nothing pending, or the window runs).
    Mail trouble never loses a comment: it is logged and the comments stay pending.
    """
    recipients = settings.BLOG_EDITOR_EMAILS
    if not recipients or cache.get(WINDOW_KEY):  # nothing to do, or the window still runs
        return 0
    comments = pending_comments(now)
    if not comments or not cache.add(WINDOW_KEY, 1, timeout=_window_seconds()):
        return 0
    if not cache.get(WINDOW_KEY):  # the cache is unreachable: no window, so no mail
        logger.warning("Comment digest not sent: the cache cannot record its window")
        return 0
    subject, text = compose(comments, base_url)
    try:
        send_mail(subject, text, None, recipients)
    except Exception:  # noqa: BLE001 - the comments are stored; a mail outage is only logged
        logger.exception("Could not send the comment digest (%d comments)", len(comments))
        cache.delete(WINDOW_KEY)  # the next comment, or the command, tries again
        return 0
    cache.set(LISTED_KEY, comments[min(len(comments), MAX_LISTED) - 1].pk, timeout=None)
    return min(len(comments), MAX_LISTED)


def wants_mail(comment):
    """Whether a new comment is news for the editors (spam is not, nor a site without them)."""
    return bool(settings.BLOG_EDITOR_EMAILS) and comment.status != Comment.Status.SPAM
