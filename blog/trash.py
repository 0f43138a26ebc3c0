"""The posts' trash: deleting a post in the admin moves it here (`Post.deleted_at`), where
it keeps its comments, tags and slides and can be restored; emptying the trash, or
`manage.py purge_trash` for what has been there more than 30 days, deletes for good.

Trashed posts are hidden by `Post.objects` and `PostQuerySet.published()`, so no page,
feed, sitemap, search, count or archive shows them; `Post.all_objects` reaches them.
Moving a post in or out starts a new content generation: cached pages change at once.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from blog import cache
from blog.models import Post

KEEP_DAYS = 30


def move_to_trash(posts):
    """Move the posts of the queryset `posts` to the trash; how many were moved."""
    with transaction.atomic():
        moved = posts.filter(deleted_at=None).update(deleted_at=timezone.now())
        if moved:
            cache.bump()
    return moved


def restore(posts):
    """Bring the posts of `posts` (a queryset that may reach the trash) back, exactly as
    they were: same address, status, comments, tags and slides."""
    with transaction.atomic():
        restored = posts.exclude(deleted_at=None).update(deleted_at=None)
        if restored:
            cache.bump()
    return restored


def in_trash():
    return Post.all_objects.exclude(deleted_at=None)


def purge(posts=None, older_than_days=None):
    """Delete for good the trashed posts of `posts` (by default the whole trash), or only
    those trashed more than `older_than_days` days ago; how many posts were deleted."""
    posts = in_trash() if posts is None else posts.exclude(deleted_at=None)
    if older_than_days is not None:
        posts = posts.filter(deleted_at__lt=timezone.now() - timedelta(days=older_than_days))
    count = 0
    with transaction.atomic():
        for post in posts.order_by("pk"):  # one by one: each sends its delete signals
            post.delete()
            count += 1
    return count
