from itertools import groupby

from django import template

from blog.models import Slide

register = template.Library()


@register.inclusion_tag("blog/includes/slide_decks.html")
def post_presentations(post):
    """The viewers for a post's decks, in one query however many decks and slides.

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
    return {"decks": decks}
