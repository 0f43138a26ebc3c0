"""Plain records of a WordPress blog, as read from a WXR export (no Django, no ORM).

blog.importers.wordpress parses a WXR file into a `Blog`; blog.importers.apply writes a
Blog into the models in one transaction. Slugs are already percent-decoded ("ממשל", not
"%d7%9e..."), datetimes are aware UTC datetimes from the `*_gmt` fields (None when
WordPress wrote "0000-00-00 00:00:00", as it does for drafts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Author:
    wp_id: int  # 0 for a login items name but the file does not list (WXR 1.0)
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    """A category or a tag (`kind`), from <wp:category>/<wp:tag> or an item's <category>."""

    kind: str  # "category" or "tag"
    slug: str
    name: str
    wp_id: int | None = None
    parent_slug: str = ""  # categories only; "" at the top
    description: str = ""


@dataclass
class Comment:
    wp_id: int
    parent_wp_id: int | None  # None for a top-level comment
    author_name: str
    author_email: str
    author_url: str
    author_ip: str
    date: datetime | None
    body: str  # as stored by WordPress: plain text with line breaks, maybe some HTML
    approved: str  # WordPress's comment_approved: "1", "0", "spam", "trash", "post-trashed"
    type: str = "comment"  # "comment", "pingback", "trackback" (WordPress writes "" too)
    user_id: int = 0


@dataclass
class Item:
    """A post, page, attachment or other post type (<item>)."""

    wp_id: int
    post_type: str  # "post", "page", "attachment", "nav_menu_item", ...
    title: str
    slug: str
    guid: str
    link: str  # the permalink WordPress gave it, absolute
    status: str  # "publish", "draft", "pending", "future", "private", "trash", "inherit"
    date: datetime | None  # wp:post_date_gmt; None for drafts never published
    local_date: datetime | None  # wp:post_date, naive, in the blog's time zone
    author_login: str
    content: str  # content:encoded, raw (see blog.importers.content for cleaning)
    excerpt: str
    comment_status: str  # "open" or "closed"
    sticky: bool = False
    parent_wp_id: int | None = None
    menu_order: int = 0
    attachment_url: str = ""  # attachments only
    categories: list[str] = field(default_factory=list)  # slugs
    tags: list[str] = field(default_factory=list)  # slugs
    meta: dict[str, str] = field(default_factory=dict)  # wp:postmeta key -> value
    comments: list[Comment] = field(default_factory=list)
    line: int = 0  # where the <item> starts in the file, for messages
    password: str = ""  # wp:post_password; a protected post is not meant for everyone
    modified: datetime | None = None  # wp:post_modified_gmt (WXR 1.2 from WordPress 5.7)


@dataclass
class Blog:
    wxr_version: str
    title: str
    link: str  # the blog's address (<link>)
    base_site_url: str
    base_blog_url: str
    language: str
    description: str = ""
    authors: list[Author] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)  # categories and tags, declared ones
    items: list[Item] = field(default_factory=list)


class WXRError(ValueError):
    """The file is not a usable WordPress export; str() names the line when known."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"{message} (שורה {line})" if line else message)
