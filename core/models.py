from django.db import models
from django.urls import reverse

from blog.sanitize import clean_post_html


class SitePage(models.Model):
    """An editor-managed page such as "אודות" or the accessibility statement.

    A small model instead of django.contrib.flatpages: flatpages needs
    django.contrib.sites, whose Site row would then replace the request's host in
    feed and sitemap links.
    """

    title = models.CharField("כותרת", max_length=200)
    slug = models.SlugField(
        "מזהה בכתובת",
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text="החלק של העמוד בכתובת, למשל about. שינוי שלו שובר קישורים קיימים.",
    )
    description = models.CharField(
        "תיאור קצר",
        max_length=300,
        blank=True,
        help_text="מוצג במנועי חיפוש ובתצוגות מקדימות של קישורים.",
    )
    body = models.TextField("תוכן", help_text="HTML מסונן: תגיות לא בטוחות מוסרות בשמירה.")
    show_contact = models.BooleanField(
        "הצגת כתובת ליצירת קשר",
        default=False,
        help_text="מוסיף בסוף העמוד את כתובת הדוא״ל של עורכי האתר (מההגדרות).",
    )
    updated_at = models.DateTimeField("עודכן", auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = "עמוד אתר"
        verbose_name_plural = "עמודי אתר"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_post_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("site-page", kwargs={"slug": self.slug})
