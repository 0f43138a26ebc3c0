"""What the rich-text editor offers survives the save, and nothing else does (issue 10.1).

Each toolbar feature's HTML, as TinyMCE writes it, goes through the admin's post form
and must come back unchanged; hostile markup sent the same way is still stripped. The
editor's configuration and the sanitiser are held together: a toolbar button whose
markup the sanitiser dropped would fail here.
"""

import pytest
from django.conf import settings

from blog.models import Post
from blog.sanitize import POST_TAGS, clean_post_html
from blog.tests.editorial_forms import save_post
from blog.tests.factories import make_category

pytestmark = pytest.mark.django_db

# Toolbar item -> the HTML TinyMCE writes for it.
TOOLBAR_HTML = {
    "blocks": "<h2>כותרת 2</h2><h3>כותרת 3</h3><h4>כותרת 4</h4><p>פסקה</p>",
    "styles": "<p>הפקודה <code>manage.py migrate</code> בשורה</p>",
    "bold": "<p><strong>מודגש</strong></p>",
    "italic": "<p><em>נטוי</em></p>",
    "bullist": "<ul><li>אחד</li><li>שניים</li></ul>",
    "numlist": "<ol><li>ראשון</li><li>שני</li></ol>",
    "blockquote": "<blockquote><p>ציטוט מהמאמר</p></blockquote>",
    "link": '<p><a href="https://data.gov.il/">מאגר המידע</a></p>',
    "image": (
        '<figure class="image"><img src="/media/images/a.webp" alt="מפת ישראל">'
        "<figcaption>כיתוב לתמונה</figcaption></figure>"
    ),
    "table": (
        "<table><caption>טבלה</caption><thead><tr><th>שנה</th><th>מדד</th></tr></thead>"
        '<tbody><tr><td>2010</td><td colspan="1">4</td></tr></tbody></table>'
    ),
    "ltr": '<p dir="ltr">Open Government Partnership</p>',
    "rtl": '<p dir="rtl">פסקה מימין לשמאל</p>',
    "code": "<pre>קוד מקור\n  מוזח</pre>",
}
NEW_WINDOW_LINK = '<p><a href="https://www.gov.il/" target="_blank" rel="noopener">אתר</a></p>'
DECORATIVE_IMAGE = '<p><img src="/media/images/line.webp" alt="" role="presentation"></p>'


def _toolbar_items():
    toolbar = settings.TINYMCE_DEFAULT_CONFIG["toolbar"]
    return {item for item in toolbar.replace("|", " ").split() if item not in ("undo", "redo")}


def test_every_toolbar_item_has_its_html_here():
    assert _toolbar_items() == set(TOOLBAR_HTML)


def test_the_headings_offered_are_h2_to_h4():
    formats = settings.TINYMCE_DEFAULT_CONFIG["block_formats"]
    assert [f.split("=")[1] for f in formats.split("; ")] == ["p", "h2", "h3", "h4", "pre"]
    assert {"h2", "h3", "h4", "p", "pre", "code"} <= POST_TAGS


def test_links_offer_a_new_window_and_the_directionality_plugin_is_loaded():
    config = settings.TINYMCE_DEFAULT_CONFIG
    assert [t["value"] for t in config["link_target_list"]] == ["", "_blank"]
    assert "directionality" in config["plugins"].split(",")
    assert config["image_caption"] and config["a11y_advanced_options"]


@pytest.mark.parametrize("item", sorted(TOOLBAR_HTML))
def test_each_toolbar_feature_survives_the_admin_save(staff_client, item):
    response = save_post(staff_client, make_category(), body=TOOLBAR_HTML[item])
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Post.objects.get().body == TOOLBAR_HTML[item]


def test_a_new_window_link_gets_noopener_noreferrer(staff_client):
    save_post(staff_client, make_category(), body=NEW_WINDOW_LINK)
    assert Post.objects.get().body == (
        '<p><a href="https://www.gov.il/" target="_blank" rel="noopener noreferrer">אתר</a></p>'
    )


def test_a_pasted_h1_becomes_h2(staff_client):
    save_post(staff_client, make_category(), body='<h1 style="color:red">כותרת מודבקת</h1>')
    assert Post.objects.get().body == "<h2>כותרת מודבקת</h2>"


def test_an_image_marked_decorative_keeps_its_empty_alt(staff_client):
    response = save_post(staff_client, make_category(), body=DECORATIVE_IMAGE)
    assert response.status_code == 302
    assert Post.objects.get().body == DECORATIVE_IMAGE


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        (
            '<p><a href="javascript:alert(1)" target="_blank">א</a></p>',
            '<p><a target="_blank" rel="noopener noreferrer">א</a></p>',
        ),
        ('<p><a href="/x" target="_parent">ב</a></p>', '<p><a href="/x">ב</a></p>'),
        ('<p onmouseover="x()">ג<script>alert(1)</script></p>', "<p>גalert(1)</p>"),
        ('<iframe src="https://evil.example/"></iframe><p>ד</p>', "<p>ד</p>"),
        ('<p><img src="x.webp" alt="ה" role="button" data-image-id="1 OR 1"></p>', None),
        ('<figure class="evil"><p>ו</p></figure>', "<figure><p>ו</p></figure>"),
        ('<table style="width:100%" border="1"><tbody><tr><td>ז</td></tr></tbody></table>', None),
        ("<svg><script>alert(1)</script></svg><p>ח</p>", "alert(1)<p>ח</p>"),
    ],
)
def test_hostile_input_is_still_stripped_by_the_admin_save(staff_client, dirty, clean):
    save_post(staff_client, make_category(), body=dirty)
    body = Post.objects.get().body
    if clean is not None:
        assert body == clean
    for word in ("javascript:", "onmouseover", "<script", "iframe", "role=", "style=", "border="):
        assert word not in body
    assert 'data-image-id="1 OR 1"' not in body


def test_the_sanitiser_is_idempotent_on_everything_the_editor_makes():
    for html in [*TOOLBAR_HTML.values(), DECORATIVE_IMAGE]:
        assert clean_post_html(clean_post_html(html)) == clean_post_html(html)
