"""Old addresses (an imported blog's permalinks, /?p=ID, feeds) answer 301 to new ones."""

import pytest

from blog.tests.factories import make_post
from core.models import Redirect

pytestmark = pytest.mark.django_db


def test_an_old_permalink_answers_301_with_the_new_address(client):
    post = make_post("פוסט שעבר", slug="עבר")
    Redirect.objects.create(old_path="/2010/03/24/ישן/", new_path=post.get_absolute_url())
    response = client.get("/2010/03/24/%D7%99%D7%A9%D7%9F/")
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_query_string_addresses_are_looked_up_before_the_home_page_answers(client):
    Redirect.objects.create(old_path="/?p=123", new_path="/posts/x/")
    Redirect.objects.create(old_path="/?feed=rss2", new_path="/feed/")
    assert client.get("/?p=123")["Location"] == "/posts/x/"
    assert client.get("/?feed=rss2")["Location"] == "/feed/"
    assert client.get("/?p=999").status_code == 200  # unknown: the home page, as before
    assert client.get("/?q=x").status_code == 200


def test_a_page_that_exists_wins_over_a_redirect(client):
    post = make_post(slug="קיים")
    Redirect.objects.create(old_path=post.get_absolute_url(), new_path="/elsewhere/")
    assert client.get(post.get_absolute_url()).status_code == 200


def test_a_normal_page_costs_no_redirect_query(client, django_assert_num_queries):
    make_post(slug="רגיל")
    with django_assert_num_queries(0):
        client.get("/robots.txt")


def test_unknown_and_hostile_paths_stay_404(client):
    assert client.get("/no/such/page/").status_code == 404
    assert client.get("/a%00b/").status_code == 404
    assert client.post("/2010/01/01/x/").status_code == 404
