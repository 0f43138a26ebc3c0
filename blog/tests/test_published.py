"""Guard: what readers may see is PostQuerySet.published(), on every public surface.

Decks follow their posts: a presentation (its pages, slide images and PDF) is visible
only when shown with a published post or marked public.

Hidden posts (a draft, a post scheduled for the future, and one post in every other
status that is not "published") share the visible post's category and tag and carry
an approved comment; every public page, feed and the sitemap is fetched, and none may
show them. Publishing them makes them appear, so the test fails in both directions.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from blog.models import Category, Post, Presentation, Slide
from blog.tests.factories import make_category, make_comment, make_post

pytestmark = pytest.mark.django_db

HIDDEN_STATUSES = [status for status in Post.Status if status != Post.Status.PUBLISHED]
BLOG_ROOT = Path(__file__).resolve().parents[1]


def _hidden_posts(category):
    """(post, marker) pairs: a future post and one post per status readers may not see."""
    future = timezone.now() + timedelta(days=30)
    posts = [
        make_post("עתידי FUTUREPOST", slug="futurepost", published_at=future, category=category)
    ]
    for status in HIDDEN_STATUSES:
        marker = f"HIDDEN{status.upper()}"
        posts.append(
            make_post(
                f"נסתר {marker}",
                slug=marker.lower(),
                status=status,
                published_at=timezone.now() - timedelta(days=900),
                category=category,
                excerpt=f"תקציר {marker}",
            )
        )
    return posts


@pytest.fixture
def blog():
    category = make_category("ממשל פתוח", slug="open-gov")
    hidden_only = make_category("קטגוריה ריקה", slug="empty-cat")
    visible = make_post(
        "גלוי לכולם",
        slug="visible",
        category=category,
        tags=["שקיפות"],
        published_at=timezone.now() - timedelta(days=400),
    )
    hidden = _hidden_posts(category)
    # Dates 500 days apart fall in different years, so each archive year is its own.
    solo_date = timezone.now() - timedelta(days=1400)
    solo = make_post(
        "רק בקטגוריה נסתרת SOLOHIDDEN",
        slug="solohidden",
        published_at=solo_date,
        status=Post.Status.DRAFT,
        category=hidden_only,
    )
    hidden.append(solo)
    for post in hidden:
        post.tags.add("שקיפות", "תגית נסתרת")
        make_comment(post, body=f"תגובה על {post.slug} HIDDENCOMMENT")
    make_comment(visible, body="תגובה גלויה VISIBLECOMMENT")
    shared = Presentation.objects.create(title="מצגת משותפת", slug="shared-deck")
    shared.posts.add(visible, *hidden)
    Presentation.objects.create(title="מצגת של טיוטה", slug="draft-only-deck").posts.add(hidden[1])
    return visible, hidden


def _public_urls(visible, hidden):
    slugs = {"category": "open-gov", "tag": "שקיפות", "hidden_tag": "תגית-נסתרת"}
    urls = [
        "/", reverse("blog:categories"), visible.get_absolute_url(),
        reverse("blog:category", args=[slugs["category"]]),
        reverse("blog:category", args=["empty-cat"]),
        reverse("blog:tag", args=[slugs["tag"]]), reverse("blog:tag", args=[slugs["hidden_tag"]]),
        reverse("blog:search") + "?q=נסתר", reverse("blog:search") + "?q=תקציר",
        reverse("blog:search") + "?q=שקיפות",
        reverse("blog:feed"), reverse("blog:feed-atom"), reverse("blog:comments-feed"),
        reverse("blog:category-feed", args=[slugs["category"]]),
        reverse("blog:category-feed-atom", args=["empty-cat"]),
        reverse("blog:tag-feed", args=[slugs["tag"]]),
        reverse("blog:tag-feed-atom", args=[slugs["hidden_tag"]]),
        reverse("blog:post-comments-feed", args=[visible.slug]),
        reverse("blog:presentation", args=["shared-deck"]),
        reverse("blog:presentation-text", args=["shared-deck"]),
        "/sitemap.xml", "/pages/about/",
    ]  # fmt: skip
    year = visible.published_at.year
    urls += [f"/archive/{year}/", f"/archive/{year}/{visible.published_at:%m}/"]
    for post in hidden:
        when = timezone.localtime(post.published_at)
        urls += [post.get_absolute_url(), f"/archive/{when.year}/", f"/archive/{when:%Y/%m}/"]
        urls.append(reverse("blog:post-comments-feed", args=[post.slug]))
    return urls


def _markers(hidden):
    names = {re.search(r"[A-Z]+$", post.title)[0] for post in hidden}
    return names | {"HIDDENCOMMENT", "מצגת של טיוטה", "draft-only-deck"}


def test_no_public_page_feed_or_sitemap_shows_a_post_readers_may_not_see(client, blog):
    visible, hidden = blog
    markers = _markers(hidden)
    for url in _public_urls(visible, hidden):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        text = response.content.decode()
        leaked = [marker for marker in markers if marker in text]
        assert leaked == [], f"{url} shows {leaked}"
        for post in hidden:
            own = url.startswith(post.get_absolute_url())  # its 404 page names its own URL
            assert own or f"/posts/{post.slug}/" not in text, f"{url} links to {post.slug}"
        if url == visible.get_absolute_url():
            assert "VISIBLECOMMENT" in text and "גלוי לכולם" in text


def test_hidden_posts_are_missing_from_counts_archives_and_their_own_urls(client, blog):
    visible, hidden = blog
    for post in hidden:
        assert client.get(post.get_absolute_url()).status_code == 404
        when = timezone.localtime(post.published_at)
        assert client.get(f"/archive/{when.year}/").status_code == 404
    home = client.get("/").content.decode()
    assert re.search(
        r"ממשל פתוח</a> <span class=\"count\">\(1<span class=\"visually-hidden\"> פוסט<", home
    )
    assert "קטגוריה ריקה" not in home  # the sidebar lists only categories with posts
    assert "תגית נסתרת" not in home and re.search(r"שקיפות</a> <span class=\"count\">\(1", home)
    categories = client.get(reverse("blog:categories")).content.decode()
    assert "(פוסט אחד)" in categories and "(0 פוסטים)" in categories


def test_publishing_the_hidden_posts_shows_them_everywhere(client, blog):
    visible, hidden = blog
    past = timezone.now() - timedelta(days=1)
    Post.objects.filter(pk__in=[post.pk for post in hidden]).update(
        status=Post.Status.PUBLISHED, published_at=past
    )
    assert "FUTUREPOST" in client.get("/").content.decode()
    assert "HIDDENDRAFT" in client.get(reverse("blog:feed")).content.decode()
    assert "/posts/solohidden/" in client.get("/sitemap.xml").content.decode()
    assert "HIDDENCOMMENT" in client.get(reverse("blog:comments-feed")).content.decode()
    assert "draft-only-deck" in client.get("/sitemap.xml").content.decode()
    assert client.get(hidden[0].get_absolute_url()).status_code == 200


@pytest.mark.parametrize("status", list(Post.Status))
@pytest.mark.parametrize("days", [-1, 1])
def test_is_published_agrees_with_the_published_queryset(status, days):
    post = make_post(status=status, published_at=timezone.now() + timedelta(days=days))
    assert post.is_published() == Post.objects.published().filter(pk=post.pk).exists()
    assert Category.objects.with_published_stats().get(pk=post.category_id).post_count == (
        1 if post.is_published() else 0
    )


def test_only_the_post_model_spells_out_the_published_rule():
    """Everything else calls published() or published_q(): a hand-written filter on the
    publication time or the status would be a second definition to keep in step."""
    rule = re.compile(r"published_at__lte|status=Post\.Status\.PUBLISHED")
    found = [
        str(path.relative_to(BLOG_ROOT.parent))
        for path in [*BLOG_ROOT.rglob("*.py"), *(BLOG_ROOT.parent / "core").rglob("*.py")]
        if "tests" not in path.parts and "migrations" not in path.parts
        and rule.search(path.read_text(encoding="utf-8"))
    ]  # fmt: skip
    assert found == ["blog/models/posts.py"]


# --- decks and their files ---


def _deck_with_files(slug, posts=(), **fields):
    """A presentation with a stored PDF and one slide's three images; returns its URLs."""
    deck = Presentation.objects.create(title=f"מצגת {slug}", slug=slug, **fields)
    deck.posts.add(*posts)
    folder = f"decks/{slug}0123456789"
    deck.source_file.name = default_storage.save(f"{folder}/deck.pdf", ContentFile(b"%PDF-1.7"))
    deck.save()
    images = {
        field: default_storage.save(f"{folder}/001-{field}.webp", ContentFile(b"RIFF....WEBP"))
        for field in ("image_small", "image_medium", "image_large")
    }
    Slide.objects.create(presentation=deck, number=1, width=1600, height=900, **images)
    pdf = f"/media/{deck.source_file.name}"
    return {
        "page": deck.get_absolute_url(),
        "text": deck.get_text_url(),
        **{field: f"/media/{name}" for field, name in images.items()},
        "pdf": pdf,
        # Path spellings that name the same file.
        "pdf/": pdf + "/",
        "pdf//": pdf.replace("/decks/", "/decks//"),
        "pdf..": pdf.replace("/decks/", f"/decks/{slug}0123456789/../"),
        "pdf.": pdf.replace("/decks/", "/./decks/"),
    }


