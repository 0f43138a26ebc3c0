"""Settings for the Hebrew blog, read from the environment.

Development defaults: DEBUG on, SQLite file in the project folder, loopback hosts.
With DJANGO_DEBUG off the site refuses to start without DJANGO_SECRET_KEY.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "dev-only-insecure-key-never-used-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "tinymce",
    "core",
    "blog",
]

# No LocaleMiddleware: one language (LANGUAGE_CODE) needs no negotiation, and its
# `Vary: Accept-Language` would split every shared cache's copy of a page.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.middleware.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.PublicCacheMiddleware",
    "core.middleware.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "core.urls"
WSGI_APPLICATION = "core.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# SQLite by default; DATABASE_URL (e.g. postgres://user:pass@host/db) switches engine.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (comments under gunicorn): WAL journal, wait for locks
    # instead of failing, and take the write lock at BEGIN so no deadlock on upgrade.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].pop("CONN_HEALTH_CHECKS", None)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "he"
LANGUAGES = [("he", "עברית")]
TIME_ZONE = "Asia/Jerusalem"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "core.storage.MinifiedStaticFilesStorage"
        )
    },
}

# One cache shared by every worker (the page cache, the comment rate limit): Redis when
# REDIS_URL is set; else the database (its table is made by `migrate`); with DEBUG on,
# this process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    _cache_backend, _cache_location = "django.core.cache.backends.redis.RedisCache", REDIS_URL
elif DEBUG:
    _cache_backend, _cache_location = "django.core.cache.backends.locmem.LocMemCache", "blog"
else:
    _cache_backend, _cache_location = "django.core.cache.backends.db.DatabaseCache", "blog_cache"
CACHES = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_CACHE_BACKEND", _cache_backend),
        "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", _cache_location),
    }
}
if "redis" not in CACHES["default"]["BACKEND"]:
    # Room for every page of a few hundred posts before the oldest entries are dropped.
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 5000}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "blog@localhost")
# Editors who get an email for each new comment.
BLOG_EDITOR_EMAILS = env_list("BLOG_EDITOR_EMAILS", ["editor@localhost"])

SITE_NAME = os.environ.get("BLOG_SITE_NAME", "ממשל ומדיה חברתית")
SITE_TAGLINE = os.environ.get("BLOG_SITE_TAGLINE", "מאמרים על ממשל, ארגונים וטכנולוגיה")

# Security headers: strict on every response, HTTPS-only extras when debug is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# DJANGO_HTTPS: "on" (the default with debug off) when readers reach the site over HTTPS,
# usually through a TLS-terminating proxy that sets X-Forwarded-Proto; "off" for a local
# trial over plain http://127.0.0.1 (`make serve`): no redirect, no Secure-only cookies.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
if not DEBUG and HTTPS:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Strict CSP: no inline script or style anywhere on public pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# Hebrew tag names keep Hebrew slugs: TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING stays unset.
TAGGIT_CASE_INSENSITIVE = True

TINYMCE_DEFAULT_CONFIG = {
    "license_key": "gpl",
    "menubar": False,
    "plugins": "lists,link,image,table",
    "toolbar": "undo redo | blocks | bold italic | bullist numlist | link image | table",
    "height": 420,
    "promotion": False,
    "branding": False,
}

BLOG_POSTS_PER_PAGE = 10

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Serve MEDIA_ROOT from Django itself (fine for a small site behind a cache; a CDN or
# the web server can take over later).
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)
# Anonymous readers' pages may be cached by browsers and shared caches this long.
PUBLIC_CACHE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_CACHE_SECONDS", "300"))
# Anonymous readers' pages are kept whole in the shared cache this long (0: off); any
# change they show, or a scheduled post going live, ends them sooner. Off by default
# with DEBUG on, so a template edit shows at once.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "0" if DEBUG else "600"))

# Comments (issue 3). See blog/moderation.py and blog/forms.py.
# Close comments this many days after publishing; 0 = never (the 2010 seed post stays open).
BLOG_COMMENTS_CLOSE_AFTER_DAYS = int(os.environ.get("BLOG_COMMENTS_CLOSE_AFTER_DAYS", "0"))
# Approve at once when the email already has an approved comment.
BLOG_COMMENT_AUTO_APPROVE_KNOWN = env_bool("BLOG_COMMENT_AUTO_APPROVE_KNOWN", False)
# More links than this: held for moderation; more than three times this: spam.
BLOG_COMMENT_MAX_LINKS = int(os.environ.get("BLOG_COMMENT_MAX_LINKS", "2"))
# Per-IP limit through the cache (per process with the default locmem cache).
BLOG_COMMENT_RATE_LIMIT = int(os.environ.get("BLOG_COMMENT_RATE_LIMIT", "5"))
BLOG_COMMENT_RATE_WINDOW = int(os.environ.get("BLOG_COMMENT_RATE_WINDOW", "60"))
# The signed form token: faster than MIN is a bot, older than MAX is a replay.
BLOG_COMMENT_MIN_SECONDS = int(os.environ.get("BLOG_COMMENT_MIN_SECONDS", "3"))
BLOG_COMMENT_MAX_AGE = int(os.environ.get("BLOG_COMMENT_MAX_AGE", str(12 * 3600)))
# Behind a proxy, the META key holding the client address (e.g. HTTP_X_FORWARDED_FOR).
BLOG_COMMENT_IP_HEADER = os.environ.get("BLOG_COMMENT_IP_HEADER", "")

# Readers' address for the editors, shown on site pages that ask for it (the
# accessibility statement); defaults to the first editor address.
SITE_CONTACT_EMAIL = os.environ.get("BLOG_CONTACT_EMAIL", (BLOG_EDITOR_EMAILS or [""])[0])

# Slide decks (issue 4): limits for an uploaded PDF. See blog/slides.py and blog/pdf.py.
BLOG_DECK_MAX_PAGES = int(os.environ.get("BLOG_DECK_MAX_PAGES", "200"))
BLOG_DECK_MAX_BYTES = int(os.environ.get("BLOG_DECK_MAX_MB", "50")) * 1024 * 1024

# Images of the media library (blog/media.py): the largest original accepted.
BLOG_IMAGE_MAX_BYTES = int(os.environ.get("BLOG_IMAGE_MAX_MB", "20")) * 1024 * 1024
