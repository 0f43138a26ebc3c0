"""Template tags that help readers (and crawlers) find their way: sidebar widgets,
related and adjacent posts, breadcrumbs, Hebrew dates, search highlighting and the
page metadata (canonical URL, OpenGraph, JSON-LD). Each tag runs a fixed number of
queries (none, one, or two for previous/next), whatever the number of posts."""

import datetime
import html
import json

from django import template
from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import TruncMonth
from django.template.base import NodeList
from django.template.loader_tags import BlockNode
from django.urls import NoReverseMatch, reverse
from django.utils import dateformat, timezone
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from pyluach import dates as hebrew_calendar
from taggit.models import Tag

from blog.hebrew import ELLIPSIS, make_snippet
from blog.models import Post, Slide
from blog.templatetags.blog_tags import LATIN_RUN

register = template.Library()

RELATED_LIMIT = 4
TAG_LIMIT = 30
SNIPPET_WIDTH = 220
# Safe inside <script>: no "</script>", "<!--" or "&" sequences can form.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


# Dates ---------------------------------------------------------------------------


@register.filter
def hebrew_date(value):
    """A date or datetime in the Hebrew calendar, e.g. "ט׳ בניסן תש״ע".

    Uses the civil (local) date; the Hebrew day that starts at sunset is not modelled.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    h = hebrew_calendar.HebrewDate.from_pydate(value)
    return f"{h:%*d} ב{h:%*B} {h:%*y}"


# Sidebar widgets -------------------------------------------------------------------


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
    published = Q(
        blog_taggedpost_items__content_object__status=Post.Status.PUBLISHED,
        blog_taggedpost_items__content_object__published_at__lte=timezone.now(),
    )
    top = (
        Tag.objects.annotate(count=Count("blog_taggedpost_items", filter=published))
        .filter(count__gt=0)
        .order_by("-count", "name")[:limit]
    )
    return {"tags": sorted(top, key=lambda tag: tag.name)}


# Post page -------------------------------------------------------------------------


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


@register.simple_tag
def post_image(post):
    """Storage name of the first slide image of the post's presentations, or "" (one query)."""
    name = (
        Slide.objects.filter(presentation__posts=post.pk)
        .exclude(image_large="")
        .order_by("presentation_id", "number")
        .values_list("image_large", flat=True)
        .first()
    )
    return default_storage.url(name) if name else ""


# Navigation ------------------------------------------------------------------------


def _url(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context):
    """[(label, url)] from the home page to the current page, from objects already in
    the context (no queries); the last item is the current page (url "")."""
    match = getattr(context.get("request"), "resolver_match", None)
    name = match.view_name if match else ""
    home = ("ראשי", reverse("blog:index"))
    obj, category, tag = context.get("object"), context.get("category"), context.get("tag")
    page, year, month = context.get("page"), context.get("year"), context.get("month")
    # Error pages render with the failed URL's resolver_match but without its objects.
    if isinstance(obj, Post):
        category = obj.category
        return [home, (category.name, category.get_absolute_url()), (obj.title, "")]
    if name == "blog:category" and category is not None:
        return [home, ("קטגוריות", reverse("blog:categories")), (category.name, "")]
    if name == "blog:tag" and tag is not None:
        return [home, (f"תגית: {tag.name}", "")]
    if name == "blog:categories":
        return [home, ("קטגוריות", "")]
    if name == "blog:archive-year" and year is not None:
        return [home, (f"ארכיון {year:%Y}", "")]
    if name == "blog:archive-month" and month is not None:
        year_url = _url("blog:archive-year", year=month.year)
        return [home, (f"ארכיון {month:%Y}", year_url), (dateformat.format(month, "F Y"), "")]
    if name == "blog:search":
        return [home, ("חיפוש", "")]
    if name == "site-page" and page is not None and hasattr(page, "get_absolute_url"):
        return [home, (page.title, "")]
    return []


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The absolute URL of this page without query parameters other than a page > 1."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page_obj = context.get("page_obj")
    if page_obj is not None and page_obj.number > 1:
        url += f"?page={page_obj.number}"
    return url


@register.simple_tag(takes_context=True)
def reuse_block(context, name):
    """Render the current page's `{% block name %}` again (e.g. the title for og:title).

    A BlockNode takes the most derived definition from the render's block context, so
    an empty node of the same name renders the child's block, `block.super` included.
    The result is re-escaped as plain text, safe inside an attribute even when the
    block holds a literal quote.
    """
    text = html.unescape(strip_tags(BlockNode(name, NodeList()).render(context)))
    return " ".join(text.split())


