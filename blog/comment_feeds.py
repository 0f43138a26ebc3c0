"""Atom feeds of approved comments: the whole site, and one post."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from blog.models import Comment, Post

FEED_SIZE = 30


class LatestCommentsFeed(Feed):
    feed_type = Atom1Feed
    language = "he"
    title = "תגובות אחרונות"
    subtitle = "התגובות המאושרות האחרונות בבלוג"

    def link(self):
        return reverse("blog:index")

    def items(self):
        return (
            Comment.objects.public()
            .select_related("post")
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return f"{item.author_name} על „{item.post.title}”"

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
        return f"תגובות על „{post.title}”"

    def subtitle(self, post):
        return f"התגובות המאושרות לפוסט „{post.title}”"

    def link(self, post):
        return f"{post.get_absolute_url()}#comments"

    def items(self, post):
        comments = post.comments.approved().select_related("post")
        return comments.order_by("-created_at", "-pk")[:FEED_SIZE]
