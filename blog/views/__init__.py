from blog.views.posts import (
    CategoryDetailView,
    CategoryListView,
    PostDetailView,
    PostListView,
    PostMonthArchiveView,
    PostYearArchiveView,
    TagDetailView,
)

__all__ = [
    "CategoryDetailView",
    "CategoryListView",
    "PostDetailView",
    "PostListView",
    "PostMonthArchiveView",
    "PostYearArchiveView",
    "TagDetailView",
]
