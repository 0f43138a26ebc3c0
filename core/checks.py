"""Deployment checks of the site's own settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks

CONTACT_HINT = (
    "Set BLOG_CONTACT_EMAIL to an address the editors read (IS 5568 asks an accessibility "
    "statement to say how to reach the site's owners)."
)


@checks.register(checks.Tags.compatibility, deploy=True)
def check_contact_address(app_configs, **kwargs):
    """The about page and the accessibility statement give readers a real address."""
    address = settings.SITE_CONTACT_EMAIL
    if not address:
        message = (
            "BLOG_CONTACT_EMAIL is unset: the about page and the accessibility statement "
            "show no contact address."
        )
        return [checks.Warning(message, hint=CONTACT_HINT, id="core.W001")]
    if "." not in address.rpartition("@")[2]:
        message = f"BLOG_CONTACT_EMAIL ({address}) looks like a placeholder, not a real address."
        return [checks.Warning(message, hint=CONTACT_HINT, id="core.W002")]
    return []


@checks.register(checks.Tags.compatibility, deploy=True)
def check_media_delivery(app_configs, **kwargs):
    """In production the proxy or the store sends uploaded files, not Django's serve()."""
    if settings.SERVE_MEDIA and settings.MEDIA_DELIVERY == "django":
        message = (
            "Uploaded files are sent by Django itself (DJANGO_MEDIA_DELIVERY=django), which "
            "is meant for development."
        )
        hint = (
            "Behind nginx (deploy/nginx.conf) set DJANGO_MEDIA_DELIVERY=nginx; with "
            "DJANGO_STORAGE=s3, DJANGO_MEDIA_DELIVERY=store also works (docs/deploy.md)."
        )
        return [checks.Warning(message, hint=hint, id="core.W003")]
    return []
