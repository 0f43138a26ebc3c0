"""Load the republished article (and its category and tags) from core/seed/article.json,
and a demo deck for it from core/seed/demo-deck.pdf.

Idempotent: a second run finds everything in place and writes nothing. The demo deck
is created once; after that it is the editors' (they replace it with the real deck),
so later runs only render it again if it lost its slides while still a demo.
"""

import json
from datetime import date, datetime
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from blog.decks import import_deck
from blog.models import Category, Post, Presentation
from blog.sanitize import clean_post_html

SEED_DIR = Path(__file__).resolve().parents[2] / "seed"
DEMO_DECK = SEED_DIR / "demo-deck.pdf"
# PDFium reads fpdf2's right-to-left lines back imperfectly ("GOV 2.0" as "2.0 GOV"), so
# the demo's slide text comes from the transcript written with the PDF, as an editor's
# correction would.
DEMO_TRANSCRIPT = SEED_DIR / "demo-deck-text.json"
DEMO_SLUG = "gov-2-0-סיכום-המאמר-מצגת-הדגמה"
DEMO_TITLE = "GOV 2.0 – ממשל במדיה חברתית: סיכום נקודות המאמר (מצגת הדגמה)"
DEMO_DESCRIPTION = (
    "מצגת הדגמה שהוכנה לאתר מתוך נקודות המאמר עצמו. זו אינה המצגת שהוצגה בכנס: "
    "המצגת המקורית אינה בידינו. עורך האתר יכול להעלות את המצגת המקורית במקומה "
    "בממשק הניהול."
)


def sync(instance, values):
    """Set `values` on `instance`; return the names of the fields that changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return changed


class Command(BaseCommand):
    help = "טוען את המאמר המקורי (עם הקטגוריה והתגיות שלו) ומצגת הדגמה מקובצי התוכן שבמאגר."

    def handle(self, *args, **options):
        post, changes = self.load_article()
        # Outside the article's transaction: rendering must not hold the database lock.
        changes += self.load_demo_deck(post)
        if changes:
            self.stdout.write(self.style.SUCCESS("נטען: " + "; ".join(changes)))
        else:
            self.stdout.write("התוכן כבר טעון; לא בוצע שינוי.")

    @transaction.atomic
    def load_article(self):
        data = json.loads((SEED_DIR / "article.json").read_text(encoding="utf-8"))
        changes = []

        cat_data = data["category"]
        category = Category.objects.filter(slug=cat_data["slug"]).first() or Category()
        if sync(category, cat_data) or category.pk is None:
            category.save()
            changes.append(f"קטגוריה: {category.name}")

        post_data = dict(data["post"])
        tags = post_data.pop("tags")
        post_data["published_at"] = datetime.fromisoformat(post_data["published_at"])
        post_data["source_published_on"] = date.fromisoformat(post_data["source_published_on"])
        post_data["category_id"] = category.pk
        post_data["status"] = Post.Status.PUBLISHED
        # Compare with the body as save() stores it, sanitised.
        post_data["body"] = clean_post_html(post_data["body"])
        post = Post.all_objects.filter(slug=post_data["slug"]).first() or Post()
        if sync(post, post_data) or post.pk is None:
            post.save()
            post.refresh_from_db()
            changes.append(f"פוסט: {post.title}")
        if sorted(post.tags.names()) != sorted(tags):
            post.tags.set(tags)
            changes.append("תגיות")
        return post, changes

    def load_demo_deck(self, post):
        deck = Presentation.objects.filter(slug=DEMO_SLUG).first()
        if deck is None:
            if post.presentations.exists():
                return []  # an editor replaced the demo with a deck of their own
            deck = Presentation.objects.create(
                slug=DEMO_SLUG, title=DEMO_TITLE, description=DEMO_DESCRIPTION, is_demo=True
            )
            deck.posts.add(post)
        elif not deck.is_demo:
            return []
        changes = []
        if not deck.slides.exists():
            count = import_deck(deck, DEMO_DECK.read_bytes(), DEMO_DECK.name)
            changes.append(f"מצגת הדגמה: {count} שקפים")
        texts = json.loads(DEMO_TRANSCRIPT.read_text(encoding="utf-8"))
        for slide, text in zip(deck.slides.order_by("number"), texts, strict=False):
            if slide.text != text:
                slide.text = text
                slide.save(update_fields=["text"])
                changes.append(f"טקסט שקף {slide.number}")
        return changes
