from blog.views.posts import (
    CategoryDetailView,
    CategoryListView,
    PostDetailView,
    PostListView,
    PostMonthArchiveView,
    PostYearArchiveView,
    TagDetailView,
)
from blog.views.search import SearchView

__all__ = [
    "CategoryDetailView",
    "CategoryListView",
    "PostDetailView",
    "PostListView",
    "PostMonthArchiveView",
    "PostYearArchiveView",
    "SearchView",
    "TagDetailView",
]
