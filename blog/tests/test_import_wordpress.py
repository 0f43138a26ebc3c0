"""import_wordpress: a WordPress export into the site, idempotent, safe and redirected.

The WXR files are in blog/tests/wxr/ (written by hand after WordPress's export_wp()).
"""

import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from PIL import Image as PillowImage

from blog.models import Category, Comment, Image, Post

pytestmark = pytest.mark.django_db

WXR = Path(__file__).resolve().parent / "wxr"
RICH = WXR / "hebrew-blog-1.2.xml"
# The site's own models, through the registry: the blog app never imports core.
Redirect = apps.get_model("core", "Redirect")
SitePage = apps.get_model("core", "SitePage")


# What migrate leaves: the two site pages every site starts with.
EMPTY = {
    "User": 0,
    "Category": 0,
    "Post": 0,
    "Comment": 0,
    "SitePage": 2,
    "Redirect": 0,
    "Image": 0,
}


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_wordpress", *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


def counts():
    models = [get_user_model(), Category, Post, Comment, SitePage, Redirect, Image]
    return {model.__name__: model.objects.count() for model in models}


def test_the_rich_blog_is_imported_with_statuses_threads_and_readable_hebrew_slugs():
    output = run(RICH)
    assert output.startswith("37 created, 0 updated")
    published = Post.objects.published()
    assert sorted(published.values_list("slug", flat=True)) == ["פוסט-נעוץ", "שלום-עולם"]
    statuses = dict(Post.objects.values_list("slug", "status"))
    assert statuses["טיוטה"] == statuses["ממתין"] == statuses["פרטי"] == Post.Status.DRAFT
    future = Post.objects.get(slug="עתידי")
    assert future.status == Post.Status.PUBLISHED and not future.is_published()  # scheduled
    assert not Post.objects.filter(title__contains="פח").exists()  # trash skipped
    for reason in ("פינגבקים", "טרקבקים", "תגובות זבל", "תגובות בפח", "פריטים בפח"):
        assert f"דולגו: 1 – {reason}" in output
    assert "[gallery] ×1, [embed] ×1" in output


def test_comments_keep_their_threads_dates_and_moderation():
    run(RICH)
    post = Post.objects.get(slug="שלום-עולם")
    first, reply, deeper = post.comment_tree()[0], None, None
    reply = first.children[0]
    deeper = reply.children[0]
    assert (first.depth, reply.depth, deeper.depth) == (0, 1, 2)
    assert first.created_at.isoformat() == "2010-03-15T08:00:00+00:00"
    assert "תגובה ראשונה & חשובה." in first.body and "&amp;" not in first.body
    assert post.comments.filter(status=Comment.Status.PENDING).count() == 1
    assert not post.comments.filter(status=Comment.Status.SPAM).exists()


def test_authors_categories_and_tags():
    run(RICH)
    users = get_user_model().objects.all()
    assert users.count() == 2 and not any(user.has_usable_password() for user in users)
    post = Post.objects.get(slug="שלום-עולם")
    assert post.byline and post.author.username in {user.username for user in users}
    leaf = Category.objects.get(slug="open-data-tools")
    assert [leaf.parent.slug, leaf.parent.parent.slug] == ["מידע-פתוח", "ממשל"]
    assert sorted(post.tags.names()) == ["GOV 2.0", "שקיפות"]
    assert SitePage.objects.get(slug="אודות").title


def test_running_the_same_file_again_changes_nothing():
    run(RICH)
    before = counts()
    output = run(RICH)
    assert output.startswith("0 created, 0 updated")
    assert counts() == before


