"""The blog as a WordPress eXtended RSS (WXR 1.2) file, for moving it to WordPress.

Laid out as WordPress's own exporter writes it (wp-admin/includes/export.php,
``export_wp()``): an RSS 2.0 channel with the excerpt, content, wfw, dc and wp
namespaces; the authors of the posts; every category (parents first, each naming its
parent's nicename) and tag; then one <item> per post (post_type "post") and per site
page (post_type "page"), with its categories, tags and comments.

Our data maps onto WordPress's like this:

- post status: published and due -> publish, published with a future date -> future,
  draft -> draft; site pages are published pages.
- slugs (post_name, nicenames) are percent-encoded in lower-case hex, as WordPress
  stores them ("%d7%9e%d7%9e%d7%a9%d7%9c").
- dates: wp:post_date in the site's time zone (Asia/Jerusalem), *_gmt in UTC; drafts
  keep their planned date rather than WordPress's 0000-00-00.
- comments: approved -> 1, pending -> 0, spam -> spam, removed -> trash, so replies
  keep their parents. WordPress's exporter leaves spam out; we keep it, so that a
  re-import keeps the moderation state.
- ids: posts, categories and comments keep their primary keys. WordPress numbers posts
  and pages in one sequence and terms in another, so pages follow the largest post id
  and tags the largest category id.

Text goes into CDATA sections as WordPress's wxr_cdata() writes them ("]]>" split
across two sections); characters XML 1.0 forbids are dropped, so the file is always
well-formed UTF-8.
"""

import re
from email.utils import format_datetime
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

import django
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from taggit.models import Tag

from blog.models import Category, Comment, Post
from core.models import SitePage

WXR_VERSION = "1.2"
NAMESPACES = {
    "excerpt": f"http://wordpress.org/export/{WXR_VERSION}/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": f"http://wordpress.org/export/{WXR_VERSION}/",
}
COMMENT_APPROVED = {
    Comment.Status.APPROVED: "1",
    Comment.Status.PENDING: "0",
    Comment.Status.SPAM: "spam",
    Comment.Status.REMOVED: "trash",
}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_HEX = re.compile(r"%[0-9A-F]{2}")
MYSQL_DATE = "%Y-%m-%d %H:%M:%S"


def cdata(text):
    """`text` as WordPress's wxr_cdata() writes it: one CDATA section, "]]>" split."""
    text = _NOT_XML.sub("", str(text or ""))
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text(value):
    """`value` escaped for XML character data."""
    return escape(_NOT_XML.sub("", str(value or "")))


def nicename(slug):
    """A slug as WordPress stores it: UTF-8 percent-encoded, lower-case hex."""
    return _HEX.sub(lambda match: match.group().lower(), quote(slug, safe=""))


def local_date(moment):
    zone = ZoneInfo(settings.TIME_ZONE)
    return timezone.localtime(moment, zone).strftime(MYSQL_DATE)


def gmt_date(moment):
    return timezone.localtime(moment, ZoneInfo("UTC")).strftime(MYSQL_DATE)


def rfc822(moment):
    return format_datetime(timezone.localtime(moment, ZoneInfo("UTC")))


def post_status(post, now):
    if post.status != Post.Status.PUBLISHED:
        return "draft"
    return "publish" if post.published_at <= now else "future"


