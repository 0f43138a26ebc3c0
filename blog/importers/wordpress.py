"""Read a WordPress export (WXR 1.0, 1.1, 1.2) into `records`; pure Python, no Django.

lxml, not defusedxml: it names each element's source line for our messages and builds
the tree in C, so big exports stay quick. It is set up so a hostile file can do no harm:
no entity substitution, no DTD loading, no network, libxml2's amplification limits; and
since WordPress never declares entities, a file that does is refused outright.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from blog.importers.records import Author, Blog, Comment, Item, Term, WXRError

SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")
_EXPORT_URI = re.compile(r"^http://wordpress\.org/export/(\d+\.\d+)/(excerpt/)?$")
_OTHER_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
# XML 1.0 forbids these control characters, yet WordPress exports them verbatim from old
# posts; dropping them (they never occur inside UTF-8 sequences) saves the whole import.
_CONTROL_BYTES = bytes([*range(9), 11, 12, *range(14, 32)])
_ZERO_DATE = "0000-00-00 00:00:00"
_AUTHOR_TEXTS = ("login", "email", "display_name", "first_name", "last_name")
_DOMAINS = {"category": "category", "post_tag": "tag", "tag": "tag"}  # WXR 1.0 wrote "tag"
_ENTITY_ERRORS = {"ERR_RESOURCE_LIMIT", "ERR_ENTITY_LOOP"}  # libxml2's amplification guards
NOT_WXR = "זה אינו קובץ ייצוא של וורדפרס (WXR): {what}."
ENTITIES = "הקובץ מגדיר ישויות XML, וקובץ ייצוא של וורדפרס לעולם אינו עושה זאת; הקובץ נדחה."


def parse_wxr(source, progress: Callable[[int, int | None], None] | None = None) -> Blog:
    """Parse a WXR export from a path or a binary file object into a `Blog`.

    Raises WXRError (a Hebrew message with the line) for broken, cut or foreign files.
    `progress`, when given, is called as progress(0, total) before the items are read and
    progress(done, total) after each one; total is always known (the tree is read first).
    """
    root = _parse_xml(source)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        what = f"השורש שלו הוא <{etree.QName(root).localname}> ולא <rss>"
        raise WXRError(NOT_WXR.format(what=what), root.sourceline)
    names = _Names(channel.nsmap)
    blog = _header(channel, names, _version(channel, names))
    items = channel.findall("item")
    if progress:
        progress(0, len(items))
    declared = {(term.kind, term.slug) for term in blog.terms}
    logins = {author.login for author in blog.authors}
    for done, element in enumerate(items, start=1):
        item, used = _item(element, names)
        blog.items.append(item)
        # Terms and authors the header never listed (common in WXR 1.0) are added here.
        blog.terms.extend(term for term in used if (term.kind, term.slug) not in declared)
        declared.update((term.kind, term.slug) for term in used)
        if item.author_login and item.author_login not in logins:
            logins.add(item.author_login)
            blog.authors.append(Author(wp_id=0, login=item.author_login))
        if progress:
            progress(done, len(items))
    return blog


def _parse_xml(source):
    data = source.read() if hasattr(source, "read") else Path(source).read_bytes()
    if not data.strip():
        raise WXRError("הקובץ ריק.")
    data = data.translate(None, _CONTROL_BYTES)
    # huge_tree stays off: libxml2 keeps its limits on text size and nesting depth.
    safe = {"resolve_entities": False, "load_dtd": False, "no_network": True}
    parser = etree.XMLParser(**safe, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error, parser.error_log, data) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise WXRError(ENTITIES)
    return root


def _syntax_error(error, log, data: bytes) -> WXRError:
    kinds = {entry.type_name for entry in log}
    if kinds & _ENTITY_ERRORS and b"<!ENTITY" in data:
        return WXRError(ENTITIES)
    last_line = data.rstrip().count(b"\n") + 1
    if "ERR_TAG_NOT_FINISHED" in kinds or error.lineno >= last_line:
        return WXRError("הקובץ קטוע: הוא נגמר באמצע, כנראה ההורדה לא הושלמה.", last_line)
    return WXRError(f"קובץ ה-XML פגום ואי אפשר לקרוא אותו ({error.msg}).", error.lineno)


class _Names(dict):
    """Clark tags to "prefix:name" keys, whatever prefixes the file chose; unknown
    namespaces keep the Clark tag, so they never collide with the names we read."""

    def __init__(self, nsmap):
        super().__init__()
        self.export_version = ""
        self.prefixes = dict(_OTHER_PREFIXES)
        for uri in nsmap.values():
            match = _EXPORT_URI.match(uri or "")
            if match and match[2]:
                self.prefixes[uri] = "excerpt"
            elif match:
                self.prefixes[uri], self.export_version = "wp", match[1]

    def __missing__(self, tag):
        uri, _, local = tag[1:].partition("}") if tag[:1] == "{" else ("", "", tag)
        prefix = self.prefixes.get(uri)
        self[tag] = name = f"{prefix}:{local}" if prefix else (tag if uri else local)
        return name


def _version(channel, names: _Names) -> str:
    if not names.export_version:
        what = "זהו פיד RSS רגיל, בלי נתוני הייצוא של וורדפרס"
        raise WXRError(NOT_WXR.format(what=what), channel.sourceline)
    stated = next((c for c in channel if names[c.tag] == "wp:wxr_version"), None)
    version = (stated.text or "").strip() if stated is not None else names.export_version
    if version not in SUPPORTED_VERSIONS:
        line = stated.sourceline if stated is not None else channel.sourceline
        supported = ", ".join(SUPPORTED_VERSIONS)
        raise WXRError(f"גרסת WXR {version} אינה נתמכת (נתמכות: {supported}).", line)
    return version


def _text(fields, name):
    return (fields.get(name) or "").strip()


def _header(channel, names: _Names, version: str) -> Blog:
    fields, authors, terms = {}, [], []
    for child in channel:
        name = names[child.tag]
        if name == "wp:author":
            authors.append(_author(_fields(child, names)))
        elif name in ("wp:category", "wp:tag"):
            terms.append(_declared_term(name, _fields(child, names)))
        elif name != "item":
            fields[name] = child.text or ""
    _resolve_parents(terms)
    return Blog(
        wxr_version=version,
        title=unescape(_text(fields, "title")),
        link=_text(fields, "link"),
        base_site_url=_text(fields, "wp:base_site_url"),
        base_blog_url=_text(fields, "wp:base_blog_url"),
        language=_text(fields, "language"),
        description=unescape(_text(fields, "description")),
        authors=authors,
        terms=terms,
    )


def _fields(element, names) -> dict[str, str]:
    return {names[child.tag]: child.text or "" for child in element}


def _author(fields) -> Author:
    texts = {key: _text(fields, f"wp:author_{key}") for key in _AUTHOR_TEXTS}
    return Author(wp_id=_number(fields.get("wp:author_id"), 0), **texts)


def _declared_term(name, fields) -> Term:
    if name == "wp:category":
        slug, label, about = "category_nicename", "cat_name", "category_description"
    else:
        slug, label, about = "tag_slug", "tag_name", "tag_description"
    return Term(
        kind="category" if name == "wp:category" else "tag",
        slug=unquote(_text(fields, f"wp:{slug}")),
        name=unescape(_text(fields, f"wp:{label}")),
        wp_id=_number(fields.get("wp:term_id"), None),
        parent_slug=unquote(_text(fields, "wp:category_parent")),
        description=_text(fields, f"wp:{about}"),
    )


def _resolve_parents(terms: list[Term]) -> None:
    """WXR 1.0 names a category's parent by its name, later versions by its slug."""
    categories = [term for term in terms if term.kind == "category"]
    slugs = {term.slug for term in categories}
    by_name = {term.name: term.slug for term in categories}
    for term in categories:
        if term.parent_slug and term.parent_slug not in slugs:
            term.parent_slug = by_name.get(term.parent_slug, term.parent_slug)