def test_a_later_export_updates_what_changed_matched_by_guid(tmp_path):
    run(RICH)
    later = tmp_path / "later.xml"
    text = RICH.read_text(encoding="utf-8").replace("תגובה שעוד לא אושרה", "תגובה שתוקנה")
    pending = "<wp:comment_approved><![CDATA[0]]></wp:comment_approved>"
    approved = pending.replace("[0]", "[1]")
    head, tail = text.split("תגובה שתוקנה", 1)
    later.write_text(head + "תגובה שתוקנה" + tail.replace(pending, approved, 1), encoding="utf-8")
    output = run(later)
    assert output.startswith("0 created, 1 updated")
    comment = Comment.objects.get(body="תגובה שתוקנה.")
    assert comment.status == Comment.Status.APPROVED


def test_dry_run_reports_and_keeps_nothing():
    output = run(RICH, "--dry-run")
    assert output.startswith("37 created") and "הרצת ניסיון" in output
    assert counts() == EMPTY


@pytest.mark.parametrize(
    ("name", "message"),
    [("malformed.xml", "שורה 13"), ("truncated.xml", "שורה"), ("plain-rss.xml", "וורדפרס")],
)
def test_a_broken_or_foreign_file_is_refused_by_line_and_changes_nothing(name, message):
    with pytest.raises(CommandError, match=message):
        run(WXR / name)
    assert counts() == EMPTY


def test_a_failure_half_way_leaves_the_database_untouched(monkeypatch):
    from blog.importers import apply

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(apply, "record_redirects", broken)  # after every row is written
    with pytest.raises(RuntimeError):
        run(RICH)
    assert counts() == EMPTY


def test_old_wordpress_addresses_answer_301_with_the_new_ones(client):
    run(RICH)
    post = Post.objects.get(slug="שלום-עולם")
    old_paths = [
        "/2010/03/14/%D7%A9%D7%9C%D7%95%D7%9D-%D7%A2%D7%95%D7%9C%D7%9D/",
        "/?p=101",
    ]
    for old in old_paths:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, post.get_absolute_url())
    nested = "/category/ממשל/מידע-פתוח/open-data-tools/"
    assert client.get(nested)["Location"] == "/category/open-data-tools/"
    assert client.get(nested + "feed/")["Location"] == "/category/open-data-tools/feed/"
    assert client.get("/?feed=rss2")["Location"] == "/feed/"
    assert client.get("/?p=103").status_code == 200  # a draft: no redirect reveals its slug


def _uploads(tmp_path):
    folder = tmp_path / "uploads" / "2010" / "03"
    folder.mkdir(parents=True)
    PillowImage.new("RGB", (1200, 800), (30, 90, 160)).save(folder / "photo.jpg", "JPEG")
    return tmp_path / "uploads"


def test_with_a_media_dir_images_join_the_library_and_posts_show_renditions(tmp_path, client):
    output = run(RICH, "--media-dir", _uploads(tmp_path))
    image = Image.objects.get()
    assert image.source_url == "http://example.org/wp-content/uploads/2010/03/photo.jpg"
    post = Post.objects.get(slug="שלום-עולם")
    assert "example.org/wp-content" not in post.body
    assert image.srcset and image.srcset.split(",")[0].split()[0] in post.body
    assert "<figcaption>כיתוב לתמונה</figcaption>" in post.body
    assert "לא נמצאו" not in output
    assert client.get(image.renditions[0].url).status_code == 200
    assert run(RICH, "--media-dir", _uploads(tmp_path / "again")).startswith("0 created")


def test_without_a_media_dir_images_are_reported_missing_and_never_fetched(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the importer tried the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    output = run(RICH)
    assert "http://example.org/wp-content/uploads/2010/03/photo.jpg" in output
    assert (
        "example.org/wp-content/uploads/2010/03/photo.jpg"
        in Post.objects.get(slug="שלום-עולם").body
    )


def test_an_old_wxr_1_0_file_imports_too():
    output = run(WXR / "old-blog-1.0.xml")
    assert Post.objects.exists() and "created" in output.splitlines()[0]
    assert run(WXR / "old-blog-1.0.xml").startswith("0 created, 0 updated")
