"""Check an uploaded image by its content and make WebP renditions of it.

Pure functions over bytes: no Django models, no storage, no settings (Pillow and the
standard library only). Callers pass the byte limit (blog.media passes
settings.BLOG_IMAGE_MAX_BYTES). Every failure an editor or an import can cause is an
ImageError whose str() is a Hebrew message fit to show in the admin.
"""

from __future__ import annotations

import io
import math
import re
import struct
from typing import NamedTuple

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

RENDITION_WIDTHS = (480, 960, 1600)
MAX_BYTES = 20 * 1024 * 1024
# Decoding 40 MP as RGBA takes 160 MB; a hostile file can claim far more in a few bytes.
MAX_PIXELS = 40_000_000
# The WebP format cannot hold a side longer than this.
WEBP_MAX_SIDE = 16383

# Pillow's format name -> ours. Cameras write JPEGs with a second (preview) picture,
# which Pillow opens as MPO; they are JPEGs to everyone else.
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
_PILLOW_FORMATS = ["JPEG", "PNG", "WEBP", "GIF"]  # the only parsers that see the bytes
_SVG = re.compile(
    rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE\s+svg|<svg\b)", re.I | re.S
)
# EXIF orientations that turn the picture by a quarter: width and height swap.
_QUARTER_TURNS = {5, 6, 7, 8}
_RGB_MODES = {"RGB", "RGBA", "P", "PA"}
_WIDE_GREY = {"I", "I;16", "I;16B", "I;16L", "I;16N", "F"}
_EXIF_ORIENTATION = 0x0112
# What a broken file makes Pillow raise while parsing or decoding.
_BROKEN = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)

_MB = 1024 * 1024

MESSAGES = {
    "empty": _("הקובץ ריק."),
    "svg": _("קובצי SVG אינם נתמכים. יש להעלות תמונה בפורמט JPEG‏, PNG‏, WebP או GIF."),
    "not_image": _("הקובץ אינו תמונה בפורמט נתמך (JPEG‏, PNG‏, WebP או GIF)."),
    "corrupt": _("קובץ התמונה פגום ולא ניתן לקרוא אותו."),
    "too_large": _("הקובץ גדול מדי ({size} MB, המותר עד {max_size} MB)."),
    "too_many_pixels": _("התמונה גדולה מדי ({pixels}, המותר עד {max_mp} מגה-פיקסל)."),
}


class ImageError(ValueError):
    """An image that cannot be used; str(error) is the Hebrew message."""

    def __init__(self, code: str, **params):
        self.code = code
        self.message = MESSAGES[code].format(**params)
        super().__init__(self.message)


class ImageInfo(NamedTuple):
    format: str  # JPEG, PNG, WEBP or GIF
    width: int  # as displayed: EXIF orientation applied
    height: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


class Rendition(NamedTuple):
    width: int
    height: int
    data: bytes  # WebP


def _mb(size: int, *, round_up: bool) -> str:
    # Round the file up and the limit down, so "too large" never reads "20 of 20".
    tenths = size / _MB * 10
    tenths = math.ceil(tenths) if round_up else math.floor(tenths)
    return f"{tenths / 10:g}"


