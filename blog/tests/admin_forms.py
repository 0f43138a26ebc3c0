"""The post form as the admin sends it, for tests that save posts through the admin."""

from django.utils import timezone


def post_form(post, **changes):
    """The change form's fields for `post`, with `changes` applied."""
    published = timezone.localtime(post.published_at)
    data = {
        "title": post.title,
        "slug": post.slug,
        "category": post.category_id,
        "tags": ", ".join(sorted(post.tags.names())),
        "excerpt": post.excerpt,
        "body": post.body,
        "cover_image": "",
        "status": post.status,
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "author": post.author_id or "",
        "byline": post.byline,
        "comments_open": "on" if post.comments_open else "",
        "source_name": post.source_name,
        "source_url": post.source_url,
        "source_published_on": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}
