"""Cleaning WordPress post bodies and comments (blog.importers.content): no database."""

from collections import Counter
from pathlib import Path

import pytest

from blog.importers.content import clean_content, comment_text, wpautop
from blog.importers.wordpress import parse_wxr
from blog.sanitize import clean_post_html

PHOTO = "http://example.org/wp-content/uploads/2010/03/photo.jpg"
IMG = f'<img class="size-medium wp-image-120" src="{PHOTO}" alt="תמונה" width="300" />'


# --- Gutenberg --------------------------------------------------------------------------


def test_block_comments_go_and_their_content_stays():
    html = (
        "<!-- wp:paragraph -->\n<p>שלום</p>\n<!-- /wp:paragraph -->\n\n"
        '<!-- wp:image {"id":120,"sizeSlug":"large"} -->\n'
        f'<figure class="wp-block-image"><img src="{PHOTO}" alt=""/></figure>\n'
        "<!-- /wp:image -->\n\n<!-- wp:separator /-->"
    )
    cleaned = clean_content(html)
    assert "wp:" not in cleaned.html
    assert cleaned.html.startswith("<p>שלום</p>\n\n<figure")
    assert cleaned.images == [PHOTO]


def test_block_posts_get_no_autop_as_in_wordpress():
    html = "<!-- wp:html -->\n<div>שורה\nועוד שורה</div>\n<!-- /wp:html -->"
    assert clean_content(html).html == "<div>שורה\nועוד שורה</div>"


# --- [caption] --------------------------------------------------------------------------


def test_a_caption_with_trailing_text_becomes_a_figure():
    html = f'[caption id="attachment_120" align="alignright" width="300"]{IMG} כיתוב[/caption]'
    assert clean_content(html).html == f"<figure>{IMG}<figcaption>כיתוב</figcaption></figure>"


def test_a_caption_attribute_becomes_the_figcaption():
    html = f'[caption id="attachment_120" width="300" caption="כיתוב ישן"]{IMG}[/caption]'
    assert clean_content(html).html == f"<figure>{IMG}<figcaption>כיתוב ישן</figcaption></figure>"


def test_a_captioned_image_keeps_its_link():
    linked = f'<a href="{PHOTO}">{IMG}</a>'
    html = f'[caption id="" align="aligncenter" width="300"]{linked} תמונה <em>יפה</em>[/caption]'
    expected = f"<figure>{linked}<figcaption>תמונה <em>יפה</em></figcaption></figure>"
    assert clean_content(html).html == expected


def test_a_caption_without_text_leaves_the_bare_image():
    html = f'[caption id="" align="alignnone" width="300"]{IMG}[/caption]'
    assert clean_content(html).html == f"<p>{IMG}</p>"


def test_a_figure_is_never_wrapped_in_a_paragraph():
    html = f'לפני\n[caption width="300"]{IMG} כיתוב[/caption]\nאחרי'
    html = clean_content(html).html
    assert "<p>לפני</p>\n<figure>" in html and "</figure>\n<p>אחרי</p>" in html


# --- other shortcodes -------------------------------------------------------------------


def test_other_shortcodes_are_counted_and_left_as_text():
    html = (
        '[gallery ids="1,2"]\n\n[embed]https://youtu.be/abc[/embed]\n\n'
        '[youtube https://youtu.be/xyz]\n\n[gallery ids="3"]'
    )
    cleaned = clean_content(html)
    assert cleaned.shortcodes == Counter({"gallery": 2, "embed": 1, "youtube": 1})
    assert '<p>[gallery ids="1,2"]</p>' in cleaned.html
    assert "<p>[embed]https://youtu.be/abc[/embed]</p>" in cleaned.html


def test_escaped_and_quoted_shortcodes_are_not_counted():
    html = 'כתבו [[gallery]] כדי להציג אותו.\n\n<pre>[gallery ids="1"]</pre> <code>[embed]</code>'
    assert clean_content(html).shortcodes == Counter()


# --- images -----------------------------------------------------------------------------


def test_images_are_listed_in_order_once_with_entities_decoded():
    html = (
        f'<img src=\'{PHOTO}\'>\n\n<img alt="" src="/b.png?x=1&amp;y=2">\n\n'
        f'<img src="{PHOTO}"> <img src=/c.gif> <img alt="אין מקור">'
    )
    assert clean_content(html).images == [PHOTO, "/b.png?x=1&y=2", "/c.gif"]


def test_the_more_marker_leaves_no_empty_paragraph():
    html = clean_content("פתיחה\n\n<!--more-->\n\nהמשך").html
    assert html == "<p>פתיחה</p>\n<p>המשך</p>"


# --- wpautop ----------------------------------------------------------------------------


def test_blank_lines_make_paragraphs():
    assert wpautop("פסקה אחת.\n\nפסקה שתיים.") == "<p>פסקה אחת.</p>\n<p>פסקה שתיים.</p>\n"


