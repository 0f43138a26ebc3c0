"""Plain helpers that build Hebrew test data."""

import itertools
from datetime import timedelta

from django.utils import timezone

from blog.models import Category, Comment, Post

_seq = itertools.count(1)


def make_category(name=None, **kwargs):
    n = next(_seq)
    return Category.objects.create(name=name or f"קטגוריה {n}", **kwargs)


def make_post(title=None, *, category=None, tags=(), status=Post.Status.PUBLISHED, **kwargs):
    n = next(_seq)
    kwargs.setdefault("body", f"<p>גוף הפוסט מספר {n} על ממשל ומדיה חברתית.</p>")
    kwargs.setdefault("published_at", timezone.now() - timedelta(days=n))
    post = Post.objects.create(
        title=title or f"פוסט בדיקה {n}",
        category=category or make_category(),
        status=status,
        **kwargs,
    )
    if tags:
        post.tags.set(list(tags))
    return post


def make_comment(post, *, status=Comment.Status.APPROVED, parent=None, **kwargs):
    n = next(_seq)
    kwargs.setdefault("author_name", f"מגיב {n}")
    kwargs.setdefault("author_email", f"reader{n}@example.com")
    kwargs.setdefault("body", f"תגובה מספר {n}")
    return Comment.objects.create(post=post, parent=parent, status=status, **kwargs)
