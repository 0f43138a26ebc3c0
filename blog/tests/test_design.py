"""The design as served (issue 16): share links, the reading page's parts, the theme
script's place, the footer, and a stylesheet written in logical properties only."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.utils.encoding import iri_to_uri

from blog.models import Image
from blog.tests.factories import make_post

pytestmark = pytest.mark.django_db

CSS = (Path(settings.BASE_DIR) / "static/css/site.css").read_text(encoding="utf-8")
SHARE_HOSTS = {
    "WhatsApp": ("wa.me", "text"),
    "Telegram": ("t.me", "url"),
    "X": ("x.com", "url"),
    "Facebook": ("www.facebook.com", "u"),
    "LinkedIn": ("www.linkedin.com", "url"),
}


def share_links(html):
    section = html[
        html.index('<section class="share"') : html.index("</section>", html.index('class="share"'))
    ]
    return dict(
        (label, href.replace("&amp;", "&"))
        for href, label in re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', section)
    )


def test_share_links_are_plain_urls_with_the_post_address(client, seeded):
    html = client.get(seeded.get_absolute_url()).content.decode()
    links = share_links(html)
    assert list(links) == ["WhatsApp", "Telegram", "X", "Facebook", "LinkedIn", "דוא״ל"]
    address = "http://testserver" + seeded.get_absolute_url()
    for label, (host, param) in SHARE_HOSTS.items():
        parts = urlsplit(links[label])
        assert parts.scheme == "https" and parts.netloc == host, links[label]
        # The value decodes to the post's address (as an IRI: Hebrew letters as they are).
        (value,) = parse_qs(parts.query)[param]
        assert iri_to_uri(value) == address
    mail = urlsplit(links["דוא״ל"])
    assert mail.scheme == "mailto"
    query = parse_qs(mail.query)
    assert query["subject"] == [seeded.title] and iri_to_uri(query["body"][0]) == address
    # The Web Share API button is an enhancement: hidden until site.js finds the API.
    assert '<button type="button" data-share hidden>שיתוף…</button>' in html
    assert '<script src="http' not in html  # no third-party script


def test_a_draft_preview_offers_no_share_links(client, seeded, staff_client):
    seeded.status = type(seeded).Status.DRAFT
    seeded.save()
    html = staff_client.get(seeded.get_absolute_url()).content.decode()
    assert 'class="share"' not in html


def test_reading_page_has_no_sidebar_or_breadcrumbs_and_slide_text_behind_disclosures(
    client, seeded
):
    html = client.get(seeded.get_absolute_url()).content.decode()
    assert 'class="sidebar"' not in html and 'class="breadcrumbs"' not in html
    slides = html.count("data-deck-slide>")
    assert slides >= 3
    assert html.count('<details class="deck__text"><summary>טקסט השקף</summary>') == slides
    # The byline reads as a line: "מאת <name>", then the date, the category, the comments.
    assert re.search(r'מאת <span class="byline">גילה גדעון</span></span>\s*<span><time', html)
    # List pages keep the sidebar.
    assert 'class="sidebar"' in client.get("/").content.decode()


def test_theme_script_loads_in_head_before_the_body_and_the_toggle_waits_for_it(client):
    html = client.get("/").content.decode()
    head = html[: html.index("<body>")]
    assert head.index('rel="stylesheet"') < head.index('<script src="/static/js/site.js"></script>')
    assert "defer" not in head and "async" not in head
    toggle = re.search(r"<button[^>]*data-theme-toggle[^>]*>([^<]+)</button>", html)
    assert toggle and " hidden" in toggle.group(0) and toggle.group(1) == "מצב כהה"
    assert '<img src="/static/img/favicon.svg" alt="" width="40" height="40">' in html  # the mark


def test_search_page_has_one_search_box(client):
    html = client.get("/search/", {"q": "ממשל"}).content.decode()
    assert html.count('role="search"') == 1 and 'id="site-search"' not in html
    assert 'id="site-search"' in client.get("/").content.decode()


def test_footer_links_about_accessibility_feeds_and_contact(client, settings):
    settings.SITE_CONTACT_EMAIL = "editors@example.org"
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for href in ("/pages/about/", "/pages/accessibility/", "/feed/", "/feed/atom/"):
        assert f'href="{href}"' in footer
    assert '<a href="mailto:editors@example.org">יצירת קשר</a>' in footer


def test_no_contact_link_without_an_address(client, settings):
    settings.SITE_CONTACT_EMAIL = ""
    assert "יצירת קשר" not in client.get("/").content.decode()


PHYSICAL = re.compile(
    r"(?<![\w-])(?:(?:margin|padding|border)-(?:left|right|top|bottom)(?:-\w+)?|left|right|top"
    r"|bottom|float|clear|text-align|border-(?:top|bottom)-(?:left|right)-radius)\s*:\s*[^;}]*"
)


def test_stylesheet_uses_logical_properties_only():
    found = [
        match.group(0)
        for match in PHYSICAL.finditer(re.sub(r"/\*.*?\*/", "", CSS, flags=re.S))
        if match.group(0).split(":")[0].strip() not in ("text-align",)
        or re.search(r"\b(left|right)\b", match.group(0))
    ]
    assert found == []


def test_stylesheet_defines_design_tokens_dark_theme_print_and_reduced_motion():
    for token in ("--fg:", "--bg:", "--ac:", "--s1:", "--s5:", "--t-1:", "--t4:", "--measure:"):
        assert token in CSS
    assert "@media (prefers-color-scheme: dark)" in CSS and ':root[data-theme="dark"]' in CSS
    assert "@media print" in CSS and 'content: " (" attr(href) ")"' in CSS
    assert "@media (prefers-reduced-motion: reduce)" in CSS


def test_post_card_shows_the_cover_image_when_there_is_one(client):
    cover = Image.objects.create(
        file="images/0123456789abcdef/cover.png",
        sha256="c" * 64,
        width=1200,
        height=600,
        alt="כיכר העיר בערב",
        rendition_files=[{"width": 480, "height": 240, "name": "cover-480w.webp"}],
    )
    make_post("עם תמונת שער", cover_image=cover)
    make_post("בלי תמונת שער")
    html = client.get("/").content.decode()
    cards = html.split('<article class="post-card">')[1:]
    with_cover = next(card for card in cards if "עם תמונת שער" in card)
    without = next(card for card in cards if "בלי תמונת שער" in card)
    assert '<div class="post-card__cover"><img src="' in with_cover
    assert 'alt="כיכר העיר בערב"' in with_cover and 'loading="lazy"' in with_cover
    assert "post-card__cover" not in without
