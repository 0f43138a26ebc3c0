"""Comment threads are paged: a post with 2,000 comments costs about what one with 20 does,
and every way to a comment (its permalink, a reply link, the redirect after sending)
opens the page that holds its thread, without JavaScript."""

import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog.forms import make_token
from blog.models import Comment
from blog.tests.factories import make_post
from blog.views.comment_section import THREADS_PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.BLOG_COMMENT_MIN_SECONDS = 0


def add_threads(post, threads):
    """`threads` approved threads, oldest first, each a comment, a reply and a reply to
    that reply (three levels): 3 × `threads` comments."""
    start = timezone.now() - timezone.timedelta(days=30)

    def batch(parents, depth, offset):
        rows = [
            Comment(
                post=post,
                parent=parent,
                depth=depth,
                author_name=f"מגיב {n}.{depth}",
                author_email="reader@example.com",
                body=f"תגובה {n} בעומק {depth}",
                body_html=f"<p>תגובה {n} בעומק {depth}</p>",
                status=Comment.Status.APPROVED,
                created_at=start + timezone.timedelta(minutes=n * 3 + offset),
            )
            for n, parent in enumerate(parents)
        ]
        return Comment.objects.bulk_create(rows)

    roots = batch([None] * threads, 0, 0)
    replies = batch(roots, 1, 1)
    return roots, replies, batch(replies, 2, 2)


def add_comments(post, count):
    """`count` approved comments the way readers write them: of every eight, six start a
    thread, one replies to a comment and one replies to that reply (pks in time order
    are not needed: threads are ordered by time)."""
    start = timezone.now() - timezone.timedelta(days=30)
    parent_at = {3: 2, 7: 3}  # place in a group of eight -> place of the comment replied to
    made = {}
    for depth in (0, 1, 2):
        rows = {}
        for n in range(count):
            group, at = divmod(n, 8)
            parent = made.get(group * 8 + parent_at[at]) if at in parent_at else None
            if (depth == 0) == (at not in parent_at) and (depth == 0 or parent is not None):
                if depth and parent.depth != depth - 1:
                    continue
                rows[n] = Comment(
                    post=post,
                    parent=parent,
                    depth=depth,
                    author_name=f"מגיב {n}",
                    author_email="reader@example.com",
                    body=f"תגובה {n}",
                    body_html=f"<p>תגובה {n}</p>",
                    status=Comment.Status.APPROVED,
                    created_at=start + timezone.timedelta(minutes=n),
                )
        Comment.objects.bulk_create(rows.values())
        made.update(rows)
    return made


def rendered_comments(html):
    return re.findall(r'<li class="comment[^"]*" id="comment-(\d+)"', html)


def timed_get(client, url):
    start = time.process_time()
    response = client.get(url)
    return response, (time.process_time() - start) * 1000


