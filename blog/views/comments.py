"""Posting a comment, and the fresh form token a reader's browser asks for.

The comment endpoint is CSRF-exempt on purpose: readers comment anonymously, so there is
no session or login a forged request could ride on, and leaving `{% csrf_token %}` out
keeps the post page's HTML the same for every anonymous reader (publicly cacheable, and
kept whole in the page cache). What guards the endpoint instead: the signed timestamp
token, the honeypot, the per-IP rate limit, the blocklist and link limit, and moderation
before anything is shown.

The token's time must be the reader's, not the page's (a cached page may be minutes
old): site.js fetches a fresh token from `comment_token` when the reader starts
writing; without JavaScript, a send with the page's own token comes back once with a
fresh token and a "please confirm" note, everything typed kept (blog.forms).
"""

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from blog import moderation
from blog.forms import CommentForm, make_token
from blog.models import Post
from blog.views.comment_section import remember
from blog.views.posts import PostDetailView

RATE_LIMITED = "נשלחו מכאן תגובות רבות בזמן קצר. המתינו דקה ושלחו שוב – הטקסט שכתבתם נשמר."


@method_decorator(csrf_exempt, name="dispatch")
class CommentCreateView(PostDetailView):
    """POST a comment: store it (pending, approved or spam) and redirect, or show the
    post page again with the errors and everything the reader typed."""

    http_method_names = ["post"]

    def post(self, request, slug):
        post = get_object_or_404(Post, slug=slug)
        form = CommentForm(request.POST, post=post)
        if not form.is_valid():
            return self.invalid(form, status=400)
        ip = moderation.client_ip(request)
        if moderation.rate_limited(ip):
            form.add_error(None, RATE_LIMITED)
            return self.invalid(form, status=429)

        comment = form.save(commit=False)
        comment.ip_address = ip
        comment.user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
        duplicate = moderation.find_duplicate(comment)
        if duplicate is not None:
            # A double submit or a resend: the first copy stands.
            comment = duplicate
        else:
            verdict = moderation.judge(comment, honeypot_filled=form.honeypot_filled)
            comment.status, comment.moderation_note = verdict.status, verdict.note
            comment.save()
            moderation.notify_editors(comment, request)
        remember(request.session, comment)
        return HttpResponseRedirect(f"{post.get_absolute_url()}#comment-{comment.pk}")

    def invalid(self, form, status):
        if not (form.post.is_published() or self.request.user.is_staff):
            # Readers may not see an unpublished post: say why, and give their text back.
            return render(
                self.request,
                "blog/includes/comment_unavailable.html",
                {"comment_form": form},
                status=404,
            )
        self.object = self.get_object()
        context = self.get_context_data(object=self.object, comment_form=form)
        return self.render_to_response(context, status=status)


@require_GET
@never_cache
def comment_token(request, slug):
    """A fresh form token (JSON), never cached, setting no cookie: its time starts the
    reader's minimum writing time."""
    post = get_object_or_404(Post.objects.published(), slug=slug)
    return JsonResponse({"token": make_token(post)})
