"""Posting a comment, and the fresh form token a reader's browser asks for.

The comment endpoint is CSRF-exempt on purpose: readers comment anonymously, so there is
no session or login a forged request could ride on, and leaving `{% csrf_token %}` out
keeps the post page's HTML the same for every anonymous reader (publicly cacheable, and
kept whole in the page cache). What guards the endpoint instead: a browser's word that
the form was sent from this site (Origin / Sec-Fetch-Site), the signed timestamp token
(bound to its post, accepted once), the honeypot, the rate limits per client address
(blog.clientip) and per post, the blocklist and link limit, and moderation before
anything is shown. The sender's own comments are remembered in a signed cookie
(blog.own_comments), never a session.

The token's time must be the reader's, not the page's (a cached page may be minutes
old): site.js fetches a fresh token from `comment_token` when the reader starts
writing; without JavaScript, a send with the page's own token comes back once with a
fresh token and a "please confirm" note, everything typed kept (blog.forms).
"""

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from blog import moderation, own_comments, tasks
from blog.clientip import client_ip
from blog.forms import CommentForm, make_token
from blog.models import Post
from blog.views.posts import PostDetailView

RATE_LIMITED = _("נשלחו מכאן תגובות רבות בזמן קצר. המתינו דקה ושלחו שוב – הטקסט שכתבתם נשמר.")
POST_BUSY = _(
    "לפוסט הזה נשלחו תגובות רבות בדקות האחרונות. נסו שוב בעוד כמה דקות – הטקסט שכתבתם נשמר."
)
CROSS_SITE = _("אפשר לשלוח תגובה רק מהטופס שבאתר עצמו. הטקסט שכתבתם נשמר: בדקו אותו ושלחו מכאן.")
REFUSED = {"client": (RATE_LIMITED, 429), "post": (POST_BUSY, 429)}


def same_site_origin(request):
    """Whether a POST comes from this site's own pages.

    Browsers say where a request comes from in Sec-Fetch-Site (all current ones) and
    Origin (on every POST); a form on another site shows as "cross-site" or "same-site"
    (a sibling subdomain) and with that site's origin. Requests without either header
    (old browsers, scripts) pass: the token, rate limits and moderation still apply.
    """
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE", "")
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        own = f"{request.scheme}://{request.get_host()}"
        return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
    return fetch_site not in ("cross-site", "same-site")


def is_editor(request):
    """A logged-in editor (staff who may moderate comments) writing from this site's own
    page: the browser must say so (Sec-Fetch-Site or Origin), since this endpoint takes
    no CSRF token and the editor's comment skips moderation."""
    user = request.user
    if not (user.is_authenticated and user.is_staff and user.has_perm("blog.change_comment")):
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return (
        request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"
        or request.META.get("HTTP_ORIGIN") == own
    )


@method_decorator(csrf_exempt, name="dispatch")
class CommentCreateView(PostDetailView):
    """POST a comment: store it (pending, approved or spam) and redirect, or show the
    post page again with the errors and everything the reader typed."""

    http_method_names = ["post"]

    def post(self, request, slug):
        post = get_object_or_404(Post, slug=slug)
        form = CommentForm(request.POST, post=post)
        if not same_site_origin(request):
            form.is_valid()
            form.add_error(None, CROSS_SITE)
            return self.invalid(form, status=403)
        if not form.is_valid():
            return self.invalid(form, status=400)
        comment = form.save(commit=False)
        if is_editor(request):
            comment.by_editor, comment.user = True, request.user
        comment.ip_address = client_ip(request)
        comment.user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
        outcome = moderation.accept(comment, form.token_id, honeypot_filled=form.honeypot_filled)
        if outcome.refused == "token":
            form.refuse_used_token()
            return self.invalid(form, status=400)
        if outcome.refused:
            message, status = REFUSED[outcome.refused]
            form.add_error(None, message)
            return self.invalid(form, status=status)
        if outcome.new:
            tasks.notify_editors(outcome.comment, request)
        own_comments.read(request).add(outcome.comment)
        response = HttpResponseRedirect(f"{post.get_absolute_url()}#comment-{outcome.comment.pk}")
        return own_comments.write(request, response)

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