@pytest.fixture
def decks():
    published = make_post("פוסט שפורסם", slug="published-with-deck")
    draft = make_post("טיוטה עם מצגת", slug="draft-with-deck", status=Post.Status.DRAFT)
    future = make_post("פוסט עתידי", published_at=timezone.now() + timedelta(days=3))
    return {
        "with-published-post": (_deck_with_files("shown", [published, draft]), True),
        "public-without-post": (_deck_with_files("public", is_public=True), True),
        "draft-only": (_deck_with_files("draftonly", [draft]), False),
        "future-only": (_deck_with_files("futureonly", [future]), False),
        "no-post": (_deck_with_files("nopost"), False),
    }


def test_every_url_of_a_deck_readers_may_not_see_is_404_and_the_others_serve(client, decks):
    for name, (urls, visible) in decks.items():
        for kind, url in urls.items():
            response = client.get(url)
            expected = 200 if visible else 404
            assert response.status_code == expected, f"{name} {kind}: {url}"
            if kind.startswith("image") and visible:
                assert "attachment" not in response.get("Content-Disposition", "")
            if kind.startswith("pdf") and visible:
                assert response["Content-Disposition"] == "attachment", url
                assert response["Content-Security-Policy"] == "sandbox", url
            if kind not in ("page", "text"):
                assert response["X-Content-Type-Options"] == "nosniff", url