def test_single_newlines_make_line_breaks():
    assert wpautop("שורה אחת\nשורה שתיים") == "<p>שורה אחת<br>\nשורה שתיים</p>\n"


def test_windows_line_ends_and_many_blank_lines_count_once():
    assert wpautop("א\r\n\r\n\r\n\r\nב") == "<p>א</p>\n<p>ב</p>\n"


def test_pre_is_left_exactly_as_written():
    code = "<pre>\nif x:\n\n    print('שלום')\n</pre>"
    assert wpautop(f"לפני הקוד:\n{code}\nאחרי") == f"<p>לפני הקוד:</p>\n{code}\n<p>אחרי</p>\n"


def test_lists_are_not_wrapped_and_items_get_no_breaks():
    text = "רשימת קניות:\n<ul>\n\t<li>חלב</li>\n\t<li>לחם</li>\n</ul>\nזהו."
    expected = "<p>רשימת קניות:</p>\n<ul>\n<li>חלב</li>\n<li>לחם</li>\n</ul>\n<p>זהו.</p>\n"
    assert wpautop(text) == expected


def test_headings_and_tables_are_not_wrapped():
    text = "<h2>כותרת</h2>\nטקסט\n<table>\n<tr>\n<td>תא</td>\n</tr>\n</table>"
    expected = "<h2>כותרת</h2>\n<p>טקסט</p>\n<table>\n<tr>\n<td>תא</td>\n</tr>\n</table>\n"
    assert wpautop(text) == expected


def test_blockquote_gets_its_paragraph_inside():
    expected = "<blockquote><p>ציטוט<br>\nשורה שנייה</p></blockquote>\n"
    assert wpautop("<blockquote>ציטוט\nשורה שנייה</blockquote>") == expected


def test_newlines_inside_a_tag_are_not_line_breaks():
    assert wpautop('<a\nhref="/x">קישור</a>') == '<p><a\nhref="/x">קישור</a></p>\n'


def test_script_newlines_are_kept_without_breaks():
    assert wpautop("<script>a()\nb()</script>") == "<p><script>a()\nb()</script></p>\n"


def test_non_breaking_spaces_are_text_not_whitespace():
    """PCRE's \\s without /u is ASCII: a paragraph of just NBSP survives, as in WordPress."""
    assert wpautop("א\n\n\xa0\n\nב") == "<p>א</p>\n<p>\xa0</p>\n<p>ב</p>\n"


def test_blank_text_gives_nothing():
    assert wpautop(" \n\t\n") == ""
    assert clean_content("").html == ""


# --- through the sanitiser --------------------------------------------------------------


def test_a_whole_post_survives_the_sanitiser():
    blog = parse_wxr(Path(__file__).parent / "wxr" / "hebrew-blog-1.2.xml")
    cleaned = clean_content(blog.items[0].content)
    html = clean_post_html(cleaned.html)
    assert html.startswith("<p>פסקה ראשונה על <strong>שקיפות</strong>.<br>\nשורה שנייה")
    assert f'<figure><a href="{PHOTO}"><img src="{PHOTO}" alt="תמונה"' in html
    assert "<figcaption>כיתוב לתמונה</figcaption></figure>" in html
    assert "<ul>\n<li>פריט ראשון</li>\n<li>פריט שני</li>\n</ul>" in html
    assert "קוד\n  עם רווחים\n\nו-a]]&gt;b\n</pre>" in html
    assert "<p></p>" not in html and "wp:" not in html
    assert cleaned.shortcodes == Counter({"gallery": 1, "embed": 1})
    assert cleaned.images == [PHOTO]


def test_a_block_post_survives_the_sanitiser():
    blog = parse_wxr(Path(__file__).parent / "wxr" / "hebrew-blog-1.2.xml")
    html = clean_post_html(clean_content(blog.items[1].content).html)
    assert html == (
        "<p>פוסט נעוץ בעורך הבלוקים.</p>\n\n"
        f'<figure><img src="{PHOTO}" alt=""><figcaption>כיתוב בבלוק</figcaption></figure>'
    )


# --- comments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("שורה אחת\nשורה שתיים", "שורה אחת\nשורה שתיים"),
        ("שורה<br />עוד שורה<br>ועוד", "שורה\nעוד שורה\nועוד"),
        ("<p>פסקה</p><p>ועוד פסקה</p>", "פסקה\n\nועוד פסקה"),
        ('ראו <a href="http://x.example/">כאן</a> <b>עכשיו</b>', "ראו כאן עכשיו"),
        ("טום &amp; ג&#039;רי &lt;3", "טום & ג'רי <3"),
        ("3 < 5 וגם 7 > 2", "3 < 5 וגם 7 > 2"),
        ("שלום<script>alert(1)</script> לכולם", "שלום לכולם"),
        ("<ul><li>א</li><li>ב</li></ul>", "א\nב"),
        ("\r\nשורה\r\n\r\n\r\n\r\nסוף  \r\n", "שורה\n\nסוף"),
    ],
)
def test_comment_bodies_become_plain_text(body, text):
    assert comment_text(body) == text
