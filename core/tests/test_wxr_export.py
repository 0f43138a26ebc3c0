"""The WordPress (WXR 1.2) export (core.wxr, `export_site --wxr`): a well-formed file laid
out as WordPress's exporter writes it, with Hebrew intact and comment threads kept."""

import io
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from taggit.models import Tag

from blog.models import Category, Comment, Post
from blog.tests.factories import make_category, make_comment, make_post
from core import wxr
from core.models import SitePage

pytestmark = pytest.mark.django_db
SITE = "https://blog.example.org"
WP = "{http://wordpress.org/export/1.2/}"
TRICKY_TITLE = "כותרת עם ]]> באמצע & סימנים <b>"


@pytest.fixture
def blog(django_user_model):
    dana = django_user_model.objects.create_user(
        "dana", "dana@example.com", first_name="דנה", last_name="לוי"
    )
    # The child is created first, so only a parents-first ordering puts its parent ahead.
    child = make_category("ממשל מקוון")
    parent = make_category("ממשל", description="על ממשל")
    child.parent = parent
    child.save()
    live = make_post(
        "ממשל פתוח ברשת",
        category=child,
        tags=["שקיפות", "מדיה חברתית"],
        author=dana,
        excerpt="תקציר בעברית",
        body="<p>השתתפות הציבור בממשלה</p>",
        published_at=timezone.now() - timedelta(days=30),
    )
    make_post(TRICKY_TITLE, category=parent, published_at=timezone.now() + timedelta(days=2))
    make_post("טיוטה על תקציב", category=parent, status=Post.Status.DRAFT, comments_open=False)
    first = make_comment(live, body="תגובה ראשונה ]]> עם סוגריים", ip_address="192.0.2.7")
    reply = make_comment(live, parent=first, status=Comment.Status.PENDING)
    spam = make_comment(live, parent=reply, status=Comment.Status.SPAM)
    make_comment(live, parent=spam, status=Comment.Status.REMOVED)
    make_comment(live, body="תגובה שנייה", author_url="https://reader.example/?a=1&b=2")
    SitePage.objects.create(slug="יצירת-קשר", title="יצירת קשר", body="<p>כתבו לנו</p>")
    return live


def export(tmp_path):
    path = tmp_path / "blog.xml"
    out = io.StringIO()
    call_command("export_site", "--wxr", str(path), "--site-url", SITE + "/", stdout=out)
    return path, out.getvalue()


def items(root, post_type):
    return [i for i in root.iter("item") if i.findtext(f"{WP}post_type") == post_type]


def wp(element, name):
    return element.findtext(f"{WP}{name}")


def test_the_file_is_well_formed_utf8_with_wordpress_namespaces(blog, tmp_path):
    path, output = export(tmp_path)
    raw = path.read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8" ?>\n')
    text = raw.decode("utf-8")
    for prefix, uri in wxr.NAMESPACES.items():
        assert f'xmlns:{prefix}="{uri}"' in text
    root = ET.fromstring(raw)
    channel = root.find("channel")
    assert (root.tag, root.get("version")) == ("rss", "2.0")
    assert wp(channel, "wxr_version") == "1.2"
    assert wp(channel, "base_site_url") == wp(channel, "base_blog_url") == SITE
    assert channel.findtext("link") == SITE
    assert "פוסטים: 3, עמודים: " in output


def test_counts_of_authors_terms_posts_pages_and_comments(blog, tmp_path):
    root = ET.parse(export(tmp_path)[0]).getroot()
    channel = root.find("channel")
    assert len(channel.findall(f"{WP}category")) == Category.objects.count() == 2
    assert len(channel.findall(f"{WP}tag")) == Tag.objects.count() == 2
    (author,) = channel.findall(f"{WP}author")
    assert [wp(author, n) for n in ("author_login", "author_email", "author_display_name")] == [
        "dana",
        "dana@example.com",
        "דנה לוי",
    ]
    assert len(items(root, "post")) == 3
    assert len(items(root, "page")) == SitePage.objects.count()
    assert len(list(root.iter(f"{WP}comment"))) == Comment.objects.count() == 5


def test_categories_come_parents_first_with_percent_encoded_nicenames(blog, tmp_path):
    channel = ET.parse(export(tmp_path)[0]).getroot().find("channel")
    fields = ("cat_name", "category_nicename", "category_parent")
    written = [tuple(wp(c, n) for n in fields) for c in channel.findall(f"{WP}category")]
    parent_nicename = quote("ממשל", safe="").lower()
    assert parent_nicename == "%d7%9e%d7%9e%d7%a9%d7%9c"
    assert written == [
        ("ממשל", parent_nicename, ""),
        ("ממשל מקוון", wxr.nicename("ממשל-מקוון"), parent_nicename),
    ]


