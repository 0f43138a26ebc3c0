"""What points into the old blog: its images (brought into the media library from a copy
of wp-content/uploads, never fetched from the network) and its addresses (recorded as
301 redirects to the new ones)."""

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.urls import reverse

from blog.images import ImageError
from blog.media import import_image
from blog.models import Image

UPLOADS = re.compile(r"/wp-content/uploads/(.+)$")
RESIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")  # WordPress's "photo-300x200.jpg" sizes
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""\b(src|alt|href)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
LINK_TO = re.compile(r"""(<a\b[^>]*\bhref\s*=\s*["'])([^"']+)(["'])""", re.IGNORECASE)


def _attribute(tag, name):
    for match in ATTRIBUTE.finditer(tag):
        if match[1].lower() == name:
            return html.unescape(match[2] if match[2] is not None else match[3])
    return ""


class MediaImporter:
    """Images of the old blog's uploads folder, by URL, into blog.Image."""

    def __init__(self, media_dir, report, dry_run):
        self.root = Path(media_dir).resolve() if media_dir else None
        self.report, self.dry_run, self.found = report, dry_run, {}

    def rewrite(self, body, urls):
        """`body` with each uploaded image it shows replaced by the library's copy."""
        images = {url: image for url in urls if (image := self.image(url)) is not None}
        if not images:
            return body

        def new_tag(match):
            image = images.get(_attribute(match[0], "src"))
            if image is None:
                return match[0]
            return image.img_tag(alt=_attribute(match[0], "alt") or image.alt)

        body = IMG_TAG.sub(new_tag, body)
        # A link around the image to its full-size file goes to the library's original.
        full_size = {self._original(url): image.url for url, image in images.items()}
        return LINK_TO.sub(lambda m: m[1] + full_size.get(m[2], m[2]) + m[3], body)

    def _original(self, url):
        return RESIZED.sub("", url)

    def image(self, url):
        """The library's Image for `url`, imported on first sight; None when missing."""
        if url in self.found:
            return self.found[url]
        image = None
        if UPLOADS.search(urlsplit(url).path):
            image = self._load(url)
        self.found[url] = image
        return image

    def _load(self, url):
        original = self._original(url)
        existing = Image.objects.filter(source_url=original).first()
        if existing is not None:
            return existing
        path = self._path(original) or self._path(url)
        if path is None:
            self.report.missing_media.append(url)
            return None
        if self.dry_run:
            self.report.count("image", "created")
            return None
        try:
            image = import_image(path.read_bytes(), path.name, source_url=original)
        except (ImageError, OSError) as error:
            self.report.skipped[f"תמונות שלא יובאו ({error})"] += 1
            return None
        self.report.count("image", "created")
        return image

    def _path(self, url):
        """The file for `url` inside --media-dir, never outside it."""
        if self.root is None:
            return None
        relative = unquote(UPLOADS.search(urlsplit(url).path)[1])
        path = (self.root / posixpath.normpath(relative).lstrip("/")).resolve()
        if self.root not in path.parents or not path.is_file():
            return None
        return path


def _old_paths(item, base):
    """The paths under which WordPress served `item`: its permalink and /?p=ID."""
    link = urlsplit(item.link)
    if link.path or link.query:
        path = unquote(link.path or "/")
        yield f"{path}?{unquote(link.query)}" if link.query else path
    var = "page_id" if item.post_type == "page" else "p"
    yield f"{base}?{var}={item.wp_id}"


def _term_paths(blog, categories, base):
    """Old category archive and feed paths that differ from ours (nested categories),
    and /?cat=ID."""
    by_slug = {term.slug: term for term in blog.terms if term.kind == "category"}
    for slug, category in categories.items():
        term, chain = by_slug.get(slug), [slug]
        while term is not None and term.parent_slug and term.parent_slug not in chain:
            chain.insert(0, term.parent_slug)
            term = by_slug.get(term.parent_slug)
        new = category.get_absolute_url()
        old = f"{base}category/{'/'.join(chain)}/"
        yield old, new
        yield f"{old}feed/", reverse("blog:category-feed", kwargs={"slug": category.slug})
        term = by_slug.get(slug)
        if term is not None and term.wp_id:
            yield f"{base}?cat={term.wp_id}", new


def _tag_paths(tags, base):
    """Old tag archive and feed paths, where the slug changed on the way in."""
    for wp_slug, tag in tags.items():
        new = reverse("blog:tag", kwargs={"slug": tag.slug})
        yield f"{base}tag/{wp_slug}/", new
        yield f"{base}tag/{wp_slug}/feed/", reverse("blog:tag-feed", kwargs={"slug": tag.slug})


def record_redirects(blog, imported, categories, tags, report):
    """301s from the old blog's addresses to the new ones, for what was imported."""
    base = unquote(urlsplit(blog.base_blog_url or blog.link).path or "/")
    base = base if base.endswith("/") else base + "/"
    pairs = [(base + "?feed=rss2", reverse("blog:feed"))]
    if base != "/":
        pairs.append((base + "feed/", reverse("blog:feed")))
    for item, target in imported:
        # A draft's address would show its slug in the Location header: public ones only.
        if getattr(target, "is_published", lambda: True)():
            pairs += [(old, target.get_absolute_url()) for old in _old_paths(item, base)]
    pairs += [*_term_paths(blog, categories, base), *_tag_paths(tags, base)]
    redirect = apps.get_model("core", "Redirect")
    for old, new in dict(pairs).items():
        if old != unquote(new) and len(old) <= 500:
            row = redirect.objects.filter(old_path=old).first() or redirect(old_path=old)
            report.save("redirect", row, {"new_path": new})
