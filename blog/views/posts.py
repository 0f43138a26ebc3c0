from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, MonthArchiveView, YearArchiveView
from taggit.models import Tag

from blog.models import Category, Post
from blog.views.comment_section import comment_context


class BlogViewMixin:
    """Shared by every post list: who sees what, paging, and the date field."""

    model = Post
    date_field = "published_at"
    paginate_by = settings.BLOG_POSTS_PER_PAGE
    make_object_list = True

    def get_queryset(self):
        return Post.objects.published().for_listing()


class PostListView(BlogViewMixin, ListView):
    template_name = "blog/post_list.html"


class PostDetailView(DetailView):
    model = Post

    def get_queryset(self):
        return (
            Post.objects.visible_to(self.request.user)
            .select_related("category", "author")
            .prefetch_related("tags")
            .with_comment_count()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Approved tree, this browser's pending ones, the form (a bound one after errors).
        context.update(comment_context(self.request, self.object, kwargs.get("comment_form")))
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_published():
            # Staff preview of a draft: never cached anywhere.
            add_never_cache_headers(response)
        return response


class CategoryListView(ListView):
    template_name = "blog/category_list.html"
    context_object_name = "categories"

    def get_queryset(self):
        return Category.objects.with_published_stats()


class CategoryDetailView(BlogViewMixin, ListView):
    template_name = "blog/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagDetailView(BlogViewMixin, ListView):
    template_name = "blog/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class PostYearArchiveView(BlogViewMixin, YearArchiveView):
    pass


class PostMonthArchiveView(BlogViewMixin, MonthArchiveView):
    month_format = "%m"
