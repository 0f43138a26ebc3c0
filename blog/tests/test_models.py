from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.urls import resolve
from django.utils import timezone
from taggit.models import Tag

from blog.models import Comment, Post, TaggedPost
from blog.tests.factories import make_category, make_comment, make_post

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_future_posts():
    live = make_post()
    make_post(status=Post.Status.DRAFT)
    make_post(published_at=timezone.now() + timedelta(days=1))
    assert list(Post.objects.published()) == [live]


def test_hebrew_title_gives_a_hebrew_slug():
    post = make_post("ממשל במדיה חברתית")
    assert post.slug == "ממשל-במדיה-חברתית"


def test_slugs_are_made_unique():
    first = make_post("אותה כותרת")
    second = make_post("אותה כותרת")
    assert first.slug != second.slug
    assert second.slug.startswith("אותה-כותרת")


def test_get_absolute_url_round_trips_through_percent_encoding():
    post = make_post("פוסט עם שם עברי")
    url = post.get_absolute_url()
    # reverse() gives the percent-encoded form that browsers send.
    assert "%D7" in url
    assert resolve(unquote(url)).kwargs == {"slug": post.slug}
    from django.test import Client

    assert Client().get(url).status_code == 200
    assert Client().get(unquote(url)).status_code == 200


def test_category_slug_and_url():
    category = make_category("ארגונים")
    assert category.slug == "ארגונים"
    assert resolve(unquote(category.get_absolute_url())).kwargs == {"slug": "ארגונים"}


def test_hebrew_tags_get_non_empty_hebrew_slugs_through_direct_fk():
    post = make_post(tags=["מדיה חברתית", "GOV 2.0"])
    slugs = set(Tag.objects.values_list("slug", flat=True))
    assert slugs == {"מדיה-חברתית", "gov-20"}
    assert TaggedPost.objects.filter(content_object=post).count() == 2
    assert TaggedPost._meta.get_field("content_object").related_model is Post


def test_body_is_sanitised_on_save():
    post = make_post(body='<p onclick="x()">שלום</p><script>alert(1)</script>')
    post.refresh_from_db()
    assert post.body == "<p>שלום</p>alert(1)"


def test_byline_falls_back_to_the_user(django_user_model):
    user = django_user_model.objects.create_user("gila", first_name="גילה", last_name="גדעון")
    post = make_post(author=user)
    assert post.author_name == "גילה גדעון"
    post.byline = "שם אחר"
    assert post.author_name == "שם אחר"


def test_comment_tree_nests_and_caps_depth():
    post = make_post()
    root = make_comment(post)
    reply = make_comment(post, parent=root)
    third = make_comment(post, parent=reply)
    fourth = make_comment(post, parent=third)
    assert (root.depth, reply.depth, third.depth) == (0, 1, 2)
    # A reply to a third-level comment attaches to that level's parent.
    assert fourth.depth == 2 and fourth.parent == reply
    make_comment(post, status=Comment.Status.PENDING, parent=root)
    tree = post.comment_tree()
    assert tree == [root]
    assert tree[0].children == [reply]
    assert tree[0].children[0].children == [third, fourth]
