"""Library images inside post bodies: written with their renditions, checked for alt text,
and found again (which posts use an image)."""

import html
import posixpath
import re

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from blog.models.images import DEFAULT_SIZES, IMAGES_DIR, Image

# Post bodies name library images by number (data-image-id, set here) or, as the editor's
# upload answers, by a URL in the image's folder (images/<sha256[:16]>/...).
_IMG_TAG = re.compile(r"<img\b[^>]*>")
# Attributes as the sanitiser's serializer writes them: lower-case names, double quotes.
_ATTRIBUTE = re.compile(r'([a-z][a-z0-9-]*)(?:="([^"]*)")?')
_FOLDER = re.compile(rf"{IMAGES_DIR}/([0-9a-f]{{16}})/")
DECORATIVE_ROLE = "presentation"
# Tried in this order when an <img> is written again; the others are dropped.
_IMG_ORDER = ("src", "srcset", "sizes", "width", "height", "alt", "role", "loading", "decoding")


def _attributes(tag):
    return {name: html.unescape(value or "") for name, value in _ATTRIBUTE.findall(tag[4:])}


def _folder_key(src):
    """The folder hash of a media library URL ("/media/images/<16 hex>/..."), or None."""
    media = settings.MEDIA_URL
    if not src.startswith(media):
        return None
    match = _FOLDER.match(src[len(media) :])
    return match[1] if match else None


def _library_images(tags):
    """{pk: Image} and {folder hash: Image} for the library images among `tags` (one query)."""
    ids = {int(a["data-image-id"]) for a in tags if a.get("data-image-id", "").isdigit()}
    folders = {key for a in tags if (key := _folder_key(a.get("src", "")))}
    if not ids and not folders:
        return {}, {}
    wanted = Q(pk__in=ids)
    for folder in folders:
        wanted |= Q(file__startswith=f"{IMAGES_DIR}/{folder}/")
    by_id, by_folder = {}, {}
    for image in Image.objects.filter(wanted):
        by_id[image.pk] = image
        by_folder[posixpath.basename(posixpath.dirname(image.file.name))] = image
    return by_id, by_folder


def _alt_of(attributes, image):
    """The editor's alt text; else, unless the editor marked the image decorative, the
    library's. ("", True) for a decorative image."""
    alt = attributes.get("alt", "").strip()
    decorative = attributes.get("role") == DECORATIVE_ROLE
    if alt or decorative:
        return alt, decorative and not alt
    if image.decorative:
        return "", True
    return image.alt.strip(), False


def _library_img(attributes, image, position):
    alt, decorative = _alt_of(attributes, image)
    middle = image._middle
    width, height = (middle.width, middle.height) if middle else (image.width, image.height)
    values = {
        "src": image.src,
        "srcset": image.srcset,
        "sizes": DEFAULT_SIZES,
        "width": width,
        "height": height,
        "alt": alt,
        "role": DECORATIVE_ROLE if decorative else None,
        # The first image may be on the first screen; the others wait until scrolled to.
        "loading": "lazy" if position else None,
        "decoding": "async",
    }
    parts = [f'data-image-id="{image.pk}"']
    parts += [f'{name}="{escape(values[name])}"' for name in _IMG_ORDER if values[name] is not None]
    return "<img " + " ".join(parts) + ">", alt


def render_library_images(body, *, learn_alt=True):
    """`body` (sanitised HTML) with each media library image written as the library has
    it now: its WebP renditions in srcset, sizes, the middle one's width and height, lazy
    loading below the first image, and data-image-id to find it again (after the file is
    replaced, say). Other images are left as they are.

    With `learn_alt`, an image the library holds without alt text takes the alt the
    editor wrote for it in the post.
    """
    tags = [_attributes(match[0]) for match in _IMG_TAG.finditer(body)]
    by_id, by_folder = _library_images(tags)
    if not by_id:
        return body
    positions, learned = iter(range(len(tags))), {}

    def rewrite(match):
        position, attributes = next(positions), _attributes(match[0])
        key = attributes.get("data-image-id", "")
        image = by_id.get(int(key)) if key.isdigit() else None
        image = image or by_folder.get(_folder_key(attributes.get("src", "")))
        if image is None:
            return match[0]
        tag, alt = _library_img(attributes, image, position)
        if alt and image.needs_alt:
            learned.setdefault(image.pk, alt)
        return tag

    body = _IMG_TAG.sub(rewrite, body)
    if learn_alt:
        for pk, alt in learned.items():
            Image.objects.filter(pk=pk, alt="", decorative=False).update(alt=alt)
    return body


def images_missing_alt(body):
    """The src of each <img> in `body` that has neither alt text nor the decorative mark."""
    return [
        attributes.get("src", "")
        for attributes in map(_attributes, (m[0] for m in _IMG_TAG.finditer(body)))
        if not attributes.get("alt", "").strip() and attributes.get("role") != DECORATIVE_ROLE
    ]


def posts_using(image):
    """The posts that show `image`: in their text (by number or URL) or as their cover."""
    Post = apps.get_model("blog", "Post")
    folder = posixpath.dirname(image.file.name) if image.file else None
    uses = Q(cover_image=image) | Q(body__contains=f'data-image-id="{image.pk}"')
    if folder:
        uses |= Q(body__contains=f"{settings.MEDIA_URL}{folder}/")
    return Post.objects.filter(uses).order_by("title")


MISSING_ALT = _(
    "לתמונה „%(name)s” אין טקסט חלופי. לחצו עליה פעמיים בעורך וכתבו מה רואים בה, "
    "או סמנו „תמונה לקישוט” אם אינה מוסיפה מידע."
)


def check_alt_text(body):
    """Raise ValidationError on the body field, one Hebrew message per image of `body`
    (sanitised HTML) that has no alt text and is not marked decorative."""
    body = render_library_images(body, learn_alt=False)
    errors = [
        ValidationError(MISSING_ALT, code="alt_required", params={"name": src.rsplit("/", 1)[-1]})
        for src in images_missing_alt(body)
    ]
    if errors:
        raise ValidationError({"body": errors})


# Post.cover_image's options (kept here, with the rest of what posts know of images).
COVER_IMAGE_FIELD = {
    "verbose_name": _("תמונה ראשית"),
    "null": True,
    "blank": True,
    "related_name": "cover_of",
    "help_text": _("מוצגת בכרטיס הפוסט ובתצוגה המקדימה של קישור אליו ברשתות החברתיות."),
}


def cover_url(post):
    """The URL of `post`'s cover image for link previews (its widest rendition), or ""."""
    return post.cover_image.largest_url if post.cover_image_id else ""
