from itertools import groupby

from django import template
from django.core.files.storage import default_storage

from blog.models import Slide

register = template.Library()


def post_decks(post):
    """The decks of a post with their slides, in one query however many decks and slides.

    Decks without slides have nothing to show and are left out. The first deck's
    slides get the plain ids (#slide-3); later decks prefix theirs with the deck id.
    """
    slides = (
        Slide.objects.filter(presentation__posts=post)
        .select_related("presentation")
        .order_by("-presentation__event_date", "-presentation_id", "number")
    )
    decks = []
    for index, (presentation, deck_slides) in enumerate(
        groupby(slides, key=lambda slide: slide.presentation)
    ):
        prefix = "" if index == 0 else f"deck-{presentation.pk}-"
        decks.append({"presentation": presentation, "slides": list(deck_slides), "prefix": prefix})
    return decks


def first_slide_image(decks):
    """URL of the large image of the first slide that has one, taking decks in the order
    they were created (the post's og:image), or ""."""
    slides = [slide for deck in decks for slide in deck["slides"] if slide.image_large]
    if not slides:
        return ""
    first = min(slides, key=lambda slide: (slide.presentation_id, slide.number))
    return default_storage.url(first.image_large.name)
