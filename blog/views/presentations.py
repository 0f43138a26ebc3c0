from django.db.models import Prefetch
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView

from blog.models import Post, Presentation


class PresentationMixin:
    """A presentation with its slides and published posts: three queries, any deck size.

    Readers see only decks marked public or shown with a published post; staff also see
    the others (a preview, never cached)."""

    model = Presentation
    context_object_name = "presentation"

    def get_queryset(self):
        return Presentation.objects.visible_to(self.request.user).prefetch_related(
            "slides",
            Prefetch(
                "posts",
                queryset=Post.objects.published().order_by("-published_at"),
                to_attr="published_posts",
            ),
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not (self.object.is_public or self.object.published_posts):
            add_never_cache_headers(response)  # a staff preview: readers get a 404
        return response


class PresentationDetailView(PresentationMixin, DetailView):
    """The deck's own page: the viewer, what the deck is and the posts it belongs to."""

    template_name = "blog/presentation_detail.html"


class PresentationTextView(PresentationMixin, DetailView):
    """Every slide's text, one section per slide, for screen readers and search engines."""

    template_name = "blog/presentation_text.html"
