"""This browser's own comments, in a signed cookie instead of a session.

A reader who comments sees their comment, marked pending, until an editor approves it,
and a thank-you note once. That needs only a list of comment ids the browser may be
shown, signed so it cannot be forged: no session row in the database per comment (a
flood of comments made one each), and nothing to clean up.

The cookie is per visitor: like the session cookie, it keeps the page cache and shared
caches out of the way (core.cache.PER_VISITOR_COOKIES, deploy/nginx.conf).
"""

from django.conf import settings
from django.core import signing

COOKIE = "blog_own_comments"
SALT = "blog.own-comments"
KEPT = 50
MAX_AGE = 30 * 24 * 3600  # long enough for an editor to get to a held comment


class Own:
    """The ids of this browser's comments, and [post pk, comment pk] of the one it has
    just sent whose thank-you note is still to be shown."""

    def __init__(self, pks=(), just_posted=None):
        self.pks, self.just_posted, self.changed = list(pks), just_posted, False

    def add(self, comment):
        self.pks = [*[pk for pk in self.pks if pk != comment.pk], comment.pk][-KEPT:]
        self.just_posted, self.changed = [comment.post_id, comment.pk], True

    def take_note(self, post):
        """The comment whose thank-you note this page of `post` shows (once), or None."""
        if not self.just_posted or self.just_posted[0] != post.pk:
            return None
        pk, self.just_posted, self.changed = self.just_posted[1], None, True
        return pk

    def value(self):
        return {"c": self.pks, "j": self.just_posted}


def _parse(data):
    pks = data.get("c") if isinstance(data, dict) else None
    if not isinstance(pks, list) or not all(type(pk) is int for pk in pks):
        return Own()
    just = data.get("j")
    if not (isinstance(just, list) and len(just) == 2 and all(type(n) is int for n in just)):
        just = None
    return Own(pks[-KEPT:], just)


def read(request):
    """This browser's Own (empty without a valid cookie), kept on the request so the
    response can write back what changed."""
    own = getattr(request, "_blog_own_comments", None)
    if own is None:
        raw = request.COOKIES.get(COOKIE)
        own = Own()
        if raw:
            try:
                own = _parse(signing.loads(raw, salt=SALT, max_age=MAX_AGE))
            except signing.BadSignature:
                own = Own()
        request._blog_own_comments = own
    return own


def write(request, response):
    """Set the cookie on `response` if this request changed the browser's list."""
    own = getattr(request, "_blog_own_comments", None)
    if own is None or not own.changed:
        return response
    response.set_cookie(
        COOKIE,
        signing.dumps(own.value(), salt=SALT, compress=True),
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
