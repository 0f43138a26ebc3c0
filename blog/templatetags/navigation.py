"""Finding the way around: breadcrumbs, the previous and next posts, related posts.

The previous post, the next post and the related posts come from one query
(`neighbours`), whatever the number of posts; breadcrumbs need none.
"""

from dataclasses import dataclass, field

from django import template
from django.db.models import Case, Count, F, IntegerField, Q, Subquery, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from blog.models import Post

register = template.Library()

RELATED_LIMIT = 4


@dataclass
class Neighbours:
    older: Post | None = None
    newer: Post | None = None
    related: list = field(default_factory=list)


def _related(now, pk, category, tags):
    """Published posts sharing a tag or the category with post `pk`, with the ranking
    annotations `shared_tags` and `same_category`."""
    related = Q(category_id=category)
    shared = Value(0)
    if tags:
        related |= Q(taggedpost__tag_id__in=tags)
        shared = Count("taggedpost", filter=Q(taggedpost__tag_id__in=tags))
    same_category = Case(
        When(category_id=category, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    candidates = Post.objects.published(now=now).filter(related).exclude(pk=pk)
    return candidates, {"shared_tags": shared, "same_category": same_category}


def _adjacent(now, pk, when, older):
    if older:
        nearer = Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk)
        order = ("-published_at", "-pk")
    else:
        nearer = Q(published_at__gt=when) | Q(published_at=when, pk__gt=pk)
        order = ("published_at", "pk")
    nearest = Post.objects.published(now=now).filter(nearer).order_by(*order).values("pk")
    return Subquery(nearest[:1])


def _neighbours(now, pk, when, category, tags, limit=RELATED_LIMIT):
    """The query: the older and newer posts and the top related ones, each row annotated
    with the ids of the older and newer posts and with the ranking of related posts."""
    candidates, ranking = _related(now, pk, category, tags)
    top = candidates.annotate(**ranking).order_by(
        "-shared_tags", "-same_category", "-published_at", "-pk"
    )
    return (
        Post.objects.published(now=now)
        .annotate(older_pk=_adjacent(now, pk, when, True), newer_pk=_adjacent(now, pk, when, False))
        .filter(Q(pk=F("older_pk")) | Q(pk=F("newer_pk")) | Q(pk__in=top.values("pk")[:limit]))
        .annotate(**ranking)
        .only("title", "slug", "published_at", "category_id")
    )


def _rank(row):
    return (-row.shared_tags, -row.same_category, -row.published_at.timestamp(), -row.pk)


def neighbours(post, limit=RELATED_LIMIT):
    """The published posts just before and after `post` and up to `limit` related ones
    (sharing tags, then the category, then recency), in one query (`post.tags` should
    be prefetched)."""
    tags = [tag.pk for tag in post.tags.all()]
    query = _neighbours(timezone.now(), post.pk, post.published_at, post.category_id, tags, limit)
    rows = list(query)
    found = Neighbours()
    for row in rows:
        found.older = row if row.pk == row.older_pk else found.older
        found.newer = row if row.pk == row.newer_pk else found.newer
    is_related = [r for r in rows if r.shared_tags or r.category_id == post.category_id]
    found.related = sorted(is_related, key=_rank)[:limit]
    return found


def related_posts(post, limit=RELATED_LIMIT):
    """Up to `limit` related published posts (see `neighbours`)."""
    return neighbours(post, limit).related


def adjacent_posts(post):
    """(older, newer) published neighbours of `post` by publication time."""
    found = neighbours(post)
    return found.older, found.newer


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
        return [(_("קטגוריות"), reverse("blog:categories")), (category.name, "")]
    if name == "blog:tag" and tag is not None:
        return [(_("תגית: %(name)s") % {"name": tag.name}, "")]
    if name == "blog:categories":
        return [(_("קטגוריות"), "")]
    if name == "blog:archive-year" and year is not None:
        return [(_("ארכיון %(year)s") % {"year": f"{year:%Y}"}, "")]
    if name == "blog:archive-month" and month is not None:
        year_url = _url("blog:archive-year", year=month.year)
        archive = _("ארכיון %(year)s") % {"year": f"{month:%Y}"}
        return [(archive, year_url), (dateformat.format(month, "F Y"), "")]
    if name == "blog:search":
        return [(_("חיפוש"), "")]
    return None


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context):
    """[(label, url)] from the home page to the current page, from objects already in
    the context (no queries); the last item is the current page (url "")."""
    match = getattr(context.get("request"), "resolver_match", None)
    name = match.view_name if match else ""
    home = (_("ראשי"), reverse("blog:index"))
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
