from django.conf import settings


def site(request):
    """Site name and tagline for base.html; no queries."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_TAGLINE": settings.SITE_TAGLINE}
