"""The data set of scripts/bench_site.py, written with bulk_create into the database
Django is already set up on (bench_site.py points it at a throwaway SQLite file).

grow() tops the site up to N published posts in 20 categories, each with 3 of 200 tags
and a body of 300 words drawn from the seed article's vocabulary (with Hebrew prefixes),
their search documents filled as Post.save() would (SQLite's FTS triggers index each
inserted row), plus approved comments on the seed article, threaded three deep.
"""

import json
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

from bench_search import PREFIXES, vocabulary
from django.core.cache import cache
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from blog.models import Category, Comment, Post, TaggedPost
from blog.models.comments import render_comment_text
from blog.search import build_documents

ROOT = Path(__file__).resolve().parents[1]


def add_posts(count, rng, words):
    """`count` more published posts, one an hour further back each, with three tags."""
    for model, name, total in ((Category, "נושא", 20), (Tag, "תגית", 200)):
        names = [f"{name} {i}" for i in range(model.objects.count(), total)]
        model.objects.bulk_create(model(name=n, slug=slugify(n, allow_unicode=True)) for n in names)
    categories, tags = list(Category.objects.all()), list(Tag.objects.all())
    start, now, rows, chosen = Post.objects.count(), timezone.now(), [], []
    for i in range(start, start + count):
        title = " ".join(rng.choice(words) for _ in range(6))
        body = "".join(
            "<p>" + " ".join(rng.choice(PREFIXES) + rng.choice(words) for _ in range(100)) + "</p>"
            for _ in range(3)
        )
        category, picked = categories[i % len(categories)], rng.sample(tags, 3)
        documents = build_documents(
            title=title, body=body, category=category.name, tags=[t.name for t in picked]
        )
        rows.append(
            Post(
                title=title, slug=f"post-{i}", body=body, category=category,
                status=Post.Status.PUBLISHED, published_at=now - timedelta(hours=i),
                **documents,
            )
        )  # fmt: skip
        chosen.append(picked)
    Post.objects.bulk_create(rows, batch_size=500)  # SQLite's FTS triggers index each row
    links = zip(rows, chosen, strict=True)
    TaggedPost.objects.bulk_create(
        [TaggedPost(content_object=post, tag=tag) for post, tags in links for tag in tags]
    )


def add_comments(post, count):
    """`count` more approved comments on `post`, a third of them at each depth 0, 1, 2."""
    n, start = Comment.objects.count(), timezone.now() - timedelta(days=30)
    parents = [None] * (count - 2 * (count // 3))
    for depth in range(3):
        rows = []
        for parent in parents:
            body = f"תגובה מספר {n} על GOV 2.0 וממשל פתוח; עוד ב-https://example.org/{n}"
            rows.append(
                Comment(
                    post=post, parent=parent, depth=depth, author_name=f"קורא {n}",
                    author_email=f"r{n}@example.org", body=body,
                    body_html=render_comment_text(body), status=Comment.Status.APPROVED,
                    created_at=start + timedelta(minutes=n),
                )
            )  # fmt: skip
            n += 1
        Comment.objects.bulk_create(rows)
        parents = rows[: count // 3]


def grow(posts, comments, rng):
    """Top the site up to `posts` posts and `comments` comments on the seed article;
    {page: path}."""
    article = json.loads((ROOT / "core/seed/article.json").read_text(encoding="utf-8"))
    seed = Post.objects.get(slug=article["post"]["slug"])
    add_posts(posts - Post.objects.count(), rng, vocabulary())
    add_comments(seed, comments - Comment.objects.filter(post=seed).count())
    cache.clear()  # bulk writes bump no content generation
    sample = Post.objects.get(slug="post-1")
    return {
        "home": "/", "post": seed.get_absolute_url(),
        "category": sample.category.get_absolute_url(),
        "tag": f"/tag/{quote(sample.tags.first().slug)}/",
        "search": "/search/?q=" + quote("ממשלה"), "feed": "/feed/",
    }  # fmt: skip
