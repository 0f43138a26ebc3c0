from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blog.sanitize import clean_post_html


class SitePage(models.Model):
    """An editor-managed page such as "אודות" or the accessibility statement.

    A small model instead of django.contrib.flatpages: flatpages needs
    django.contrib.sites, whose Site row would then replace the request's host in
    feed and sitemap links.
    """

    title = models.CharField(_("כותרת"), max_length=200)
    slug = models.SlugField(
        _("מזהה בכתובת"),
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text=_("החלק של העמוד בכתובת, למשל about. שינוי שלו שובר קישורים קיימים."),
    )
    description = models.CharField(
        _("תיאור קצר"),
        max_length=300,
        blank=True,
        help_text=_("מוצג במנועי חיפוש ובתצוגות מקדימות של קישורים."),
    )
    body = models.TextField(_("תוכן"), help_text=_("HTML מסונן: תגיות לא בטוחות מוסרות בשמירה."))
    show_contact = models.BooleanField(
        _("הצגת כתובת ליצירת קשר"),
        default=False,
        help_text=_("מוסיף בסוף העמוד את כתובת הדוא״ל של עורכי האתר (מההגדרות)."),
    )
    updated_at = models.DateTimeField(_("עודכן"), auto_now=True)
    # Where an imported page came from (a WordPress page): re-imports match on these.
    wp_guid = models.CharField(_("מזהה וורדפרס (GUID)"), max_length=500, blank=True, db_index=True)
    wp_id = models.PositiveBigIntegerField(_("מספר העמוד בוורדפרס"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("עמוד אתר")
        verbose_name_plural = _("עמודי אתר")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_post_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("site-page", kwargs={"slug": self.slug})


class Redirect(models.Model):
    """An old address that answers 301 with a new one (an imported blog's permalinks,
    `/?p=123`, old category and feed paths). Looked up only when nothing else answers."""

    old_path = models.CharField(
        _("כתובת ישנה"),
        max_length=500,
        unique=True,
        help_text=_("נתיב בלי שם האתר, למשל ‎/2010/03/24/gov-20/ או ‎/?p=123."),
    )
    new_path = models.CharField(_("כתובת חדשה"), max_length=500)
    created_at = models.DateTimeField(_("נוצר"), auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("הפניה")
        verbose_name_plural = _("הפניות")

    def __str__(self):
        return f"{self.old_path} ← {self.new_path}"
