import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import URLValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from blog.models import Comment, parse_comment_id
from blog.moderation import closed_reason
from blog.sanitize import strip_bidi_controls

TOKEN_SALT = "blog.comment-form"
NAME_MAX, BODY_MAX = 80, 5000

BAD_TOKEN = _("הטופס אינו תקין או שפג תוקפו. הטקסט שכתבתם נשמר: בדקו אותו ושלחו שוב.")
TOO_FAST = _("הטופס נשלח מהר מדי. בדקו את התגובה ושלחו אותה שוב.")
CONFIRM = _(
    "עוד צעד אחד: כדי לוודא שהתגובה נשלחת מאדם ולא מתוכנה, בדקו אותה ולחצו שוב על "
    "„שליחת התגובה”. כל מה שכתבתם נשמר."
)
BAD_PARENT = _("אפשר להגיב רק לתגובה שפורסמה בפוסט הזה. התגובה שלכם תישלח כתגובה לפוסט.")
USED_TOKEN = _("הטופס הזה כבר שימש לשליחת תגובה. הטקסט שכתבתם נשמר: בדקו אותו ושלחו שוב.")
NO_NULLS = _("הטקסט מכיל תו בקרה אסור (NUL).")


def make_token(post, *, fresh=True):
    """A signed, timestamped token naming the post; it carries nothing of the reader.

    A fresh token (from the token endpoint, or in a form sent back) starts the reader's
    clock when it is issued: a send BLOG_COMMENT_MIN_SECONDS later passes. A page token
    (fresh=False) is what a page renders; that page may reach the reader from a cache
    minutes later, so its time proves nothing, and a send with it gets a fresh token and
    one "please confirm" step instead.
    """
    payload = {"p": post.pk, "t": int(time.time())}
    if fresh:
        # Its own id: a fresh token is accepted once (blog.moderation.use_token).
        payload["f"], payload["n"] = 1, secrets.token_urlsafe(12)
    return signing.dumps(payload, salt=TOKEN_SALT)


def _length_message(what, limit):
    # Django's validator fills %(show_value)s; the limit gets a thousands separator.
    message = _("{what} ארוך מדי: עד {limit} תווים (נכתבו %(show_value)s).")
    return format_lazy(message, what=what, limit=f"{limit:,}")


