"""The post page's comment section, and this browser's own comments in its session.

The post page (PostDetailView) and the comment POST (CommentCreateView, a subclass of
it) both build the section here: the approved tree, this browser's comments still
waiting for an editor, the thank-you note, and the form.
"""

from django.conf import settings

from blog import moderation
from blog.forms import CommentForm
from blog.models import Comment, parse_comment_id

OWN_COMMENTS = "blog_own_comments"  # session: pks of comments this browser sent
JUST_POSTED = "blog_comment_posted"  # session: [post pk, comment pk] for the thank-you note
OWN_COMMENTS_KEPT = 50

NOTICE_PENDING = (
    "תודה! התגובה התקבלה ותפורסם אחרי אישור העורכים. "
    "עד אז רק אתם רואים אותה כאן, מסומנת „ממתינה לאישור”."
)
NOTICE_APPROVED = "תודה! התגובה פורסמה."


def remember(session, comment):
    """Note in the session that this browser sent `comment` (for its pending view)."""
    session[OWN_COMMENTS] = [*session.get(OWN_COMMENTS, []), comment.pk][-OWN_COMMENTS_KEPT:]
    session[JUST_POSTED] = [comment.post_id, comment.pk]


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


def _merge_own(tree, by_pk, own):
    """Put this browser's unapproved comments into the tree, marked `is_own_pending`."""
    for comment in own:
        comment.is_own_pending, comment.children = True, []
        parent = by_pk.get(comment.parent_id)
        (parent.children if parent else tree).append(comment)


def _form(request, post, form, reason, by_pk):
    """The bound form after errors, else a fresh one (replying when ?reply_to= says so)."""
    if form is None and reason is None:
        form = CommentForm(post=post)
        reply_to = by_pk.get(parse_comment_id(request.GET.get("reply_to")))
        if reply_to is not None and reply_to.is_approved:
            form.initial["parent"] = reply_to.pk
    return form


def comment_context(request, post, form=None):
    """Context for templates/blog/includes/comments.html.

    `comments` is the approved tree (one query); for a browser with a session, its own
    unapproved comments are merged in (one or two more queries).
    """
    tree = post.comment_tree()
    by_pk = _index(tree)
    own, just_posted = _own_unapproved(request, post)
    _merge_own(tree, by_pk, own)
    notice = None
    if just_posted is not None:
        notice = NOTICE_PENDING if any(c.pk == just_posted for c in own) else NOTICE_APPROVED
    reason = moderation.closed_reason(post)
    form = _form(request, post, form, reason, by_pk)
    replying_to = by_pk.get(parse_comment_id(form["parent"].value())) if form else None
    return {
        "comments": tree,
        "comment_form": form,
        "comments_closed_reason": reason,
        "comment_notice": notice,
        "replying_to": replying_to if replying_to and replying_to.is_approved else None,
    }
