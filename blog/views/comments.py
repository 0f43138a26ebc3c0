"""Posting comments, and the comment part of the post page's context.

The comment endpoint is CSRF-exempt on purpose: readers comment anonymously, so there is
no session or login a forged request could ride on, and leaving `{% csrf_token %}` out
keeps the post page's HTML the same for every anonymous reader (publicly cacheable).
What guards the endpoint instead: the signed timestamp token, the honeypot, the per-IP
rate limit, the blocklist and link limit, and moderation before anything is shown.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from blog import moderation
from blog.forms import CommentForm
from blog.models import Comment, Post

OWN_COMMENTS = "blog_own_comments"  # session: pks of comments this browser sent
JUST_POSTED = "blog_comment_posted"  # session: [post pk, comment pk] for the thank-you note
OWN_COMMENTS_KEPT = 50

RATE_LIMITED = "נשלחו מכאן תגובות רבות בזמן קצר. המתינו דקה ושלחו שוב – הטקסט שכתבתם נשמר."
NOTICE_PENDING = (
    "תודה! התגובה התקבלה ותפורסם אחרי אישור העורכים. "
    "עד אז רק אתם רואים אותה כאן, מסומנת „ממתינה לאישור”."
)
NOTICE_APPROVED = "תודה! התגובה פורסמה."


def _index(tree):
    stack, found = list(tree), {}
    while stack:
        comment = stack.pop()
        found[comment.pk] = comment
        stack.extend(comment.children)
    return found


def _own_unapproved(request, post):
    """This browser's comments still waiting for an editor (only if it has a session)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return [], None
    pks = request.session.get(OWN_COMMENTS, [])
    just_posted = None
    if (request.session.get(JUST_POSTED) or [None])[0] == post.pk:
        just_posted = request.session.pop(JUST_POSTED)[1]
    if not pks:
        return [], just_posted
    own = post.comments.filter(pk__in=pks, status__in=[Comment.Status.PENDING, Comment.Status.SPAM])
    return list(own), just_posted


def comment_context(request, post, form=None):
    """Context for templates/blog/includes/comments.html.

    `comments` is the approved tree (one query); for a browser with a session, its own
    unapproved comments are merged in, marked `is_own_pending` (one or two more queries).
    """
    tree = post.comment_tree()
    by_pk = _index(tree)
    own, just_posted = _own_unapproved(request, post)
    for comment in own:
        comment.is_own_pending, comment.children = True, []
        parent = by_pk.get(comment.parent_id)
        (parent.children if parent else tree).append(comment)
    notice = None
    if just_posted is not None:
        notice = NOTICE_PENDING if any(c.pk == just_posted for c in own) else NOTICE_APPROVED

    reason = moderation.closed_reason(post)
    if form is None and reason is None:
        form = CommentForm(post=post)
        reply_to = by_pk.get(_int(request.GET.get("reply_to")))
        if reply_to is not None and reply_to.is_approved:
            form.initial["parent"] = reply_to.pk
    replying_to = None
    if form is not None:
        replying_to = by_pk.get(_int(form["parent"].value()))
    return {
        "comments": tree,
        "comment_form": form,
        "comments_closed_reason": reason,
        "comment_notice": notice,
        "replying_to": replying_to if replying_to and replying_to.is_approved else None,
    }


def _int(value):
    value = str(value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


@method_decorator(csrf_exempt, name="dispatch")
class CommentCreateView(View):
    """POST a comment: store it (pending, approved or spam) and redirect, or show errors."""

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
        self.remember(comment)
        return HttpResponseRedirect(f"{post.get_absolute_url()}#comment-{comment.pk}")

    def remember(self, comment):
        session = self.request.session
        session[OWN_COMMENTS] = [*session.get(OWN_COMMENTS, []), comment.pk][-OWN_COMMENTS_KEPT:]
        session[JUST_POSTED] = [comment.post_id, comment.pk]

    def invalid(self, form, status):
        # Imported here: blog.views.posts imports comment_context from this module.
        from blog.views.posts import PostDetailView

        post = form.post
        if not (post.is_published() or self.request.user.is_staff):
            # Readers may not see an unpublished post: say why, and give their text back.
            return render(
                self.request,
                "blog/includes/comment_unavailable.html",
                {"comment_form": form},
                status=404,
            )
        view = PostDetailView()
        view.setup(self.request, slug=post.slug)
        view.object = view.get_object()
        context = view.get_context_data(object=view.object, comment_form=form)
        return view.render_to_response(context, status=status)
