"""The media library service: bring image bytes into blog.Image (validate, render, store).

``import_image(data, filename, ...)`` does it all in one call and is what the WordPress
importer and scripts use. Inside, as for slide decks (blog.decks), two steps:

1. ``stage_image(data, filename)`` checks the bytes by their content and renders the
   WebP renditions (blog.images), then writes the original and the renditions to the
   default storage under images/<sha256[:16]>/. The media view serves them as
   "immutable", so the names carry content hashes. If anything fails, the files it
   wrote are deleted and ImageError (a Hebrew message) is raised. No database.
2. ``attach(image, staged)`` points a row (new, or one whose file is replaced) at the
   staged files in one transaction; the files it used before go once that commits.

Whoever stages calls ``discard_unused(staged)`` afterwards: it deletes staged files no
row uses (a form that failed elsewhere, a rolled-back save). A caller that runs
``import_image`` inside its own transaction wraps that transaction in
``delete_unused_on_exit()`` so that a rollback takes the new files with it.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.text import get_valid_filename

from blog.files import files_under
from blog.images import ImageInfo, check_size, inspect_image, render_renditions
from blog.models import Image
from blog.models.images import IMAGES_DIR, delete_unused_files

# Fields import_image fills on an existing row (same bytes) where the row has none.
_FILLABLE = ("alt", "title", "caption", "source_url")

# The list delete_unused_on_exit() collects the new files in, when one is active.
_new_files: ContextVar[list[str] | None] = ContextVar("blog_media_new_files", default=None)


@dataclass
class StagedImage:
    sha256: str
    info: ImageInfo
    original_name: str
    file_name: str  # the original, in the default storage
    renditions: list[dict] = field(default_factory=list)  # Image.rendition_files

    @property
    def names(self):
        return [self.file_name, *(r["name"] for r in self.renditions)]


def max_bytes() -> int:
    return settings.BLOG_IMAGE_MAX_BYTES


def read_upload(upload) -> bytes:
    """The bytes of an uploaded file (a Django UploadedFile), refusing an oversized one
    (ImageError) before reading it into memory."""
    check_size(upload.size, max_bytes=max_bytes())
    upload.seek(0)
    return upload.read()


def stage_image(data: bytes, filename: str = "image") -> StagedImage:
    """Check, render and store `data`; raise ImageError if it is not a usable image."""
    data = bytes(data)
    sha256 = hashlib.sha256(data).hexdigest()
    limit = max_bytes()
    info = inspect_image(data, max_bytes=limit)  # before anything is written
    renditions = render_renditions(data, max_bytes=limit)
    folder, stem = posixpath.join(IMAGES_DIR, sha256[:16]), _stem(filename)
    created = []
    try:
        # The extension follows the content, not the name the file came with.
        file_name = _store(f"{folder}/{stem}.{info.extension}", data, created)
        files = []
        for rendition in renditions:
            digest = hashlib.sha256(rendition.data).hexdigest()[:12]
            name = f"{folder}/{stem}-{rendition.width}w-{digest}.webp"
            files.append(
                {
                    "width": rendition.width,
                    "height": rendition.height,
                    "name": _store(name, rendition.data, created),
                }
            )
    except BaseException:
        delete_unused_files(created)
        raise
    finally:
        _track(created)
    return StagedImage(sha256, info, _original_name(filename), file_name, files)


def _original_name(filename):
    return posixpath.basename(filename.replace("\\", "/"))[:255]


def _stem(filename):
    # Readers see the name in the URL; FileField names hold 255 characters.
    stem = _original_name(filename).rsplit(".", 1)[0][:60]
    try:
        return get_valid_filename(stem)
    except SuspiciousFileOperation:
        return "image"


def _store(name, data, created):
    # Always a new file (the storage adds a suffix if the name is taken): a file that is
    # already there may belong to an import still in progress, which could delete it.
    name = default_storage.save(name, ContentFile(data))
    created.append(name)
    return name


def _track(names):
    collected = _new_files.get()
    if collected is not None:
        collected.extend(names)


def attach(image: Image, staged: StagedImage) -> Image:
    """Make `staged` the file of `image` (a new row, or a replacement) and save it.

    One transaction; once it commits, the files the row used before are deleted (those
    no other row uses).
    """
    old_names = image.file_names() if image.pk else []
    image.file.name = staged.file_name
    image.sha256 = staged.sha256
    image.width, image.height = staged.info.width, staged.info.height
    image.rendition_files = staged.renditions
    image.original_name = staged.original_name
    with transaction.atomic():
        image.save()
        if old_names:
            transaction.on_commit(lambda: delete_unused_files(old_names))
    return image


def discard_unused(staged: StagedImage) -> list[str]:
    """Delete the staged files no row uses; return what went."""
    return delete_unused_files(staged.names)


def import_image(
    data: bytes,
    filename: str,
    *,
    alt: str = "",
    source_url: str = "",
    decorative: bool = False,
    title: str = "",
    caption: str = "",
) -> Image:
    """The library's Image for these bytes: a new row with its renditions, or the row
    that already holds the same bytes (whose empty alt, title, caption and source_url
    are filled from the arguments). Raises ImageError (Hebrew) for an unusable file.
    """
    data = bytes(data)
    check_size(len(data), max_bytes=max_bytes())
    sha256 = hashlib.sha256(data).hexdigest()
    values = {"alt": alt, "title": title, "caption": caption, "source_url": source_url}
    existing = Image.objects.filter(sha256=sha256).first()
    if existing is not None:
        return _fill_blanks(existing, values)
    staged = stage_image(data, filename)
    try:
        return attach(Image(decorative=decorative, **values), staged)
    except IntegrityError:
        # The same bytes came in meanwhile (another request, a parallel import).
        return _fill_blanks(Image.objects.get(sha256=sha256), values)
    finally:
        discard_unused(staged)


def _fill_blanks(image, values):
    changed = [name for name in _FILLABLE if values[name] and not getattr(image, name)]
    for name in changed:
        setattr(image, name, values[name])
    if changed:
        image.save(update_fields=changed)
    return image


@contextmanager
def delete_unused_on_exit() -> Iterator[None]:
    """Delete, when the block ends, the files this service wrote inside it that no row
    uses then.

    Put it outside a transaction that calls import_image: if the transaction rolls
    back, the rows go and so do their new files; if it commits, the files stay.
    """
    outer = _new_files.get()
    names: list[str] = []
    token = _new_files.set(names)
    try:
        yield
    finally:
        _new_files.reset(token)
        if outer is not None:
            outer.extend(names)  # an enclosing block decides once its transaction ends
        delete_unused_files(names)


def orphaned_files() -> list[str]:
    """Files under images/ that no row uses (left by a crash, or put there by hand)."""
    found = files_under(IMAGES_DIR)
    used = set()
    for image in Image.objects.only("file", "rendition_files"):
        used.update(image.file_names())
    return sorted(set(found) - used)
