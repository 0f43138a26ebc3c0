"""The site's sitemap registry: the blog's sections plus fixed and site pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from blog.sitemaps import CategorySitemap, PostSitemap, PresentationSitemap, TagSitemap
from core.models import SitePage


class StaticPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["blog:index", "blog:categories"]

    def location(self, name):
        return reverse(name)


class SitePageSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.3

    def items(self):
        return list(SitePage.objects.only("slug", "updated_at").order_by("slug"))

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {
    "static": StaticPagesSitemap,
    "posts": PostSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "presentations": PresentationSitemap,
    "pages": SitePageSitemap,
}
