"""Load the republished article (and its category and tags) from core/seed/article.json.

Idempotent: a second run finds everything in place and writes nothing.
"""

import json
from datetime import date, datetime
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from blog.models import Category, Post
from blog.sanitize import clean_post_html

SEED_DIR = Path(__file__).resolve().parents[2] / "seed"


def sync(instance, values):
    """Set `values` on `instance`; return the names of the fields that changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return changed


class Command(BaseCommand):
    help = "טוען את המאמר המקורי (ואת הקטגוריה והתגיות שלו) מקובץ התוכן שבמאגר."

    @transaction.atomic
    def handle(self, *args, **options):
        data = json.loads((SEED_DIR / "article.json").read_text(encoding="utf-8"))
        changes = []

        cat_data = data["category"]
        category = Category.objects.filter(slug=cat_data["slug"]).first() or Category()
        if sync(category, cat_data) or category.pk is None:
            category.save()
            changes.append(f"קטגוריה: {category.name}")

        post_data = dict(data["post"])
        tags = post_data.pop("tags")
        post_data["published_at"] = datetime.fromisoformat(post_data["published_at"])
        post_data["source_published_on"] = date.fromisoformat(post_data["source_published_on"])
        post_data["category_id"] = category.pk
        post_data["status"] = Post.Status.PUBLISHED
        # Compare with the body as save() stores it, sanitised.
        post_data["body"] = clean_post_html(post_data["body"])
        post = Post.objects.filter(slug=post_data["slug"]).first() or Post()
        if sync(post, post_data) or post.pk is None:
            post.save()
            post.refresh_from_db()
            changes.append(f"פוסט: {post.title}")
        if sorted(post.tags.names()) != sorted(tags):
            post.tags.set(tags)
            changes.append("תגיות")

        if changes:
            self.stdout.write(self.style.SUCCESS("נטען: " + "; ".join(changes)))
        else:
            self.stdout.write("התוכן כבר טעון; לא בוצע שינוי.")
