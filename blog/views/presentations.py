from django.db.models import Prefetch
from django.views.generic import DetailView

from blog.models import Post, Presentation


class PresentationMixin:
    """A presentation with its slides and published posts: three queries, any deck size."""

    model = Presentation
    context_object_name = "presentation"

    def get_queryset(self):
        return Presentation.objects.prefetch_related(
            "slides",
            Prefetch(
                "posts",
                queryset=Post.objects.published().order_by("-published_at"),
                to_attr="published_posts",
            ),
        )


class PresentationDetailView(PresentationMixin, DetailView):
    """The deck's own page: the viewer, what the deck is and the posts it belongs to."""

    template_name = "blog/presentation_detail.html"


class PresentationTextView(PresentationMixin, DetailView):
    """Every slide's text, one section per slide, for screen readers and search engines."""

    template_name = "blog/presentation_text.html"
