"""The deck service: import a PDF deck into a Presentation (validate, render, store,
replace the slides).

Two steps, so that the slow one runs outside any database transaction (with SQLite
an open transaction holds the write lock, and a 200-page deck renders for a while):

1. ``stage_deck(data)`` validates and renders the PDF (blog.pdf, in a separate process
   with memory and time limits: blog.pdf_sandbox) and writes the PDF
   and every rendition to the default storage under content-hashed names. The media
   view serves them as "immutable", so a changed file must get a new URL. If anything
   fails, the files it wrote are deleted and DeckError (Hebrew message) is raised.
2. ``apply_deck(presentation, staged)`` replaces the slide rows in one transaction
   and, once that commits, deletes the files no row uses any more.

Whoever stages calls ``discard_unused(staged)`` afterwards: it deletes the staged
files that ended up unused (a form that failed elsewhere, a rolled-back save).
``import_deck()`` runs the three in order.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils.text import get_valid_filename

from blog.files import files_under, remove_empty_folders
from blog.models import Presentation, Slide
from blog.models.presentations import IMAGE_FIELDS
from blog.pdf import MAGIC_WINDOW, DeckError, check_size
from blog.pdf_sandbox import Limits, render_pages

DECKS_DIR = "decks"


@dataclass
class StagedSlide:
    number: int
    text: str
    width: int  # of the largest rendition
    height: int
    images: dict[str, str]  # Slide image field -> storage name


@dataclass
class StagedDeck:
    sha256: str
    pdf_name: str
    slides: list[StagedSlide] = field(default_factory=list)

    @property
    def names(self):
        return [self.pdf_name, *(n for s in self.slides for n in s.images.values())]


def render_limits() -> Limits:
    """The rendering process's limits, from settings (read per call: tests override them)."""
    return Limits(
        max_pages=settings.BLOG_DECK_MAX_PAGES,
        max_bytes=settings.BLOG_DECK_MAX_BYTES,
        memory_bytes=settings.BLOG_DECK_RENDER_MEMORY_BYTES,
        page_seconds=settings.BLOG_DECK_PAGE_SECONDS,
        deck_seconds=settings.BLOG_DECK_RENDER_SECONDS,
    )


def check_upload_size(size):
    """Refuse an oversized file (DeckError) before reading it into memory."""
    check_size(size, max_bytes=settings.BLOG_DECK_MAX_BYTES)


def read_upload(upload):
    """The bytes of an uploaded file (a Django UploadedFile)."""
    check_upload_size(upload.size)
    upload.seek(0)
    return upload.read()


def _pdf_name(data: bytes, filename: str) -> tuple[str, str]:
    """(sha256, storage name) of the PDF `data`: named by its content, like its renditions."""
    sha256 = hashlib.sha256(data).hexdigest()
    return sha256, f"{posixpath.join(DECKS_DIR, sha256[:16])}/{_stem(filename)}.pdf"


def store_source(data: bytes, filename: str = "deck.pdf") -> str:
    """Store an upload's PDF for the task worker to render (blog.tasks); return its name.

    Only the cheap checks run here (size, PDF header; DeckError): PDFium never opens the
    file in the web process. The name is the one stage_deck will give it, so rendering it
    later stores nothing twice.
    """
    data = bytes(data)
    check_size(len(data), max_bytes=settings.BLOG_DECK_MAX_BYTES)
    if b"%PDF-" not in data[:MAGIC_WINDOW]:
        raise DeckError("not_pdf")
    return _store(_pdf_name(data, filename)[1], data, [])


def stage_deck(data: bytes, filename: str = "deck.pdf", progress=None) -> StagedDeck:
    """Render `data` and store the PDF and its renditions; raise DeckError if unusable.

    progress(done, total), if given, is called after each page is stored.
    """
    data = bytes(data)
    sha256, pdf_name = _pdf_name(data, filename)
    folder = posixpath.dirname(pdf_name)
    # Size and header are checked here, before anything is written; PDFium's own
    # verdicts (and the render limits) come from the iterator, and then the except
    # below deletes what was written.
    pages = render_pages(data, render_limits())
    created = []
    try:
        staged = StagedDeck(sha256, _store(pdf_name, data, created))
        for page in pages:
            images = {}
            for image_field, width in IMAGE_FIELDS.items():
                rendition = page.images[width]
                digest = hashlib.sha256(rendition.data).hexdigest()[:12]
                name = f"{folder}/{page.number:03d}-{width}w-{digest}.webp"
                images[image_field] = _store(name, rendition.data, created)
            large = page.images[max(page.images)]
            staged.slides.append(
                StagedSlide(page.number, page.text, large.width, large.height, images)
            )
            if progress is not None:
                progress(page.number, page.total)
    except BaseException:
        delete_unused(created)
        raise
    return staged


