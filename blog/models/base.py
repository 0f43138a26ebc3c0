"""What several models share: unique Hebrew slugs, and the manager that hides the trash."""

from django.db import models
from django.utils.text import slugify


def unique_slug(instance, value, max_length):
    """A Hebrew-friendly slug for `value`, made unique among the model's rows (those in
    the trash too: they keep their address for a restore)."""
    base = slugify(value, allow_unicode=True)[:max_length].strip("-") or "פריט"
    slug, n = base, 2
    model = type(instance)
    while model._base_manager.filter(slug=slug).exclude(pk=instance.pk).exists():
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


class NotTrashedManager(models.Manager):
    """Rows whose `deleted_at` is empty: the default manager of a model with a trash, so
    the admin, related managers and every query start without what was moved there.
    `Model.all_objects` (a plain manager) reaches the trash."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at=None)
