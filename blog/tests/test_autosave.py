"""Issue 10, point 4: the post form saves a copy while the editor types (never the post),
offers it back, warns before leaving (static script), and previews unsaved changes."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from blog.models import Autosave, Post
from blog.tests.admin_forms import post_form
from blog.tests.factories import make_post

pytestmark = pytest.mark.django_db

AUTOSAVE = "admin:blog_post_autosave"


def _autosave(client, post, **changes):
    data = post_form(post, **changes) if post else changes
    data.setdefault("_object_id", post.pk if post else "")
    return client.post(reverse(AUTOSAVE), data)


def test_autosave_keeps_a_copy_and_never_touches_the_post(staff_client, staff_user):
    post = make_post("כותרת שמורה", body="<p>גוף שמור</p>")
    response = _autosave(staff_client, post, title="כותרת בהקלדה", body="<p>עוד לא נשמר</p>")
    assert response.status_code == 200
    assert response.json()["message"].startswith("נשמר אוטומטית ב־")
    post.refresh_from_db()
    assert (post.title, post.body) == ("כותרת שמורה", "<p>גוף שמור</p>")
    saved = Autosave.objects.get(post=post, user=staff_user)
    assert saved.data["title"] == "כותרת בהקלדה"
    _autosave(staff_client, post, title="כותרת אחרונה")
    assert Autosave.objects.get().data["title"] == "כותרת אחרונה"  # one row, updated


def test_reopening_the_form_offers_the_newer_autosave_and_restores_it(staff_client):
    post = make_post("כותרת שמורה")
    Post.objects.filter(pk=post.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    _autosave(staff_client, post, title="טיוטה שלא נשמרה")
    url = reverse("admin:blog_post_change", args=[post.pk])
    offer = staff_client.get(url).content.decode()
    assert "יש טיוטה שנשמרה אוטומטית" in offer and "?autosave=restore" in offer
    assert 'value="טיוטה שלא נשמרה"' not in offer
    restored = staff_client.get(url + "?autosave=restore").content.decode()
    assert 'value="טיוטה שלא נשמרה"' in restored and "הטופס מלא בטיוטה" in restored
    assert 'data-restored="1"' in restored
    # Saving the post is what keeps the text; the autosave is then gone.
    response = staff_client.post(url, post_form(post, title="טיוטה שלא נשמרה"))
    assert response.status_code == 302
    assert Post.objects.get(pk=post.pk).title == "טיוטה שלא נשמרה"
    assert not Autosave.objects.exists()
    assert "יש טיוטה שנשמרה אוטומטית" not in staff_client.get(url).content.decode()


def test_an_autosave_older_than_the_post_or_equal_to_it_is_not_offered(staff_client):
    post = make_post("זהה")
    _autosave(staff_client, post)  # same text as the post
    url = reverse("admin:blog_post_change", args=[post.pk])
    assert "יש טיוטה שנשמרה אוטומטית" not in staff_client.get(url).content.decode()
    _autosave(staff_client, post, title="שונה")
    Autosave.objects.update(saved_at=timezone.now() - timedelta(days=1))
    Post.objects.filter(pk=post.pk).update(updated_at=timezone.now())
    assert "יש טיוטה שנשמרה אוטומטית" not in staff_client.get(url).content.decode()


def test_a_new_post_is_autosaved_and_offered_on_the_add_form(staff_client):
    response = _autosave(staff_client, None, title="פוסט חדש בהקלדה", body="<p>טיוטה</p>")
    assert response.status_code == 200
    assert Autosave.objects.get(post=None).data["body"] == "<p>טיוטה</p>"
    add = reverse("admin:blog_post_add")
    assert "יש טיוטה שנשמרה אוטומטית" in staff_client.get(add).content.decode()
    restored = staff_client.get(add + "?autosave=restore").content.decode()
    assert 'value="פוסט חדש בהקלדה"' in restored
    discard = staff_client.post(reverse("admin:blog_post_autosave_discard"), {"_object_id": ""})
    assert discard.status_code == 302 and not Autosave.objects.exists()


def test_autosave_refuses_gets_strangers_and_bad_input(client, staff_client):
    post = make_post()
    assert staff_client.get(reverse(AUTOSAVE)).status_code == 405
    assert staff_client.get(reverse("admin:blog_post_preview")).status_code == 405
    assert _autosave(client, post, title="x").status_code == 302  # to the login page
    assert _autosave(staff_client, None, _object_id="999999").status_code == 404
    assert _autosave(staff_client, post, title="נ\x00ל").status_code == 200
    assert Autosave.objects.get().data["title"] == "נל"
    Autosave.objects.all().delete()
    too_long = _autosave(staff_client, post, body="א" * 1_000_001)
    assert too_long.status_code == 400 and "ארוך מדי" in too_long.json()["error"]
    assert not Autosave.objects.exists()


def test_the_form_loads_the_static_script_with_its_settings(staff_client):
    html = staff_client.get(reverse("admin:blog_post_add")).content.decode()
    assert "blog/admin/post_editor.js" in html
    assert f'data-autosave-url="{reverse(AUTOSAVE)}"' in html
    assert f'formaction="{reverse("admin:blog_post_preview")}" formtarget="_blank"' in html
    assert "<script>" not in html.split("</head>")[1]  # no inline script in the page


@override_settings(FRAGMENT_CACHE_SECONDS=600)
def test_preview_shows_the_unsaved_form_as_readers_would_see_it(client, staff_client):
    post = make_post("כותרת שפורסמה", body="<p>גוף שפורסם</p>", tags=["ממשל"])
    assert "גוף שפורסם" in client.get(post.get_absolute_url()).content.decode()
    data = post_form(post, title="כותרת בתצוגה", body="<p>גוף חדש</p><script>x()</script>")
    data.update(tags="ממשל, תגית חדשה", _object_id=post.pk)
    response = staff_client.post(reverse("admin:blog_post_preview"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "כותרת בתצוגה" in html and "<p>גוף חדש</p>" in html and "<script>x()" not in html
    assert "תגית חדשה" in html and "תצוגה מקדימה של הטופס" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    post.refresh_from_db()
    assert (post.title, sorted(post.tags.names())) == ("כותרת שפורסמה", ["ממשל"])
    # Readers still get the published post, not a fragment the preview rendered.
    reader = client.get(post.get_absolute_url()).content.decode()
    assert "גוף שפורסם" in reader and "גוף חדש" not in reader


def test_preview_of_a_new_post_and_of_an_invalid_form(staff_client):
    post = make_post()
    data = post_form(post, title="פוסט שעוד לא קיים", slug="not-yet")
    data["_object_id"] = ""
    response = staff_client.post(reverse("admin:blog_post_preview"), data)
    assert response.status_code == 200 and "פוסט שעוד לא קיים" in response.content.decode()
    assert not Post.objects.filter(slug="not-yet").exists()
    bad = staff_client.post(reverse("admin:blog_post_preview"), {**data, "title": ""})
    assert bad.status_code == 400
    assert "אי אפשר להציג תצוגה מקדימה" in bad.content.decode()
