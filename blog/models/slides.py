from django.db import models
from django.urls import reverse

from blog.models.posts import unique_slug


def deck_upload_to(instance, filename):
    return f"decks/{instance.slug or 'deck'}/original.pdf"


def slide_upload_to(instance, filename):
    return f"decks/{instance.presentation.slug}/{filename}"


class Presentation(models.Model):
    title = models.CharField("כותרת", max_length=200)
    slug = models.SlugField("מזהה בכתובת", max_length=200, unique=True, allow_unicode=True)
    speaker = models.CharField("מרצה", max_length=200, blank=True)
    event_name = models.CharField("שם האירוע", max_length=200, blank=True)
    event_date = models.DateField("תאריך האירוע", null=True, blank=True)
    event_url = models.URLField("כתובת האירוע", blank=True, max_length=500)
    description = models.TextField("תיאור", blank=True)
    is_demo = models.BooleanField(
        "מצגת הדגמה", default=False,
        help_text="סמנו כאשר זו אינה המצגת המקורית; הקוראים יראו הודעה בהתאם.",
    )
    source_file = models.FileField(
        "קובץ PDF", upload_to=deck_upload_to, blank=True,
        help_text="העלאת קובץ PDF יוצרת את השקפים מחדש.",
    )
    posts = models.ManyToManyField(
        "blog.Post", verbose_name="פוסטים", related_name="presentations", blank=True
    )
    created_at = models.DateTimeField("נוצר", auto_now_add=True)
    updated_at = models.DateTimeField("עודכן", auto_now=True)

    class Meta:
        ordering = ["-event_date", "-pk"]
        verbose_name = "מצגת"
        verbose_name_plural = "מצגות"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, 200)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:presentation", kwargs={"slug": self.slug})


class Slide(models.Model):
    presentation = models.ForeignKey(
        Presentation, verbose_name="מצגת", on_delete=models.CASCADE, related_name="slides"
    )
    number = models.PositiveIntegerField("מספר")
    image_small = models.ImageField("תמונה קטנה", upload_to=slide_upload_to, blank=True)
    image_medium = models.ImageField("תמונה בינונית", upload_to=slide_upload_to, blank=True)
    image_large = models.ImageField("תמונה גדולה", upload_to=slide_upload_to, blank=True)
    width = models.PositiveIntegerField("רוחב", default=0)
    height = models.PositiveIntegerField("גובה", default=0)
    text = models.TextField("טקסט השקף", blank=True)
    title = models.CharField("כותרת", max_length=200, blank=True)
    notes = models.TextField("הערות", blank=True)

    class Meta:
        ordering = ["presentation", "number"]
        verbose_name = "שקף"
        verbose_name_plural = "שקפים"
        constraints = [
            models.UniqueConstraint(
                fields=["presentation", "number"], name="unique_slide_number"
            )
        ]

    def __str__(self):
        return f"שקף {self.number}"
