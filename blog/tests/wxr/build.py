"""Build large WordPress exports (WXR 1.2) for tests and benchmarks: deterministic, Hebrew.

    build_wxr(posts=1000, comments_per_post=10) -> bytes

The layout follows wp-admin/includes/export.php. Post n has id 1000 + n; its comments
have ids from 100000 + n * comments_per_post, and every second comment answers the one
before it, so threads are two deep.
"""

from urllib.parse import quote

WORDS = "שקיפות ממשל פתוח מידע ציבורי אזרחים נתונים כנסת עירייה תקציב שיתוף חופש".split()
CATEGORIES = ["ממשל", "מידע-פתוח", "טכנולוגיה"]
TAGS = ["שקיפות", "נתונים", "python"]

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="WordPress/6.5.2" created="2024-05-01 10:00" -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>בלוג גדול</title>
	<link>http://example.org</link>
	<description>קובץ ייצוא לבדיקות</description>
	<language>he-IL</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>http://example.org</wp:base_site_url>
	<wp:base_blog_url>http://example.org</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login>{cdata_login}</wp:author_login>\
<wp:author_email>{cdata_email}</wp:author_email>\
<wp:author_display_name>{cdata_name}</wp:author_display_name></wp:author>
"""

ITEM = """	<item>
		<title>{title}</title>
		<link>http://example.org/{year}/{month:02d}/{slug}/</link>
		<dc:creator><![CDATA[editor]]></dc:creator>
		<guid isPermaLink="false">http://example.org/?p={wp_id}</guid>
		<description></description>
		<content:encoded>{content}</content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>{wp_id}</wp:post_id>
		<wp:post_date><![CDATA[{local}]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[{gmt}]]></wp:post_date_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:ping_status><![CDATA[open]]></wp:ping_status>
		<wp:post_name><![CDATA[{slug}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<category domain="category" nicename="{category}"><![CDATA[קטגוריה]]></category>
		<category domain="post_tag" nicename="{tag}"><![CDATA[תגית]]></category>
{comments}	</item>
"""

COMMENT = """		<wp:comment>
			<wp:comment_id>{wp_id}</wp:comment_id>
			<wp:comment_author><![CDATA[קורא {n}]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[reader{n}@example.net]]></wp:comment_author_email>
			<wp:comment_author_url></wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[192.0.2.{ip}]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[{local}]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[{gmt}]]></wp:comment_date_gmt>
			<wp:comment_content>{body}</wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>{parent}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
"""


def cdata(text: str) -> str:
    """wxr_cdata(): a CDATA section, with "]]>" split across two of them."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def slug(text: str) -> str:
    """A WordPress slug as exported: lower-case percent-encoded UTF-8."""
    return quote(text, safe="-").lower()


def _words(seed: int, count: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(count))


def _dates(n: int, hour: int = 9) -> dict[str, str]:
    """Israel is two hours ahead of UTC in these (winter) months."""
    year, month, day = 2005 + n % 15, 1 + n % 2 * 10, 1 + n % 28
    return {
        "year": year,
        "month": month,
        "gmt": f"{year}-{month:02d}-{day:02d} {hour:02d}:{n % 60:02d}:00",
        "local": f"{year}-{month:02d}-{day:02d} {hour + 2:02d}:{n % 60:02d}:00",
    }


def _post_content(n: int) -> str:
    paragraphs = [_words(n + i, 12) + "." for i in range(3)]
    image = f'<img src="http://example.org/wp-content/uploads/2010/03/img{n}.jpg" alt="" />'
    return "\n\n".join([paragraphs[0], paragraphs[1] + "\n" + image, paragraphs[2]])


def _comments(n: int, per_post: int) -> str:
    first = 100000 + n * per_post
    parts = []
    for i in range(per_post):
        wp_id = first + i
        parent = wp_id - 1 if i % 2 else 0
        body = cdata(_words(n + i, 8) + ".\nתודה!")
        fields = _dates(n, hour=10 + i % 10)
        parts.append(
            COMMENT.format(wp_id=wp_id, n=i, ip=i % 250, body=body, parent=parent, **fields)
        )
    return "".join(parts)


def _terms() -> str:
    parts, parent = [], ""
    for term_id, name in enumerate(CATEGORIES, start=1):
        parts.append(
            f"\t<wp:category><wp:term_id>{term_id}</wp:term_id>"
            f"<wp:category_nicename>{cdata(slug(name))}</wp:category_nicename>"
            f"<wp:category_parent>{cdata(parent)}</wp:category_parent>"
            f"<wp:cat_name>{cdata(name.replace('-', ' '))}</wp:cat_name></wp:category>\n"
        )
        parent = slug(name)
    for term_id, name in enumerate(TAGS, start=10):
        parts.append(
            f"\t<wp:tag><wp:term_id>{term_id}</wp:term_id>"
            f"<wp:tag_slug>{cdata(slug(name))}</wp:tag_slug>"
            f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
        )
    return "".join(parts)


def build_wxr(posts: int = 1000, comments_per_post: int = 10) -> bytes:
    """A WXR 1.2 export of `posts` published posts with `comments_per_post` comments each."""
    parts = [
        HEADER.format(
            cdata_login=cdata("editor"),
            cdata_email=cdata("editor@example.org"),
            cdata_name=cdata("עורכת ראשית"),
        ),
        _terms(),
    ]
    for n in range(posts):
        parts.append(
            ITEM.format(
                wp_id=1000 + n,
                title=cdata(f"פוסט מספר {n}: {_words(n, 3)}"),
                slug=slug(f"פוסט-{n}"),
                content=cdata(_post_content(n)),
                category=slug(CATEGORIES[n % len(CATEGORIES)]),
                tag=slug(TAGS[n % len(TAGS)]),
                comments=_comments(n, comments_per_post),
                **_dates(n),
            )
        )
    parts.append("</channel>\n</rss>\n")
    return "".join(parts).encode("utf-8")
