from django import template

from blog.models import Comment

register = template.Library()


@register.simple_tag
def pending_comment_count():
    """How many comments wait for an editor (shown on the admin index)."""
    return Comment.objects.pending().count()
