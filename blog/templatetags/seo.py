"""What search engines and link previews read: the canonical URL, OpenGraph values and
the JSON-LD description of a post (no queries beyond the page's)."""

import html
import json
from urllib.parse import quote

from django import template
from django.conf import settings
from django.template.base import NodeList
from django.template.loader_tags import BlockNode
from django.urls import reverse
from django.utils.encoding import uri_to_iri
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

# Safe inside <script>: no "</script>", "<!--" or "&" sequences can form.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The absolute URL of this page without query parameters other than a page > 1 (of
    a list, or of a post's comments)."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page_obj, comment_page = context.get("page_obj"), context.get("comment_page")
    if page_obj is not None and page_obj.number > 1:
        url += f"?page={page_obj.number}"
    elif comment_page is not None and comment_page.number > 1:
        url = request.build_absolute_uri(comment_page.link(comment_page.number))
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


def _json_ld(data):
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


def _person_or(publisher, name):
    return {"@type": "Person", "name": name} if name else publisher


def _original(post):
    """The work this post republishes (schema.org isBasedOn)."""
    original = {"@type": "CreativeWork", "name": post.source_name or post.title}
    if post.source_url:
        original["url"] = post.source_url
    if post.source_published_on:
        original["datePublished"] = post.source_published_on.isoformat()
    if post.author_name:
        original["author"] = {"@type": "Person", "name": post.author_name}
    return original


def _posting(post, absolute, image_url):
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
    posting["author"] = _person_or(publisher, post.author_name)
    if image_url:
        posting["image"] = absolute(image_url)
    if post.is_republished or post.source_published_on:
        posting["isBasedOn"] = _original(post)
    return posting


def _breadcrumbs(post, absolute):
    crumbs = [
        (gettext("ראשי"), reverse("blog:index")),
        (post.category.name, post.category.get_absolute_url()),
        (post.title, post.get_absolute_url()),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": label, "item": absolute(path)}
            for i, (label, path) in enumerate(crumbs, start=1)
        ],
    }


@register.simple_tag(takes_context=True)
def post_json_ld(context, post, image_url=""):
    """JSON-LD BlogPosting and BreadcrumbList for `post` (no queries beyond the page's)."""
    absolute = context["request"].build_absolute_uri
    return _json_ld([_posting(post, absolute, image_url), _breadcrumbs(post, absolute)])


# Share links that need no third-party script: each service's plain share URL.
# {url} is the post's address with ":" and "/" left as they are (both allowed in a query),
# so it reads as the canonical address and costs the page almost nothing compressed. The
# services read the title from the page's OpenGraph tags; only the e-mail carries it.
SHARE_SERVICES = (
    ("WhatsApp", "https://wa.me/?text={url}"),
    ("Telegram", "https://t.me/share/url?url={url}"),
    ("X", "https://x.com/intent/post?url={url}"),
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    ("", "mailto:?subject={text}&body={url}"),
)


@register.simple_tag(takes_context=True)
def share_links(context, post):
    """[(label, href)] for sharing `post`: WhatsApp, Telegram, X, Facebook, LinkedIn and
    e-mail (its subject the post's title), with the post's absolute address."""
    absolute = uri_to_iri(context["request"].build_absolute_uri(post.get_absolute_url()))
    url, text = quote(absolute, safe=":/"), quote(post.title, safe="")
    return [
        (label or gettext("דוא״ל"), pattern.format(url=url, text=text))
        for label, pattern in SHARE_SERVICES
    ]
