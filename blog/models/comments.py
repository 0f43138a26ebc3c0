import re

import bleach
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from blog.models.posts import Post
from blog.sanitize import strip_bidi_controls

MAX_DEPTH = 2  # 0-based: replies show at most three levels

# Links in comment text: only real web addresses become clickable.
_LINK_REL = "nofollow ugc noopener"
_WEB_LINK = re.compile(r"^https?://", re.IGNORECASE)


def parse_comment_id(value):
    """A comment id as sent in a form field or a query string, or None when it is not one
    (only ASCII digits, short enough for a bigint column)."""
    value = str(value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def _comment_link(attrs, new=False):
    # Only http(s) links survive; anything else (javascript:, data:, ...) stays text.
    if not _WEB_LINK.match(attrs.get((None, "href"), "")):
        return None
    attrs[(None, "rel")] = _LINK_REL
    return attrs


_linker = bleach.linkifier.Linker(callbacks=[_comment_link], parse_email=False)


def render_comment_text(text):
    """Plain comment text as safe HTML: escaped, paragraphs and line breaks, web links."""
    return _linker.linkify(linebreaks(strip_bidi_controls(text), autoescape=True))


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def public(self):
        """Approved comments on posts readers can see (feeds and lists)."""
        return self.approved().filter(post__in=Post.objects.published())


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("ממתינה לאישור")
        APPROVED = "approved", _("מאושרת")
        SPAM = "spam", _("זבל")
        REMOVED = "removed", _("הוסרה")

    post = models.ForeignKey(
        "blog.Post", verbose_name=_("פוסט"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("תגובה לתגובה"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(_("עומק"), default=0, editable=False)
    author_name = models.CharField(_("שם"), max_length=80)
    author_email = models.EmailField(_("דוא״ל"), help_text=_("לא מוצג לקוראים."))
    author_url = models.URLField(_("אתר"), blank=True, max_length=300)
    body = models.TextField(_("תוכן התגובה"))
    body_html = models.TextField(editable=False, blank=True, default="")
    status = models.CharField(
        _("מצב"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    moderation_note = models.CharField(
        _("הערת סינון"),
        max_length=200,
        blank=True,
        help_text=_("למה התגובה עוכבה או סומנה כזבל (ממלא המסנן האוטומטי)."),
    )
    created_at = models.DateTimeField(_("נשלחה"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(_("כתובת IP"), null=True, blank=True)
    user_agent = models.CharField(_("דפדפן"), max_length=300, blank=True)
    # An imported comment's id in WordPress (blog.importers): re-imports match on it.
    wp_id = models.PositiveBigIntegerField(_("מספר התגובה בוורדפרס"), null=True, blank=True)
    # Written by one of the site's editors (from the admin, or logged in on the site):
    # published without moderation and shown with a "צוות האתר" badge.
    by_editor = models.BooleanField(
        _("תגובת צוות האתר"),
        default=False,
        help_text=_("תגובה של עורך: מתפרסמת בלי המתנה לאישור ומסומנת „צוות האתר”."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("משתמש באתר"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        editable=False,
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("תגובה")
        verbose_name_plural = _("תגובות")
        indexes = [models.Index(fields=["post", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["post", "wp_id"], name="unique_comment_wp_id")
        ]

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"

    def save(self, *args, **kwargs):
        if self.parent_id:
            self.parent = self.reply_target(self.parent)
            self.depth = self.parent.depth + 1
        else:
            self.depth = 0
        # Bidi controls in a name or text could flip the surrounding page.
        self.author_name = strip_bidi_controls(self.author_name).strip()
        self.body = strip_bidi_controls(self.body).strip()
        self.body_html = render_comment_text(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The post page that holds this comment's thread (the view finds which page of
        comments that is), scrolled to the comment."""
        post_url = reverse("blog:post", kwargs={"slug": self.post.slug})
        return f"{post_url}?comment={self.pk}#comment-{self.pk}"

    @staticmethod
    def reply_target(parent):
        """The comment a reply to `parent` hangs under: replies deeper than the deepest
        shown level attach to that level's comment."""
        while parent is not None and parent.depth >= MAX_DEPTH:
            parent = parent.parent
        return parent

    @property
    def excerpt(self):
        return Truncator(self.body).chars(80)

    @property
    def web_url(self):
        """The author's website, only when it is a plain web address."""
        return self.author_url if _WEB_LINK.match(self.author_url or "") else ""

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED


class BlockedTerm(models.Model):
    """Words or addresses that send a comment straight to spam; editors maintain the list."""

    class Kind(models.TextChoices):
        WORD = "word", _("מילה או ביטוי")
        EMAIL = "email", _("כתובת דוא״ל")
        IP = "ip", _("כתובת IP")

    kind = models.CharField(_("סוג"), max_length=10, choices=Kind.choices, default=Kind.WORD)
    value = models.CharField(
        _("ערך"),
        max_length=200,
        help_text=_(
            "מילה או ביטוי (בלי הבדל בין אותיות גדולות לקטנות), כתובת דוא״ל מלאה, "
            "דומיין שלם שמתחיל ב-@ (למשל ‎@example.com), או כתובת IP."
        ),
    )
    note = models.CharField(_("הערה"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("נוסף"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "value"]
        verbose_name = _("מונח חסום")
        verbose_name_plural = _("רשימת חסימה")
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="unique_blocked_term")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"
