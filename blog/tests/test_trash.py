"""Issue 10, point 7: deleting a post moves it to a trash it can be restored from, with
its comments, tags and slides; emptying the trash or `purge_trash` deletes for good."""

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog import cache, trash
from blog.models import Comment, Post, Presentation, TaggedPost
from blog.tests.admin_forms import post_form
from blog.tests.factories import make_comment, make_post
from blog.tests.test_published import _markers, _public_urls, blog  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _trashed_post(visible):
    post = make_post(
        "בסל המחזור TRASHEDPOST",
        slug="trashedpost",
        category=visible.category,
        tags=["שקיפות"],
        published_at=timezone.now() - timedelta(days=300),
    )
    make_comment(post, body="תגובה על פוסט בסל HIDDENCOMMENT")
    Presentation.objects.get(slug="shared-deck").posts.add(post)
    return post


def _leaks(client, visible, hidden):
    markers = _markers(hidden)
    found = {}
    for url in _public_urls(visible, hidden):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        text = response.content.decode()
        leaked = [marker for marker in markers if marker in text]
        if "/posts/trashedpost/" in text and not url.startswith("/posts/trashedpost/"):
            leaked.append("link")
        if leaked:
            found[url] = leaked
    return found


def test_a_trashed_post_is_on_no_page_feed_sitemap_search_or_count(client, blog):  # noqa: F811
    visible, hidden = blog
    post = _trashed_post(visible)
    assert "TRASHEDPOST" in client.get("/").content.decode()  # published: shown before
    trash.move_to_trash(Post.objects.filter(pk=post.pk))
    assert _leaks(client, visible, [*hidden, post]) == {}
    assert client.get(post.get_absolute_url()).status_code == 404
    home = client.get("/").content.decode()
    assert re.search(r"ממשל פתוח</a> <span class=\"count\">\(1<", home)
    # Restored: back everywhere, as it was.
    trash.restore(Post.all_objects.filter(pk=post.pk))
    assert "TRASHEDPOST" in client.get("/").content.decode()
    assert "/posts/trashedpost/" in client.get("/sitemap.xml").content.decode()
    assert "TRASHEDPOST" in client.get(reverse("blog:feed")).content.decode()


def test_admin_delete_moves_to_the_trash_and_restore_brings_everything_back(staff_client):
    post = make_post("פוסט למחיקה", tags=["ממשל", "שקיפות"])
    make_comment(post, body="תגובה שנשמרת")
    deck = Presentation.objects.create(title="מצגת", slug="deck")
    deck.posts.add(post)
    url = reverse("admin:blog_post_delete", args=[post.pk])
    confirm = staff_client.get(url).content.decode()
    assert "להעביר את הפוסט „פוסט למחיקה” לסל המחזור?" in confirm
    response = staff_client.post(url, {"post": "yes"}, follow=True)
    assert "פוסט אחד הועבר לסל המחזור." in response.content.decode()
    post = Post.all_objects.get(pk=post.pk)
    assert post.deleted_at is not None and not Post.objects.filter(pk=post.pk).exists()
    assert Comment.objects.filter(post=post).count() == 1
    assert TaggedPost.objects.filter(content_object_id=post.pk).count() == 2
    trash_list = staff_client.get(reverse("admin:blog_trashedpost_changelist")).content.decode()
    assert "פוסט למחיקה" in trash_list and "סל המחזור" in trash_list
    assert (
        "פוסט למחיקה"
        not in staff_client.get(reverse("admin:blog_post_changelist")).content.decode()
    )
    restored = staff_client.post(
        reverse("admin:blog_trashedpost_changelist"),
        {"action": "restore_selected", "_selected_action": [post.pk]},
        follow=True,
    )
    assert "פוסט אחד שוחזר מסל המחזור." in restored.content.decode()
    post = Post.objects.get(pk=post.pk)
    assert sorted(post.tags.names()) == ["ממשל", "שקיפות"]
    assert post.comments.count() == 1 and list(post.presentations.all()) == [deck]


def test_the_bulk_delete_action_moves_posts_to_the_trash(staff_client):
    posts = [make_post() for _ in range(4)]
    response = staff_client.post(
        reverse("admin:blog_post_changelist"),
        {"action": "move_to_trash", "_selected_action": [p.pk for p in posts[:3]]},
        follow=True,
    )
    assert "3 פוסטים הועברו לסל המחזור." in response.content.decode()
    assert Post.objects.count() == 1 and Post.all_objects.count() == 4


def test_trash_and_restore_start_a_new_content_generation():
    post = make_post()
    before = cache.current()[0]
    trash.move_to_trash(Post.objects.filter(pk=post.pk))
    trashed = cache.current()[0]
    trash.restore(Post.all_objects.filter(pk=post.pk))
    assert len({before, trashed, cache.current()[0]}) == 3


