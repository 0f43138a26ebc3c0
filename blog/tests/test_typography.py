"""Mixed Hebrew and Latin text: short runs ("GOV 2.0") and time ranges never break
inside, in templates (isolate_latin) and in sanitised post bodies; site pages use Hebrew
quotation marks (the catalogue's are checked in core/tests/test_translations.py)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from blog.sanitize import clean_post_html
from blog.templatetags.hebrew_text import isolate_latin
from blog.typography import keep_runs_whole, keeps_whole

NOWRAP = '<bdi dir="ltr" class="nowrap">'


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("כנס GOV 2.0 בישראל", f"כנס {NOWRAP}GOV 2.0</bdi> בישראל"),
        ("המונח WEB 2.0 .", f"המונח {NOWRAP}WEB 2.0</bdi> ."),
        ("בין השעות 19:00-22:00 בערב", 'בין השעות <span class="nowrap">19:00-22:00</span> בערב'),
        ("בשעה 19:00 בדיוק", "בשעה 19:00 בדיוק"),  # nothing in it can break
        ("משרד החוץ MFA", 'משרד החוץ <bdi dir="ltr">MFA</bdi>'),
        (
            "הכנס Web and the Future of Government Services",
            'הכנס <bdi dir="ltr">Web and the Future of Government Services</bdi>',
        ),
        ("<b>GOV 2.0</b>", f"&lt;<bdi dir=\"ltr\">b</bdi>&gt;{NOWRAP}GOV 2.0</bdi>&lt;/"
         f'<bdi dir="ltr">b</bdi>&gt;'),
    ],
)  # fmt: skip
def test_isolate_latin_keeps_short_runs_whole(text, html):
    assert isolate_latin(text) == html


def test_only_short_runs_with_a_break_inside_are_kept_whole():
    assert keeps_whole("GOV 2.0") and keeps_whole("19:00-22:00") and keeps_whole("e-mail")
    assert not keeps_whole("MFA") and not keeps_whole("2.0")
    assert not keeps_whole("a sentence long enough to have to wrap")


def test_sanitiser_marks_runs_in_post_bodies():
    body = clean_post_html(
        '<p>בנושא <bdi dir="ltr">GOV 2.0</bdi> והמונח WEB 2.0 בין השעות 19:00-22:00.</p>'
        '<p>AT&amp;T <code>x y</code> <a href="https://example.org/">GOV 2.0</a></p>'
    )
    assert body == (
        f"<p>בנושא {NOWRAP}GOV 2.0</bdi> והמונח {NOWRAP}WEB 2.0</bdi> בין השעות "
        '<span class="nowrap">19:00-22:00</span>.</p>'
        f'<p>AT&amp;T <code>x y</code> <a href="https://example.org/">{NOWRAP}GOV 2.0</bdi></a></p>'
    )


def test_sanitiser_allows_no_other_class():
    assert clean_post_html('<p><span class="evil">א</span></p>') == "<p><span>א</span></p>"


@given(st.text(alphabet='אבג GOV2.0:-19<>&;/abp"=', max_size=60))
def test_marking_twice_changes_nothing(text):
    once = clean_post_html(text)
    assert clean_post_html(once) == once
    assert keep_runs_whole(once) == once


@pytest.mark.django_db
def test_article_keeps_its_time_range_and_terms_whole(client, seeded):
    html = client.get(seeded.get_absolute_url()).content.decode()
    assert 'בין השעות <span class="nowrap">19:00-22:00</span> בערב' in html
    assert f"{NOWRAP}GOV 2.0</bdi>" in html and f"{NOWRAP}WEB 2.0</bdi>" in html


def test_site_css_keeps_nowrap_runs_on_one_line():
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text(encoding="utf-8")
    # The rule may share its selector list (".nowrap, .hebrew-date { ... }").
    assert re.search(r"\.nowrap\b[^{]*\{[^}]*white-space:\s*nowrap;", css)


HEBREW = "[\u05d0-\u05ea]"


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["about", "accessibility"])
def test_site_pages_use_hebrew_quotation_marks(client, slug):
    html = client.get(f"/pages/{slug}/").content.decode()
    body = html[html.index('class="site-page__body"') :]
    text = re.sub(r"<[^>]*>", "", body)
    assert not re.search(f"{HEBREW}[\"']|[\"']{HEBREW}", text)
    assert "„" in text
