"""The sidebar: categories, archive months and tags with their counts of published posts,
read in one query and kept in the shared cache for the current content generation
(blog.cache: any change a reader could see starts a new one, and so does a scheduled
post's time coming); the template keeps its HTML per generation too ({% fragment %}).
"""

import datetime
from dataclasses import dataclass, field

from django import template
from django.core.cache import cache
from django.db.models import Count, F, IntegerField, Value
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from taggit.models import Tag

from blog import cache as generation
from blog.models import Category, Post, PostQuerySet
from blog.models.posts import TAGGED_POSTS

register = template.Library()

TAG_LIMIT = 30
# A new content generation makes a new key; this only bounds how long an old one lingers.
SIDEBAR_SECONDS = 24 * 3600
CATEGORY, MONTH, TAG = 1, 2, 3
ZERO = Value(0, output_field=IntegerField())
BLANK = Value("")


@dataclass
class Item:
    """A category or tag with its count of published posts (what the widgets show)."""

    name: str
    slug: str
    post_count: int


@dataclass
class Sidebar:
    categories: list = field(default_factory=list)
    years: list = field(default_factory=list)  # [{"year": 2010, "months": [{month, count}]}]
    tags: list = field(default_factory=list)

    def months(self):
        """Every month with published posts, oldest first (datetime.date, 1st of month)."""
        return sorted(row["month"] for group in self.years for row in group["months"])


def _union(now):
    """Categories, months and tags with their counts of posts published by `now`."""
    published = PostQuerySet.published_q("posts__", now=now)
    categories = (
        Category.objects.values(kind=Value(CATEGORY), label=F("name"), key=F("slug"))
        .annotate(year=ZERO, month=ZERO, n=Count("posts", filter=published))
        .filter(n__gt=0)
        .order_by()
    )
    months = (
        Post.objects.published(now=now)
        .values(kind=Value(MONTH), label=BLANK, key=BLANK)
        .annotate(
            year=ExtractYear("published_at"), month=ExtractMonth("published_at"), n=Count("pk")
        )
        .order_by()
    )
    # SQLite allows no LIMIT in a part of a UNION, so the top tags are picked in a subquery.
    tagged = PostQuerySet.published_q(f"{TAGGED_POSTS}__content_object__", now=now)
    used = Tag.objects.annotate(post_count=Count(TAGGED_POSTS, filter=tagged))
    used = used.filter(post_count__gt=0)
    top = used.order_by("-post_count", "name").values("pk")[:TAG_LIMIT]
    tags = (
        used.filter(pk__in=top)
        .values(kind=Value(TAG), label=F("name"), key=F("slug"), year=ZERO, month=ZERO)
        .annotate(n=F("post_count"))
        .order_by()
    )
    fields = ("kind", "label", "key", "year", "month", "n")
    return categories.union(months, tags, all=True).values_list(*fields)


def load_sidebar():
    """The sidebar's data: from the shared cache while the site's content generation is
    unchanged (its counts scan every post), else from one query."""
    key = f"sidebar:{generation.current()[0]}"
    sidebar = cache.get(key)
    if sidebar is None:
        sidebar = _query_sidebar()
        cache.set(key, sidebar, timeout=SIDEBAR_SECONDS)
    return sidebar


def _query_sidebar():
    """The sidebar's data in one query, whatever the number of posts, months and tags."""
    rows = sorted(
        (kind, label, slug, int(year), int(month), int(count))
        for kind, label, slug, year, month, count in _union(timezone.now())
    )
    sidebar = Sidebar()
    years = {}
    for kind, label, slug, year, month, count in rows:
        if kind == MONTH:
            years.setdefault(year, []).append(
                {"month": datetime.date(year, month, 1), "count": count}
            )
        else:
            target = sidebar.categories if kind == CATEGORY else sidebar.tags
            target.append(Item(label, slug, count))
    sidebar.categories.sort(key=lambda item: item.name)
    sidebar.tags.sort(key=lambda item: item.name)
    sidebar.years = [
        {"year": year, "months": sorted(rows, key=lambda r: r["month"], reverse=True)}
        for year, rows in sorted(years.items(), reverse=True)
    ]
    return sidebar


@register.simple_tag(takes_context=True)
def sidebar_data(context):
    """The view's `sidebar` when it loaded one (archive pages reuse it), else a fresh one."""
    sidebar = context.get("sidebar")
    return sidebar if isinstance(sidebar, Sidebar) else load_sidebar()
