import re

from django import template
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from blog.models import Category, Post

register = template.Library()

# A run of Latin letters/digits (with inner spaces, dots, hyphens): "GOV 2.0", "WEB 2.0".
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ .\-'’][A-Za-z0-9]+)*")


@register.filter(needs_autoescape=True)
def isolate_latin(text, autoescape=True):
    """Escape plain text and wrap each Latin run in <bdi> so it keeps its order in RTL."""
    escape = conditional_escape if autoescape else str
    text = str(text)
    parts, last = [], 0
    for match in LATIN_RUN.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html('<bdi dir="ltr">{}</bdi>', match.group()))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(str(p) for p in parts))


@register.inclusion_tag("blog/includes/categories_widget.html")
def categories_widget():
    published = Q(posts__status=Post.Status.PUBLISHED, posts__published_at__lte=timezone.now())
    categories = Category.objects.annotate(post_count=Count("posts", filter=published)).filter(
        post_count__gt=0
    )
    return {"categories": categories}
