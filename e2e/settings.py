"""Settings for the browser tests' own gunicorn: production behaviour (DEBUG off, the real
404 page, the strict CSP) over plain loopback http, with static files served by WhiteNoise
straight from the source folders so no collectstatic is needed before each run.

The conftest sets DJANGO_DEBUG=false, a throwaway DJANGO_SECRET_KEY, DATABASE_URL and
DJANGO_MEDIA_ROOT before this module is imported.
"""

from core.settings import *  # noqa: F403
from core.settings import STORAGES

# Plain http on 127.0.0.1: no HTTPS redirect, no Secure-only cookies, no HSTS.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
