"""Never a 500 on bad input: NUL bytes, invalid and overlong UTF-8, odd Unicode (bidi
controls, noncharacters, combining marks, very long text) in every path segment of every
URL pattern and in any query parameter. CI runs this on SQLite and on PostgreSQL (whose
text columns refuse NUL).

Each URL pattern is filled with real values (a published post, its category, tag, deck,
a site page, a stored slide image), so the bad value reaches the code behind a real page.
"""

import re
from datetime import datetime
from urllib.parse import quote, quote_from_bytes

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blog.models import Presentation, Slide
from blog.tests.factories import make_category, make_comment, make_post
from core.models import SitePage

pytestmark = pytest.mark.django_db

# Raw byte strings, percent-encoded as they are sent: the server sees exactly these bytes.
NASTY_BYTES = [
    b"\x00",
    b"a\x00b",
    b"\xff\xfe",  # not UTF-8 at all
    b"\xc0\xae\xc0\xae",  # overlong "..", the classic traversal trick
    b"\xed\xa0\x80",  # an encoded UTF-16 surrogate
    b"\xf4\x90\x80\x80",  # above U+10FFFF
    b"\xe2\x80",  # truncated sequence
    "\u202e\u2066גוף\u2069".encode(),  # bidi overrides and isolates
    "\ufeff\ufffe\uffff".encode(),  # BOM and noncharacters
    ("e" + "\u0301" * 200).encode(),  # a tower of combining marks
    ("א" * 3000).encode(),  # very long
    b"..%2f..%2fetc%2fpasswd",
    b"<script>alert(1)</script>",
    b"-1",
    b"99999999999999999999999",
]
QUERY_NAMES = ["q", "page", "p", "cat", "tag", "feed", "s", "m", "page_id", "next", "utm_source"]


def encode(raw: bytes) -> str:
    return quote_from_bytes(raw, safe="")


def routes():
    """Every URL pattern as a route string ("posts/<uslug:slug>/"), admin included."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    found = [route for route in walk(get_resolver().url_patterns, "") if "^" not in route]
    return sorted(set(found))


PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
ROUTES = routes()
# The admin's hundred routes only redirect an anonymous visitor to the login page:
# the sweep takes the login page itself, hypothesis samples all of them.
SITE_ROUTES = [route for route in ROUTES if not route.startswith("admin/")] + ["admin/login/"]


@pytest.fixture
def real_values():
    """A value per route parameter that makes the route a real page."""
    post = make_post(
        "פוסט אמיתי",
        slug="real-post",
        category=make_category("קטגוריה", slug="real-cat"),
        tags=["תגית"],
        published_at=timezone.make_aware(datetime(2010, 3, 11, 12)),
    )
    make_comment(post, body="תגובה")
    deck = Presentation.objects.create(title="מצגת", slug="real-deck")
    deck.posts.add(post)
    image = default_storage.save("decks/real0123456789ab/001.webp", ContentFile(b"RIFF"))
    Slide.objects.create(presentation=deck, number=1, image_small=image, width=10, height=5)
    SitePage.objects.update_or_create(slug="about", defaults={"title": "אודות", "body": "<p>x</p>"})
    by_prefix = {"posts": "real-post", "category": "real-cat", "tag": "תגית"}
    by_prefix |= {"presentations": "real-deck", "pages": "about"}

    def value(route, name):
        if name == "slug":
            return quote(by_prefix.get(route.split("/")[0], "x"))
        return {"year": "2010", "month": "03", "path": image}.get(name, "1")

    return value


def fill(route, value, bad=None, position=None):
    """The route's path with real values, the parameter at `position` replaced by `bad`."""
    counter = iter(range(100))

    def replace(match):
        index = next(counter)
        return bad if index == position else value(route, match[2])

    return "/" + PARAMETER.sub(replace, route)


def assert_not_5xx(client, url):
    response = client.get(url)
    assert response.status_code < 500, f"{url} answered {response.status_code}"


@pytest.mark.parametrize(
    "url, status, heading",
    [
        ("/pages/about%00/", 404, "הדף לא נמצא"),
        ("/pages/%00/", 404, "הדף לא נמצא"),
        ("/search/?q=%00", 400, "הבקשה אינה תקינה"),
        ("/?page=1%00", 400, "הבקשה אינה תקינה"),
        ("/search/?%00=x", 400, "הבקשה אינה תקינה"),
    ],
)
def test_a_nul_byte_anywhere_gets_a_hebrew_page_not_a_500(client, url, status, heading):
    """A NUL in a site-page slug was a 500 on PostgreSQL (DataError)."""
    SitePage.objects.update_or_create(slug="about", defaults={"title": "אודות", "body": "x"})
    response = client.get(url)
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_every_route_survives_every_nasty_value_in_each_segment_and_query(real_values):
    client = Client()
    for route in SITE_ROUTES:
        count = len(PARAMETER.findall(route))
        for raw in NASTY_BYTES:
            bad = encode(raw)
            for position in range(count):
                assert_not_5xx(client, fill(route, real_values, bad, position))
            query = "&".join(f"{name}={bad}" for name in [*QUERY_NAMES, bad])
            assert_not_5xx(client, fill(route, real_values) + "?" + query)
        # A bad segment where the route has a fixed one, and one stuck on the end.
        assert_not_5xx(client, fill(route, real_values) + encode(b"\x00\xff"))


segment_bytes = st.one_of(
    st.binary(max_size=30),
    st.text(max_size=30).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.sampled_from(NASTY_BYTES),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    route=st.sampled_from(ROUTES),
    segment=segment_bytes,
    position=st.integers(0, 2),
    query=st.lists(st.tuples(st.sampled_from(QUERY_NAMES), segment_bytes), max_size=3),
)
def test_arbitrary_bytes_in_any_segment_or_query_parameter_never_give_a_500(
    real_values, route, segment, position, query
):
    url = fill(route, real_values, encode(segment), position)
    if query:
        url += "?" + "&".join(f"{name}={encode(value)}" for name, value in query)
    assert_not_5xx(Client(), url)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/search/?q=x", "/no-such-page/"])
def test_a_host_the_site_does_not_serve_gets_a_hebrew_400_not_a_500(settings, path):
    settings.ALLOWED_HOSTS = ["localhost"]
    response = Client(HTTP_HOST="evil.example").get(path)
    assert response.status_code == 400
    assert "הבקשה אינה תקינה" in response.content.decode()
    assert "evil.example" not in response.content.decode()
