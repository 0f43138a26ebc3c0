from django import template
from django.db.models import Count, Q

from blog.admin.workflow import scheduled_q
from blog.models import Comment, Post

register = template.Library()


@register.simple_tag
def pending_comment_count():
    """How many comments wait for an editor (shown on the admin index)."""
    return Comment.objects.pending().count()


@register.simple_tag
def editorial_counts():
    """What waits for the editors, for the admin index: drafts, posts pending review,
    scheduled posts (one query) and comments waiting for approval (one)."""
    counts = Post.objects.aggregate(
        drafts=Count("pk", filter=Q(status=Post.Status.DRAFT)),
        pending=Count("pk", filter=Q(status=Post.Status.PENDING)),
        scheduled=Count("pk", filter=scheduled_q()),
    )
    counts["comments"] = pending_comment_count()
    return counts