def _item(element, names) -> tuple[Item, list[Term]]:
    fields, used, meta, comments = {}, [], {}, []
    for child in element:
        name = names[child.tag]
        if name == "category":
            used.append(child)
        elif name == "wp:postmeta":
            pair = _fields(child, names)
            meta[_text(pair, "wp:meta_key")] = pair.get("wp:meta_value", "")
        elif name == "wp:comment":
            comments.append(_comment(child, names))
        else:
            fields[name] = child.text or ""
    item = _item_record(fields, element.sourceline, meta=meta, comments=comments)
    terms = _item_terms(used)
    item.categories = [term.slug for term in terms if term.kind == "category"]
    item.tags = [term.slug for term in terms if term.kind == "tag"]
    return item, terms


def _item_record(fields, line, **lists) -> Item:
    wp_id = _number(fields.get("wp:post_id"), None)
    if wp_id is None:
        raise WXRError("לפריט חסר מזהה מספרי תקין (wp:post_id).", line)
    return Item(
        wp_id=wp_id,
        post_type=_text(fields, "wp:post_type") or "post",
        title=unescape(_text(fields, "title")),
        slug=unquote(_text(fields, "wp:post_name")),
        guid=_text(fields, "guid"),
        link=_text(fields, "link"),
        status=_text(fields, "wp:status"),
        date=_date(fields.get("wp:post_date_gmt"), line, UTC),
        local_date=_date(fields.get("wp:post_date"), line, None),
        author_login=_text(fields, "dc:creator"),
        content=fields.get("content:encoded", ""),
        excerpt=fields.get("excerpt:encoded", ""),
        comment_status=_text(fields, "wp:comment_status"),
        sticky=_text(fields, "wp:is_sticky") == "1",
        parent_wp_id=_number(fields.get("wp:post_parent"), 0) or None,
        menu_order=_number(fields.get("wp:menu_order"), 0),
        attachment_url=_text(fields, "wp:attachment_url"),
        line=line,
        password=fields.get("wp:post_password", ""),
        modified=_date(fields.get("wp:post_modified_gmt"), line, UTC),
        **lists,
    )


