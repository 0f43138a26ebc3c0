from django.conf import settings

from blog.hebrew import MAX_QUERY_LENGTH


def site(request):
    """Site name, tagline, contact address and the search boxes' length; no queries."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "SITE_CONTACT_EMAIL": settings.SITE_CONTACT_EMAIL,
        "SEARCH_MAX_LENGTH": MAX_QUERY_LENGTH,
    }
