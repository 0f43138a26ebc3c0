"""Where uploads live and how readers get them: local disk or an S3-compatible store.

Each part is parsed by a function of the environment (a mapping), so tests can call it
with any values; the module's names are what settings/__init__ imports.

DJANGO_STORAGE
    ``local`` (the default): DJANGO_MEDIA_ROOT on this machine's disk.
    ``s3``: any S3-compatible store through django-storages (AWS S3, MinIO, Ceph, R2...).
DJANGO_MEDIA_DELIVERY
    ``django`` (the default): Django sends the bytes itself (development, small sites).
    ``nginx``: Django checks that the reader may have the file (a draft's deck stays
    hidden), then answers ``X-Accel-Redirect``; nginx sends the file from disk or fetches
    it from the store (deploy/nginx.conf's internal locations).
    ``store``: Django checks, then redirects to the store's own URL (a signed URL, or
    DJANGO_S3_CUSTOM_DOMAIN's); only with DJANGO_STORAGE=s3.
Either way the site's pages link to /media/<name> on the site's own origin, URLs built
without asking the store anything.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

STORAGE_CHOICES = ("local", "s3")
DELIVERY_CHOICES = ("django", "nginx", "store")
LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"
S3_BACKEND = "core.storage.MediaS3Storage"


def _choice(environ, name, choices, default):
    value = environ.get(name, default).strip().lower() or default
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name} must be one of {', '.join(choices)}, not {environ.get(name)!r}."
        )
    return value


def _s3_options(environ):
    """django-storages' S3Storage arguments from DJANGO_S3_*; ImproperlyConfigured when
    the bucket is missing, only one of the two keys is given, or an address is malformed."""
    bucket = environ.get("DJANGO_S3_BUCKET", "").strip()
    if not bucket:
        raise ImproperlyConfigured("DJANGO_STORAGE=s3 needs DJANGO_S3_BUCKET (the bucket's name).")
    options = {
        "bucket_name": bucket,
        # FileSystemStorage's behaviour: a taken name gets a suffix, never overwritten.
        "file_overwrite": False,
        # Signed URLs (for nginx or a redirect) stay valid this long.
        "querystring_expire": 3600,
    }
    endpoint = environ.get("DJANGO_S3_ENDPOINT_URL", "").strip()
    if endpoint:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImproperlyConfigured(
                f"DJANGO_S3_ENDPOINT_URL must be an http:// or https:// address such as "
                f"https://s3.example.org or http://127.0.0.1:9000, not {endpoint!r}."
            )
        options["endpoint_url"] = endpoint
        # Other stores than AWS (MinIO, moto) seldom resolve bucket.host names.
        options["addressing_style"] = "path"
    region = environ.get("DJANGO_S3_REGION", "").strip()
    if region:
        options["region_name"] = region
    options.update(_s3_credentials(environ))
    domain = environ.get("DJANGO_S3_CUSTOM_DOMAIN", "").strip().rstrip("/")
    if domain:
        if "://" in domain:
            raise ImproperlyConfigured(
                f"DJANGO_S3_CUSTOM_DOMAIN is a host name (with an optional path), such as "
                f"media.example.org, without http:// or https://; not {domain!r}."
            )
        options["custom_domain"] = domain
    return options


def _s3_credentials(environ):
    key = environ.get("DJANGO_S3_ACCESS_KEY_ID", "").strip()
    secret = environ.get("DJANGO_S3_SECRET_ACCESS_KEY", "").strip()
    if bool(key) != bool(secret):
        raise ImproperlyConfigured(
            "Set both DJANGO_S3_ACCESS_KEY_ID and DJANGO_S3_SECRET_ACCESS_KEY, or neither "
            "(then boto3 looks for credentials itself: AWS_* variables, an instance role)."
        )
    return {"access_key": key, "secret_key": secret} if key else {}


def media_storage(environ=os.environ):
    """(storage name, STORAGES["default"]) from DJANGO_STORAGE and DJANGO_S3_*."""
    kind = _choice(environ, "DJANGO_STORAGE", STORAGE_CHOICES, "local")
    if kind == "local":
        return kind, {"BACKEND": LOCAL_BACKEND}
    return kind, {"BACKEND": S3_BACKEND, "OPTIONS": _s3_options(environ)}


def media_delivery(storage_kind, environ=os.environ):
    """DJANGO_MEDIA_DELIVERY, checked against the storage."""
    delivery = _choice(environ, "DJANGO_MEDIA_DELIVERY", DELIVERY_CHOICES, "django")
    if delivery == "store" and storage_kind != "s3":
        raise ImproperlyConfigured(
            "DJANGO_MEDIA_DELIVERY=store sends readers to the object store: it needs "
            "DJANGO_STORAGE=s3. For local disk use nginx (or django)."
        )
    return delivery


# STORAGES["default"] in settings/__init__.
MEDIA_STORAGE, MEDIA_DEFAULT_STORAGE = media_storage()
MEDIA_DELIVERY = media_delivery(MEDIA_STORAGE)
# nginx's internal locations (deploy/nginx.conf) that X-Accel-Redirect points at: files
# under DJANGO_MEDIA_ROOT, and objects fetched from the store by their signed URL.
MEDIA_ACCEL_LOCAL_PREFIX = "/_media/"
MEDIA_ACCEL_STORE_PREFIX = "/_store/"
