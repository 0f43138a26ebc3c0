"""The slide viewer on the post page and the presentation page, the text view, media."""

import re

import pytest

from blog.decks import import_deck
from blog.models import Post
from blog.tests.factories import make_post
from blog.tests.slides_factory import deck_pdf, make_presentation

pytestmark = pytest.mark.django_db

SLIDES = ("ממשל במדיה חברתית", "ישראל בזירה הבינלאומית", "האתגרים אינם טכנולוגיים")


@pytest.fixture
def post_with_deck():
    post = make_post("פוסט עם מצגת")
    deck = make_presentation(
        "מצגת הכנס", speaker="דוברת לדוגמה", event_name="כנס ממשל", event_url="https://example.org/"
    )
    deck.posts.add(post)
    import_deck(deck, deck_pdf(*SLIDES), "כנס.pdf")
    return post, deck


def slide_blocks(html):
    return re.findall(r'<div class="deck__slide"[^>]*>.*?</details>\s*</div>', html, re.S)


def assert_viewer(html, deck):
    """The carousel markup: labelled region, controls, one group per slide, no-JS list."""
    assert f'<section class="deck" id="deck-{deck.pk}" aria-roledescription="מצגת"' in html
    assert f'aria-labelledby="deck-{deck.pk}-title"' in html
    assert f'id="deck-{deck.pk}-title"' in html
    # Controls exist for the script but stay hidden without it: all slides show as a list.
    assert '<div class="deck__controls" data-deck-controls hidden>' in html
    assert '<nav class="deck__thumbs" aria-label="כל השקפים" data-deck-thumbs hidden>' in html
    # "השקף" leaves the buttons' visible text on phones (one row at 320 px), never their names.
    word = '<span class="deck__word">השקף </span>'
    assert f"</span> {word}הקודם</button>" in html and f">{word}הבא <span" in html
    assert 'aria-live="polite"' in html and "שקף 1 מתוך 3" in html
    assert html.count(f'aria-controls="deck-{deck.pk}-slides"') == 2
    blocks = slide_blocks(html)
    assert len(blocks) == 3
    for number, (block, text) in enumerate(zip(blocks, SLIDES, strict=True), start=1):
        assert f'id="slide-{number}" role="group" aria-roledescription="שקף"' in block
        assert "hidden" not in block.split(">", 1)[0]  # visible without JavaScript
        assert f'aria-labelledby="slide-{number}-label"' in block
        assert f'aria-describedby="slide-{number}-text"' in block
        assert f'id="slide-{number}-text"' in block and text in block
        # The slide's text is behind a disclosure, not repeated in full under the image.
        assert '<details class="deck__text"><summary>טקסט השקף</summary>' in block
        assert 'width="1600" height="900"' in block
        assert re.search(r'srcset="[^"]+480w, [^"]+960w, [^"]+1600w"', block)
        assert f'alt="שקף {number}: {text}"' in block
        # The first slide loads at once; the others when they come near.
        assert ('loading="lazy"' in block) == (number > 1)
    for number in (1, 2, 3):
        assert f'href="#slide-{number}"' in html  # thumbnails link to the deep-link ids
    assert '<script src="/static/js/site.js"></script>' in html  # in <head>: sets the theme
    assert " style=" not in html and not re.search(r"\son[a-z]+=", html)


