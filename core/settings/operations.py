"""Running the site: outgoing mail over SMTP, logs (text or JSON lines), the admin's URL.

Each part is parsed by a function of the environment (a mapping) that raises
ImproperlyConfigured with the variable's name and what it expects, so tests can call it
with any values; the module's names are what settings/__init__ imports last.
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def strict_bool(environ, name, default):
    value = environ.get(name, "").strip().lower()
    if not value:
        return default
    if value not in TRUE | FALSE:
        raise ImproperlyConfigured(f"{name} must be true or false (or on/off, 1/0), not {value!r}.")
    return value in TRUE


def bounded_int(environ, name, default, low, high):
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise ImproperlyConfigured(
            f"{name} must be a whole number from {low} to {high}, not {value!r}."
        )
    return number


def email_settings(environ=os.environ):
    """Django's EMAIL_* settings: SMTP when DJANGO_EMAIL_HOST is set (and no other
    DJANGO_EMAIL_BACKEND is named), else the backend given or the console."""
    host = environ.get("DJANGO_EMAIL_HOST", "").strip()
    backend = environ.get("DJANGO_EMAIL_BACKEND", "").strip()
    values = {
        "EMAIL_BACKEND": backend
        or (SMTP_BACKEND if host else "django.core.mail.backends.console.EmailBackend"),
        "EMAIL_HOST": host or "localhost",
        "EMAIL_HOST_USER": environ.get("DJANGO_EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": strict_bool(environ, "DJANGO_EMAIL_USE_TLS", bool(host)),
        "EMAIL_USE_SSL": strict_bool(environ, "DJANGO_EMAIL_USE_SSL", False),
        "EMAIL_TIMEOUT": bounded_int(environ, "DJANGO_EMAIL_TIMEOUT", 10, 1, 600),
    }
    if values["EMAIL_USE_SSL"]:
        values["EMAIL_USE_TLS"] = strict_bool(environ, "DJANGO_EMAIL_USE_TLS", False)
        if values["EMAIL_USE_TLS"]:
            raise ImproperlyConfigured(
                "Set only one of DJANGO_EMAIL_USE_TLS (STARTTLS, port 587) and "
                "DJANGO_EMAIL_USE_SSL (TLS from the start, port 465)."
            )
    default_port = 465 if values["EMAIL_USE_SSL"] else (587 if host else 25)
    values["EMAIL_PORT"] = bounded_int(environ, "DJANGO_EMAIL_PORT", default_port, 1, 65535)
    if values["EMAIL_HOST_PASSWORD"] and not values["EMAIL_HOST_USER"]:
        raise ImproperlyConfigured(
            "DJANGO_EMAIL_HOST_PASSWORD is set without DJANGO_EMAIL_HOST_USER."
        )
    sender = environ.get("DJANGO_DEFAULT_FROM_EMAIL", "blog@localhost").strip()
    if "@" not in sender:
        raise ImproperlyConfigured(
            f'DJANGO_DEFAULT_FROM_EMAIL must be an email address ("Blog <blog@example.org>" '
            f"or blog@example.org), not {sender!r}."
        )
    values["DEFAULT_FROM_EMAIL"] = values["SERVER_EMAIL"] = sender
    return values


def logging_settings(environ=os.environ):
    """LOGGING: one console handler, at DJANGO_LOG_LEVEL, as text or as JSON lines
    (DJANGO_LOG_FORMAT=json: one object per line, for a log collector)."""
    level = environ.get("DJANGO_LOG_LEVEL", "").strip().upper() or "WARNING"
    if level not in LOG_LEVELS:
        raise ImproperlyConfigured(
            f"DJANGO_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {level!r}."
        )
    log_format = environ.get("DJANGO_LOG_FORMAT", "").strip().lower() or "text"
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT must be text or json, not {log_format!r}.")
    formatters = {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "core.logs.JSONFormatter"},
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {log_format: formatters[log_format]},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": log_format}},
        "root": {"handlers": ["console"], "level": level},
        # Django's own loggers pass their records up to the root's handler.
        "loggers": {"django": {"handlers": [], "level": level, "propagate": True}},
    }


def https_settings(environ, debug):
    """DJANGO_HTTPS (default: on with debug off) and, with it, the redirect to https,
    Secure-only cookies, the proxy's X-Forwarded-Proto and HSTS."""
    https = strict_bool(environ, "DJANGO_HTTPS", not debug)
    values = {"HTTPS": https}
    if https and not debug:
        values.update(
            SECURE_SSL_REDIRECT=strict_bool(environ, "DJANGO_SECURE_SSL_REDIRECT", True),
            SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
            SESSION_COOKIE_SECURE=True,
            CSRF_COOKIE_SECURE=True,
            # Two years at most (what browsers' preload lists ask for); 0 sends none.
            SECURE_HSTS_SECONDS=bounded_int(environ, "DJANGO_HSTS_SECONDS", 31536000, 0, 63072000),
            SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
            SECURE_HSTS_PRELOAD=True,
        )
    return values


def contact_email(environ=os.environ):
    """BLOG_CONTACT_EMAIL: the readers' address for the editors, or "" (the block hidden)."""
    value = environ.get("BLOG_CONTACT_EMAIL", "").strip()
    # A placeholder such as editor@localhost passes here; `check --deploy` warns (core.W002).
    if value and not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\".]+(\.[^@\s<>\".]+)*", value):
        raise ImproperlyConfigured(
            f"BLOG_CONTACT_EMAIL must be a plain email address such as editors@example.org, "
            f"not {value!r}."
        )
    return value


def admin_url(environ=os.environ):
    """DJANGO_ADMIN_URL: the admin's path, e.g. "editors-7f3a/" (default "admin/")."""
    value = environ.get("DJANGO_ADMIN_URL", "").strip() or "admin/"
    if not value.endswith("/"):
        value += "/"
    if not re.fullmatch(r"([A-Za-z0-9_-]+/)+", value):
        raise ImproperlyConfigured(
            f"DJANGO_ADMIN_URL must be a path such as admin/ or editors-7f3a/ (letters, "
            f"digits, - and _, no leading slash), not {value!r}."
        )
    return value


globals().update(email_settings())
LOGGING = logging_settings()
ADMIN_URL = admin_url()
