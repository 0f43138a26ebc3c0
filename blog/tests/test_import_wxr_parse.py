"""Reading WordPress export files (blog.importers.wordpress): pure Python, no database.

The fixtures in blog/tests/wxr/ follow wp-admin/includes/export.php; build.py makes big ones.
"""

import io
import resource
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from blog.importers.records import Author, Comment, Term, WXRError
from blog.importers.wordpress import parse_wxr
from blog.tests.wxr.build import build_wxr

WXR = Path(__file__).parent / "wxr"
RICH = WXR / "hebrew-blog-1.2.xml"


@pytest.fixture(scope="module")
def blog():
    return parse_wxr(RICH)


def by_id(blog, wp_id):
    return next(item for item in blog.items if item.wp_id == wp_id)


def line_of(path, text, before=None):
    """The 1-based line of the first line holding `text`; with `before`, of the last line
    holding `before` above it (e.g. the <item> that a post id belongs to)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = next(n for n, line in enumerate(lines, 1) if text in line)
    if before is None:
        return found
    return max(n for n, line in enumerate(lines[:found], 1) if before in line)


def rich_with(old, new):
    data = RICH.read_bytes()
    assert old.encode() in data
    return io.BytesIO(data.replace(old.encode(), new.encode()))


def error_for(source):
    with pytest.raises(WXRError) as caught:
        parse_wxr(source)
    return caught.value


def test_the_header_is_read(blog):
    assert blog.wxr_version == "1.2"
    assert blog.title == "בלוג הניסוי"
    assert blog.description == 'על ממשל פתוח, מידע ו"טכנולוגיה"'
    assert (blog.link, blog.base_site_url, blog.base_blog_url) == ("http://example.org",) * 3
    assert blog.language == "he-IL"


def test_every_item_comment_and_term_is_counted(blog):
    types = [item.post_type for item in blog.items]
    assert (types.count("post"), types.count("page"), types.count("attachment")) == (7, 1, 1)
    assert types.count("nav_menu_item") == 1
    assert sum(len(item.comments) for item in blog.items) == 8
    kinds = [term.kind for term in blog.terms]
    assert (kinds.count("category"), kinds.count("tag")) == (5, 3)


def test_posts_in_every_status_are_read(blog):
    statuses = {item.wp_id: item.status for item in blog.items if item.post_type == "post"}
    assert statuses == {
        101: "publish",
        102: "publish",
        103: "draft",
        104: "pending",
        105: "future",
        106: "private",
        107: "trash",
    }


def test_both_authors_are_read_with_every_field(blog):
    assert blog.authors == [
        Author(1, "dana", "dana@example.org", "דנה לוי", "דנה", "לוי"),
        Author(2, "yossi", "yossi@example.org", "יוסי כהן", "יוסי", "כהן"),
    ]


def test_categories_nest_three_levels_with_decoded_slugs(blog):
    categories = {term.slug: term for term in blog.terms if term.kind == "category"}
    assert categories["open-data-tools"].parent_slug == "מידע-פתוח"
    assert categories["מידע-פתוח"].parent_slug == "ממשל"
    assert categories["ממשל"] == Term("category", "ממשל", "ממשל", 2, "", "פוסטים על ממשל פתוח")
    assert categories["technology"].name == "Technology & Web"  # WordPress stores &amp;


def test_tags_are_read_with_decoded_slugs_and_descriptions(blog):
    tags = [term for term in blog.terms if term.kind == "tag"]
    assert [(tag.slug, tag.name, tag.wp_id) for tag in tags] == [
        ("שקיפות", "שקיפות", 10),
        ("python", "Python", 11),
        ("gov-2-0", "GOV 2.0", 12),
    ]
    assert tags[2].description == "הממשל של הדור הבא"


def test_a_published_post_has_every_field(blog):
    post = by_id(blog, 101)
    fields = dict(vars(post))
    content, comments = fields.pop("content"), fields.pop("comments")
    assert fields == {
        "wp_id": 101,
        "post_type": "post",
        "title": "שלום עולם: שקיפות & ממשל",
        "slug": "שלום-עולם",
        "guid": "http://example.org/?p=101",
        "link": "http://example.org/2010/03/14/%d7%a9%d7%9c%d7%95%d7%9d-%d7%a2%d7%95%d7%9c%d7%9d/",
        "status": "publish",
        "date": datetime(2010, 3, 14, 9, 30, tzinfo=UTC),
        "local_date": datetime(2010, 3, 14, 11, 30),
        "author_login": "dana",
        "excerpt": "תקציר הפוסט הראשון",
        "comment_status": "open",
        "sticky": False,
        "parent_wp_id": None,
        "menu_order": 0,
        "attachment_url": "",
        "categories": ["open-data-tools", "ממשל"],
        "tags": ["שקיפות", "gov-2-0"],
        "meta": {"_thumbnail_id": "120", "_yoast_wpseo_metadesc": "תיאור למנועי חיפוש"},
        "line": line_of(RICH, "<wp:post_id>101<", before="<item>"),
        "password": "",
        "modified": datetime(2010, 3, 20, 16, 5, 10, tzinfo=UTC),
    }
    assert content.startswith("פסקה ראשונה על <strong>שקיפות</strong>.\nשורה שנייה")
    assert len(comments) == 8


def test_content_split_across_cdata_sections_is_joined(blog):
    """wxr_cdata() writes "]]>" as "]]]]><![CDATA[>"; the reader must put it back."""
    assert by_id(blog, 101).content.endswith("ו-a]]>b\n</pre>")


def test_a_comment_has_every_field(blog):
    assert by_id(blog, 101).comments[0] == Comment(
        wp_id=201,
        parent_wp_id=None,
        author_name="רונית",
        author_email="ronit@example.net",
        author_url="http://ronit.example.net/",
        author_ip="192.0.2.10",
        date=datetime(2010, 3, 15, 8, 0, tzinfo=UTC),
        body="תגובה ראשונה &amp; חשובה.\nשורה שנייה.<p>פסקה <b>נוספת</b></p>",
        approved="1",
        type="comment",  # exported as "" by WordPress before 5.5
        user_id=0,
    )


def test_comment_threads_keep_their_parents_three_deep(blog):
    parents = {c.wp_id: c.parent_wp_id for c in by_id(blog, 101).comments}
    assert (parents[201], parents[202], parents[203]) == (None, 201, 202)
    reply = by_id(blog, 101).comments[1]
    assert (reply.user_id, reply.author_name) == (1, "דנה לוי")


def test_comment_moderation_states_and_types_are_kept(blog):
    comments = {c.wp_id: (c.approved, c.type) for c in by_id(blog, 101).comments}
    assert [comments[n] for n in range(201, 209)] == [
        ("1", "comment"),
        ("1", "comment"),
        ("1", "comment"),
        ("0", "comment"),
        ("spam", "comment"),
        ("trash", "comment"),
        ("1", "pingback"),
        ("1", "trackback"),
    ]


def test_dates_are_aware_utc_and_drafts_have_none(blog):
    assert by_id(blog, 105).date == datetime(2030, 1, 1, 8, 0, tzinfo=UTC)
    assert by_id(blog, 101).comments[0].date.utcoffset().total_seconds() == 0
    for draft in (by_id(blog, 103), by_id(blog, 104)):
        assert draft.date is None  # WordPress writes 0000-00-00 00:00:00
        assert draft.local_date.tzinfo is None
    assert by_id(blog, 103).local_date == datetime(2010, 5, 2, 14, 15)


def test_the_sticky_post_is_marked(blog):
    assert [item.wp_id for item in blog.items if item.sticky] == [102]


def test_a_protected_post_keeps_its_password(blog):
    assert by_id(blog, 106).password == "סיסמה"


def test_the_page_and_the_attachment_are_read(blog):
    page, image = by_id(blog, 110), by_id(blog, 120)
    assert (page.post_type, page.slug, page.menu_order) == ("page", "אודות", 1)
    assert page.meta == {"_wp_page_template": "default"}
    assert image.post_type == "attachment"
    assert image.attachment_url == "http://example.org/wp-content/uploads/2010/03/photo.jpg"
    assert (image.parent_wp_id, image.status) == (101, "inherit")
    assert image.meta["_wp_attached_file"] == "2010/03/photo.jpg"


def test_other_taxonomies_are_not_taken_for_categories(blog):
    assert by_id(blog, 130).categories == [] and by_id(blog, 130).tags == []
    assert "post-format-aside" not in {term.slug for term in blog.terms}


def test_each_item_knows_its_line(blog):
    for item in blog.items:
        assert item.line == line_of(RICH, f"<wp:post_id>{item.wp_id}<", before="<item>")


def test_a_file_object_reads_like_a_path(blog):
    with RICH.open("rb") as source:
        assert parse_wxr(source) == blog


def test_progress_counts_the_items():
    calls = []
    parse_wxr(RICH, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 10) for n in range(11)]


def test_wxr_1_1_is_read():
    source = io.BytesIO(RICH.read_bytes().replace(b"export/1.2/", b"export/1.1/"))
    source = io.BytesIO(source.read().replace(b">1.2</wp:wxr_version>", b">1.1</wp:wxr_version>"))
    blog = parse_wxr(source)
    assert blog.wxr_version == "1.1" and len(blog.items) == 10
    assert by_id(blog, 101).excerpt == "תקציר הפוסט הראשון"


def test_wxr_1_0_without_an_authors_list_names_the_authors_its_items_use():
    blog = parse_wxr(WXR / "old-blog-1.0.xml")
    assert blog.wxr_version == "1.0"
    assert blog.authors == [Author(0, "admin"), Author(0, "guest-writer")]


def test_wxr_1_0_terms_the_header_does_not_declare_are_added():
    blog = parse_wxr(WXR / "old-blog-1.0.xml")
    assert [(t.kind, t.slug, t.name, t.parent_slug) for t in blog.terms] == [
        ("category", "חדשות", "חדשות", ""),
        ("category", "local", "מקומי", "חדשות"),  # WXR 1.0 names the parent, not its slug
        ("tag", "ספרים", "ספרים", ""),
        ("category", "uncategorized-stuff", "Uncategorized Stuff", ""),
    ]
    post = by_id(blog, 5)
    # Each term appears twice in WXR 1.0 (bare, then with a nicename): counted once.
    assert (post.categories, post.tags) == (["local", "uncategorized-stuff"], ["ספרים"])
    assert (post.slug, post.sticky, post.comments[0].type) == ("שלום", False, "comment")


def test_malformed_xml_names_the_line():
    error = error_for(WXR / "malformed.xml")
    assert error.line == line_of(WXR / "malformed.xml", "</titel>")
    assert "פגום" in str(error) and f"(שורה {error.line})" in str(error)


def test_a_truncated_file_is_called_truncated():
    error = error_for(WXR / "truncated.xml")
    assert "קטוע" in str(error)
    assert error.line == len((WXR / "truncated.xml").read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("cut", [0.2, 0.35, 0.5, 0.65, 0.8, 0.95])
def test_a_file_cut_anywhere_is_called_truncated(cut):
    data = RICH.read_bytes()
    assert "קטוע" in str(error_for(io.BytesIO(data[: int(len(data) * cut)])))


def test_a_plain_rss_feed_is_not_a_wordpress_export():
    error = error_for(WXR / "plain-rss.xml")
    assert "אינו קובץ ייצוא של וורדפרס" in str(error) and "RSS" in str(error)
    assert error.line == line_of(WXR / "plain-rss.xml", "<channel>")


def test_another_xml_root_is_not_a_wordpress_export():
    atom = b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title/></feed>'
    error = error_for(io.BytesIO(atom))
    assert "אינו קובץ ייצוא של וורדפרס" in str(error) and "<feed>" in str(error)
    assert error.line == 2


def test_an_unsupported_wxr_version_is_refused():
    source = rich_with("<wp:wxr_version>1.2<", "<wp:wxr_version>2.0<")
    error = error_for(source)
    assert "2.0" in str(error) and "אינה נתמכת" in str(error)
    assert error.line == line_of(RICH, "<wp:wxr_version>")


@pytest.mark.parametrize("replacement", ["", "<wp:post_id>abc</wp:post_id>"])
def test_an_item_without_a_numeric_post_id_is_refused(replacement):
    error = error_for(rich_with("<wp:post_id>102</wp:post_id>", replacement))
    assert "wp:post_id" in str(error)
    assert error.line == line_of(RICH, "<wp:post_id>102<", before="<item>")


def test_a_broken_date_names_its_item():
    source = rich_with("<![CDATA[2010-04-01 06:00:00]]>", "<![CDATA[אתמול]]>")
    error = error_for(source)
    assert "תאריך" in str(error)
    assert error.line == line_of(RICH, "<wp:post_id>102<", before="<item>")


def test_an_empty_file_is_refused():
    assert "ריק" in str(error_for(io.BytesIO(b"  \n")))


def test_control_characters_old_exports_contain_are_dropped():
    blog = parse_wxr(rich_with("עוד לא גמור.", "עוד\x0b לא\x1f גמור."))
    assert by_id(blog, 103).content == "עוד לא גמור."


def test_a_billion_laughs_bomb_is_refused_quickly_and_small():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    error = error_for(WXR / "billion-laughs.xml")
    assert time.perf_counter() - started < 1
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 50_000  # expanded, the bomb would need gigabytes
    assert "ישויות" in str(error)


def test_a_small_entity_declaration_is_refused_too():
    """No expansion at all: WordPress never declares entities, so one that does is suspect."""
    doctype = '<!DOCTYPE rss [<!ENTITY name "ערך">]>\n<rss'
    source = io.BytesIO(RICH.read_bytes().replace(b"<rss", doctype.encode(), 1))
    assert "ישויות" in str(error_for(source))


def test_an_external_entity_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("סוד", encoding="utf-8")
    doctype = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n<rss'
    data = RICH.read_bytes().replace(b"<rss", doctype.encode(), 1)
    data = data.replace("<title>בלוג הניסוי</title>".encode(), b"<title>&xxe;</title>")
    error = error_for(io.BytesIO(data))
    assert "ישויות" in str(error) and "סוד" not in str(error)


def test_a_thousand_posts_with_ten_thousand_comments_parse_in_seconds():
    data = build_wxr(posts=1000, comments_per_post=10)
    started = time.perf_counter()
    blog = parse_wxr(io.BytesIO(data))
    assert time.perf_counter() - started < 5
    assert len(blog.items) == 1000
    assert sum(len(item.comments) for item in blog.items) == 10_000
    assert blog.items[7].comments[1].parent_wp_id == blog.items[7].comments[0].wp_id


def test_the_generator_is_deterministic():
    assert build_wxr(posts=3, comments_per_post=2) == build_wxr(posts=3, comments_per_post=2)
    blog = parse_wxr(io.BytesIO(build_wxr(posts=3, comments_per_post=2)))
    assert [item.slug for item in blog.items] == ["פוסט-0", "פוסט-1", "פוסט-2"]
    assert {term.slug for term in blog.terms} >= {"ממשל", "מידע-פתוח", "שקיפות"}
