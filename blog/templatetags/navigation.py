"""Finding the way around: breadcrumbs, the previous and next posts, related posts.

Each tag runs a fixed number of queries (none, one, or two for previous/next), whatever
the number of posts.
"""

from django import template
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils import dateformat

from blog.models import Post

register = template.Library()

RELATED_LIMIT = 4


@register.simple_tag
def related_posts(post, limit=RELATED_LIMIT):
    """Up to `limit` published posts sharing tags or the category with `post`, ranked
    by shared tags, then same category, then recency (one query; `post.tags` should be
    prefetched)."""
    tag_ids = [tag.pk for tag in post.tags.all()]
    related = Q(category_id=post.category_id)
    shared = Value(0)
    if tag_ids:
        related |= Q(taggedpost__tag_id__in=tag_ids)
        shared = Count("taggedpost", filter=Q(taggedpost__tag_id__in=tag_ids))
    same_category = Case(
        When(category_id=post.category_id, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return list(
        Post.objects.published()
        .filter(related)
        .exclude(pk=post.pk)
        .annotate(shared_tags=shared, same_category=same_category)
        .order_by("-shared_tags", "-same_category", "-published_at", "-pk")
        .only("title", "slug", "published_at")[:limit]
    )


@register.simple_tag
def adjacent_posts(post):
    """(older, newer) published neighbours of `post` by publication time (two queries)."""
    published = Post.objects.published().only("title", "slug", "published_at")
    when, pk = post.published_at, post.pk
    older = (
        published.filter(Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk))
        .order_by("-published_at", "-pk")
        .first()
    )
    newer = (
        published.filter(Q(published_at__gt=when) | Q(published_at=when, pk__gt=pk))
        .order_by("published_at", "pk")
        .first()
    )
    return older, newer


def _url(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _trail_of_list_page(name, context):
    """The trail below "ראשי" of a category, tag, archive or search page, or None."""
    category, tag = context.get("category"), context.get("tag")
    year, month = context.get("year"), context.get("month")
    if name == "blog:category" and category is not None:
        return [("קטגוריות", reverse("blog:categories")), (category.name, "")]
    if name == "blog:tag" and tag is not None:
        return [(f"תגית: {tag.name}", "")]
    if name == "blog:categories":
        return [("קטגוריות", "")]
    if name == "blog:archive-year" and year is not None:
        return [(f"ארכיון {year:%Y}", "")]
    if name == "blog:archive-month" and month is not None:
        year_url = _url("blog:archive-year", year=month.year)
        return [(f"ארכיון {month:%Y}", year_url), (dateformat.format(month, "F Y"), "")]
    if name == "blog:search":
        return [("חיפוש", "")]
    return None


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context):
    """[(label, url)] from the home page to the current page, from objects already in
    the context (no queries); the last item is the current page (url "")."""
    match = getattr(context.get("request"), "resolver_match", None)
    name = match.view_name if match else ""
    home = ("ראשי", reverse("blog:index"))
    obj, page = context.get("object"), context.get("page")
    # Error pages render with the failed URL's resolver_match but without its objects.
    if isinstance(obj, Post):
        category = obj.category
        return [home, (category.name, category.get_absolute_url()), (obj.title, "")]
    trail = _trail_of_list_page(name, context)
    if trail is not None:
        return [home, *trail]
    if name == "site-page" and page is not None and hasattr(page, "get_absolute_url"):
        return [home, (page.title, "")]
    return []
