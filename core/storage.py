"""The site's storages: static files as production serves them (the site's own CSS and
JavaScript minified, then hashed and compressed by WhiteNoise; collectstatic does it once
per deploy), and uploads on an S3-compatible store (DJANGO_STORAGE=s3,
core/settings/storage.py)."""

import hashlib
import mimetypes
from pathlib import PurePosixPath
from urllib.parse import urljoin

import rcssmin
import rjsmin
from django.conf import settings
from django.core.cache import cache
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from whitenoise.storage import CompressedManifestStaticFilesStorage

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}
# Only our own folders: the admin's and TinyMCE's files come minified already.
OWN_FOLDERS = ("css/", "js/")


def minify(name, text):
    """`text` of the static file `name`, minified when it is one of ours (else as is)."""
    minifier = MINIFIERS.get(PurePosixPath(name).suffix)
    return minifier(text) if minifier and name.startswith(OWN_FOLDERS) else text


class MinifiedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def post_process(self, paths, dry_run=False, **options):
        if not dry_run:
            for name in paths:
                if PurePosixPath(name).suffix in MINIFIERS and name.startswith(OWN_FOLDERS):
                    path = self.path(name)
                    with open(path, encoding="utf-8") as source:
                        text = source.read()
                    with open(path, "w", encoding="utf-8") as target:
                        target.write(minify(name, text))
        yield from super().post_process(paths, dry_run, **options)


# Media that a browser may show inline; anything else is a download in a sandbox.
INLINE_MEDIA_TYPES = {"image/webp", "image/png", "image/jpeg", "image/gif", "image/avif"}


def media_type(name):
    """The Content-Type of a stored file, from its name (uploads are stored under names
    whose extension follows their checked content)."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


class MediaS3Storage(S3Storage):
    """django-storages' S3 storage as the site uses it.

    - ``url()`` is the site's own /media/<name>, built locally: the media view checks
      that the reader may have the file (draft decks stay hidden), and a page view costs
      the store nothing. ``store_url()`` is the store's address for the same object.
    - Each object keeps its Content-Type; anything a browser should not show inline (a
      PDF above all) is stored with ``Content-Disposition: attachment``.
    - ``size()`` (the PDF's size on the slides' download link) is remembered in the
      cache when a file is saved, so rendering a page asks the store nothing.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))

    def store_url(self, name):
        return super().url(name)

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        content_type = media_type(name)
        params.setdefault("ContentType", content_type)
        if content_type not in INLINE_MEDIA_TYPES:
            params.setdefault("ContentDisposition", "attachment")
        # Names carry content hashes: a changed file gets a new name.
        params.setdefault("CacheControl", "max-age=31536000, immutable")
        return params

    def _save(self, name, content):
        name = super()._save(name, content)
        cache.set(_size_key(name), content.size, SIZE_SECONDS)
        return name

    def size(self, name):
        key = _size_key(name)
        size = cache.get(key)
        if size is None:
            size = super().size(name)
            cache.set(key, size, SIZE_SECONDS)
        return size

    def delete(self, name):
        super().delete(name)
        cache.delete(_size_key(name))


SIZE_SECONDS = 30 * 24 * 3600


def _size_key(name):
    return "media-size:" + hashlib.sha256(name.encode()).hexdigest()[:32]
