"""The sidebar's widgets: categories, archive and tags, one query each, counting only
what readers may see."""

from django import template
from django.db.models import Count
from django.db.models.functions import TruncMonth

from blog.models import Category, Post, tags_with_published_stats

register = template.Library()

TAG_LIMIT = 30


@register.inclusion_tag("blog/includes/categories_widget.html")
def categories_widget():
    return {"categories": Category.objects.with_published_stats().filter(post_count__gt=0)}


@register.inclusion_tag("blog/includes/archive_widget.html")
def archive_widget():
    """Years, newest first, each with its months that have published posts and their
    counts (one query)."""
    months = (
        Post.objects.published()
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
    years = {}
    for row in months:
        years.setdefault(row["month"].year, []).append(row)
    return {"years": [{"year": y, "months": rows} for y, rows in years.items()]}


@register.inclusion_tag("blog/includes/tags_widget.html")
def tags_widget(limit=TAG_LIMIT):
    """The most used tags of published posts with counts, by name (one query)."""
    top = tags_with_published_stats().filter(post_count__gt=0).order_by("-post_count", "name")
    return {"tags": sorted(top[:limit], key=lambda tag: tag.name)}
