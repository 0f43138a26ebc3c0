from django.conf import settings

from blog.hebrew import MAX_QUERY_LENGTH


def site(request):
    """Site name and tagline for base.html, and the search boxes' length; no queries."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "SEARCH_MAX_LENGTH": MAX_QUERY_LENGTH,
    }
