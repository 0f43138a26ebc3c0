"""Settings for the Hebrew blog, read from the environment.

Development defaults: DEBUG on, SQLite file in the project folder, loopback hosts.
With DJANGO_DEBUG off the site refuses to start without DJANGO_SECRET_KEY.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import DEBUG, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent


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
    "axes",
    "reversion",  # revisions of posts and site pages (blog/revisions.py)
    "core",
    "blog",
]

# No LocaleMiddleware: one language (LANGUAGE_CODE) needs no negotiation, and its
# `Vary: Accept-Language` would split every shared cache's copy of a page.
MIDDLEWARE = [
    # /healthz and /readyz, before host checks, the HTTPS redirect and any cache.
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.bad_input.NulGuardMiddleware",  # NUL in the path or query: 400, nothing else runs
    "core.middleware.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.login_guard.LoginFloodMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.PublicCacheMiddleware",
    "core.middleware.RedirectFallbackMiddleware",
    # Last: turns a login lockout (core/login_guard.py) into its 429 page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: a locked-out user name and address is refused before any hashing.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
    # Connections are kept between requests like any database's (DJANGO_CONN_MAX_AGE):
    # opening one, with these pragmas, was an eighth of a cached feed's time.
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
# The Hebrew catalogue (locale/he/LC_MESSAGES): the interface's plural forms, and fixes
# to Django's and django-taggit's own Hebrew. Msgids are the Hebrew source strings.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Uploads: local disk, or an S3-compatible store (DJANGO_STORAGE; settings/storage.py).
from .storage import MEDIA_DEFAULT_STORAGE  # noqa: E402

STORAGES = {
    "default": MEDIA_DEFAULT_STORAGE,
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
    # Django's RedisCache, made fail-soft (core/failsoft_cache.py): Redis down is a miss.
    _cache_backend, _cache_location = "core.failsoft_cache.FailSoftRedisCache", REDIS_URL
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
if CACHES["default"]["BACKEND"] == "core.failsoft_cache.FailSoftRedisCache":
    from .tasks import REDIS_CACHE_OPTIONS

    CACHES["default"]["OPTIONS"] = REDIS_CACHE_OPTIONS
elif "redis" not in CACHES["default"]["BACKEND"]:
    # Room for every page of a few hundred posts before the oldest entries are dropped.
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 5000}
# Rendered pieces of public pages (blog/templatetags/fragments.py), keyed by the shared
# content generation, so each process may keep its own: a hit costs no round trip. The
# bound caps a worker's memory (a page of 20 comment threads is about 50 KB).
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_FRAGMENT_CACHE_ENTRIES", "500"))},
}

# The rest, by subject: each module reads its own part of the environment.
# operations: mail over SMTP, LOGGING (a JSON lines option), the admin's URL; storage:
# uploads on disk or an S3-compatible store, and how media reach readers.
from .blog import *  # noqa: E402, F403
from .operations import *  # noqa: E402, F403
from .security import *  # noqa: E402, F403
from .storage import *  # noqa: E402, F403
from .tasks import *  # noqa: E402, F403
from .tasks import TASK_APPS  # noqa: E402

INSTALLED_APPS += TASK_APPS
