"""Turn an uploaded PDF deck into slide images (WebP) and plain text.

Pure functions over bytes: no Django models, no storage, no settings. Callers decide
where the renditions go and pass the limits (blog.decks passes settings.BLOG_DECK_MAX_PAGES
and BLOG_DECK_MAX_BYTES). Every failure an editor can cause is a DeckError whose str() is
a Hebrew message fit to show in the admin.
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from blog.pdf_text import page_text

RENDITION_WIDTHS = (480, 960, 1600)

# A page much taller than wide (a long poster, a hostile file) would make a huge
# bitmap at full width; such pages are rendered narrower, so that no bitmap is
# taller than MAX_ASPECT times the largest rendition width.
MAX_ASPECT = 4

_MB = 1024 * 1024
MAGIC_WINDOW = 1024  # the PDF spec lets junk precede the header; readers allow ~1 KB
_ERR_PASSWORD = 4
_ERR_SECURITY = 5  # unsupported encryption scheme: for the editor, still "protected"

# PDFium is not thread-safe, not even across documents: one call at a time,
# process-wide. Re-entrant so helpers can nest.
_PDFIUM_LOCK = threading.RLock()


MESSAGES = {
    "not_pdf": "הקובץ אינו PDF.",
    "encrypted": "קובץ ה-PDF מוצפן או מוגן בסיסמה. יש להעלות קובץ ללא הגנה.",
    "corrupt": "קובץ ה-PDF פגום ולא ניתן לקרוא אותו.",
    "empty": "בקובץ ה-PDF אין עמודים.",
    "too_many_pages": "בקובץ יש {pages} עמודים, יותר מהמותר ({max_pages}).",
    "too_large": "הקובץ גדול מדי ({size} MB, המותר עד {max_size} MB).",
    # Limits of the rendering process (blog.pdf_sandbox); each names the page.
    "page_failed": "לא ניתן לעבד את עמוד {page} בקובץ ה-PDF: הוא פגום או כבד מדי לעיבוד.",
    "page_too_heavy": "עמוד {page} בקובץ ה-PDF דורש יותר מדי זיכרון לעיבוד, והקובץ נדחה. "
    "יש לפשט את העמוד (למשל להקטין תמונות) ולהעלות שוב.",
    "page_timeout": "עיבוד עמוד {page} בקובץ ה-PDF נמשך יותר מ-{seconds} שניות, והקובץ נדחה. "
    "יש לפשט את העמוד ולהעלות שוב.",
    "deck_timeout": "עיבוד קובץ ה-PDF נמשך יותר מ-{seconds} שניות ונעצר בעמוד {page}. "
    "יש לפצל את המצגת או לפשט אותה ולהעלות שוב.",
}


class DeckError(ValueError):
    """A PDF an editor uploaded cannot be used; str(error) is the Hebrew message."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        self.message = MESSAGES[code].format(**params)
        super().__init__(self.message)


@dataclass(frozen=True)
class Rendition:
    data: bytes  # WebP
    width: int
    height: int


@dataclass
class RenderedPage:
    number: int  # 1-based
    text: str
    images: dict[int, Rendition] = field(default_factory=dict)  # nominal width -> rendition
    total: int = 0  # pages in the file (for progress reports)


def _mb(size: int, *, round_up: bool) -> str:
    # Round the file's size up and the limit down, so "too large" never reads "50 of 50".
    tenths = size / _MB * 10
    tenths = math.ceil(tenths) if round_up else math.floor(tenths)
    return f"{tenths / 10:g}"


def check_size(size: int, *, max_bytes: int) -> None:
    """Refuse a file of `size` bytes over the limit, before anyone reads it into memory."""
    if size > max_bytes:
        raise DeckError(
            "too_large",
            size=_mb(size, round_up=True),
            max_size=_mb(max_bytes, round_up=False),
        )


def _open(data: bytes, *, max_pages: int, max_bytes: int) -> pdfium.PdfDocument:
    """Validate and open; the caller must close the document under _PDFIUM_LOCK."""
    check_size(len(data), max_bytes=max_bytes)
    # Trust the content, not the file name or the browser's content type.
    if b"%PDF-" not in data[:MAGIC_WINDOW]:
        raise DeckError("not_pdf")
    with _PDFIUM_LOCK:
        # Load through the raw API: pypdfium2's own loader reports a valid 0-page
        # file as a failure with PDFium's *previous* error code, and leaks it.
        raw = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
        if not raw:
            if pdfium_c.FPDF_GetLastError() in (_ERR_PASSWORD, _ERR_SECURITY):
                raise DeckError("encrypted")
            raise DeckError("corrupt")
        # PDFium reads `data` lazily: callers keep it referenced until close().
        pdf = pdfium.PdfDocument(raw)
        pages = len(pdf)
        if 0 < pages <= max_pages:
            return pdf
        pdf.close()
    if pages == 0:
        raise DeckError("empty")
    raise DeckError("too_many_pages", pages=pages, max_pages=max_pages)


