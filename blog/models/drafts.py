"""What an editor has not saved yet, and what they threw away: the post form's autosaves
and the trash's view of posts (issue 10)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from blog.models.posts import Post


class TrashedPost(Post):
    """The posts in the trash, as their own admin list ("סל המחזור"); see blog.trash."""

    class Meta:
        proxy = True
        verbose_name = _("פוסט בסל המחזור")
        verbose_name_plural = _("פוסטים בסל המחזור")


class Autosave(models.Model):
    """The post form as an editor was typing it, kept every few seconds by the form's
    script (static/blog/admin/post_editor.js): never the post itself. One per editor and
    post (`post` empty: a post not saved yet); offered back when newer than the post."""

    post = models.ForeignKey(
        Post,
        verbose_name=_("פוסט"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("משתמש"), on_delete=models.CASCADE
    )
    data = models.JSONField(_("תוכן הטופס"), default=dict)
    saved_at = models.DateTimeField(_("נשמר"), auto_now=True)

    class Meta:
        verbose_name = _("טיוטה שמורה אוטומטית")
        verbose_name_plural = _("טיוטות שמורות אוטומטית")
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="one_autosave_per_editor")
        ]

    def __str__(self):
        return str(self.data.get("title") or self.post or _("פוסט חדש"))
