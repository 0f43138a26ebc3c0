from django.urls import path, register_converter

from blog import feeds, views
from blog.comment_feeds import LatestCommentsFeed, PostCommentsFeed
from blog.converters import TwoDigitConverter, UnicodeSlugConverter
from blog.views.comments import comment_token

register_converter(UnicodeSlugConverter, "uslug")
register_converter(TwoDigitConverter, "mm")

app_name = "blog"

urlpatterns = [
    path("", views.PostListView.as_view(), name="index"),
    path("posts/<uslug:slug>/", views.PostDetailView.as_view(), name="post"),
    path("posts/<uslug:slug>/comment/", views.CommentCreateView.as_view(), name="comment-create"),
    path("posts/<uslug:slug>/comment/token/", comment_token, name="comment-token"),
    path("posts/<uslug:slug>/comments/feed/", PostCommentsFeed(), name="post-comments-feed"),
    path("comments/feed/", LatestCommentsFeed(), name="comments-feed"),
    path(
        "presentations/<uslug:slug>/",
        views.PresentationDetailView.as_view(),
        name="presentation",
    ),
    path(
        "presentations/<uslug:slug>/text/",
        views.PresentationTextView.as_view(),
        name="presentation-text",
    ),
    path("categories/", views.CategoryListView.as_view(), name="categories"),
    path("category/<uslug:slug>/", views.CategoryDetailView.as_view(), name="category"),
    path("tag/<uslug:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("archive/<int:year>/", views.PostYearArchiveView.as_view(), name="archive-year"),
    path(
        "archive/<int:year>/<mm:month>/",
        views.PostMonthArchiveView.as_view(),
        name="archive-month",
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/", feeds.LatestPostsFeed(), name="feed"),
    path("feed/atom/", feeds.LatestPostsAtomFeed(), name="feed-atom"),
    path("category/<uslug:slug>/feed/", feeds.CategoryFeed(), name="category-feed"),
    path("category/<uslug:slug>/feed/atom/", feeds.CategoryAtomFeed(), name="category-feed-atom"),
    path("tag/<uslug:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path("tag/<uslug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag-feed-atom"),
]
