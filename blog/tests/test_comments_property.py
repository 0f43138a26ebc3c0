"""Arbitrary Unicode in every field: never a 500, and nothing typed is ever lost."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blog.forms import make_token
from blog.models import Comment
from blog.sanitize import strip_bidi_controls
from blog.tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db

VISIBLE = ("author_name", "author_email", "author_url", "body")
# Mostly short text, sometimes over the limits; any code point but surrogates.
text = st.one_of(st.text(max_size=40), st.text(min_size=70, max_size=6000))
bidi_heavy = st.text(alphabet=st.sampled_from("\u202a\u202e\u2066\u2069 אבגabc\n"), max_size=30)


@pytest.fixture
def relaxed(settings):
    settings.BLOG_COMMENT_MIN_SECONDS = 0
    settings.BLOG_COMMENT_RATE_LIMIT = 10_000


SANE = {
    "author_name": "דנה",
    "author_email": "dana@example.com",
    "author_url": "",
    "body": "תגובה",
    "parent": "",
    "fax": "",
}
WILD = {
    "author_name": st.one_of(text, bidi_heavy),
    "author_email": st.one_of(text, st.emails()),
    "author_url": st.one_of(text, st.just("https://example.org")),
    "body": st.one_of(text, bidi_heavy),
    "parent": st.one_of(text, st.sampled_from(["REPLY", "0", "-1"])),
    "fax": text,
}


@st.composite
def submissions(draw):
    """Sane values with a random subset of fields replaced by arbitrary ones."""
    wild = draw(st.sets(st.sampled_from(sorted(WILD)), min_size=1))
    return {name: draw(WILD[name]) if name in wild else SANE[name] for name in SANE}


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(fields=submissions(), forge_token=st.sampled_from([False, False, False, True]))
def test_any_input_is_answered_without_an_error_and_kept(client, relaxed, fields, forge_token):
    post = make_post()
    reply_to = make_comment(post)
    data = dict(fields)
    if data["parent"] == "REPLY":
        data["parent"] = str(reply_to.pk)
    data["token"] = "x" + make_token(post) if forge_token else make_token(post)
    url = reverse("blog:comment-create", kwargs={"slug": post.slug})
    before = Comment.objects.count()
    response = client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        html = response.content.decode()
        for name in VISIBLE:
            assert escape(data[name]) in html, name
        assert Comment.objects.count() == before
    else:
        body = strip_bidi_controls(data["body"]).strip()
        assert Comment.objects.filter(post=post, body=body).exists()
