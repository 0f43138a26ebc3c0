"""Site pages ("אודות", "הצהרת נגישות"): seeded by migration, editable, linked from the footer."""

import pytest
from django.urls import reverse

from core.models import SitePage

pytestmark = pytest.mark.django_db

ABOUT = reverse("site-page", kwargs={"slug": "about"})
ACCESSIBILITY = reverse("site-page", kwargs={"slug": "accessibility"})


def test_both_pages_exist_after_migrate(client):
    about = client.get(ABOUT)
    assert about.status_code == 200
    assert "<h1" in about.content.decode() and "אודות" in about.content.decode()
    statement = client.get(ACCESSIBILITY).content.decode()
    assert '<h1 id="page-title">הצהרת נגישות</h1>' in statement
    for fact in ("ת״י 5568", "WCAG 2.1", "דילוג לתוכן הראשי", "ניגודיות", "מקלדת", "שקף"):
        assert fact in statement, fact


def test_accessibility_statement_gives_the_editors_address_from_settings(client, settings):
    settings.SITE_CONTACT_EMAIL = "access@blog.example.org"
    html = client.get(ACCESSIBILITY).content.decode()
    assert 'href="mailto:access@blog.example.org"' in html
    assert "יצירת קשר עם עורכי האתר" in html


def test_footer_links_to_both_pages_from_every_page(client):
    html = client.get(reverse("blog:index")).content.decode()
    assert f'<a href="{ABOUT}">אודות</a>' in html
    assert f'<a href="{ACCESSIBILITY}">הצהרת נגישות</a>' in html


def test_editor_changes_are_kept_and_sanitised(client):
    page = SitePage.objects.get(slug="about")
    page.body = '<p onclick="x()">תוכן חדש</p><script>alert(1)</script>'
    page.save()
    html = client.get(ABOUT).content.decode()
    assert "<p>תוכן חדש</p>" in html
    assert "<script>alert" not in html and "onclick" not in html


def test_seeding_is_idempotent_and_never_overwrites_edits():
    from importlib import import_module

    from django.apps import apps

    seed = import_module("core.migrations.0002_seed_site_pages")
    SitePage.objects.filter(slug="about").update(title="עלינו")
    seed.create_pages(apps, None)
    assert SitePage.objects.count() == 2
    assert SitePage.objects.get(slug="about").title == "עלינו"


def test_unknown_page_is_404(client):
    assert client.get(reverse("site-page", kwargs={"slug": "nothing"})).status_code == 404


def test_site_page_is_cacheable_and_runs_fixed_queries(client, django_assert_num_queries):
    # the page, the sidebar (one query), the next scheduled publish time (once per
    # content generation, for the page's max-age)
    with django_assert_num_queries(3):
        response = client.get(ACCESSIBILITY)
    assert "public" in response["Cache-Control"]


def test_admin_lists_site_pages(staff_client):
    response = staff_client.get(reverse("admin:core_sitepage_changelist"))
    assert response.status_code == 200
    assert "הצהרת נגישות" in response.content.decode()
