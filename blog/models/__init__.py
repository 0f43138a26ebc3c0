from blog.models.comments import BlockedTerm, Comment
from blog.models.posts import Category, Post, PostQuerySet, TaggedPost
from blog.models.slides import Presentation, Slide

__all__ = [
    "BlockedTerm",
    "Category",
    "Comment",
    "Post",
    "PostQuerySet",
    "Presentation",
    "Slide",
    "TaggedPost",
]
