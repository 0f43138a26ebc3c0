"""Atom feeds of approved comments: the whole site, and one post."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from blog.feeds import KeptFeed
from blog.models import Comment, Post

FEED_SIZE = 30


class LatestCommentsFeed(KeptFeed):
    feed_type = Atom1Feed
    language = "he"
    title = _("תגובות אחרונות")
    subtitle = _("התגובות המאושרות האחרונות בבלוג")

    def link(self):
        return reverse("blog:index")

    def items(self):
        return (
            Comment.objects.public()
            .select_related("post")
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return gettext("%(name)s על „%(title)s”") % {
            "name": item.author_name,
            "title": item.post.title,
        }

    def item_description(self, item):
        return item.body_html

    def item_link(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        return item.author_name

    def item_pubdate(self, item):
        return item.created_at


class PostCommentsFeed(LatestCommentsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Post.objects.published(), slug=slug)

    def title(self, post):
        return gettext("תגובות על „%(title)s”") % {"title": post.title}

    def subtitle(self, post):
        return gettext("התגובות המאושרות לפוסט „%(title)s”") % {"title": post.title}

    def link(self, post):
        return f"{post.get_absolute_url()}#comments"

    def items(self, post):
        comments = post.comments.approved().select_related("post")
        return comments.order_by("-created_at", "-pk")[:FEED_SIZE]
