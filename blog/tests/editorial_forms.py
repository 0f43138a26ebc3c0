"""The fields the post admin's form sends, for issue 10's editorial tests (a new post,
or changes to one). See also blog/tests/admin_forms.py (the change form of a post)."""

from django.urls import reverse

from blog.models import Post


def new_post_form(category, **fields):
    """POST data for the post admin's add or change form, with Hebrew defaults."""
    data = {
        "title": "פוסט מהעורך",
        "slug": "פוסט-מהעורך",
        "category": category.pk,
        "tags": "",
        "excerpt": "",
        "body": "<p>שלום</p>",
        "cover_image": "",
        "status": Post.Status.DRAFT,
        "published_at_0": "2024-01-01",
        "published_at_1": "10:00:00",
        "author": "",
        "byline": "",
        "comments_open": "on",
        "source_name": "",
        "source_url": "",
        "source_published_on": "",
    }
    data.update(fields)
    return data


def save_post(client, category, post=None, **fields):
    """Send the admin's post form (add, or change `post`); return the response."""
    if post is None:
        url = reverse("admin:blog_post_add")
    else:
        url = reverse("admin:blog_post_change", args=[post.pk])
        fields = {"title": post.title, "slug": post.slug, **fields}
    return client.post(url, new_post_form(category, **fields))
