import pytest
from django.urls import reverse

from blog.models import Comment
from blog.tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


def test_admin_index_shows_how_many_comments_wait_for_moderation(staff_client):
    post = make_post()
    index = reverse("admin:index")
    assert "ממתינ" not in staff_client.get(index).content.decode()
    make_comment(post, status=Comment.Status.PENDING)
    assert "תגובה אחת ממתינה לאישור" in staff_client.get(index).content.decode()
    make_comment(post, status=Comment.Status.PENDING)
    make_comment(post, status=Comment.Status.SPAM)
    html = staff_client.get(index).content.decode()
    assert "2 תגובות ממתינות לאישור" in html
    assert "?status__exact=pending" in html
