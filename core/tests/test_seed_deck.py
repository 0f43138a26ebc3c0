"""load_seed also loads the demo deck for the seed post, once, and then leaves it to editors."""

import html
import re

import pytest
from django.core.management import call_command
from django.utils.html import strip_tags

from blog.decks import import_deck
from blog.models import Presentation
from blog.tests.slides_factory import deck_pdf, media_files
from core.management.commands.load_seed import DEMO_SLUG

pytestmark = pytest.mark.django_db


def test_seed_attaches_a_demo_deck_summarising_the_article(seeded):
    deck = Presentation.objects.get()
    assert deck.slug == DEMO_SLUG and list(deck.posts.all()) == [seeded]
    assert deck.is_demo
    assert "מצגת הדגמה" in deck.title and "סיכום נקודות המאמר" in deck.title
    # Not attributed to the speaker as his slides.
    assert deck.speaker == "" and deck.event_name == "" and deck.event_date is None
    assert "אינה המצגת שהוצגה בכנס" in deck.description
    assert "להעלות את המצגת המקורית" in deck.description
    slides = list(deck.slides.all())
    assert len(slides) == 6
    assert "זו אינה המצגת המקורית" in slides[0].text
    assert "ישראל נמצאת בקבוצת המדינות המתקדמות" in slides[3].text
    assert all(s.image_small and s.image_medium and s.image_large for s in slides)
    assert deck.source_file.name.endswith("demo-deck.pdf")


def test_seed_is_idempotent_for_the_deck(seeded, settings):
    deck = Presentation.objects.get()
    files = media_files(settings.MEDIA_ROOT)
    rows = list(deck.slides.values())
    call_command("load_seed", verbosity=0)
    assert Presentation.objects.count() == 1
    assert list(deck.slides.values()) == rows
    assert media_files(settings.MEDIA_ROOT) == files


def test_seed_keeps_the_real_deck_an_editor_uploaded(seeded):
    deck = Presentation.objects.get()
    import_deck(deck, deck_pdf("המצגת האמיתית"), "gamburg.pdf")
    Presentation.objects.filter(pk=deck.pk).update(is_demo=False, speaker="ירון גמבורג")
    call_command("load_seed", verbosity=0)
    deck.refresh_from_db()
    assert not deck.is_demo and deck.speaker == "ירון גמבורג"
    assert "המצגת האמיתית" in deck.slides.get().text


def test_seed_does_not_bring_back_a_demo_deck_replaced_by_another(seeded):
    Presentation.objects.get().delete()
    real = Presentation.objects.create(title="המצגת המקורית")
    real.posts.add(seeded)
    call_command("load_seed", verbosity=0)
    assert list(Presentation.objects.all()) == [real]


def test_seed_repairs_a_demo_deck_that_lost_its_slides(seeded):
    deck = Presentation.objects.get()
    deck.slides.all().delete()
    call_command("load_seed", verbosity=0)
    assert deck.slides.count() == 6


def test_post_page_shows_the_demo_deck(client, seeded):
    html = client.get(seeded.get_absolute_url()).content.decode()
    assert (
        'class="deck"' in html
        and "מצגת הדגמה: המצגת המקורית אינה זמינה, וזהו סיכום של נקודות המאמר." in html
    )
    assert 'id="slide-6"' in html and "שקף 1 מתוך 6" in html


def test_demo_slide_text_reads_in_logical_order_and_is_searchable(seeded):
    """The demo's slide text comes from its transcript: English terms keep their order."""
    from blog.models import Post

    slides = list(Presentation.objects.get().slides.order_by("number"))
    assert slides[0].text.startswith("GOV 2.0 – ממשל במדיה חברתית\n")
    assert "בנושא GOV 2.0" in slides[1].text and "2.0 GOV" not in slides[1].text
    assert "המונח WEB 2.0" in slides[1].text
    # Words found only on the slides lead to the post.
    assert list(Post.objects.search("האמיתית")) == [seeded]


def test_every_line_of_the_demo_slides_quotes_the_article(seeded):
    """The demo deck tells the truth: past its title slide, each line is the article's
    own words (its spelling kept), the slide headings and the demo footer aside."""
    article = re.sub(r"\s+", " ", html.unescape(strip_tags(seeded.body)))
    slides = list(Presentation.objects.get().slides.all())
    for slide in slides[1:]:
        lines = slide.text.split("\n")[1:-1]  # the heading, the footer
        assert lines
        for line in lines:
            assert line.rstrip(":") in article, (slide.number, line)


def test_the_article_s_promise_of_the_original_deck_is_followed_by_an_editors_note(client, seeded):
    promise = "בסוף הפוסט מובאת המצגת של ירון גמבורג כפי שהוצגה בכנס."
    after = seeded.body.split(promise, 1)[1]
    note = re.match(r"</p>\s*<p><strong>הערת העורך:</strong>([^<]+)</p>", after)
    assert note and "המצגת המקורית אינה זמינה" in note[1] and "סיכום" in note[1]
    page = client.get(seeded.get_absolute_url()).content.decode()
    assert "הערת העורך:" in page
    # And where the deck appears, the same.
    assert "המצגת המקורית אינה זמינה" in page.split('class="notice deck__demo"', 1)[1][:300]
