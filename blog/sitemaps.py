"""Sitemaps of what readers may see: published posts, and the categories, tags and
presentations that have published posts. Drafts and future posts never appear."""

from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from blog.models import Category, Post, Presentation, tags_with_published_stats


class PostSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return list(
            Post.objects.published().only("slug", "updated_at").order_by("-published_at", "-pk")
        )

    def lastmod(self, post):
        return post.updated_at


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return list(
            Category.objects.with_published_stats()
            .filter(last_updated__isnull=False)
            .order_by("name")
        )

    def lastmod(self, category):
        return category.last_updated


class TagSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        tags = tags_with_published_stats().filter(last_updated__isnull=False)
        return list(tags.order_by("name"))

    def location(self, tag):
        return reverse("blog:tag", kwargs={"slug": tag.slug})

    def lastmod(self, tag):
        return tag.last_updated


class PresentationSitemap(Sitemap):
    """Presentations readers may see: public ones and those shown with a published post."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        try:
            reverse("blog:presentation", kwargs={"slug": "x"})
        except NoReverseMatch:  # no presentation pages in this deployment
            return []
        return list(Presentation.objects.visible().order_by("-pk"))

    def lastmod(self, presentation):
        return presentation.updated_at
