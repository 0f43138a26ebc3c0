"""Comment text is safe to show, feeds carry approved comments only, queries stay fixed."""

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Comment, Post
from blog.models.comments import render_comment_text
from blog.tests.factories import make_comment, make_post
from blog.tests.test_comments import send

pytestmark = pytest.mark.django_db

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


class TestLinkify:
    def test_web_addresses_become_nofollow_ugc_links(self):
        html = render_comment_text("ראו https://example.org/a?b=1&c=2 וגם www.gov.il")
        assert (
            '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">'
            "https://example.org/a?b=1&amp;c=2</a>" in html
        )
        assert '<a href="http://www.gov.il" rel="nofollow ugc noopener">www.gov.il</a>' in html

    @pytest.mark.parametrize(
        "text",
        [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(document.cookie)",
            '<a href="javascript:alert(1)">לחצו</a>',
            "<script>alert(1)</script>",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            '<img src=x onerror="alert(1)">',
        ],
    )
    def test_nothing_active_survives(self, text):
        html = render_comment_text(text)
        assert "<script" not in html and "<img" not in html
        assert 'href="javascript' not in html.lower() and 'href="data' not in html
        assert "<a " not in html  # none of these is a web address

    def test_line_breaks_and_paragraphs_are_kept(self):
        html = render_comment_text("שורה א\nשורה ב\n\nפסקה ב")
        assert html == "<p>שורה א<br>שורה ב</p>\n\n<p>פסקה ב</p>"


def test_bidi_controls_are_stripped_and_names_isolated(client, settings):
    settings.BLOG_COMMENT_MIN_SECONDS = 0
    post = make_post()
    send(client, post, author_name=f"\u202eנועה{BIDI}", body="טקסט \u202eהפוך\u2066 כאן")
    comment = Comment.objects.get()
    assert comment.author_name == "נועה" and comment.body == "טקסט הפוך כאן"
    comment.status = Comment.Status.APPROVED
    comment.save()
    html = client.get(post.get_absolute_url()).content.decode()
    assert not any(ch in html for ch in BIDI)
    assert '<bdi class="comment__author">נועה</bdi>' in html
    assert '<div class="comment__body" dir="auto"><p>טקסט הפוך כאן</p></div>' in html


def test_bidi_controls_are_stripped_when_saved_any_other_way():
    comment = make_comment(make_post(), author_name="א\u202bב", body="ג\u2067ד")
    assert (comment.author_name, comment.body) == ("אב", "גד")


def test_an_approved_comment_renders_escaped_with_its_website(client):
    post = make_post()
    make_comment(
        post,
        author_name="<b>שם</b>",
        author_url="https://noa.example",
        body="<script>alert(1)</script>\nhttps://example.org",
    )
    make_comment(post, author_name="אתר רע", author_url="ftp://files.example")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>" in html
    link = '<a href="https://noa.example" rel="nofollow ugc noopener">&lt;b&gt;שם&lt;/b&gt;</a>'
    assert link in html
    assert "ftp://files.example" not in html
    assert "reader" not in html and "@example.com" not in html  # emails never shown


class TestFeeds:
    def test_site_feed_has_approved_comments_of_published_posts_only(self, client):
        post = make_post("פוסט גלוי")
        draft = make_post("טיוטה", status=Post.Status.DRAFT)
        make_comment(post, author_name="שירה", body="תגובה מאושרת https://example.org")
        make_comment(post, body="ממתינה", status=Comment.Status.PENDING)
        make_comment(post, body="זבל", status=Comment.Status.SPAM)
        make_comment(draft, body="על טיוטה")
        response = client.get(reverse("blog:comments-feed"))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.content)
        assert feed.feed.language == "he" and feed.feed.title == "תגובות אחרונות"
        assert [e.title for e in feed.entries] == ["שירה על „פוסט גלוי”"]
        entry = feed.entries[0]
        assert entry.author == "שירה"
        assert entry.link.endswith(Comment.objects.approved().get(post=post).get_absolute_url())
        assert 'rel="nofollow ugc noopener"' in entry.summary
        for hidden in ("ממתינה", "זבל", "על טיוטה"):
            assert hidden not in response.content.decode()

    def test_post_feed_lists_that_posts_approved_comments(self, client):
        post, other = make_post("ראשון"), make_post("שני")
        make_comment(post, body="כאן")
        make_comment(post, body="עוד כאן")
        make_comment(post, body="לא מאושרת", status=Comment.Status.PENDING)
        make_comment(other, body="בפוסט אחר")
        url = reverse("blog:post-comments-feed", kwargs={"slug": post.slug})
        feed = feedparser.parse(client.get(url).content)
        assert feed.feed.title == "תגובות על „ראשון”"
        assert {e.summary for e in feed.entries} == {"<p>כאן</p>", "<p>עוד כאן</p>"}
        assert url in client.get(post.get_absolute_url()).content.decode()

    def test_no_feed_for_an_unpublished_post(self, client):
        draft = make_post(status=Post.Status.DRAFT)
        url = reverse("blog:post-comments-feed", kwargs={"slug": draft.slug})
        assert client.get(url).status_code == 404


def _comment_queries(queries):
    return [q["sql"] for q in queries if q["sql"].startswith('SELECT "blog_comment"')]


def _deep_thread(post, count):
    """`count` approved comments: long reply chains, so every depth is used."""
    parent = None
    for n in range(count):
        parent = make_comment(post, parent=None if n % 10 == 0 else parent)


def test_post_page_query_count_does_not_grow_with_comments_or_depth(client):
    post = make_post()
    with CaptureQueriesContext(connection) as empty:
        assert client.get(post.get_absolute_url()).status_code == 200
    _deep_thread(post, 200)
    assert Comment.objects.filter(depth=2).count() > 100
    with CaptureQueriesContext(connection) as full:
        response = client.get(post.get_absolute_url())
    assert "תגובות (200)" in response.content.decode()
    assert response.content.decode().count('class="comment"') == 200
    assert len(full) == len(empty)
    assert len(_comment_queries(full)) == 1  # the approved tree


def test_authors_own_pending_comments_cost_a_fixed_number_of_queries(client, settings):
    settings.BLOG_COMMENT_MIN_SECONDS = 0
    settings.BLOG_COMMENT_RATE_LIMIT = 100
    post = make_post()
    root = make_comment(post)
    send(client, post, body="ראשונה")
    client.get(post.get_absolute_url())  # the thank-you note is popped here
    with CaptureQueriesContext(connection) as one:
        client.get(post.get_absolute_url())
    for n in range(10):
        send(client, post, body=f"עוד {n}", parent=str(root.pk))
    client.get(post.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        html = client.get(post.get_absolute_url()).content.decode()
    assert html.count("comment--pending") == 11
    assert len(many) == len(one)
    assert len(_comment_queries(many)) == 2  # approved tree + this browser's pending ones