def test_post_page_shows_the_deck_under_the_article(client, post_with_deck):
    post, deck = post_with_deck
    response = client.get(post.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index('class="post__body"') < html.index('class="deck"') < html.index("</article>")
    assert_viewer(html, deck)
    assert '<h2 class="deck__title" id="deck-' in html and "מצגת הכנס" in html
    assert "מרצה: דוברת לדוגמה" in html and 'href="https://example.org/"' in html
    assert f'href="{deck.get_text_url()}">טקסט המצגת</a>' in html
    assert f'href="{deck.get_absolute_url()}">עמוד המצגת</a>' in html
    assert re.search(r'href="/media/decks/[0-9a-f]{16}/[^"]+\.pdf" download', html)
    assert "public" in response["Cache-Control"]


def test_post_without_a_deck_has_no_viewer(client):
    post = make_post()
    html = client.get(post.get_absolute_url()).content.decode()
    assert "data-deck" not in html


def test_second_deck_on_a_post_gets_its_own_slide_ids(client, post_with_deck):
    post, first = post_with_deck
    other = make_presentation("מצגת נוספת")
    other.posts.add(post)
    import_deck(other, deck_pdf("שקף אחר"))
    html = client.get(post.get_absolute_url()).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    # The newer deck comes first and keeps the plain ids.
    assert html.index(f'id="deck-{other.pk}"') < html.index(f'id="deck-{first.pk}"')
    assert 'id="slide-1"' in html and f'id="deck-{first.pk}-slide-1"' in html
    assert f'href="#deck-{first.pk}-slide-1"' in html


def test_demo_deck_is_labelled_as_such(client):
    post = make_post()
    deck = make_presentation("סיכום", is_demo=True)
    deck.posts.add(post)
    import_deck(deck, deck_pdf("שקף"))
    html = client.get(post.get_absolute_url()).content.decode()
    assert "מצגת הדגמה: המצגת המקורית אינה זמינה, וזהו סיכום של נקודות המאמר." in html


def test_presentation_page(client, post_with_deck):
    post, deck = post_with_deck
    draft = make_post("טיוטה סודית", status=Post.Status.DRAFT)
    deck.posts.add(draft)
    response = client.get(deck.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 id="deck-{deck.pk}-title">מצגת הכנס</h1>' in html
    assert_viewer(html, deck)
    assert f'href="{post.get_absolute_url()}">פוסט עם מצגת</a>' in html
    assert "טיוטה סודית" not in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_presentation_page_urls_take_hebrew_slugs(client, post_with_deck):
    _, deck = post_with_deck
    assert deck.slug == "מצגת-הכנס"
    assert client.get(f"/presentations/{deck.slug}/").status_code == 200
    assert client.get("/presentations/אין-כזו/").status_code == 404


def test_text_view_has_one_section_per_slide(client, post_with_deck):
    _, deck = post_with_deck
    deck.slides.filter(number=2).update(title="כותרת מהעורך", notes="הערת העורך")
    response = client.get(deck.get_text_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="deck-text-title">טקסט המצגת: מצגת הכנס</h1>' in html
    sections = re.findall(r'<section class="deck-text__slide".*?</section>', html, re.S)
    assert len(sections) == 3
    assert 'id="slide-1"' in sections[0] and f"<p>{SLIDES[0]}</p>" in sections[0]
    assert "שקף 2: כותרת מהעורך</h2>" in sections[1] and "הערת העורך" in sections[1]
    assert f'href="{deck.get_absolute_url()}"' in html


def test_latin_terms_in_slide_text_are_isolated(client):
    deck = make_presentation(is_public=True)
    import_deck(deck, deck_pdf("המונח WEB"))
    html = client.get(deck.get_text_url()).content.decode()
    assert '<bdi dir="ltr">WEB</bdi>' in html


def test_viewer_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries):
    small, big = make_presentation(is_public=True), make_presentation(is_public=True)
    import_deck(small, deck_pdf("א"))
    import_deck(big, deck_pdf(*[f"שקף {n}" for n in range(8)]))
    for deck in (small, big):
        for url in (deck.get_absolute_url(), deck.get_text_url()):
            client.get(url)  # the sidebar is then kept in the shared cache
            # presentation, slides, published posts
            with django_assert_num_queries(3):
                assert client.get(url).status_code == 200


def test_slide_images_are_served_with_long_cache_headers(client, post_with_deck):
    _, deck = post_with_deck
    response = client.get(deck.slides.first().image_large.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    cache = response["Cache-Control"]
    assert "public" in cache and "max-age=31536000" in cache and "immutable" in cache


def test_the_pdf_is_a_sandboxed_download_never_inline(client, post_with_deck):
    _, deck = post_with_deck
    response = client.get(deck.source_file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_decks_add_one_query_to_the_post_page_whatever_their_size(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(post):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(post.get_absolute_url()).status_code == 200
        return len(queries)

    plain, small, big = make_post(), make_post(), make_post()
    one = make_presentation()
    one.posts.add(small)
    import_deck(one, deck_pdf("א"))
    for _ in range(2):
        deck = make_presentation()
        deck.posts.add(big)
        import_deck(deck, deck_pdf(*[f"שקף {i}" for i in range(5)]))
    client.get(plain.get_absolute_url())  # the sidebar is then kept in the shared cache
    assert count(plain) == count(small) == count(big)