def test_posts_map_status_dates_slugs_and_terms(blog, tmp_path):
    root = ET.parse(export(tmp_path)[0]).getroot()
    by_title = {item.findtext("title"): item for item in items(root, "post")}
    assert set(by_title) == {"ממשל פתוח ברשת", TRICKY_TITLE, "טיוטה על תקציב"}
    statuses = {title: wp(item, "status") for title, item in by_title.items()}
    assert statuses == {
        "ממשל פתוח ברשת": "publish",
        TRICKY_TITLE: "future",
        "טיוטה על תקציב": "draft",
    }
    item = by_title["ממשל פתוח ברשת"]
    local = timezone.localtime(blog.published_at, ZoneInfo("Asia/Jerusalem"))
    assert wp(item, "post_date") == local.strftime("%Y-%m-%d %H:%M:%S")
    utc = blog.published_at.astimezone(ZoneInfo("UTC"))
    assert wp(item, "post_date_gmt") == utc.strftime("%Y-%m-%d %H:%M:%S")
    assert wp(item, "post_id") == str(blog.pk)
    assert wp(item, "post_name") == quote(blog.slug, safe="").lower()
    assert item.findtext("link") == SITE + blog.get_absolute_url()
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "dana"
    assert item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") == blog.body
    assert item.findtext("{http://wordpress.org/export/1.2/excerpt/}encoded") == "תקציר בעברית"
    assert [wp(i, "comment_status") for i in by_title.values()] == ["open", "open", "closed"]
    terms = [(c.get("domain"), c.get("nicename"), c.text) for c in item.findall("category")]
    assert terms == [
        ("category", wxr.nicename("ממשל-מקוון"), "ממשל מקוון"),
        ("post_tag", wxr.nicename("מדיה-חברתית"), "מדיה חברתית"),
        ("post_tag", wxr.nicename("שקיפות"), "שקיפות"),
    ]


def test_comments_keep_their_threads_and_moderation_state(blog, tmp_path):
    root = ET.parse(export(tmp_path)[0]).getroot()
    (item,) = [i for i in items(root, "post") if wp(i, "post_id") == str(blog.pk)]
    written = {
        int(wp(c, "comment_id")): (int(wp(c, "comment_parent")), wp(c, "comment_approved"))
        for c in item.findall(f"{WP}comment")
    }
    approved = {"approved": "1", "pending": "0", "spam": "spam", "removed": "trash"}
    assert written == {c.pk: (c.parent_id or 0, approved[c.status]) for c in blog.comments.all()}
    first = item.find(f"{WP}comment")
    assert wp(first, "comment_content") == "תגובה ראשונה ]]> עם סוגריים"
    assert wp(first, "comment_author_IP") == "192.0.2.7"
    urls = [wp(c, "comment_author_url") for c in item.findall(f"{WP}comment")]
    assert "https://reader.example/?a=1&b=2" in urls


def test_pages_are_published_pages_numbered_after_the_posts(blog, tmp_path):
    root = ET.parse(export(tmp_path)[0]).getroot()
    post_ids = {int(wp(i, "post_id")) for i in items(root, "post")}
    pages = {i.findtext("title"): i for i in items(root, "page")}
    page = pages["יצירת קשר"]
    assert wp(page, "status") == "publish" and wp(page, "comment_status") == "closed"
    assert wp(page, "post_name") == wxr.nicename("יצירת-קשר")
    page_ids = {int(wp(i, "post_id")) for i in pages.values()}
    assert len(page_ids) == len(pages) and min(page_ids) > max(post_ids)


def test_cdata_splits_its_terminator_and_drops_characters_xml_forbids():
    assert wxr.cdata("א]]>ב") == "<![CDATA[א]]]]><![CDATA[>ב]]>"
    section = wxr.cdata("א]]>ב\x00\x0bג")
    element = ET.fromstring(f"<t>{section}</t>")
    assert element.text == "א]]>בג"


def test_the_wxr_and_the_zip_can_be_written_in_one_run(blog, tmp_path):
    out = io.StringIO()
    args = [str(tmp_path / "b.zip"), "--wxr", str(tmp_path / "b.xml"), "--site-url", SITE]
    call_command("export_site", *args, stdout=out)
    assert (tmp_path / "b.zip").exists() and (tmp_path / "b.xml").exists()


def test_the_wxr_needs_the_site_address(db, tmp_path):
    with pytest.raises(CommandError, match="--site-url"):
        call_command("export_site", "--wxr", str(tmp_path / "b.xml"))


def test_our_own_wordpress_importer_reads_it_back(blog, tmp_path):
    """blog.importers.wordpress parses the file into the same titles, slugs, statuses,
    dates and comment threads."""
    wordpress = pytest.importorskip("blog.importers.wordpress")
    parsed = wordpress.parse_wxr(export(tmp_path)[0])
    assert parsed.wxr_version == "1.2" and parsed.base_site_url == SITE
    posts = {item.slug: item for item in parsed.items if item.post_type == "post"}
    assert set(posts) == set(Post.objects.values_list("slug", flat=True))
    for post in Post.objects.all():
        item = posts[post.slug]
        assert item.title == post.title
        assert item.date == post.published_at.replace(microsecond=0)
        assert item.status == wxr.post_status(post, timezone.now())
        assert item.author_login == (post.author.username if post.author else "")
    threads = {c.wp_id: (c.parent_wp_id, c.approved) for c in posts[blog.slug].comments}
    approved = {"approved": "1", "pending": "0", "spam": "spam", "removed": "trash"}
    assert threads == {c.pk: (c.parent_id, approved[c.status]) for c in blog.comments.all()}
    categories = {t.slug: t.parent_slug for t in parsed.terms if t.kind == "category"}
    assert categories == {"ממשל": "", "ממשל-מקוון": "ממשל"}
    pages = {item.slug for item in parsed.items if item.post_type == "page"}
    assert "יצירת-קשר" in pages