def _item_terms(elements) -> list[Term]:
    """An item's categories and tags, in order, once each. WXR 1.0 writes each twice, once
    bare (no nicename) for old readers; a bare one counts only if it has no named twin."""
    found, bare = {}, []
    for element in elements:
        kind = _DOMAINS.get(element.get("domain", "category"))
        name = unescape((element.text or "").strip())
        slug = unquote(element.get("nicename", "").strip())
        if kind and name and slug:
            found.setdefault((kind, slug), Term(kind, slug, name))
        elif kind and name:
            bare.append((kind, name))
    named = {(term.kind, term.name) for term in found.values()}
    for kind, name in bare:
        if (kind, name) not in named:
            slug = re.sub(r"\s+", "-", name.lower())
            found.setdefault((kind, slug), Term(kind, slug, name))
    return list(found.values())


def _comment(element, names) -> Comment:
    fields = _fields(element, names)
    line = element.sourceline
    wp_id = _number(fields.get("wp:comment_id"), None)
    if wp_id is None:
        raise WXRError("לתגובה חסר מזהה מספרי תקין (wp:comment_id).", line)
    return Comment(
        wp_id=wp_id,
        parent_wp_id=_number(fields.get("wp:comment_parent"), 0) or None,
        author_name=unescape(_text(fields, "wp:comment_author")),
        author_email=_text(fields, "wp:comment_author_email"),
        author_url=_text(fields, "wp:comment_author_url"),
        author_ip=_text(fields, "wp:comment_author_IP"),
        date=_date(fields.get("wp:comment_date_gmt"), line, UTC),
        body=fields.get("wp:comment_content", ""),
        approved=_text(fields, "wp:comment_approved") or "0",  # unknown: hold for review
        type=_text(fields, "wp:comment_type") or "comment",  # WordPress 5.5+ writes "comment"
        user_id=_number(fields.get("wp:comment_user_id"), 0),
    )


def _number(text, default):
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() else default


def _date(text, line, tz) -> datetime | None:
    """A MySQL datetime ("2010-03-14 09:30:00"); None for WordPress's zero date or none."""
    text = (text or "").strip()
    try:
        value = datetime.fromisoformat(text) if text and text != _ZERO_DATE else None
    except ValueError:
        raise WXRError(f"תאריך לא תקין: {text!r}.", line) from None
    return value.replace(tzinfo=tz) if value and tz else value
