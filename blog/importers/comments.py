"""An imported post's comments: threading kept, spam, trash and pings left out."""

from ipaddress import ip_address

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from blog.importers.content import comment_text
from blog.models import Comment
from blog.sanitize import strip_bidi_controls

STATUSES = {"1": Comment.Status.APPROVED, "0": Comment.Status.PENDING}
SKIPPED = {
    "pingback": "פינגבקים",
    "trackback": "טרקבקים",
    "spam": "תגובות זבל",
    "trash": "תגובות בפח",
    "post-trashed": "תגובות של פוסטים שנמחקו",
}
_url = URLValidator(schemes=["http", "https"])


def _skip_reason(comment):
    if comment.type in ("pingback", "trackback"):
        return SKIPPED[comment.type]
    return SKIPPED.get(comment.approved) if comment.approved not in STATUSES else None


def _ip(value):
    try:
        return str(ip_address(value.strip())) if value else None
    except ValueError:
        return None


def _web_url(value):
    try:
        _url(value)
    except ValidationError:
        return ""
    return value if len(value) <= 300 else ""


def _in_thread_order(comments):
    """Parents before their replies, whatever the file's order."""
    by_id = {comment.wp_id: comment for comment in comments}
    ordered, placed = [], set()

    def place(comment, seen=()):
        if comment.wp_id in placed or comment.wp_id in seen:
            return
        parent = by_id.get(comment.parent_wp_id)
        if parent is not None:
            place(parent, (*seen, comment.wp_id))
        placed.add(comment.wp_id)
        ordered.append(comment)

    for comment in comments:
        place(comment)
    return ordered


def _text(value, default):
    # As Comment.save() stores it, so that a second import finds nothing changed.
    return strip_bidi_controls(value).strip() or default


def _values(post, record, parent):
    return {
        "parent_id": parent.pk if parent else None,
        "author_name": _text(record.author_name, "אנונימי")[:80].strip(),
        "author_email": record.author_email.strip()[:254],
        "author_url": _web_url(record.author_url.strip()),
        "body": _text(comment_text(record.body), "…"),
        "status": STATUSES[record.approved],
        "created_at": record.date or post.published_at or timezone.now(),
        "ip_address": _ip(record.author_ip),
    }


def _kept_parent(record, by_id, kept):
    """The nearest imported ancestor: a reply to a skipped comment (spam, a ping) joins
    the thread one level up."""
    parent_id, seen = record.parent_wp_id, set()
    while parent_id and parent_id not in kept and parent_id not in seen:
        seen.add(parent_id)
        parent = by_id.get(parent_id)
        parent_id = parent.parent_wp_id if parent else None
    return kept.get(parent_id)


def import_comments(post, records, report):
    """Create or update `post`'s comments from WordPress `records`, counting in `report`."""
    existing = {c.wp_id: c for c in post.comments.exclude(wp_id=None).select_related("parent")}
    by_id = {record.wp_id: record for record in records}
    kept = {}
    for record in _in_thread_order(records):
        reason = _skip_reason(record)
        if reason:
            report.skipped[reason] += 1
            continue
        parent = Comment.reply_target(_kept_parent(record, by_id, kept))
        comment = existing.get(record.wp_id) or Comment(post=post, wp_id=record.wp_id)
        report.save("comment", comment, _values(post, record, parent))
        kept[record.wp_id] = comment
    return kept