def check_size(size: int, *, max_bytes: int = MAX_BYTES) -> None:
    """Refuse a file of `size` bytes over the limit, before anyone reads it into memory."""
    if size > max_bytes:
        raise ImageError(
            "too_large", size=_mb(size, round_up=True), max_size=_mb(max_bytes, round_up=False)
        )


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """Open (headers only), then refuse what is not ours to decode."""
    try:
        image = Image.open(io.BytesIO(data), formats=_PILLOW_FORMATS)
    except Image.DecompressionBombError as exc:  # over twice Pillow's own limit
        limit = 2 * (Image.MAX_IMAGE_PIXELS or 0) // 10**6
        pixels = gettext("יותר מ-%(limit)s מגה-פיקסל") % {"limit": limit}
        raise ImageError("too_many_pixels", pixels=pixels, max_mp=max_pixels // 10**6) from exc
    except UnidentifiedImageError as exc:
        raise ImageError("svg" if _SVG.match(data[:4096]) else "not_image") from exc
    except _BROKEN as exc:
        raise ImageError("corrupt") from exc
    if image.format not in FORMATS:
        raise ImageError("not_image")
    width, height = image.size
    if width < 1 or height < 1 or width * height > max_pixels:
        pixels = gettext("%(width)s על %(height)s פיקסלים") % {"width": width, "height": height}
        raise ImageError("too_many_pixels", pixels=pixels, max_mp=max_pixels // 10**6)
    return image


def inspect_image(
    data: bytes, *, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS
) -> ImageInfo:
    """(format, width, height) of a usable image, judged by its content; else ImageError.

    The width and height are as the image is displayed, after its EXIF orientation.
    """
    data = bytes(data)
    check_size(len(data), max_bytes=max_bytes)
    if not data:
        raise ImageError("empty")
    image = _open(data, max_pixels)
    try:
        image.verify()  # checks the structure (PNG checksums) without decoding pixels
    except _BROKEN as exc:
        raise ImageError("corrupt") from exc
    # verify() leaves the image unusable: read the headers again.
    image = _open(data, max_pixels)
    width, height = image.size
    if _orientation(image) in _QUARTER_TURNS:
        width, height = height, width
    return ImageInfo(FORMATS[image.format], width, height)


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(_EXIF_ORIENTATION, 1))
    except _BROKEN + (TypeError,):
        return 1  # unreadable EXIF: show the picture as stored


def target_sizes(size: tuple[int, int], widths=RENDITION_WIDTHS) -> list[tuple[int, int]]:
    """The (width, height) of each rendition, smallest first, never upscaled.

    A 600 px wide image gets 480 and 600; a very tall one is narrowed so that its
    height fits in WebP.
    """
    width, height = size
    sizes = set()
    for nominal in widths:
        scale = min(1.0, nominal / width, WEBP_MAX_SIDE / height)
        w = max(1, round(width * scale))
        sizes.add((w, max(1, min(WEBP_MAX_SIDE, round(height * scale)))))
    return sorted(sizes)


def render_renditions(
    data: bytes,
    widths: tuple[int, ...] = RENDITION_WIDTHS,
    quality: int = 80,
    *,
    max_bytes: int = MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
) -> list[Rendition]:
    """WebP renditions of `data`, smallest first: [(width, height, webp_bytes)].

    The image is upright (EXIF orientation applied), keeps its transparency, and an
    animated GIF or WebP gives its first frame. Raises ImageError for a bad file.
    """
    if not widths or min(widths) < 1:
        raise ValueError("widths must be positive")
    info = inspect_image(data, max_bytes=max_bytes, max_pixels=max_pixels)
    sizes = target_sizes((info.width, info.height), widths)
    try:
        image = _decode(bytes(data), max_pixels, largest=sizes[-1][0] / info.width)
        result = [_webp(image, size, quality) for size in sizes]
    except _BROKEN as exc:  # a truncated file passes verify() and fails only here
        raise ImageError("corrupt") from exc
    image.close()
    return result


def _decode(data: bytes, max_pixels: int, *, largest: float) -> Image.Image:
    """The first frame, upright, in RGB or (when anything is see-through) RGBA."""
    image = _open(data, max_pixels)  # an animation opens at its first frame
    # A profile describes the source's colours; only an RGB one still fits after convert().
    icc_profile = image.info.get("icc_profile") if image.mode in _RGB_MODES else None
    # A JPEG can decode straight at 1/2, 1/4 or 1/8 size: far faster for big photos.
    image.draft(image.mode, (math.ceil(image.width * largest), math.ceil(image.height * largest)))
    image = ImageOps.exif_transpose(image)
    if image.mode in _WIDE_GREY:  # 16-bit grey: convert() would clip every pixel to white
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    if has_alpha and image.getextrema()[3][0] == 255:
        image = image.convert("RGB")  # an alpha channel that hides nothing only costs bytes
    if icc_profile:
        image.info["icc_profile"] = icc_profile  # keep wide-gamut photos' colours
    return image


def _webp(image: Image.Image, size: tuple[int, int], quality: int) -> Rendition:
    # Pillow resizes RGBA with premultiplied alpha: no dark fringes at transparent edges.
    resized = image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    resized.save(buffer, "WEBP", quality=quality, icc_profile=image.info.get("icc_profile"))
    return Rendition(size[0], size[1], buffer.getvalue())
