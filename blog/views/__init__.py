from blog.views.comments import CommentCreateView
from blog.views.posts import (
    CategoryDetailView,
    CategoryListView,
    PostDetailView,
    PostListView,
    PostMonthArchiveView,
    PostYearArchiveView,
    TagDetailView,
)
from blog.views.presentations import PresentationDetailView, PresentationTextView
from blog.views.search import SearchView

__all__ = [
    "CategoryDetailView",
    "CategoryListView",
    "CommentCreateView",
    "PostDetailView",
    "PostListView",
    "PostMonthArchiveView",
    "PostYearArchiveView",
    "PresentationDetailView",
    "PresentationTextView",
    "SearchView",
    "TagDetailView",
]
