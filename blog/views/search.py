import html

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.views.generic import ListView

from blog import cache as generation
from blog.models import Post, Slide
from blog.search import SearchQuery, ranked_ids


def mark_slide_matches(posts, search):
    """Set `slide_match` ({number, anchor, text}) on each of `posts` that `search`
    matched only thanks to its slides: the first slide (in the order the post page
    shows them) that holds a term its own texts lack. One query, and only when a post
    of the page needs it; a post known to have no slides (`has_slides`) is skipped
    without reading its texts again."""
    pending = {}
    for post in posts:
        if not getattr(post, "has_slides", True):
            continue
        body = html.unescape(strip_tags(post.body or ""))
        missing = search.missing_terms(post.title, post.excerpt, body, post.category.name)
        if missing:
            pending[post.pk] = (post, missing)
    if not pending:
        return
    slides = (
        Slide.objects.filter(presentation__posts__in=list(pending))
        .order_by("-presentation__event_date", "-presentation_id", "number")
        .values_list("presentation__posts", "presentation_id", "number", "title", "text")
    )
    first_deck = {}
    for post_id, deck_id, number, title, text in slides:
        post, missing = pending[post_id]
        first_deck.setdefault(post_id, deck_id)
        if hasattr(post, "slide_match"):
            continue
        within = SearchQuery(search.text, tuple(missing))
        if len(within.missing_terms(title, text)) < len(missing):
            prefix = "" if deck_id == first_deck[post_id] else f"deck-{deck_id}-"
            post.slide_match = {
                "number": number,
                "anchor": f"{prefix}slide-{number}",
                "text": text or title,
            }


class SearchView(ListView):
    """/search/?q=… – a public GET page; any input gives results or a friendly message.

    The query is parsed once; the parsed query goes to the template with the results,
    where the highlighter marks the words that match it. Pages through the ranked ids
    only, then loads the page's ten posts: sorting all matches with their bodies attached
    would read every matching row in full. The search window bounds the ids.
    """

    template_name = "blog/search.html"
    paginate_by = settings.BLOG_POSTS_PER_PAGE

    def get_queryset(self):
        self.search = SearchQuery.parse(self.request.GET.get("q", ""))
        self.window_full = False
        if not self.search.searchable:
            return []
        # The ranked ids (at most BLOG_SEARCH_WINDOW, so the paginator counts a list) and
        # whether the window was full, kept per content generation: a search repeated
        # before anything changes reads nothing.
        ids, self.window_full = generation.kept(
            self.request, ("search", self.search.text), self._ranked
        )
        return ids

    def _ranked(self):
        ids = ranked_ids(Post.objects.published(), self.search)
        return ids, self.search.window().full

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.search.text,
            search=self.search,
            window_full=self.window_full,
            window_size=settings.BLOG_SEARCH_WINDOW,
            **kwargs,
        )
        ids = list(context["object_list"])
        # Read only when the results fragment is not kept (templates/blog/search.html).
        context["object_list"] = SimpleLazyObject(lambda: self._posts(ids))
        return context

    def _posts(self, ids):
        decks = Slide.objects.filter(presentation__posts=OuterRef("pk"))
        posts = (
            Post.objects.select_related("category")
            .only(
                "title", "slug", "excerpt", "body", "published_at",
                "category__name", "category__slug",
            )
            .annotate(has_slides=Exists(decks))
            .in_bulk(ids)
        )  # fmt: skip
        found = [posts[pk] for pk in ids if pk in posts]
        mark_slide_matches(found, self.search)
        return found
