"""The real client address behind 0, 1 or 2 trusted proxies, and garbage in the header:
never an error, on SQLite or PostgreSQL, whatever a visitor writes."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from blog.clientip import client_ip, forwarded_client, parse_address
from blog.models import Comment
from blog.tests.factories import make_post
from blog.tests.test_comments import form_data


def request_from(peer="10.0.0.2", forwarded=None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.2"),  # no proxy trusted: the header is the visitor's word
        (1, "203.0.113.5", "203.0.113.5"),  # nginx appended the client
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # a forged entry to the left is ignored
        (2, "6.6.6.6, 203.0.113.5, 198.51.100.1", "203.0.113.5"),  # CDN, then nginx
        (2, "203.0.113.5", "203.0.113.5"),  # reached nginx without the CDN
        (1, "2001:db8::7", "2001:db8::7"),
        (1, "[2001:db8::7]:4711", "2001:db8::7"),
        (1, "203.0.113.5:4711", "203.0.113.5"),
        (1, "::ffff:203.0.113.5", "203.0.113.5"),
        (1, None, "10.0.0.2"),  # no header: the peer
    ],
)
def test_the_client_is_the_address_the_trusted_proxies_vouch_for(
    settings, hops, forwarded, expected
):
    settings.TRUSTED_PROXY_HOPS = hops
    assert client_ip(request_from(forwarded=forwarded)) == expected


GARBAGE = [
    "",
    ",,,",
    "unknown",
    "not an address",
    "999.1.1.1",
    "fe80::1%eth0",  # a zone PostgreSQL's inet refuses
    "1.2.3.4\x00",
    "1.2.3.4, \x00",
    "٣.٣.٣.٣",  # Arabic-Indic digits
    "1" * 5000,
    "1.2.3.4," * 2000,
    "[::1",
    "[]:80",
    "<script>",
    "203.0.113.5\u202e",
]


@pytest.mark.parametrize("forwarded", GARBAGE)
def test_garbage_in_the_header_falls_back_to_the_peer(settings, forwarded):
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_ip(request_from(forwarded=forwarded)) in {"10.0.0.2", "1.2.3.4"}


@pytest.mark.parametrize("peer", ["", "unix:/run/gunicorn.sock", "not-an-ip"])
def test_an_unusable_peer_address_is_none(settings, peer):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_ip(request_from(peer=peer)) is None


def test_helpers_refuse_what_is_not_an_address():
    assert parse_address(None) is None and parse_address(42) is None
    assert forwarded_client("203.0.113.5", 0) is None
    assert forwarded_client(b"203.0.113.5", 1) is None


@pytest.mark.django_db
@pytest.mark.parametrize("forwarded", GARBAGE[:13])
def test_a_malformed_forwarded_address_never_gives_a_500(settings, forwarded):
    """The comment record's address column is `inet` on PostgreSQL: it gets a valid
    address or none (run this file with DATABASE_URL=postgres://… too)."""
    settings.BLOG_COMMENT_MIN_SECONDS = 0
    settings.TRUSTED_PROXY_HOPS = 1
    post = make_post()
    url = reverse("blog:comment-create", kwargs={"slug": post.slug})
    response = Client().post(
        url, form_data(post), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
    )
    assert response.status_code == 302
    assert Comment.objects.get().ip_address in {"127.0.0.1", "1.2.3.4"}


@pytest.mark.django_db
def test_the_login_throttle_uses_the_same_address(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    response = Client().post(
        reverse("admin:login"),
        {"username": "nobody", "password": "x"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="garbage, 203.0.113.8",
    )
    assert response.status_code == 200
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.get().ip_address == "203.0.113.8"


def _comment(post, body, **extra):
    url = reverse("blog:comment-create", kwargs={"slug": post.slug})
    return Client().post(url, form_data(post, body=body), **extra).status_code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hops", "requests", "statuses"),
    [
        # No proxy trusted: a forged header per request does not escape the peer's limit.
        (
            0,
            [("192.0.2.9", "6.6.6.1"), ("192.0.2.9", "6.6.6.2"), ("192.0.2.9", "6.6.6.3")],
            [302, 302, 429],
        ),
        # One proxy (nginx at 10.0.0.1): one bucket per client, whatever it forges leftwards.
        (
            1,
            [
                ("10.0.0.1", "203.0.113.5"),
                ("10.0.0.1", "6.6.6.6, 203.0.113.5"),
                ("10.0.0.1", "198.51.100.4"),
            ],
            [302, 302, 302],
        ),
        # Two (a CDN's edges, then nginx): the same reader through two edges is one client.
        (
            2,
            [
                ("10.0.0.1", "203.0.113.5, 198.51.100.1"),
                ("10.0.0.1", "203.0.113.5, 198.51.100.2"),
                ("10.0.0.1", "203.0.113.5, 198.51.100.3"),
            ],
            [302, 302, 429],
        ),
    ],
    ids=["0-proxies", "1-proxy", "2-proxies"],
)
def test_the_comment_rate_limit_counts_the_real_client(settings, hops, requests, statuses):
    settings.BLOG_COMMENT_MIN_SECONDS = 0
    settings.BLOG_COMMENT_RATE_LIMIT = 2
    settings.TRUSTED_PROXY_HOPS = hops
    post = make_post()
    got = [
        _comment(post, f"תגובה {n}", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
        for n, (peer, forwarded) in enumerate(requests)
    ]
    assert got == statuses
    if hops == 1:
        assert sorted(Comment.objects.values_list("ip_address", flat=True)) == [
            "198.51.100.4",
            "203.0.113.5",
            "203.0.113.5",
        ]


@pytest.mark.django_db
def test_the_login_flood_guard_counts_the_real_client_behind_two_proxies(settings):
    settings.TRUSTED_PROXY_HOPS = 2
    settings.LOGIN_FAILURES_PER_ADDRESS = 2

    def attempt(forwarded, user="nobody"):
        return (
            Client()
            .post(
                reverse("admin:login"),
                {"username": user, "password": "x"},
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR=forwarded,
            )
            .status_code
        )

    # The same guesser through two CDN edges, forging a new leftmost entry each time.
    assert attempt("1.1.1.1, 203.0.113.8, 198.51.100.1", "a") == 200
    assert attempt("2.2.2.2, 203.0.113.8, 198.51.100.2", "b") == 200
    assert attempt("3.3.3.3, 203.0.113.8, 198.51.100.1", "c") == 429
    assert attempt("203.0.113.9, 198.51.100.1", "a") == 200  # another reader is not refused
