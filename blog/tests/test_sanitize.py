import pytest

from blog.sanitize import clean_post_html, strip_bidi_controls


@pytest.mark.parametrize(
    "html",
    [
        "<h2>כותרת</h2>",
        "<p>פסקה עם <strong>הדגשה</strong> ו<em>נטוי</em></p>",
        "<ul><li>אחד</li></ul>",
        "<ol><li>שניים</li></ol>",
        '<p><a href="https://example.org/">קישור</a></p>',
        '<figure><img src="/media/x.png" alt="תמונה"><figcaption>כיתוב</figcaption></figure>',
        "<blockquote><p>ציטוט</p></blockquote>",
        "<table><thead><tr><th>א</th></tr></thead><tbody><tr><td>ב</td></tr></tbody></table>",
        '<p>בנושא <bdi dir="ltr" class="nowrap">GOV 2.0</bdi> היום</p>',
    ],
)
def test_allowed_structure_is_kept(html):
    assert clean_post_html(html) == html


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>שלום<script>alert(1)</script></p>", "<p>שלוםalert(1)</p>"),
        ('<p onclick="steal()">טקסט</p>', "<p>טקסט</p>"),
        ('<a href="javascript:alert(1)">קישור</a>', "<a>קישור</a>"),
        ('<p style="color:red">צבע</p>', "<p>צבע</p>"),
        ('<img src="x" onerror="alert(1)">', '<img src="x">'),
        ("<iframe src='https://evil'></iframe><p>א</p>", "<p>א</p>"),
        ("<!-- הערה --><p>ב</p>", "<p>ב</p>"),
    ],
)
def test_dangerous_markup_is_removed(dirty, clean):
    assert clean_post_html(dirty) == clean


def test_bidi_controls_are_stripped():
    assert strip_bidi_controls("א\u202eב\u2066ג\u2069") == "אבג"
