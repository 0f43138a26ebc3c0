from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from blog.models.base import unique_slug
from blog.models.posts import Post
from blog.pdf import RENDITION_WIDTHS
from blog.sanitize import web_url

# Slide image fields, one per rendition width, smallest first.
IMAGE_FIELDS = dict(
    zip(("image_small", "image_medium", "image_large"), RENDITION_WIDTHS, strict=True)
)


def deck_upload_to(instance, filename):
    # Only for files attached by hand: blog.decks stores decks under content-hashed names.
    return f"decks/{instance.slug or 'deck'}/original.pdf"


def slide_upload_to(instance, filename):
    return f"decks/{instance.presentation.slug}/{filename}"


class PresentationQuerySet(models.QuerySet):
    def visible(self):
        """What readers may see: decks marked public or shown with a published post.

        Everything that serves a deck (its pages, slide images, PDF) asks this.
        """
        published = Post.objects.published().filter(presentations=OuterRef("pk"))
        return self.filter(Q(is_public=True) | Exists(published))

    def visible_to(self, user):
        if user.is_authenticated and user.is_staff:
            return self
        return self.visible()

    def using_file(self, name):
        """Presentations whose PDF or one of whose slide images is the stored file `name`."""
        in_slides = Q()
        for image_field in IMAGE_FIELDS:
            in_slides |= Q(**{f"{image_field}": name})
        slides = Slide.objects.filter(in_slides, presentation=OuterRef("pk"))
        return self.filter(Q(source_file=name) | Exists(slides))


class RenderState(models.TextChoices):
    QUEUED = "queued", _("ממתין לעיבוד")
    RUNNING = "running", _("בעיבוד")
    DONE = "done", _("עובד")
    FAILED = "failed", _("נכשל")


class Presentation(models.Model):
    title = models.CharField(_("כותרת"), max_length=200)
    slug = models.SlugField(_("מזהה בכתובת"), max_length=200, unique=True, allow_unicode=True)
    speaker = models.CharField(_("מרצה"), max_length=200, blank=True)
    event_name = models.CharField(_("שם האירוע"), max_length=200, blank=True)
    event_date = models.DateField(_("תאריך האירוע"), null=True, blank=True)
    event_url = models.URLField(_("כתובת האירוע"), blank=True, max_length=500)
    description = models.TextField(_("תיאור"), blank=True)
    is_demo = models.BooleanField(
        _("מצגת הדגמה"),
        default=False,
        help_text=_("סמנו כאשר זו אינה המצגת המקורית; הקוראים יראו הודעה בהתאם."),
    )
    is_public = models.BooleanField(
        _("מצגת ציבורית"),
        default=False,
        help_text=_(
            "בלי סימון, הקוראים רואים את המצגת (עמודיה, השקפים וקובץ ה-PDF) רק כשהיא "
            "מצורפת לפוסט שפורסם. סמנו כדי לפרסם אותה גם בלי פוסט."
        ),
    )
    source_file = models.FileField(
        _("קובץ PDF"),
        upload_to=deck_upload_to,
        blank=True,
        help_text=_("הקובץ המקורי; הקוראים מקבלים אותו כהורדה."),
    )
    # SHA-256 of source_file: re-rendering the same file keeps what editors wrote.
    source_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # Rendering in the task worker (blog/tasks.py): the state editors see in the admin.
    render_state = models.CharField(
        _("עיבוד הקובץ"), max_length=10, choices=RenderState, blank=True, editable=False
    )
    render_done = models.PositiveIntegerField(default=0, editable=False)  # pages rendered
    render_total = models.PositiveIntegerField(default=0, editable=False)  # pages in the file
    render_error = models.TextField(blank=True, editable=False)  # Hebrew, names the page
    # The stored PDF waiting to be rendered (kept for a retry until it succeeds), and the
    # job that may render it: a newer upload or a retry makes older jobs stand down.
    render_source = models.CharField(max_length=255, blank=True, editable=False)
    render_job = models.CharField(max_length=32, blank=True, editable=False)
    render_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    render_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    posts = models.ManyToManyField(
        "blog.Post", verbose_name=_("פוסטים"), related_name="presentations", blank=True
    )
    created_at = models.DateTimeField(_("נוצר"), auto_now_add=True)
    updated_at = models.DateTimeField(_("עודכן"), auto_now=True)

    objects = PresentationQuerySet.as_manager()

    class Meta:
        ordering = ["-event_date", "-pk"]
        verbose_name = _("מצגת")
        verbose_name_plural = _("מצגות")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, 200)
        self.event_url = web_url(self.event_url)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:presentation", kwargs={"slug": self.slug})

    def get_text_url(self):
        return reverse("blog:presentation-text", kwargs={"slug": self.slug})

    @property
    def source_size(self):
        """The PDF's size in bytes, or None when there is no file (or it went missing)."""
        if not self.source_file:
            return None
        try:
            return self.source_file.size
        except OSError:
            return None


class Slide(models.Model):
    presentation = models.ForeignKey(
        Presentation, verbose_name=_("מצגת"), on_delete=models.CASCADE, related_name="slides"
    )
    number = models.PositiveIntegerField(_("מספר"))
    image_small = models.ImageField(_("תמונה קטנה"), upload_to=slide_upload_to, blank=True)
    image_medium = models.ImageField(_("תמונה בינונית"), upload_to=slide_upload_to, blank=True)
    image_large = models.ImageField(_("תמונה גדולה"), upload_to=slide_upload_to, blank=True)
    width = models.PositiveIntegerField(_("רוחב"), default=0)
    height = models.PositiveIntegerField(_("גובה"), default=0)
    text = models.TextField(
        _("טקסט השקף"),
        blank=True,
        help_text=_(
            "חולץ מקובץ ה-PDF; משמש תיאור לקוראי מסך ולחיפוש. "
            "אפשר לתקן כאן; העלאת קובץ PDF אחר מחליפה אותו."
        ),
    )
    title = models.CharField(_("כותרת"), max_length=200, blank=True)
    notes = models.TextField(_("הערות"), blank=True)

    class Meta:
        ordering = ["presentation", "number"]
        verbose_name = _("שקף")
        verbose_name_plural = _("שקפים")
        constraints = [
            models.UniqueConstraint(fields=["presentation", "number"], name="unique_slide_number")
        ]

    def __str__(self):
        return gettext("שקף %(number)s") % {"number": self.number}

    @property
    def anchor(self):
        return f"slide-{self.number}"

    @property
    def heading(self):
        """What the slide is called: the editor's title, else its first line of text."""
        if self.title:
            return self.title
        first_line = self.text.strip().split("\n", 1)[0].strip()
        return first_line if len(first_line) <= 80 else ""

    @property
    def alt(self):
        if self.heading:
            return gettext("שקף %(number)s: %(heading)s") % {
                "number": self.number,
                "heading": self.heading,
            }
        return gettext("שקף %(number)s") % {"number": self.number}

    @cached_property
    def renditions(self):
        """[(file, width, height)] smallest first, skipping missing files.

        Widths follow the large rendition: a page too tall for the nominal width is
        rendered narrower and never upscaled, so every rendition is at most that wide.
        """
        result = []
        for field, nominal in IMAGE_FIELDS.items():
            image = getattr(self, field)
            if image and self.width:
                width = min(nominal, self.width)
                result.append((image, width, max(1, round(self.height * width / self.width))))
        return result

    @property
    def srcset(self):
        return ", ".join(f"{image.url} {width}w" for image, width, _ in self.renditions)

    @property
    def src(self):
        """The image for browsers that ignore srcset: the medium one when there is one."""
        return self.image_medium or self.image_large or self.image_small
