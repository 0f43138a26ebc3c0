import datetime

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, MonthArchiveView, YearArchiveView
from taggit.models import Tag

from blog import cache as generation
from blog import own_comments
from blog.models import Category, Post
from blog.models.image_markup import cover_url
from blog.templatetags.navigation import neighbours
from blog.templatetags.presentations import first_slide_image, post_decks
from blog.templatetags.sidebar import load_sidebar
from blog.views.comment_section import comment_context


class BlogViewMixin:
    """Shared by every post list: who sees what, paging, and the date field."""

    model = Post
    date_field = "published_at"
    paginate_by = settings.BLOG_POSTS_PER_PAGE
    make_object_list = True

    def get_queryset(self):
        return Post.objects.published().for_listing()

    def get_paginator(self, queryset, per_page, **kwargs):
        """Django's paginator, its count kept per content generation (blog.cache.kept).
        The page's posts stay an unread slice of the queryset, read only when the page's
        "list" fragment is rendered: a list page reads no rows while the site is unchanged.
        """
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        key = ("count", self.request.path)
        paginator.count = generation.kept(self.request, key, queryset.count)
        return paginator


class PostListView(BlogViewMixin, ListView):
    template_name = "blog/post_list.html"


class PostDetailView(DetailView):
    model = Post

    def get_queryset(self):
        return (
            Post.objects.visible_to(self.request.user)
            .select_related("category", "author", "cover_image")
            .prefetch_related("tags")
            .with_comment_count()
            .with_thread_count()
        )

    def get_object(self, queryset=None):
        """The post, with its tags and comment counts: for readers, kept per content
        generation (blog.cache.kept); editors, who may preview drafts, read it afresh."""
        read = super().get_object
        if self.request.user.is_staff:
            return read(queryset)
        return generation.kept(self.request, ("post", self.kwargs["slug"]), lambda: read(queryset))

    def get_context_data(self, **kwargs):
        """The post's decks (one query), its neighbours and related posts (one), each read
        only when its fragment is rendered (blog/templatetags/fragments.py), and its comment
        section: a page of approved threads (one), this browser's pending ones,
        the form (a bound one after errors)."""
        context = super().get_context_data(**kwargs)
        # Read only when the template renders them, not when its fragments are kept.
        decks = SimpleLazyObject(lambda: post_decks(self.object))
        context.update(
            decks=decks,
            # The cover image, else the first slide (og:image, twitter:image, JSON-LD).
            image_url=SimpleLazyObject(lambda: cover_url(self.object) or first_slide_image(decks)),
            neighbours=SimpleLazyObject(lambda: neighbours(self.object)),
        )
        context.update(comment_context(self.request, self.object, kwargs.get("comment_form")))
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        own_comments.write(self.request, response)  # the thank-you note was shown
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
        slug = self.kwargs["slug"]
        self.category = generation.kept(
            self.request, ("category", slug), lambda: get_object_or_404(Category, slug=slug)
        )
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagDetailView(BlogViewMixin, ListView):
    template_name = "blog/tag_detail.html"

    def get_queryset(self):
        slug = self.kwargs["slug"]
        self.tag = generation.kept(
            self.request, ("tag", slug), lambda: get_object_or_404(Tag, slug=slug)
        )
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


def _first_day(year, month=1):
    try:
        return datetime.date(int(year), int(month), 1)
    except (TypeError, ValueError, OverflowError):  # OverflowError: a 30-digit year
        raise Http404(_("אין תאריך כזה.")) from None


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class ArchiveMixin(BlogViewMixin):
    """Year and month pages: which months have posts, and the neighbouring ones, come
    from the sidebar's query (the view hands it on), not from queries of their own."""

    def get(self, request, *args, **kwargs):
        self.sidebar = load_sidebar()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(sidebar=self.sidebar, **kwargs)

    def dated(self, since, until):
        """(months with posts in [since, until), the posts then); 404 when there are none."""
        months = [month for month in self.sidebar.months() if since <= month < until]
        if not months:
            raise Http404(_("לא פורסמו פוסטים בתקופה זו."))
        posts = self.get_queryset().filter(
            published_at__gte=_midnight(since), published_at__lt=_midnight(until)
        )
        return months, posts

    def nearest(self, since, until):
        """(the last month with posts before `since`, the first from `until`) or None."""
        months = self.sidebar.months()
        earlier = [month for month in months if month < since]
        later = [month for month in months if month >= until]
        return (earlier[-1] if earlier else None), (later[0] if later else None)


class PostYearArchiveView(ArchiveMixin, YearArchiveView):
    def get_dated_items(self):
        year = _first_day(self.get_year())
        following = year.replace(year=year.year + 1)
        months, posts = self.dated(year, following)
        previous, later = self.nearest(year, following)
        return (
            months,
            posts,
            {
                "year": year,
                "previous_year": previous and previous.replace(month=1),
                "next_year": later and later.replace(month=1),
            },
        )


class PostMonthArchiveView(ArchiveMixin, MonthArchiveView):
    month_format = "%m"

    def get_dated_items(self):
        month = _first_day(self.get_year(), self.get_month())
        following = (month + datetime.timedelta(days=31)).replace(day=1)
        _, posts = self.dated(month, following)
        previous, later = self.nearest(month, following)
        return None, posts, {"month": month, "previous_month": previous, "next_month": later}