def test_two_thousand_comments_cost_what_twenty_do(client):
    small, large = make_post("מעט תגובות"), make_post("הרבה תגובות")
    add_comments(small, 20)
    add_comments(large, 2000)
    assert large.comments.filter(depth=2).exists()
    client.get(small.get_absolute_url())  # warm up templates
    with CaptureQueriesContext(connection) as few:
        response_small, ms_small = timed_get(client, small.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        response_large, ms_large = timed_get(client, large.get_absolute_url())
    print(f"\npost page: 20 comments {ms_small:.1f} ms, 2,000 comments {ms_large:.1f} ms (CPU)")
    assert len(many) == len(few)
    html = response_large.content.decode()
    assert "תגובות (2000)" in html and "דף תגובות 1 מתוך 75" in html
    # One page: 20 of the 1,500 threads with their replies, about as many as 20 comments.
    shown = rendered_comments(html)
    assert len(shown) == 26 and len(shown) <= 1.5 * 20
    assert len(rendered_comments(response_small.content.decode())) == 20


def test_pages_of_threads_link_to_each_other(client):
    post = make_post()
    roots, _, deepest = add_threads(post, THREADS_PER_PAGE * 2 + 1)  # three pages
    url = post.get_absolute_url()
    first = client.get(url).content.decode()
    nav = first[first.index('aria-label="דפדוף בין דפי התגובות"') :]
    assert f'<a href="{url}?comments=2#comments" rel="next">תגובות נוספות ←</a>' in nav
    assert 'rel="prev"' not in nav[: nav.index("</nav>")]
    assert "דף תגובות 1 מתוך 3" in nav
    assert f"comment-{roots[0].pk}" in first
    assert f"comment-{roots[THREADS_PER_PAGE].pk}" not in first

    second = client.get(f"{url}?comments=2").content.decode()
    assert f'<a href="{url}#comments" rel="prev">→ תגובות קודמות</a>' in second
    assert f'<a href="{url}?comments=3#comments" rel="next">' in second
    ids = rendered_comments(second)
    assert str(roots[THREADS_PER_PAGE].pk) in ids and str(roots[0].pk) not in ids
    assert f'<link rel="canonical" href="http://testserver{url}?comments=2">' in second
    # Replies on a later page stay on it; the form's reply link keeps the page.
    assert f'href="?comments=2&amp;reply_to={roots[THREADS_PER_PAGE].pk}#comment-form"' in second
    last = client.get(f"{url}?comments=3").content.decode()
    assert rendered_comments(last) == [str(c.pk) for c in (roots[-1], _[-1], deepest[-1])]


# Not "page": pytest-playwright would take that name for its browser page fixture.
@pytest.mark.parametrize("number", ["0", "4", "x", "-1", "2.0"])
def test_a_page_that_does_not_exist_is_not_found(client, number):
    post = make_post()
    add_threads(post, THREADS_PER_PAGE * 2 + 1)
    assert client.get(f"{post.get_absolute_url()}?comments={number}").status_code == 404


def test_a_comment_permalink_opens_the_page_of_its_thread(client):
    post = make_post()
    roots, replies, deepest = add_threads(post, THREADS_PER_PAGE * 3)
    target = deepest[THREADS_PER_PAGE * 2 + 5]  # a reply to a reply in the third page
    url = target.get_absolute_url()
    assert url == f"{post.get_absolute_url()}?comment={target.pk}#comment-{target.pk}"
    html = client.get(url).content.decode()
    assert f'id="comment-{target.pk}"' in html and "דף תגובות 3 מתוך 3" in html
    # A removed comment's old link still opens the post.
    Comment.objects.filter(pk=target.pk).delete()
    assert client.get(url).status_code == 200


def test_reply_link_and_returned_form_stay_with_the_thread(client):
    post = make_post()
    roots, _, _ = add_threads(post, THREADS_PER_PAGE * 2)
    root = roots[THREADS_PER_PAGE + 1]
    reply_page = client.get(f"{post.get_absolute_url()}?reply_to={root.pk}").content.decode()
    assert f'id="comment-{root.pk}"' in reply_page
    assert f'<input type="hidden" name="parent" value="{root.pk}"' in reply_page
    # A reply sent back with an error shows the page that holds the comment replied to.
    data = {
        "author_name": "",
        "author_email": "dana@example.com",
        "author_url": "",
        "body": "תשובה",
        "parent": str(root.pk),
        "token": make_token(post),
        "fax": "",
    }
    url = reverse("blog:comment-create", kwargs={"slug": post.slug})
    again = client.post(url, data, REMOTE_ADDR="198.51.100.7").content.decode()
    assert f'id="comment-{root.pk}"' in again and "דף תגובות 2 מתוך 2" in again


def test_own_pending_comments_show_on_the_page_of_their_thread(client):
    post = make_post()
    roots, _, _ = add_threads(post, THREADS_PER_PAGE * 2)
    url = reverse("blog:comment-create", kwargs={"slug": post.slug})

    def send(**overrides):
        data = {
            "author_name": "דנה",
            "author_email": "dana@example.com",
            "author_url": "",
            "body": "תשובה ממתינה",
            "parent": "",
            "token": make_token(post),
            "fax": "",
            **overrides,
        }
        return client.post(url, data, REMOTE_ADDR="198.51.100.7")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("blog.moderation.judge", _pending_verdict)
        assert send(parent=str(roots[THREADS_PER_PAGE].pk)).status_code == 302
        reply = Comment.objects.get(body="תשובה ממתינה")
        # The redirect after sending lands on the page of the thread, with the thank-you.
        landing = client.get(post.get_absolute_url()).content.decode()
        assert "התגובה התקבלה" in landing and f'id="comment-{reply.pk}"' in landing
        first = client.get(post.get_absolute_url()).content.decode()
        assert f'id="comment-{reply.pk}"' not in first
        second = client.get(f"{post.get_absolute_url()}?comments=2").content.decode()
        assert f'id="comment-{reply.pk}"' in second and "comment--pending" in second
        # A new thread waits at the end, on the last page.
        send(body="שרשור חדש ממתין")
        thread = Comment.objects.get(body="שרשור חדש ממתין")
        client.get(post.get_absolute_url())  # the thank-you page
        last = client.get(f"{post.get_absolute_url()}?comments=2").content.decode()
        assert f'id="comment-{thread.pk}"' in last
        first = client.get(post.get_absolute_url()).content.decode()
        assert f'id="comment-{thread.pk}"' not in first


def _pending_verdict(comment, honeypot_filled=False):
    from blog.moderation import Verdict

    return Verdict(Comment.Status.PENDING, "")
