from django.conf import settings
from django.views.generic import ListView

from blog.models import Post
from blog.search import SearchQuery


class SearchView(ListView):
    """/search/?q=… – a public GET page; any input gives results or a friendly message.

    The query is parsed once; the parsed query goes to the template with the results,
    where the highlighter marks its stems. Pages through the ranked ids only, then loads
    the page's ten posts: sorting all matches with their bodies attached would read every
    matching row in full.
    """

    template_name = "blog/search.html"
    paginate_by = settings.BLOG_POSTS_PER_PAGE

    def get_queryset(self):
        self.search = SearchQuery.parse(self.request.GET.get("q", ""))
        return Post.objects.published().search(self.search).values_list("pk", flat=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.search.text,
            search=self.search,
            **kwargs,
        )
        ids = list(context["object_list"])
        posts = (
            Post.objects.select_related("category")
            .only(
                "title", "slug", "excerpt", "body", "published_at",
                "category__name", "category__slug",
            )
            .in_bulk(ids)
        )  # fmt: skip
        context["object_list"] = [posts[pk] for pk in ids if pk in posts]
        return context