def test_publishing_the_draft_shows_its_deck_and_unpublishing_hides_it(client, decks):
    urls = decks["draft-only"][0]
    Post.objects.filter(slug="draft-with-deck").update(status=Post.Status.PUBLISHED)
    assert all(client.get(url).status_code == 200 for url in urls.values())
    assert "/presentations/draftonly/" in client.get("/sitemap.xml").content.decode()
    Post.objects.filter(slug="draft-with-deck").update(status=Post.Status.DRAFT)
    assert all(client.get(url).status_code == 404 for url in urls.values())
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/presentations/draftonly/" not in sitemap and "/presentations/public/" in sitemap


def test_staff_preview_hidden_decks_uncached(staff_client, decks):
    for name in ("draft-only", "no-post"):
        for url in decks[name][0].values():
            response = staff_client.get(url)
            assert response.status_code == 200, url
            assert (
                "no-store" in response["Cache-Control"]
                and "public" not in response["Cache-Control"]
            ), url


def test_a_deck_file_no_row_uses_is_404_even_for_staff(client, staff_client, decks):
    default_storage.save("decks/orphan0123456789/deck.pdf", ContentFile(b"%PDF-1.7"))
    for who in (client, staff_client):
        assert who.get("/media/decks/orphan0123456789/deck.pdf").status_code == 404


@pytest.mark.parametrize("name", ["note.txt", "page.html", "drawing.svg", "deck.pdf"])
def test_other_media_is_a_sandboxed_attachment_unless_a_raster_image(client, name):
    stored = default_storage.save(f"uploads/{name}", ContentFile(b"<script>alert(1)</script>"))
    for url in (f"/media/{stored}", f"/media/{stored}/", f"/media/./{stored}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"] == "attachment", url
        assert response["Content-Security-Policy"] == "sandbox"
        assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/media/{stored}\x00").status_code == 404
