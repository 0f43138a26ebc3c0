"""The media library: an uploaded or imported image, its WebP renditions, and its alt text.

Rows are made by blog.media (validate, render, store under content-hashed names); this
module only describes them, renders the <img> tag, and deletes a row's files once the
deletion commits.
"""

import posixpath
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from blog.files import remove_empty_folders

IMAGES_DIR = "images"
DEFAULT_SIZES = "(max-width: 700px) 100vw, 700px"
ALT_REQUIRED = _("יש לכתוב טקסט חלופי, או לסמן שהתמונה דקורטיבית.")


class RenditionFile(NamedTuple):
    width: int
    height: int
    name: str  # in the default storage

    @property
    def url(self):
        return default_storage.url(self.name)


class Image(models.Model):
    file = models.FileField(_("קובץ מקורי"), upload_to=IMAGES_DIR, max_length=255, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, unique=True, editable=False)
    width = models.PositiveIntegerField(_("רוחב"), default=0, editable=False)
    height = models.PositiveIntegerField(_("גובה"), default=0, editable=False)
    alt = models.TextField(
        _("טקסט חלופי"),
        blank=True,
        help_text=_(
            "מה רואים בתמונה, במשפט קצר, למי שאינו רואה אותה (קוראי מסך, מנועי חיפוש). "
            "חובה, אלא אם התמונה דקורטיבית."
        ),
    )
    decorative = models.BooleanField(
        _("תמונה דקורטיבית"),
        default=False,
        help_text=_("סמנו רק כשהתמונה אינה מוסיפה מידע לטקסט; קוראי מסך ידלגו עליה."),
    )
    title = models.CharField(_("כותרת"), max_length=255, blank=True)
    caption = models.TextField(
        _("כיתוב"), blank=True, help_text=_("יוצג מתחת לתמונה כשמשבצים אותה עם כיתוב.")
    )
    original_name = models.CharField(_("שם הקובץ המקורי"), max_length=255, blank=True)
    source_url = models.URLField(
        _("כתובת המקור"),
        max_length=1000,
        blank=True,
        db_index=True,  # the WordPress importer looks images up by it
        help_text=_("מאין הגיעה התמונה, למשל כתובתה בבלוג הישן."),
    )
    # [{"width", "height", "name"}], smallest first. A list, not a field per size like
    # Slide: how many renditions an image has depends on its width (a 600 px image has
    # two, a 300 px one has one), and the names are only ever read together.
    rendition_files = models.JSONField(_("גרסאות WebP"), default=list, editable=False)
    uploaded_at = models.DateTimeField(_("הועלתה"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("תמונה")
        verbose_name_plural = _("תמונות")

    def __str__(self):
        return self.title or self.original_name or gettext("תמונה %(number)s") % {"number": self.pk}

    def clean(self):
        if not self.decorative and not self.alt.strip():
            raise ValidationError({"alt": ALT_REQUIRED}, code="alt_required")

    @property
    def renditions(self):
        """[RenditionFile(width, height, name)], smallest first."""
        return [RenditionFile(r["width"], r["height"], r["name"]) for r in self.rendition_files]

    @property
    def srcset(self):
        return ", ".join(f"{r.url} {r.width}w" for r in self.renditions)

    @property
    def _middle(self):
        renditions = self.renditions
        return renditions[len(renditions) // 2] if renditions else None

    @property
    def src(self):
        """The rendition for browsers that ignore srcset: the middle one (the original
        when there is none)."""
        middle = self._middle
        return middle.url if middle else self.url

    @property
    def largest_url(self):
        """The widest rendition (link previews, social cards), else the original."""
        renditions = self.renditions
        return renditions[-1].url if renditions else self.url

    @property
    def url(self):
        """The original file, as uploaded."""
        return self.file.url if self.file else ""

    @property
    def needs_alt(self):
        return not self.decorative and not self.alt.strip()

    def img_tag(self, sizes=DEFAULT_SIZES, loading="lazy", alt=None):
        """Safe HTML for the image: srcset of the renditions, sizes, and the middle
        rendition's width and height (the page's CSS scales it down).

        `alt` overrides the stored text (an importer keeps a post's own alt); a
        decorative image gets alt="" so that screen readers skip it.
        """
        if alt is None:
            alt = "" if self.decorative else self.alt
        middle = self._middle
        width, height = (middle.width, middle.height) if middle else (self.width, self.height)
        return format_html(
            '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
            'loading="{}" decoding="async">',
            self.src,
            self.srcset,
            sizes,
            width,
            height,
            alt,
            loading,
        )

    def file_names(self):
        """The storage names of the original and every rendition."""
        names = [self.file.name] if self.file else []
        return names + [r.name for r in self.renditions]


def delete_unused_files(names):
    """Delete those of `names` that no Image row uses; return what went.

    A row keeps all its files in one folder (images/<sha256[:16]>/), so the rows to ask
    are those whose original sits in one of the folders concerned.
    """
    names = {name for name in names if name}
    folders = {posixpath.dirname(name) for name in names}
    in_folders = Q(pk__in=[])
    for folder in folders:
        in_folders |= Q(file__startswith=f"{folder}/") if folder else Q(file__in=names)
    used = set()
    for image in Image.objects.filter(in_folders).only("file", "rendition_files"):
        used.update(image.file_names())
    gone = sorted(names - used)
    for name in gone:
        default_storage.delete(name)
    remove_empty_folders({posixpath.dirname(name) for name in gone})
    return gone


@receiver(post_delete, sender=Image, dispatch_uid="blog.image_files")
def _delete_files_after_commit(sender, instance, **kwargs):
    """A deleted image's files go once the deletion commits, and only those no other row
    uses. A receiver rather than a delete() override: the admin's "delete selected"
    action and cascades delete through querysets, which never call Image.delete().
    A rolled-back deletion keeps its files."""
    names = instance.file_names()
    transaction.on_commit(lambda: delete_unused_files(names))
