"""The post page's comment section, and this browser's own comments (blog.own_comments).

The post page (PostDetailView) and the comment POST (CommentCreateView, a subclass of
it) both build the section here: one page of approved threads, this browser's comments
still waiting for an editor, the thank-you note, and the form.

Threads (a top-level comment with all its replies) are paged, oldest first, 20 to a
page: page 1 is the post's own URL, page N is `?comments=N`. A link to one comment
(`?comment=ID#comment-ID`, Comment.get_absolute_url), a reply link, a form sent back
with errors and the redirect after posting all open the page that holds the comment's
thread, so the page costs the same whether the post has 20 comments or 2,000.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.forms.renderers import DjangoTemplates
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from blog import moderation, own_comments
from blog.forms import CommentForm
from blog.models import Comment, parse_comment_id

THREADS_PER_PAGE = 20
PAGE_PARAM = "comments"  # ?comments=N: the Nth page of threads
COMMENT_PARAM = "comment"  # ?comment=ID: the page that holds that comment's thread

NOTICE_PENDING = _(
    "תודה! התגובה התקבלה ותפורסם אחרי אישור העורכים. "
    "עד אז רק אתם רואים אותה כאן, מסומנת „ממתינה לאישור”."
)
NOTICE_APPROVED = _("תודה! התגובה פורסמה.")


_INPUTS = {f"django/forms/widgets/{kind}.html" for kind in ("text", "email", "url", "hidden")}
_TEXTAREA = "django/forms/widgets/textarea.html"
_LABEL = "django/forms/label.html"
_ERRORS = "django/forms/errors/list/default.html"


def _attrs(attrs):
    # As django/forms/widgets/attrs.html: False drops the attribute, True leaves it bare.
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget):
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def _textarea(widget):
    text = conditional_escape(widget["value"]) if widget["value"] else ""
    name = conditional_escape(widget["name"])
    return f'<textarea name="{name}"{_attrs(widget["attrs"])}>\n{text}</textarea>'


def _label(context):
    label = conditional_escape(context["label"])
    if not context["use_tag"]:
        return label
    return f"<{context['tag']}{_attrs(context['attrs'])}>{label}</{context['tag']}>"


def _errors(context):
    errors = context["errors"]
    if not errors:
        return ""
    field_id = f' id="{conditional_escape(errors.field_id)}_error"' if errors.field_id else ""
    items = "".join(f"<li>{conditional_escape(error)}</li>" for error in errors)
    return f'<ul class="{conditional_escape(context["error_class"])}"{field_id}>{items}</ul>'


_WRITERS = {_TEXTAREA: _textarea, **dict.fromkeys(_INPUTS, _input)}
_CONTEXT_WRITERS = {_LABEL: _label, _ERRORS: _errors}


class CommentFormRenderer(DjangoTemplates):
    """Django's form renderer with the comment form's widgets, labels and error lists
    written out in Python: the same markup as Django's templates for them, without four
    template renders per field (they were a fifth of the post page's render time)."""

    def render(self, template_name, context, request=None):
        if template_name in _WRITERS:
            return mark_safe(_WRITERS[template_name](context["widget"]))
        if template_name in _CONTEXT_WRITERS:
            return mark_safe(_CONTEXT_WRITERS[template_name](context))
        return super().render(template_name, context, request)


COMMENT_FORM_RENDERER = CommentFormRenderer()


def _index(tree):
    stack, found = list(tree), {}
    while stack:
        comment = stack.pop()
        found[comment.pk] = comment
        stack.extend(comment.children)
    return found


def _own_unapproved(request, post):
    """This browser's comments still waiting for an editor (blog.own_comments: a signed
    cookie, read only when the browser has one)."""
    if own_comments.COOKIE not in request.COOKIES:
        return [], None
    own = own_comments.read(request)
    pks, just_posted = own.pks, own.take_note(post)
    if not pks:
        return [], just_posted
    own = post.comments.filter(pk__in=pks, status__in=[Comment.Status.PENDING, Comment.Status.SPAM])
    return list(own), just_posted


def _merge_own(tree, by_pk, own, page):
    """Put this browser's unapproved comments into the tree, marked `is_own_pending`:
    a reply under its comment when that is on this page, a new thread on the last page."""
    for comment in own:
        comment.is_own_pending, comment.children = True, []
        parent = by_pk.get(comment.parent_id)
        if parent is not None:
            parent.children.append(comment)
        elif comment.parent_id is None and page.number == page.count:
            tree.append(comment)


@dataclass
class CommentPage:
    """Which page of threads this is, and how to reach the others."""

    number: int
    count: int
    url: str

    def link(self, number):
        return self.url if number == 1 else f"{self.url}?{PAGE_PARAM}={number}"

    @property
    def previous_url(self):
        return self.link(self.number - 1) if self.number > 1 else ""

    @property
    def next_url(self):
        return self.link(self.number + 1) if self.number < self.count else ""

    @property
    def query(self):
        """What a link that stays on this page starts with ("?", or "?comments=N&")."""
        return "?" if self.number == 1 else f"?{PAGE_PARAM}={self.number}&"

    @property
    def bounds(self):
        start = (self.number - 1) * THREADS_PER_PAGE
        return start, start + THREADS_PER_PAGE


def _page_of(post, comment_id, count):
    """The page holding the thread of comment `comment_id` of `post` (two queries), or 1."""
    row = (
        post.comments.filter(pk=comment_id)
        .values_list(
            "pk", "created_at", "parent_id", "parent__created_at",
            "parent__parent_id", "parent__parent__created_at",
        )
        .first()
    )  # fmt: skip
    if row is None:
        return 1
    # The thread starts at the highest comment of the chain (replies are two levels deep).
    chain = zip(row[::2], row[1::2], strict=True)
    root_pk, root_at = [(pk, at) for pk, at in chain if pk is not None][-1]
    earlier = Q(created_at__lt=root_at) | Q(created_at=root_at, pk__lt=root_pk)
    before = post.comments.approved().filter(earlier, parent=None).count()
    return min(before // THREADS_PER_PAGE + 1, count)


def _page_number(request, post, count, focus):
    """?comments=N, else the page of the comment in focus, else 1 (404 for a bad N)."""
    asked = request.GET.get(PAGE_PARAM)
    if asked is not None:
        number = parse_comment_id(asked)
        if number is None or not 1 <= number <= count:
            raise Http404(_("אין עמוד תגובות כזה."))
        return number
    if focus is not None and count > 1:
        return _page_of(post, focus, count)
    return 1


def _focus(request, form, just_posted):
    """The comment the reader is headed for: a permalink's, the one replied to, or the
    one just sent."""
    if form is not None and form.is_bound:
        return parse_comment_id(form["parent"].value())
    for name in (COMMENT_PARAM, "reply_to"):
        found = parse_comment_id(request.GET.get(name))
        if found is not None:
            return found
    return just_posted


def _threads(post, start, stop):
    """Approved threads start..stop (oldest first) with their replies, two levels deep
    (Comment.reply_target), as one query."""
    approved = post.comments.approved()
    roots = approved.filter(parent=None).order_by("created_at", "pk").values("pk")[start:stop]
    return approved.filter(
        Q(pk__in=roots) | Q(parent_id__in=roots) | Q(parent__parent_id__in=roots)
    )


def comment_page(request, post, form=None, just_posted=None):
    """The CommentPage for this request, and a function reading the approved threads on
    it (one query)."""
    threads = getattr(post, "thread_count", None)
    if threads is None:
        threads = post.comments.approved().filter(parent=None).count()
    count = max(1, -(-threads // THREADS_PER_PAGE))
    number = _page_number(request, post, count, _focus(request, form, just_posted))
    page = CommentPage(number, count, post.get_absolute_url())
    return page, lambda: post.comment_tree(_threads(post, *page.bounds) if count > 1 else None)


def _is_shared(request, form, own):
    """Whether this page of threads looks the same to every reader, so its HTML can be
    kept ({% fragment %}): not with this browser's own pending comments in it, nor with
    a form being answered or replying to a comment."""
    return not own and form is None and "reply_to" not in request.GET


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

    `comments` is one page of the approved tree (one query, read lazily where the page
    looks the same to everyone: `comments_shared`); this browser's own unapproved
    comments are merged in (one or two more queries), and a link to one comment costs two
    more to find its page.
    """
    own, just_posted = _own_unapproved(request, post)
    page, read_threads = comment_page(request, post, form, just_posted)
    shared = _is_shared(request, form, own)
    if shared:  # read only if its fragment is not kept
        tree, by_pk = SimpleLazyObject(read_threads), {}
    else:
        tree = read_threads()
        by_pk = _index(tree)
        _merge_own(tree, by_pk, own, page)
    notice = None
    if just_posted is not None:
        notice = NOTICE_PENDING if any(c.pk == just_posted for c in own) else NOTICE_APPROVED
    reason = moderation.closed_reason(post)
    form = _form(request, post, form, reason, by_pk)
    if form is not None:
        form.renderer = COMMENT_FORM_RENDERER
    replying_to = by_pk.get(parse_comment_id(form["parent"].value())) if form else None
    return {
        "comments": tree,
        "comments_shared": shared,
        "comment_page": page,
        "comment_form": form,
        "comments_closed_reason": reason,
        "comment_notice": notice,
        "replying_to": replying_to if replying_to and replying_to.is_approved else None,
    }
