import pytest
from django.core.management import call_command

from blog.models import Category, Post

pytestmark = pytest.mark.django_db


def test_seed_loads_the_article_faithfully(seeded):
    post = seeded
    assert post.title == "GOV 2.0 ממשל במדיה חברתית- איפה ממוקמת ישראל בזירה הבנלאומית?"
    assert post.byline == "גילה גדעון"
    assert post.category.name == "ארגונים"
    assert post.published_at.date().isoformat() == "2010-03-24"
    assert post.is_published()
    assert post.body.startswith("<p>הפוסט מבוסס על סיכום שכתב ירון גמבורג")
    assert post.body.rstrip().endswith("כשנבין את זה, ונפעל בהתאם לכך – נוכל להוביל.</p>")
    # The duplicated caption line is one figure caption, not two paragraphs.
    assert post.body.count("סגן מנהל הדרכה משרד החוץ") == 1
    assert "<figcaption>" in post.body
    # The original page's widgets are features, not body text.
    for widget_text in ("אהבת את הפוסט הזה", "תגובות (1)", "הגב לפוסט", "תגיות:"):
        assert widget_text not in post.body
    assert "GOV 2.0" in post.tags.names()


def test_seed_is_idempotent(seeded):
    before = Post.objects.values().get()
    call_command("load_seed", verbosity=0)
    assert Post.objects.count() == 1 and Category.objects.count() == 1
    assert Post.objects.values().get() == before
    assert seeded.tags.count() == 6


def test_article_page_renders_in_order(client, seeded):
    html = client.get(seeded.get_absolute_url()).content.decode()
    nowrap = '<bdi dir="ltr" class="nowrap">'
    assert f"{nowrap}GOV 2.0</bdi> ממשל במדיה חברתית- איפה ממוקמת ישראל" in html
    assert f"{nowrap}WEB 2.0</bdi>" in html
    assert '<bdi dir="ltr">MFA</bdi>' in html
    assert "24 במרץ 2010" in html