class _Writer:
    def __init__(self, out, site_url):
        self.out = out
        self.site_url = site_url.rstrip("/")
        self.now = timezone.now()
        self.counts = {"posts": 0, "pages": 0, "comments": 0}
        self.page_offset = Post.objects.aggregate(last=Max("pk"))["last"] or 0
        self.tag_offset = Category.objects.aggregate(last=Max("pk"))["last"] or 0

    def line(self, indent, markup):
        self.out.write("\t" * indent + markup + "\n")

    def element(self, indent, name, value):
        self.line(indent, f"<{name}>{cdata(value)}</{name}>")

    def url(self, path):
        return self.site_url + path

    def write(self):
        self.head()
        self.authors()
        self.categories()
        self.tags()
        self.posts()
        self.pages()
        self.out.write("</channel>\n</rss>\n")
        return self.counts

    def head(self):
        self.out.write('<?xml version="1.0" encoding="UTF-8" ?>\n')
        created = timezone.localtime(self.now).strftime("%Y-%m-%d %H:%M")
        self.out.write(f'<!-- generator="Django/{django.get_version()}" created="{created}" -->\n')
        declarations = "".join(f'\n\txmlns:{p}="{uri}"' for p, uri in NAMESPACES.items())
        self.out.write(f'<rss version="2.0"{declarations}\n>\n\n<channel>\n')
        self.line(1, f"<title>{text(settings.SITE_NAME)}</title>")
        self.line(1, f"<link>{text(self.site_url)}</link>")
        self.line(1, f"<description>{text(settings.SITE_TAGLINE)}</description>")
        self.line(1, f"<pubDate>{rfc822(self.now)}</pubDate>")
        self.line(1, f"<language>{text(settings.LANGUAGE_CODE)}</language>")
        self.line(1, f"<wp:wxr_version>{WXR_VERSION}</wp:wxr_version>")
        self.line(1, f"<wp:base_site_url>{text(self.site_url)}</wp:base_site_url>")
        self.line(1, f"<wp:base_blog_url>{text(self.site_url)}</wp:base_blog_url>\n")

    def authors(self):
        users = get_user_model().objects.filter(posts__isnull=False).distinct().order_by("pk")
        for user in users:
            self.out.write(
                "\t<wp:author>"
                f"<wp:author_id>{user.pk}</wp:author_id>"
                f"<wp:author_login>{cdata(user.get_username())}</wp:author_login>"
                f"<wp:author_email>{cdata(user.email)}</wp:author_email>"
                "<wp:author_display_name>"
                f"{cdata(user.get_full_name() or user.get_username())}"
                "</wp:author_display_name>"
                f"<wp:author_first_name>{cdata(user.first_name)}</wp:author_first_name>"
                f"<wp:author_last_name>{cdata(user.last_name)}</wp:author_last_name>"
                "</wp:author>\n"
            )

    def categories(self):
        pending, written = list(Category.objects.order_by("pk")), {}
        # Parents first, as WordPress orders them (a parent cycle is written as it is).
        while pending:
            ready = [c for c in pending if not c.parent_id or c.parent_id in written]
            for category in ready or pending[:1]:
                written[category.pk] = category
            pending = [c for c in pending if c.pk not in written]
        for category in written.values():
            parent = written.get(category.parent_id)
            self.line(1, "<wp:category>")
            self.line(2, f"<wp:term_id>{category.pk}</wp:term_id>")
            self.element(2, "wp:category_nicename", nicename(category.slug))
            self.element(2, "wp:category_parent", nicename(parent.slug) if parent else "")
            self.element(2, "wp:cat_name", category.name)
            if category.description:
                self.element(2, "wp:category_description", category.description)
            self.line(1, "</wp:category>")

    def tags(self):
        for tag in Tag.objects.order_by("pk"):
            self.line(1, "<wp:tag>")
            self.line(2, f"<wp:term_id>{self.tag_offset + tag.pk}</wp:term_id>")
            self.element(2, "wp:tag_slug", nicename(tag.slug))
            self.element(2, "wp:tag_name", tag.name)
            self.line(1, "</wp:tag>")

    def posts(self):
        comments = Prefetch("comments", queryset=Comment.objects.order_by("created_at", "pk"))
        posts = (
            Post.objects.select_related("author", "category")
            .prefetch_related("tags", comments)
            .order_by("pk")
        )
        for post in posts.iterator(chunk_size=100):
            tags = sorted(post.tags.all(), key=lambda tag: tag.name)
            terms = [("category", post.category)] + [("post_tag", tag) for tag in tags]
            self.item(
                post_id=post.pk,
                post=post,
                post_type="post",
                published=post.published_at,
                excerpt=post.excerpt,
                status=post_status(post, self.now),
                creator=post.author.get_username() if post.author_id else "",
                comment_status="open" if post.comments_open else "closed",
                terms=terms,
            )
            for comment in post.comments.all():
                self.comment(comment)
            self.line(1, "</item>")
            self.counts["posts"] += 1

    def pages(self):
        for page in SitePage.objects.order_by("pk"):
            self.item(
                post_id=self.page_offset + page.pk,
                post=page,
                post_type="page",
                published=page.updated_at,
                excerpt=page.description,
                status="publish",
                creator="",
                comment_status="closed",
                terms=[],
            )
            self.line(1, "</item>")
            self.counts["pages"] += 1

    def item(self, *, post, post_id, post_type, published, excerpt, status, **rest):
        """An <item> up to its comments, for a Post or a SitePage; `rest` holds its
        creator, comment_status and terms [(domain, category or tag)]."""
        link = self.url(post.get_absolute_url())
        self.line(1, "<item>")
        self.element(2, "title", post.title)
        self.line(2, f"<link>{text(link)}</link>")
        self.line(2, f"<pubDate>{rfc822(published)}</pubDate>")
        self.element(2, "dc:creator", rest["creator"])
        self.line(2, f'<guid isPermaLink="false">{text(post.wp_guid or link)}</guid>')
        self.line(2, "<description></description>")
        self.element(2, "content:encoded", post.body)
        self.element(2, "excerpt:encoded", excerpt)
        self.line(2, f"<wp:post_id>{post_id}</wp:post_id>")
        self.element(2, "wp:post_date", local_date(published))
        self.element(2, "wp:post_date_gmt", gmt_date(published))
        self.element(2, "wp:post_modified", local_date(post.updated_at))
        self.element(2, "wp:post_modified_gmt", gmt_date(post.updated_at))
        self.element(2, "wp:comment_status", rest["comment_status"])
        self.element(2, "wp:ping_status", "closed")
        self.element(2, "wp:post_name", nicename(post.slug))
        self.element(2, "wp:status", status)
        self.line(2, "<wp:post_parent>0</wp:post_parent>")
        self.line(2, "<wp:menu_order>0</wp:menu_order>")
        self.element(2, "wp:post_type", post_type)
        self.element(2, "wp:post_password", "")
        self.line(2, "<wp:is_sticky>0</wp:is_sticky>")
        for domain, term in rest["terms"]:
            attributes = f"domain={quoteattr(domain)} nicename={quoteattr(nicename(term.slug))}"
            self.line(2, f"<category {attributes}>{cdata(term.name)}</category>")

    def comment(self, comment):
        self.line(2, "<wp:comment>")
        self.line(3, f"<wp:comment_id>{comment.pk}</wp:comment_id>")
        self.element(3, "wp:comment_author", comment.author_name)
        self.element(3, "wp:comment_author_email", comment.author_email)
        self.line(3, f"<wp:comment_author_url>{text(comment.web_url)}</wp:comment_author_url>")
        self.element(3, "wp:comment_author_IP", comment.ip_address or "")
        self.element(3, "wp:comment_date", local_date(comment.created_at))
        self.element(3, "wp:comment_date_gmt", gmt_date(comment.created_at))
        self.element(3, "wp:comment_content", comment.body)
        self.element(3, "wp:comment_approved", COMMENT_APPROVED.get(comment.status, "0"))
        self.element(3, "wp:comment_type", "comment")
        self.line(3, f"<wp:comment_parent>{comment.parent_id or 0}</wp:comment_parent>")
        self.line(3, "<wp:comment_user_id>0</wp:comment_user_id>")
        self.line(2, "</wp:comment>")
        self.counts["comments"] += 1


def write_wxr(out, site_url):
    """Write the WXR file to the text stream `out` (open it as UTF-8); return counts of
    the posts, pages and comments written. `site_url` makes the links absolute."""
    with transaction.atomic():  # one consistent read (a snapshot on SQLite)
        return _Writer(out, site_url).write()
