"""Whole-site backups (core.backup, export_site, import_site): a round trip restores every
row and file exactly, the zip holds no secrets, and bad files or targets are refused."""

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image as PhotoImage
from taggit.models import Tag

from blog.decks import import_deck
from blog.hebrew import index_document
from blog.media import import_image
from blog.models import BlockedTerm, Comment, Image, Post, Presentation, Slide
from blog.tests.factories import make_category, make_comment, make_post
from blog.tests.slides_factory import deck_pdf, make_presentation, media_files
from core import backup
from core.models import Redirect, SitePage

pytestmark = pytest.mark.django_db
SEED_SLUGS = ("about", "accessibility")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def photo_bytes():
    buffer = io.BytesIO()
    PhotoImage.new("RGB", (1200, 800), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def make_posts(django_user_model):
    """Nested categories, tags, and a post in each status; return the published one."""
    dana = django_user_model.objects.create_user(
        "dana", "dana@example.com", "dana-secret-1", first_name="דנה", last_name="לוי"
    )
    noam = django_user_model.objects.create_user("noam", "noam@example.com", "noam-secret-1")
    django_user_model.objects.create_superuser("admin", "admin@example.com", "admin-secret-1")
    government = make_category("ממשל", description="על ממשל ומדיה")
    online = make_category("ממשל מקוון", parent=government)
    make_category("שקיפות ופתיחות", parent=online)
    make_post(
        "פוסט עתידי על בחירות",
        category=government,
        tags=["בחירות"],
        author=noam,
        published_at=timezone.now() + timedelta(days=3),
    )
    make_post("טיוטה על תקציב", category=government, status=Post.Status.DRAFT, comments_open=False)
    return make_post(
        "ממשל פתוח ברשת",
        category=online,
        tags=["שקיפות", "מדיה חברתית"],
        author=dana,
        byline="דנה לוי",
        excerpt="תקציר על השתתפות הציבור",
        body='<p>השתתפות הציבור <a href="https://example.org/">בממשלה</a> ובכנסת.</p>',
        source_url="https://example.org/original",
        source_name="כתב העת לממשל",
        source_published_on=timezone.localdate() - timedelta(days=400),
        wp_guid="https://old.example.org/?p=7",
        wp_id=7,
    )


@pytest.fixture
def site(django_user_model):
    """Every kind of row the blog has, Hebrew throughout, with a rendered deck and image."""
    for slug in SEED_SLUGS:  # as `migrate` leaves them (a flushing test may have removed them)
        SitePage.objects.get_or_create(slug=slug, defaults={"title": slug, "body": "<p>זרע</p>"})
    live = make_posts(django_user_model)
    first = make_comment(live, body="תגובה ראשונה\nבשתי שורות", ip_address="192.0.2.7")
    reply = make_comment(live, parent=first, status=Comment.Status.PENDING, wp_id=31)
    spam = make_comment(live, parent=reply, status=Comment.Status.SPAM, moderation_note="קישורים")
    make_comment(live, parent=spam, status=Comment.Status.REMOVED, user_agent="Firefox")
    BlockedTerm.objects.create(value="הימורים", note="זבל מוכר")
    SitePage.objects.create(slug="contact", title="יצירת קשר", body="<p>כתבו לנו</p>")
    Redirect.objects.create(old_path="/?p=7", new_path=live.get_absolute_url())
    deck = make_presentation("מצגת על ממשל פתוח", speaker="דנה לוי", event_name="כנס ממשל")
    import_deck(deck, deck_pdf("ממשל פתוח", "אזרחים ברשת"), "כנס.pdf")
    deck.posts.add(live)
    slide = deck.slides.get(number=2)
    slide.text = "קהילות פרלמנטריות ברשת"
    slide.save()
    import_image(photo_bytes(), "גשר ישן.png", alt="גשר מעל הנהר", caption="כיתוב")
    return live


def snapshot():
    """Every row of every backed-up model, by pk, and the authors' user details."""
    rows = {}
    for model in backup.content_models():
        records = serializers.serialize(
            "python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        rows[model._meta.label] = {record["pk"]: record["fields"] for record in records}
    authors = get_user_model().objects.filter(posts__isnull=False).distinct()
    users = {u.username: (u.first_name, u.last_name, u.email) for u in authors}
    return rows, users


def media_bytes():
    root = settings.MEDIA_ROOT
    return {name: Path(root, name).read_bytes() for name in media_files(root)}


def wipe(usernames=("dana", "noam")):
    """Delete the content, its authors and every media file: a fresh, migrated site."""
    for model in reversed(backup.content_models()):
        rows = model._base_manager.all()
        rows = rows.exclude(slug__in=SEED_SLUGS) if model is SitePage else rows
        rows.delete()
    get_user_model().objects.filter(username__in=usernames).delete()
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def export(tmp_path, name="site.zip"):
    path = tmp_path / name
    call_command("export_site", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    return path


def restore(path):
    out = io.StringIO()
    call_command("import_site", str(path), stdout=out)
    return out.getvalue()


def rewrite(path, change):
    """Rewrite the zip at `path` with change(manifest) applied to its manifest."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    change(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def assert_site_empty():
    assert not Post.objects.exists() and not Tag.objects.exists()
    assert not get_user_model().objects.filter(username="dana").exists()
    assert media_files(settings.MEDIA_ROOT) == []


def test_every_concrete_model_of_blog_and_core_is_backed_up_parents_first():
    found = backup.content_models()
    expected = {
        model
        for label in ("blog", "core")
        for model in apps.get_app_config(label).get_models()
        if not model._meta.proxy and model._meta.label not in backup.EXCLUDED_MODELS
    }
    assert set(found) == expected | {Tag}
    order = [model._meta.label for model in found]
    for parent, child in [
        ("blog.Category", "blog.Post"),
        ("taggit.Tag", "blog.TaggedPost"),
        ("blog.Post", "blog.TaggedPost"),
        ("blog.Post", "blog.Comment"),
        ("blog.Post", "blog.Presentation"),
        ("blog.Presentation", "blog.Slide"),
    ]:
        assert order.index(parent) < order.index(child)


def test_round_trip_restores_every_field_of_every_row_and_every_file(site, tmp_path):
    """Export, delete everything, import: rows pk for pk, field for field, and file bytes
    are as they were, including what save() derives (sanitised body, comment depth,
    search documents) and what signals would recompute."""
    rows, users = snapshot()
    files = media_bytes()
    # The PDF, three renditions of each of its two slides, and an image with its renditions.
    assert len(files) == 7 + 1 + len(Image.objects.get().rendition_files)
    path = export(tmp_path)
    wipe()
    assert_site_empty()

    output = restore(path)

    assert "הגיבוי שוחזר" in output and "פוסטים: 3" in output and "תגיות: 3" in output
    assert snapshot() == (rows, users)
    assert media_bytes() == files
    assert Comment.objects.order_by("pk").last().depth == 2
    # Sequences continue after the restored keys (PostgreSQL needs them reset).
    assert make_category("אחרי השחזור").pk > max(rows["blog.Category"])


def test_rows_are_restored_as_exported_even_where_signals_recompute_them(site, tmp_path):
    """Linking the deck to the post rebuilds the post's search documents while it loads;
    the restore writes the exported value back (here a stale one, to tell them apart)."""
    stale = index_document("מסמך ישן")
    Post.objects.filter(pk=site.pk).update(search_document=stale)
    path = export(tmp_path)
    wipe()
    out = io.StringIO()
    call_command("import_site", str(path), stdout=out, verbosity=2)
    assert "שורות שהוחזרו לערכן שבגיבוי אחרי הטעינה: 1" in out.getvalue()
    assert Post.objects.get(pk=site.pk).search_document == stale
    assert list(Post.objects.search("ישן")) == [Post.objects.get(pk=site.pk)]


def test_restored_authors_cannot_log_in_until_given_a_password(site, tmp_path):
    path = export(tmp_path)
    wipe()
    restore(path)
    dana = get_user_model().objects.get(username="dana")
    assert (dana.first_name, dana.last_name, dana.email) == ("דנה", "לוי", "dana@example.com")
    assert not dana.has_usable_password() and not dana.is_staff
    assert Post.objects.get(slug=site.slug).author == dana
    assert get_user_model().objects.get(username="admin").check_password("admin-secret-1")


def test_an_existing_user_of_the_same_username_is_linked_and_left_alone(site, tmp_path):
    path = export(tmp_path)
    wipe(usernames=("noam",))
    restore(path)
    dana = get_user_model().objects.get(username="dana")
    assert dana.check_password("dana-secret-1")
    assert Post.objects.get(slug=site.slug).author == dana


def test_search_finds_restored_posts_by_body_tag_and_slide_text(site, tmp_path):
    path = export(tmp_path)
    wipe()
    restore(path)
    for query in ("השתתפות", "שקיפות", "פרלמנטריות", "ממשל פתוח"):
        assert [post.slug for post in Post.objects.search(query)] == [site.slug], query


def test_the_zip_holds_no_password_hash_and_only_the_authors(site, tmp_path):
    path = export(tmp_path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(name) for name in names)
        users = json.loads(archive.read("users.json"))
        data = json.loads(archive.read("data.json"))
        manifest = json.loads(archive.read("manifest.json"))
    for user in get_user_model().objects.all():
        assert user.password.encode() not in everything
    assert b"md5$" not in everything and b"password" not in everything
    assert sorted(user["fields"]["username"] for user in users) == ["dana", "noam"]
    assert {key for user in users for key in user["fields"]} == {
        "username",
        "first_name",
        "last_name",
        "email",
    }
    assert {row["model"] for row in data} <= {m._meta.label_lower for m in backup.content_models()}
    assert manifest["counts"]["blog.post"] == 3 and manifest["counts"]["auth.user"] == 2
    assert manifest["format_version"] == backup.FORMAT_VERSION
    assert "0005_wordpress_import" in manifest["migrations"]["blog"]
    assert sorted(name for name in names if name.startswith("media/")) == [
        f"media/{name}" for name in manifest["files"]
    ]


def test_a_missing_media_file_is_reported_and_the_rest_restored(site, tmp_path):
    gone = Slide.objects.get(number=1).image_small.name
    default_storage.delete(gone)
    path, err = tmp_path / "site.zip", io.StringIO()
    call_command("export_site", str(path), stdout=io.StringIO(), stderr=err)
    assert gone in err.getvalue() and "חסר" in err.getvalue()
    with zipfile.ZipFile(path) as archive:
        assert json.loads(archive.read("manifest.json"))["missing_files"] == [gone]
    wipe()
    restore(path)
    assert Slide.objects.count() == 2 and not default_storage.exists(gone)
    assert default_storage.exists(Presentation.objects.get().source_file.name)


def test_a_site_with_content_is_refused_and_left_as_it_was(site, tmp_path):
    path = export(tmp_path)
    rows = snapshot()
    with pytest.raises(CommandError, match="רק לאתר שאין בו עדיין תוכן"):
        restore(path)
    assert snapshot() == rows


def test_a_truncated_file_is_refused(site, tmp_path):
    path = export(tmp_path)
    wipe()
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(CommandError, match="אינו קובץ zip תקין"):
        restore(path)
    assert_site_empty()


def test_a_corrupted_file_is_refused(site, tmp_path):
    path = export(tmp_path)
    wipe()
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("data.json")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 8] = bytes(b ^ 0xFF for b in data[middle : middle + 8])
    path.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="פגום"):
        restore(path)
    assert_site_empty()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.update(format_version=99), "גרסת הפורמט של הגיבוי \\(99\\) אינה מוכרת"),
        (lambda m: m.update(format="other"), "זה אינו קובץ גיבוי של האתר"),
        (lambda m: m["migrations"]["blog"].append("9999_future"), "גרסה חדשה יותר"),
        (lambda m: m["counts"].update({"blog.post": 4}), "אינו תואם"),
    ],
    ids=["unknown-version", "foreign-file", "newer-code", "counts-mismatch"],
)
def test_a_file_that_does_not_fit_is_refused_and_nothing_written(site, tmp_path, change, message):
    path = export(tmp_path)
    wipe()
    rewrite(path, change)
    with pytest.raises(CommandError, match=message):
        restore(path)
    assert_site_empty()
    assert set(SitePage.objects.values_list("slug", flat=True)) == set(SEED_SLUGS)


def test_a_media_name_that_climbs_out_of_the_media_folder_is_refused(site, tmp_path):
    path = export(tmp_path)
    wipe()
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("media/../escaped.txt", "x")
    with pytest.raises(CommandError, match="שחזור הגיבוי נכשל"):
        restore(path)
    assert_site_empty()
    assert not (Path(settings.MEDIA_ROOT).parent / "escaped.txt").exists()


def test_a_zip_that_is_not_a_backup_is_refused(db, tmp_path):
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "שלום")
    with pytest.raises(CommandError, match="אין בקובץ manifest.json תקין"):
        restore(path)


def test_the_command_line_shows_a_hebrew_message_and_no_traceback(tmp_path):
    """Run as editors run it; the file is refused before the database is opened."""
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_site", str(path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "אינו קובץ zip תקין" in result.stderr and "Traceback" not in result.stderr


def test_export_needs_a_file_name(db):
    with pytest.raises(CommandError, match="ציינו קובץ zip"):
        call_command("export_site")
