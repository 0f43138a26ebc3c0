from blog.models.comments import BlockedTerm, Comment, parse_comment_id
from blog.models.drafts import Autosave, TrashedPost
from blog.models.images import Image
from blog.models.posts import Category, Post, PostQuerySet, TaggedPost, tags_with_published_stats
from blog.models.presentations import Presentation, Slide

__all__ = [
    "Autosave",
    "BlockedTerm",
    "Category",
    "Comment",
    "Image",
    "Post",
    "PostQuerySet",
    "Presentation",
    "Slide",
    "TaggedPost",
    "TrashedPost",
    "parse_comment_id",
    "tags_with_published_stats",
]