def test_emptying_the_trash_deletes_for_good_with_the_comments(staff_client):
    kept = make_post("נשאר")
    gone = [make_post(f"למחיקה {n}") for n in range(3)]
    make_comment(gone[0])
    trash.move_to_trash(Post.objects.filter(pk__in=[p.pk for p in gone]))
    url = reverse("admin:blog_trashedpost_empty")
    listing = staff_client.get(reverse("admin:blog_trashedpost_changelist")).content.decode()
    assert f'<a href="{url}" class="deletelink">ריקון סל המחזור</a>' in listing
    assert "למחוק לצמיתות את 3 הפוסטים" in staff_client.get(url).content.decode()
    response = staff_client.post(url, {"post": "yes"}, follow=True)
    assert "3 פוסטים נמחקו לצמיתות" in response.content.decode()
    assert list(Post.all_objects.all()) == [kept]
    assert Comment.objects.count() == 0


def test_purge_trash_deletes_only_what_has_waited_long_enough(capsys):
    old, recent, live = make_post(), make_post(), make_post()
    trash.move_to_trash(Post.objects.filter(pk__in=[old.pk, recent.pk]))
    Post.all_objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    Post.all_objects.filter(pk=recent.pk).update(deleted_at=timezone.now() - timedelta(days=5))
    call_command("purge_trash")
    assert "פוסט אחד נמחק לצמיתות מסל המחזור." in capsys.readouterr().out
    assert set(Post.all_objects.values_list("pk", flat=True)) == {recent.pk, live.pk}
    call_command("purge_trash", days=3)
    assert set(Post.all_objects.values_list("pk", flat=True)) == {live.pk}


def test_a_slug_held_by_a_trashed_post_is_refused_in_hebrew(staff_client):
    trashed = make_post(slug="taken")
    trash.move_to_trash(Post.objects.filter(pk=trashed.pk))
    other = make_post(slug="free")
    url = reverse("admin:blog_post_change", args=[other.pk])
    response = staff_client.post(url, post_form(other, slug="taken"))
    assert response.status_code == 200
    assert "פוסט בסל המחזור משתמש במזהה הזה" in response.content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name", ["admin:blog_post_changelist", "admin:blog_trashedpost_changelist"]
)
def test_admin_lists_cost_the_same_for_3_and_30_posts(
    staff_client, django_assert_num_queries, name
):
    def add(n):
        posts = [make_post(tags=["ממשל", f"תגית {i}"]) for i in range(n)]
        for post in posts:
            make_comment(post)
        if "trashed" in name:
            trash.move_to_trash(Post.objects.filter(pk__in=[p.pk for p in posts]))

    add(3)
    few = _queries(staff_client, reverse(name))
    add(27)
    with django_assert_num_queries(few):
        staff_client.get(reverse(name))


def test_importing_or_seeding_again_updates_a_trashed_post_instead_of_failing():
    wxr = Path(__file__).resolve().parent / "wxr" / "hebrew-blog-1.2.xml"
    call_command("import_wordpress", str(wxr), stdout=io.StringIO())
    call_command("load_seed", verbosity=0)
    total = Post.all_objects.count()
    trash.move_to_trash(Post.objects.all())
    call_command("import_wordpress", str(wxr), stdout=io.StringIO())
    call_command("load_seed", verbosity=0)
    assert Post.all_objects.count() == total  # no second copy, no clash over a slug
    assert Post.objects.count() == 0  # and what was trashed stays in the trash


def test_saving_a_deck_keeps_its_link_to_a_post_in_the_trash(staff_client):
    from blog.tests.test_slides_admin import form_data

    post, other = make_post("בסל"), make_post("גלוי")
    deck = Presentation.objects.create(title="מצגת", slug="deck")
    deck.posts.add(post, other)
    trash.move_to_trash(Post.objects.filter(pk=post.pk))
    url = reverse("admin:blog_presentation_change", args=[deck.pk])
    assert "בסל" in staff_client.get(url).content.decode()  # still shown, still chosen
    data = form_data(deck, posts=[post.pk, other.pk])
    assert staff_client.post(url, data).status_code == 302
    assert set(deck.posts(manager="all_objects").values_list("pk", flat=True)) == {
        post.pk,
        other.pk,
    }


def test_only_who_may_delete_posts_may_empty_the_trash(client, django_user_model):
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user("viewer", password="pw-12345!", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_post"))
    client.force_login(reader)
    post = make_post()
    trash.move_to_trash(Post.objects.filter(pk=post.pk))
    listing = client.get(reverse("admin:blog_trashedpost_changelist"))
    assert listing.status_code == 200 and "ריקון סל המחזור" not in listing.content.decode()
    assert client.post(reverse("admin:blog_trashedpost_empty"), {"post": "yes"}).status_code == 403
    assert Post.all_objects.filter(pk=post.pk).exists()