def _stem(filename):
    # The original file name names the download; FileField names hold 100 characters.
    stem = posixpath.basename(filename.replace("\\", "/")).rsplit(".", 1)[0][:60]
    try:
        return get_valid_filename(stem)
    except SuspiciousFileOperation:
        return "deck"


def _store(name, data, created):
    # Names are content hashes: an existing file already holds these bytes.
    if default_storage.exists(name):
        return name
    name = default_storage.save(name, ContentFile(data))
    created.append(name)
    return name


def apply_deck(presentation: Presentation, staged: StagedDeck) -> None:
    """Make `staged` the presentation's slides, all at once.

    Re-rendering the same file keeps the titles, notes and text editors wrote per
    slide; a different file starts afresh. Rows are updated and created in bulk, then
    presentation.save() runs once, so a post_save on Presentation (the search index)
    sees the final slides.
    """
    with transaction.atomic():
        # One import at a time per presentation (a no-op on SQLite, which locks the file).
        current = Presentation.objects.select_for_update().get(pk=presentation.pk)
        old_names = file_names(current)
        same_file = current.source_sha256 == staged.sha256
        existing = {slide.number: slide for slide in Slide.objects.filter(presentation=current)}
        to_update, to_create = [], []
        for page in staged.slides:
            slide = existing.pop(page.number, None)
            if slide is None:
                slide = Slide(presentation=presentation, number=page.number, text=page.text)
                to_create.append(slide)
            else:
                if not same_file:
                    slide.title, slide.notes, slide.text = "", "", page.text
                to_update.append(slide)
            slide.width, slide.height = page.width, page.height
            for image_field, name in page.images.items():
                getattr(slide, image_field).name = name
        fields = ["width", "height", "text", "title", "notes", *IMAGE_FIELDS]
        Slide.objects.bulk_update(to_update, fields)
        Slide.objects.bulk_create(to_create)
        if existing:
            Slide.objects.filter(pk__in=[s.pk for s in existing.values()]).delete()
        presentation.source_file.name = staged.pdf_name
        presentation.source_sha256 = staged.sha256
        presentation.save(update_fields=["source_file", "source_sha256", "updated_at"])
        transaction.on_commit(lambda: delete_unused(old_names))


def discard_unused(staged: StagedDeck) -> None:
    delete_unused(staged.names)


def import_deck(presentation: Presentation, data: bytes, filename: str = "deck.pdf") -> int:
    """Stage and apply in one call; return the number of slides."""
    staged = stage_deck(data, filename)
    try:
        apply_deck(presentation, staged)
    finally:
        discard_unused(staged)
    return len(staged.slides)


def rerender(presentation: Presentation) -> int:
    """Render the presentation's stored PDF again (after a renderer or settings change)."""
    if not presentation.source_file:
        raise ValueError(f"presentation {presentation.pk} has no PDF file")
    with presentation.source_file.open("rb") as source:
        data = source.read()
    return import_deck(presentation, data, posixpath.basename(presentation.source_file.name))


def file_names(presentation: Presentation) -> list[str]:
    names = [presentation.source_file.name] if presentation.source_file else []
    for row in Slide.objects.filter(presentation=presentation).values_list(*IMAGE_FIELDS):
        names.extend(name for name in row if name)
    return names


def referenced(names) -> set[str]:
    """Those of `names` that a Presentation or Slide row points to."""
    names = list(names)
    used = set(
        Presentation.objects.filter(source_file__in=names).values_list("source_file", flat=True)
    )
    # A PDF waiting for the worker (or for a retry) is in use too.
    used.update(
        Presentation.objects.filter(render_source__in=names).values_list("render_source", flat=True)
    )
    in_slides = Q()
    for image_field in IMAGE_FIELDS:
        in_slides |= Q(**{f"{image_field}__in": names})
    for row in Slide.objects.filter(in_slides).values_list(*IMAGE_FIELDS):
        used.update(row)
    return used


def delete_unused(names) -> list[str]:
    """Delete those of `names` no row uses (a shared file stays); return what went."""
    names = {name for name in names if name}
    if not names:
        return []
    gone = sorted(names - referenced(names))
    for name in gone:
        default_storage.delete(name)
    remove_empty_folders({posixpath.dirname(name) for name in gone})
    return gone


def orphaned_files() -> list[str]:
    """Files under decks/ that no row uses (left by a crash or by hand)."""
    found = files_under(DECKS_DIR)
    return sorted(set(found) - referenced(found))
