"""Issue 10, point 6 (core/redirects.py): a published post's old address answers 301
with its new one."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from blog.models import Post
from blog.tests.admin_forms import post_form
from blog.tests.factories import make_post
from core.models import Redirect

pytestmark = pytest.mark.django_db


def _rename(staff_client, post, slug):
    url = reverse("admin:blog_post_change", args=[post.pk])
    response = staff_client.post(url, post_form(post, slug=slug))
    assert response.status_code == 302, response.content.decode()[:3000]
    post.refresh_from_db()
    return post


def test_changing_the_slug_twice_sends_both_old_addresses_straight_to_the_newest(
    client, staff_client
):
    post = make_post("ממשל פתוח", slug="ממשל-פתוח")
    _rename(staff_client, post, "ממשל-פתוח-2010")
    _rename(staff_client, post, "ממשל-פתוח-בישראל")
    newest = post.get_absolute_url()
    for old in ("ממשל-פתוח", "ממשל-פתוח-2010"):
        response = client.get(f"/posts/{quote(old)}/")
        assert response.status_code == 301
        assert response["Location"] == newest  # one hop, no chain
    page = client.get(newest)
    assert page.status_code == 200 and "ממשל פתוח" in page.content.decode()
    assert set(Redirect.objects.values_list("new_path", flat=True)) == {newest}


def test_going_back_to_an_old_slug_never_redirects_a_post_to_itself(client, staff_client):
    post = make_post(slug="first")
    _rename(staff_client, post, "second")
    _rename(staff_client, post, "first")
    assert client.get("/posts/first/").status_code == 200
    response = client.get("/posts/second/")
    assert response.status_code == 301 and response["Location"] == "/posts/first/"
    assert not Redirect.objects.filter(old_path="/posts/first/").exists()
    assert all(r.old_path != r.new_path for r in Redirect.objects.all())


def test_a_new_post_that_takes_an_old_address_wins_over_the_redirect(client, staff_client):
    old = make_post("הישן", slug="shared")
    _rename(staff_client, old, "renamed")
    assert client.get("/posts/shared/").status_code == 301
    make_post("החדש", slug="shared")
    response = client.get("/posts/shared/")
    assert response.status_code == 200
    assert "החדש" in response.content.decode()
    assert not Redirect.objects.filter(old_path="/posts/shared/").exists()


def test_a_draft_leaves_no_redirect_behind(staff_client):
    draft = make_post(slug="draft-one", status=Post.Status.DRAFT)
    _rename(staff_client, draft, "draft-two")
    assert Redirect.objects.count() == 0


def test_other_edits_of_a_published_post_record_no_redirect(staff_client):
    post = make_post(slug="stays")
    post.title = "כותרת חדשה"
    post.save()
    assert Redirect.objects.count() == 0


def test_a_slug_changed_outside_the_admin_is_followed_too(client):
    post = make_post(slug="code-a")
    post.slug = "code-b"
    post.save()
    response = client.get("/posts/code-a/")
    assert response.status_code == 301 and response["Location"] == "/posts/code-b/"
