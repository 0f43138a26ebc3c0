"""Issue 10, point 3 for site pages: every admin save keeps a revision, unchanged saves
keep none, and two versions compare as a readable diff."""

import pytest
from django.urls import reverse
from reversion.models import Version

from core.models import SitePage

pytestmark = pytest.mark.django_db


def _versions(obj):
    return list(Version.objects.get_for_object(obj))


def test_site_pages_keep_revisions_and_compare(staff_client):
    page = SitePage.objects.create(title="אודות", slug="about-test", body="<p>ישן</p>")
    url = reverse("admin:core_sitepage_change", args=[page.pk])
    data = {"title": "אודות", "slug": "about-test", "description": "", "body": "<p>ישן</p>"}
    for body in ("<p>ישן</p>", "<p>ישן</p>", "<p>חדש</p>"):
        assert staff_client.post(url, {**data, "body": body}).status_code == 302
    versions = _versions(page)
    assert len(versions) == 2
    compare = reverse("admin:core_sitepage_compare", args=[page.pk])
    html = staff_client.get(f"{compare}?a={versions[1].pk}&b={versions[0].pk}").content.decode()
    assert "<del>ישן</del><ins>חדש</ins>" in html
