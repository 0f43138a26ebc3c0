import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_comment_feeds_are_discoverable_from_head(client, seeded):
    """Feed readers find the site-wide and the per-post comment feeds in <head>."""
    html = client.get(seeded.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]
    assert f'href="{reverse("blog:comments-feed")}"' in head
    post_feed = reverse("blog:post-comments-feed", kwargs={"slug": seeded.slug})
    assert f'href="{post_feed}"' in head
    assert client.get(post_feed).status_code == 200
