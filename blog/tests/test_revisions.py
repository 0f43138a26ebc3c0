"""Issue 10, point 3: every admin save of a post or site page keeps a revision (who,
when); saving without a change keeps none; two versions compare as a readable diff;
an old version restores."""

import pytest
from django.urls import reverse
from reversion.models import Version

from blog.models import Post
from blog.tests.admin_forms import post_form
from blog.tests.factories import make_post
from blog.textdiff import inline_diff, lines_diff, visible_lines

pytestmark = pytest.mark.django_db


def _save(client, post, **changes):
    url = reverse("admin:blog_post_change", args=[post.pk])
    response = client.post(url, post_form(post, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    post = Post.objects.get(pk=post.pk)
    return post


def _versions(obj):
    return list(Version.objects.get_for_object(obj))


def test_every_save_keeps_a_revision_with_who_and_when_and_unchanged_saves_keep_none(
    staff_client, staff_user
):
    post = make_post("גרסה ראשונה", tags=["ממשל"])
    post = _save(staff_client, post)
    assert len(_versions(post)) == 1
    post = _save(staff_client, post)  # nothing changed
    post = _save(staff_client, post)
    assert len(_versions(post)) == 1
    post = _save(staff_client, post, title="גרסה שנייה")
    post = _save(staff_client, post, tags="ממשל, שקיפות")  # the tags alone
    versions = _versions(post)
    assert len(versions) == 3
    assert {v.revision.user for v in versions} == {staff_user}
    history = staff_client.get(reverse("admin:blog_post_history", args=[post.pk]))
    html = history.content.decode()
    assert "היסטוריית השינויים" in html and "3 גרסאות שמורות" in html
    assert html.count("editor") >= 3 and "פתיחה לשחזור" in html


def test_the_compare_view_shows_what_changed_word_by_word(staff_client):
    post = make_post("ממשל פתוח", body="<p>ישראל בזירה הבינלאומית.</p><p>פסקה שנשארת.</p>")
    post = _save(staff_client, post)
    post = _save(
        staff_client,
        post,
        title="ממשל שקוף",
        body="<p>ישראל בזירה העולמית.</p><p>פסקה שנשארת.</p><p>פסקה <b>חדשה</b> &amp; נוספת.</p>",
    )
    new, old = _versions(post)
    url = reverse("admin:blog_post_compare", args=[post.pk]) + f"?a={new.pk}&b={old.pk}"
    html = staff_client.get(url).content.decode()
    assert "השוואת גרסאות" in html
    assert "ממשל <del>פתוח</del><ins>שקוף</ins>" in html
    assert "ישראל בזירה <del>הבינלאומית.</del><ins>העולמית.</ins>" in html
    assert '<p class="revisions__line revisions__line--same">פסקה שנשארת.</p>' in html
    assert "<ins>פסקה חדשה &amp; נוספת.</ins>" in html
    assert "(ללא שינוי)" in html  # the unchanged fields say so


@pytest.mark.parametrize("query", ["", "?a=x&b=1", "?a=1&b=1", "?a=999&b=998"])
def test_a_bad_comparison_is_a_hebrew_message_not_an_error(staff_client, query):
    post = _save(staff_client, make_post())
    url = reverse("admin:blog_post_compare", args=[post.pk]) + query
    response = staff_client.get(url, follow=True)
    assert response.status_code == 200
    assert "יש לבחור שתי גרסאות שונות" in response.content.decode()


def test_restoring_an_old_version_brings_back_its_text_and_tags(staff_client):
    post = make_post("הנוסח המקורי", body="<p>הטקסט המקורי</p>", tags=["ממשל"])
    post = _save(staff_client, post)
    post = _save(staff_client, post, title="נוסח חדש", body="<p>טקסט חדש</p>", tags="אחר")
    old = _versions(post)[-1]
    url = reverse("admin:blog_post_revision", args=[post.pk, old.pk])
    form = staff_client.get(url).content.decode()
    assert "הטופס מלא בגרסה הישנה" in form and "הנוסח המקורי" in form
    assert Post.objects.get(pk=post.pk).title == "נוסח חדש"  # looking restores nothing
    response = staff_client.post(
        url, post_form(post, title="הנוסח המקורי", body="<p>הטקסט המקורי</p>", tags="ממשל")
    )
    assert response.status_code == 302
    post = Post.objects.get(pk=post.pk)
    assert (post.title, post.body, list(post.tags.names())) == (
        "הנוסח המקורי",
        "<p>הטקסט המקורי</p>",
        ["ממשל"],
    )
    assert len(_versions(post)) == 3


def test_admin_history_and_compare_are_hebrew_and_escape_the_text(staff_client):
    post = _save(staff_client, make_post(body="<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"))
    post = _save(staff_client, post, body="<p>בטוח</p>")
    new, old = _versions(post)
    url = reverse("admin:blog_post_compare", args=[post.pk]) + f"?a={old.pk}&b={new.pk}"
    html = staff_client.get(url).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'dir="rtl"' in html


def test_visible_lines_read_the_html_as_a_reader_does():
    markup = "<h2>כותרת</h2><p>שורה&nbsp;ראשונה<br>שורה שנייה</p><ul><li>פריט</li></ul>"
    assert visible_lines(markup) == ["כותרת", "שורה ראשונה", "שורה שנייה", "פריט"]


def test_the_diff_marks_words_and_lines_and_escapes():
    assert inline_diff("a <b> c", "a <x> c") == "a <del>&lt;b&gt; </del><ins>&lt;x&gt; </ins>c"
    assert inline_diff("ישן לגמרי", "חדש אחר") == "<del>ישן לגמרי</del><ins>חדש אחר</ins>"
    rows = lines_diff(["אחת", "שתיים"], ["אחת", "שלוש", "ארבע"])
    assert rows == [
        ("same", "אחת"),
        ("changed", "<del>שתיים</del><ins>שלוש</ins>"),
        ("added", "<ins>ארבע</ins>"),
    ]