def inspect_pdf(data: bytes, *, max_pages: int, max_bytes: int) -> int:
    """Return the page count of a usable PDF, or raise DeckError."""
    data = bytes(data)
    pdf = _open(data, max_pages=max_pages, max_bytes=max_bytes)
    with _PDFIUM_LOCK:
        pages = len(pdf)
        pdf.close()
    return pages


_HEBREW = re.compile("[\u0590-\u05ff]")
_MIRROR = str.maketrans("()[]{}", ")(][}{")
_PAIRS = {")": "(", "]": "[", "}": "{"}


def _balanced(line: str) -> bool:
    stack = []
    for char in line:
        if char in "([{":
            stack.append(char)
        elif char in _PAIRS and (not stack or stack.pop() != _PAIRS[char]):
            return False
    return not stack


def _unmirror(line: str) -> str:
    # PDFium turns right-to-left runs into logical order without mirroring
    # brackets, so "(מצגת)" comes out as ")מצגת(". Swap only when that is what
    # makes a Hebrew line's brackets balance, so correct lines stay untouched.
    if _HEBREW.search(line) and not _balanced(line):
        swapped = line.translate(_MIRROR)
        if _balanced(swapped):
            return swapped
    return line


def normalize_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x00", "")  # PostgreSQL text columns reject NUL
    text = "\n".join(_unmirror(line.rstrip()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def render_pages(
    data: bytes,
    *,
    max_pages: int,
    max_bytes: int,
    widths: tuple[int, ...] = RENDITION_WIDTHS,
    quality: int = 80,
) -> Iterator[RenderedPage]:
    """Yield one RenderedPage per page, in order, one page in memory at a time.

    The file is validated here, before the iterator is returned, so a bad upload
    raises DeckError at the call and nothing is ever yielded for it. A page that
    PDFium fails to render raises DeckError("page_failed") from the iterator.
    """
    data = bytes(data)
    if not widths or min(widths) < 1:
        raise ValueError("widths must be positive")
    inspect_pdf(data, max_pages=max_pages, max_bytes=max_bytes)
    return _iter_pages(data, tuple(sorted(set(widths))), quality, max_pages, max_bytes)


def _iter_pages(
    data: bytes, widths: tuple[int, ...], quality: int, max_pages: int, max_bytes: int
) -> Iterator[RenderedPage]:
    pdf = _open(data, max_pages=max_pages, max_bytes=max_bytes)
    try:
        with _PDFIUM_LOCK:
            count = len(pdf)
        for index in range(count):
            image, text = _rasterize(pdf, index, widths[-1])
            # Pillow work and the consumer's own work run without the PDFium lock.
            images = {w: _webp(image, w, quality) for w in widths}
            image.close()
            yield RenderedPage(index + 1, normalize_text(text), images, total=count)
    finally:
        with _PDFIUM_LOCK:
            pdf.close()


def _rasterize(pdf: pdfium.PdfDocument, index: int, width: int) -> tuple[Image.Image, str]:
    """Render page `index` at `width` pixels and extract its text; close all PDFium objects."""
    with _PDFIUM_LOCK:
        page = textpage = bitmap = None
        try:
            page = pdf[index]
            page_w, page_h = page.get_size()  # points, /Rotate already applied
            if page_w <= 0 or page_h <= 0:
                raise DeckError("page_failed", page=index + 1)
            scale = min(width / page_w, width * MAX_ASPECT / page_h)
            bitmap = page.render(scale=scale)
            # pypdfium2 rounds the bitmap size up, so float noise can add a pixel
            # (1600x901 for 16:9); crop to the exact size. crop() also copies,
            # which matters: the PIL image may share the bitmap's buffer.
            size = (max(1, round(page_w * scale)), max(1, round(page_h * scale)))
            image = bitmap.to_pil().crop((0, 0, *size))
            textpage = page.get_textpage()
            text = page_text(textpage)  # Hebrew lines in reading order (blog.pdf_text)
            return image, text
        except pdfium.PdfiumError as exc:
            raise DeckError("page_failed", page=index + 1) from exc
        finally:
            for obj in (textpage, bitmap, page):
                if obj is not None:
                    obj.close()


def _webp(image: Image.Image, width: int, quality: int) -> Rendition:
    # Never upscale: a page capped by MAX_ASPECT stays at its rendered width.
    width = min(width, image.width)
    height = max(1, round(image.height * width / image.width))
    if (width, height) != image.size:
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=quality)
    return Rendition(data=buffer.getvalue(), width=width, height=height)
