"""RSS 2.0 and Atom feeds of published posts: the whole site, a category, a tag.

Items carry the full sanitised body (RSS `content:encoded`, Atom `content`), the
excerpt as summary, author, category and tags, and publication/update times.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from taggit.models import Tag

from blog import cache as generation
from blog.models import Category, Post

FEED_LENGTH = 20


class KeptFeed(Feed):
    """A feed whose document is kept per content generation (blog.cache.kept): feed
    readers polling between two changes get the same bytes, rendered once per process.
    A missing category or tag still answers 404 (nothing is kept for it)."""

    def __call__(self, request, *args, **kwargs):
        parts = ("feed", type(self).__name__, *args, *sorted(kwargs.items()))
        render = super().__call__

        def document():
            response = render(request, *args, **kwargs)
            # The feed generator wrote it in hundreds of pieces, each of which would be
            # its own write to the socket (and its own item to pickle): one piece.
            response.content = response.content
            return response

        return generation.kept(request, parts, document)


class FullContentRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_html"])


class FullContentAtomFeed(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class LatestPostsFeed(KeptFeed):
    feed_type = FullContentRssFeed
    language = "he"

    def title(self):
        return settings.SITE_NAME

    def description(self):
        return settings.SITE_TAGLINE

    def subtitle(self):
        return settings.SITE_TAGLINE

    def link(self):
        return reverse("blog:index")

    def get_posts(self, obj):
        return Post.objects.published()

    def items(self, obj):
        return (
            self.get_posts(obj)
            .select_related("category", "author")
            .prefetch_related("tags")
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.excerpt or Truncator(strip_tags(post.body)).words(60)

    def item_extra_kwargs(self, post):
        return {"content_html": post.body}

    def item_author_name(self, post):
        return post.author_name or None

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return max(post.updated_at, post.published_at)

    def item_categories(self, post):
        return [post.category.name, *(tag.name for tag in post.tags.all())]


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = FullContentAtomFeed


class CategoryFeed(LatestPostsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return gettext("%(site)s – קטגוריה: %(name)s") % {
            "site": settings.SITE_NAME,
            "name": category.name,
        }

    def description(self, category):
        return category.description or gettext("הפוסטים בקטגוריה %(name)s") % {
            "name": category.name
        }

    def subtitle(self, category):
        return self.description(category)

    def link(self, category):
        return category.get_absolute_url()

    def get_posts(self, category):
        return Post.objects.published().filter(category=category)


class CategoryAtomFeed(CategoryFeed):
    feed_type = FullContentAtomFeed


class TagFeed(LatestPostsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, tag):
        return gettext("%(site)s – תגית: %(name)s") % {"site": settings.SITE_NAME, "name": tag.name}

    def description(self, tag):
        return gettext("הפוסטים עם התגית %(name)s") % {"name": tag.name}

    def subtitle(self, tag):
        return self.description(tag)

    def link(self, tag):
        return reverse("blog:tag", kwargs={"slug": tag.slug})

    def get_posts(self, tag):
        return Post.objects.published().filter(tags=tag)


class TagAtomFeed(TagFeed):
    feed_type = FullContentAtomFeed