# Search ------------------------------------------------------------------------------


def _highlighted(text, query):
    """`text` escaped, words matching `query` in <mark>, Latin runs in <bdi dir="ltr">
    (as blog_tags.isolate_latin does), so "GOV 2.0" keeps its order in a Hebrew line."""
    parts, last = [], 0

    def marked(segment):
        # make_snippet trims the edges' whitespace; keep it around the fragments.
        core = segment.strip()
        if not core:
            return conditional_escape(segment)
        head, tail = segment[: segment.index(core)], segment[segment.index(core) + len(core) :]
        inner = "".join(
            format_html("<mark>{}</mark>", frag) if is_match else conditional_escape(frag)
            for frag, is_match in make_snippet(core, query, width=len(core))
        )
        return f"{conditional_escape(head)}{inner}{conditional_escape(tail)}"

    for match in LATIN_RUN.finditer(text):
        parts.append(marked(text[last : match.start()]))
        parts.append(format_html('<bdi dir="ltr">{}</bdi>', mark_safe(marked(match.group()))))
        last = match.end()
    parts.append(marked(text[last:]))
    return mark_safe("".join(parts))


@register.simple_tag
def search_snippet(post, query, width=SNIPPET_WIDTH):
    """HTML of about `width` characters around the first match of `query` in the post's
    excerpt or body text (the body's start when only the title or tags matched)."""
    query = query or ""
    body = html.unescape(strip_tags(post.body or ""))
    candidates = [text for text in (post.excerpt, body) if text]
    fragments = []
    for text in candidates:
        fragments = make_snippet(text, query, width)
        if any(is_match for _, is_match in fragments):
            break
    else:
        fragments = make_snippet(candidates[0], "", width) if candidates else []
    # Ellipses mark cut edges; the window between them is highlighted as one text.
    lead = ELLIPSIS if fragments and fragments[0] == (ELLIPSIS, False) else ""
    tail = ELLIPSIS if len(fragments) > 1 and fragments[-1] == (ELLIPSIS, False) else ""
    window = "".join(frag for frag, _ in fragments[bool(lead) : len(fragments) - bool(tail)])
    return format_html("{}{}{}", lead, _highlighted(window, query), tail)


@register.filter
def highlight(text, query):
    """The whole of `text`, escaped, with the words matching `query` inside <mark>."""
    return _highlighted(str(text or ""), query or "")


# Structured data ---------------------------------------------------------------------


def _json_ld(data):
    payload = json.dumps(data, ensure_ascii=False, indent=None).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.simple_tag(takes_context=True)
def post_json_ld(context, post, image_url=""):
    """JSON-LD BlogPosting and BreadcrumbList for `post` (no queries beyond the page's)."""
    request = context["request"]
    absolute = request.build_absolute_uri
    url = absolute(post.get_absolute_url())
    publisher = {"@type": "Organization", "name": settings.SITE_NAME, "url": absolute("/")}
    posting = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": post.published_at.isoformat(),
        "dateModified": (post.updated_at or post.published_at).isoformat(),
        "inLanguage": "he",
        "publisher": publisher,
        "articleSection": post.category.name,
        "keywords": [tag.name for tag in post.tags.all()],
    }
    if post.excerpt:
        posting["description"] = post.excerpt
    if post.author_name:
        posting["author"] = {"@type": "Person", "name": post.author_name}
    else:
        posting["author"] = publisher
    if image_url:
        posting["image"] = absolute(image_url)
    if post.is_republished or post.source_published_on:
        original = {"@type": "CreativeWork", "name": post.source_name or post.title}
        if post.source_url:
            original["url"] = post.source_url
        if post.source_published_on:
            original["datePublished"] = post.source_published_on.isoformat()
        if post.author_name:
            original["author"] = {"@type": "Person", "name": post.author_name}
        posting["isBasedOn"] = original
    crumbs = [
        ("ראשי", reverse("blog:index")),
        (post.category.name, post.category.get_absolute_url()),
        (post.title, post.get_absolute_url()),
    ]
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": label, "item": absolute(path)}
            for i, (label, path) in enumerate(crumbs, start=1)
        ],
    }
    return _json_ld([posting, breadcrumbs])