class CommentForm(forms.ModelForm):
    """A reader's comment or reply. Keeps every typed value when it is sent back."""

    author_name = forms.CharField(
        label=_("שם"),
        max_length=NAME_MAX,
        error_messages={
            "required": _("נא לכתוב שם."),
            "max_length": _length_message(_("השם"), NAME_MAX),
            "null_characters_not_allowed": NO_NULLS,
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )
    author_email = forms.EmailField(
        label=_("דוא״ל"),
        max_length=254,
        help_text=_("לא יוצג באתר."),
        error_messages={
            "required": _("נא לכתוב כתובת דוא״ל."),
            "invalid": _("כתובת הדוא״ל אינה תקינה. לדוגמה: name@example.org"),
            "max_length": _length_message(_("כתובת הדוא״ל"), 254),
            "null_characters_not_allowed": NO_NULLS,
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    author_url = forms.URLField(
        label=_("אתר (לא חובה)"),
        required=False,
        max_length=300,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={
            "invalid": _("כתובת האתר אינה תקינה. לדוגמה: https://example.org"),
            "max_length": _length_message(_("כתובת האתר"), 300),
            "null_characters_not_allowed": NO_NULLS,
        },
        widget=forms.URLInput(attrs={"autocomplete": "url", "dir": "ltr"}),
    )
    body = forms.CharField(
        label=_("תגובה"),
        max_length=BODY_MAX,
        help_text=format_lazy(
            _("טקסט פשוט, עד {limit} תווים. קישורים יהפכו ללחיצים."), limit=f"{BODY_MAX:,}"
        ),
        error_messages={
            "required": _("נא לכתוב את תוכן התגובה."),
            "max_length": _length_message(_("הטקסט"), BODY_MAX),
            "null_characters_not_allowed": NO_NULLS,
        },
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # Honeypot: hidden from people by CSS (and from keyboards and screen readers).
    fax = forms.CharField(
        label=_("השאירו את השדה הזה ריק"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Comment
        fields = ["author_name", "author_email", "author_url", "body"]

    def __init__(self, *args, post, **kwargs):
        self.post = post
        kwargs.setdefault("instance", Comment(post=post))
        super().__init__(*args, **kwargs)
        self.fields["token"].initial = make_token(post, fresh=False)
        for name in ("author_name", "body"):
            # Browsers cut pasted text at maxlength without a word; let the server say it.
            self.fields[name].widget.attrs.pop("maxlength", None)
        self.reply_to = None
        self.token_id = None

    def clean_author_name(self):
        return self._clean_text("author_name")

    def clean_body(self):
        return self._clean_text("body")

    def _clean_text(self, name):
        # Bidi controls are dropped; text that was nothing but them counts as empty.
        value = strip_bidi_controls(self.cleaned_data[name]).strip()
        if not value:
            raise forms.ValidationError(self.fields[name].error_messages["required"], "required")
        return value

    @property
    def only_needs_confirmation(self):
        """Sent with a page token and nothing else wrong: the form asks to send again."""
        errors = self.errors.as_data() if self.is_bound else {}
        return list(errors) == [NON_FIELD_ERRORS] and all(
            error.code == "confirm" for error in errors[NON_FIELD_ERRORS]
        )

    @property
    def honeypot_filled(self):
        return bool(self.is_bound and self.data.get("fax", "").strip())

    def clean(self):
        cleaned = super().clean()
        reason = closed_reason(self.post)
        if reason:
            raise forms.ValidationError(reason, code="closed")
        self._check_token(cleaned.get("token") or "")
        self.reply_to = self._check_parent(cleaned.get("parent") or "")
        return cleaned

    def _check_token(self, token):
        try:
            payload = signing.loads(token, salt=TOKEN_SALT, max_age=settings.BLOG_COMMENT_MAX_AGE)
            if payload["p"] != self.post.pk:
                raise signing.BadSignature("token of another post")
            age, fresh = time.time() - payload["t"], payload.get("f") == 1
            if fresh and not isinstance(payload.get("n"), str):
                raise signing.BadSignature("a fresh token without its id")
        except (signing.BadSignature, KeyError, TypeError):
            self._renew_token()
            raise forms.ValidationError(BAD_TOKEN, code="bad_token") from None
        if not fresh:
            # A page token, maybe from a cached page: its time says nothing of the reader.
            self._renew_token()
            raise forms.ValidationError(CONFIRM, code="confirm")
        if age < settings.BLOG_COMMENT_MIN_SECONDS:
            # The same token will be old enough by the time the reader sends again.
            raise forms.ValidationError(TOO_FAST, code="too_fast")
        self.token_id = payload["n"]

    def refuse_used_token(self):
        """The token was already used for another comment: say so, with a fresh one."""
        self._renew_token()
        self.add_error(None, forms.ValidationError(USED_TOKEN, code="used_token"))

    def _renew_token(self):
        self.data = self.data.copy()
        self.data["token"] = make_token(self.post)

    def _check_parent(self, value):
        if not value.strip():
            return None
        parent, pk = None, parse_comment_id(value)
        if pk is not None:
            parent = (
                Comment.objects.approved()
                .filter(pk=pk, post=self.post)
                .select_related("parent__parent")
                .first()
            )
        if parent is None:
            self.data = self.data.copy()
            self.data["parent"] = ""
            raise forms.ValidationError(BAD_PARENT, code="bad_parent")
        return parent

    def save(self, commit=True):
        self.instance.parent = self.reply_to
        return super().save(commit=commit)
