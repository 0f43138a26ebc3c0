"""The Hebrew catalogue (locale/he/LC_MESSAGES): complete, compiled, and used.

Msgids are the interface's Hebrew source strings; the catalogue gives each its Hebrew
plural forms, and overrides Django's and django-taggit's missing or awkward Hebrew.
"""

import ast
import gettext
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from blog.models import Comment
from blog.moderation import closed_reason
from blog.tests.factories import make_category, make_comment, make_post
from core.checks import check_contact_address
from core.tests.pofile import header, parse

ROOT = Path(settings.BASE_DIR)
MESSAGES = ROOT / "locale" / "he" / "LC_MESSAGES"
CATALOGUES = ["django", "djangojs"]
# Django's own Hebrew rule (one, two, tens, other): the same rule in every catalogue.
HEBREW_PLURALS = (
    "nplurals=4; plural=(n == 1 && n % 1 == 0) ? 0 : (n == 2 && n % 1 == 0) ? 1: "
    "(n % 10 == 0 && n % 1 == 0 && n > 10) ? 2 : 3;"
)
HEBREW = re.compile("[\u05d0-\u05ea]")


def _entries(domain):
    return parse((MESSAGES / f"{domain}.po").read_text(encoding="utf-8"))


@pytest.mark.parametrize("domain", CATALOGUES)
def test_no_entry_is_untranslated_or_fuzzy(domain):
    entries = _entries(domain)
    assert "fuzzy" not in next(e for e in entries if e.is_header).flags
    nplurals = int(re.search(r"nplurals=(\d+)", header(entries)["Plural-Forms"])[1])
    bad = []
    for entry in entries:
        if entry.is_header:
            continue
        forms = nplurals if entry.msgid_plural else 1
        if "fuzzy" in entry.flags:
            bad.append(f"entry {entry.number}: fuzzy: {entry.msgid!r}")
        elif sorted(entry.msgstr) != list(range(forms)) or not all(entry.msgstr.values()):
            bad.append(f"entry {entry.number}: untranslated: {entry.msgid!r}")
    assert bad == []


@pytest.mark.parametrize("domain", CATALOGUES)
def test_catalogue_uses_hebrew_plural_forms(domain):
    assert header(_entries(domain))["Plural-Forms"] == HEBREW_PLURALS


@pytest.mark.parametrize("domain", CATALOGUES)
def test_committed_mo_matches_the_po(domain):
    """The compiled file is committed (`make run` needs no gettext): it must be current."""
    with (MESSAGES / f"{domain}.mo").open("rb") as compiled:
        catalog = dict(gettext.GNUTranslations(compiled)._catalog)
    catalog.pop("", None)
    expected = {}
    for entry in _entries(domain):
        if entry.is_header:
            continue
        if entry.msgid_plural:
            expected.update({(entry.key, n): text for n, text in entry.msgstr.items()})
        else:
            expected[entry.key] = entry.msgstr[0]
    assert catalog == expected, "run `make messages` (or msgfmt) and commit the .mo"


def test_every_marked_string_is_in_the_catalogue(tmp_path, monkeypatch, settings):
    """makemessages over a copy of the sources adds nothing new and drops nothing."""
    if not shutil.which("xgettext"):
        pytest.fail("Debian's gettext is needed (apt-get install -y gettext; .ci/run does)")
    ignore = shutil.ignore_patterns("tests", "migrations", "__pycache__")
    for folder in ("blog", "core", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=ignore)
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    monkeypatch.chdir(tmp_path)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    call_command("makemessages", locale=["he"], add_location="file", verbosity=0)
    text = (tmp_path / "locale/he/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    stale = re.findall(r'^#~ msgid "(.*)"$', text, re.M)
    assert stale == [], "strings no longer in the code: run `make messages`"
    missing = [
        entry.msgid
        for entry in parse(text)
        if not entry.is_header and ("fuzzy" in entry.flags or not all(entry.msgstr.values()))
    ]
    assert missing == [], "new strings without Hebrew: run `make messages`, fill them in"


def _hebrew_outside_translation(template_text):
    text = re.sub(
        r"\{%\s*blocktranslate.*?\{%\s*endblocktranslate\s*%\}", "", template_text, flags=re.S
    )
    text = re.sub(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", "", text, flags=re.S)
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "", text, flags=re.S)
    return [line.strip() for line in text.splitlines() if HEBREW.search(line)]


def test_templates_have_no_hebrew_outside_translate_tags():
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if (lines := _hebrew_outside_translation(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_template_check_finds_bare_hebrew():
    assert _hebrew_outside_translation("<p>שלום {{ name }}</p>") == ["<p>שלום </p>"]
    assert _hebrew_outside_translation('<p>{% translate "שלום" %}</p>') == []


# Python modules whose strings readers or editors see through the site, and the few
# Hebrew literals in them that are not interface text.
USER_FACING = [
    "blog/admin",
    "blog/views",
    "blog/templatetags",
    "blog/models",
    "blog/forms.py",
    "blog/feeds.py",
    "blog/comment_feeds.py",
    "blog/moderation.py",
    "blog/notifications.py",
    "blog/images.py",
    "core/admin.py",
    "core/models.py",
    "core/views.py",
    "core/urls.py",
]
NOT_INTERFACE = {
    ("blog/models/base.py", "פריט"),  # the slug of a title with no letters
    ("blog/templatetags/hebrew_text.py", " ב"),  # the Hebrew calendar's date pattern
}
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "gettext_noop"}


def _unmarked_hebrew(source):
    """Hebrew string literals of `source` outside gettext calls and docstrings."""
    tree = ast.parse(source)
    skip = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in GETTEXT:
            skip.update(id(sub) for arg in node.args for sub in ast.walk(arg))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if HEBREW.search(node.value) and id(node) not in skip
    ]


def test_python_interface_strings_go_through_gettext():
    found = []
    for place in USER_FACING:
        paths = [ROOT / place] if place.endswith(".py") else sorted((ROOT / place).rglob("*.py"))
        for path in paths:
            name = str(path.relative_to(ROOT))
            for text in _unmarked_hebrew(path.read_text(encoding="utf-8")):
                if (name, text) not in NOT_INTERFACE:
                    found.append(f"{name}: {text!r}")
    assert found == []


def test_the_python_check_finds_bare_hebrew():
    source = 'x = "שלום"\ny = _("שלום")\nz = f"שקף {n}"\n'
    assert _unmarked_hebrew(source) == ["שלום", "שקף "]


# Hebrew quotation marks and gershayim in the interface.


def _interface_texts():
    for domain in CATALOGUES:
        for entry in _entries(domain):
            for text in entry.msgstr.values():
                if HEBREW.search(text):
                    yield re.sub(r"<[^>]*>", "", text)  # attributes keep their ASCII quotes


def test_interface_uses_hebrew_quotation_marks_and_gershayim():
    texts = list(_interface_texts())
    assert len(texts) > 100
    ascii_marks = [t for t in texts if re.search(f"{HEBREW.pattern}[\"']|[\"']{HEBREW.pattern}", t)]
    assert ascii_marks == []  # ארה״ב, דוא״ל, „ממשלה”: not ארה"ב or "ממשלה"
    unpaired = [t for t in texts if t.count("„") != t.count("”") or "“" in t]
    assert unpaired == []
    assert any("דוא״ל" in t for t in texts) and any("„" in t for t in texts)


# Plural forms where counts appear.

pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_category_list_counts_in_hebrew_plurals(client):
    one, two = make_category("אחת"), make_category("שתיים")
    make_post(category=one)
    make_post(category=two)
    make_post(category=two)
    html = client.get(reverse("blog:categories")).content.decode()
    assert "(פוסט אחד)" in html and "(2 פוסטים)" in html
    assert "1 פוסטים" not in html


@pytestmark_db
def test_post_cards_count_comments_in_hebrew_plurals(client):
    make_comment(make_post("פוסט עם תגובה"))
    two = make_post("פוסט עם שתיים")
    make_comment(two)
    make_comment(two)
    html = client.get(reverse("blog:index")).content.decode()
    assert '#comments">תגובה אחת</a>' in html and '#comments">2 תגובות</a>' in html


@pytestmark_db
def test_sidebar_counts_name_one_post_in_the_singular(client):
    make_post(category=make_category("יחידה"), tags=["בודדת"])
    html = client.get(reverse("blog:index")).content.decode()
    sidebar = html[html.index('class="sidebar"') :]
    assert sidebar.count('(1<span class="visually-hidden"> פוסט</span>)') == 3
    assert "פוסטים</span>" not in sidebar


@pytestmark_db
@pytest.mark.parametrize(
    ("count", "summary"),
    [(1, "נמצא פוסט אחד עבור"), (2, "נמצאו 2 פוסטים עבור"), (3, "נמצאו 3 פוסטים עבור")],
)
def test_search_summary_in_hebrew_plurals(client, count, summary):
    for n in range(count):
        make_post(f"ממשל פתוח {n}")
    html = client.get(reverse("blog:search"), {"q": "ממשל"}).content.decode()
    assert summary in html


@pytestmark_db
@pytest.mark.parametrize(("selected", "message"), [(1, "תגובה אחת אושרה."), (2, "2 תגובות אושרו.")])
def test_admin_action_messages_in_hebrew_plurals(staff_client, selected, message):
    post = make_post()
    pending = [make_comment(post, status=Comment.Status.PENDING) for _ in range(selected)]
    response = staff_client.post(
        reverse("admin:blog_comment_changelist"),
        {"action": "approve", "_selected_action": [c.pk for c in pending]},
        follow=True,
    )
    assert message in response.content.decode()
    assert "1 תגובות" not in response.content.decode()


@pytestmark_db
@pytest.mark.parametrize(
    ("days", "reason"),
    [(1, "נסגרו יום אחד אחרי"), (2, "נסגרו יומיים אחרי"), (30, "נסגרו 30 ימים אחרי")],
)
def test_closed_comments_reason_in_hebrew_plurals(settings, days, reason):
    settings.BLOG_COMMENTS_CLOSE_AFTER_DAYS = days
    post = make_post(published_at=timezone.now() - timedelta(days=days + 1))
    assert reason in closed_reason(post)


# Django's and taggit's Hebrew, as the admin shows it.


@pytestmark_db
def test_admin_action_counter_reads_as_hebrew(staff_client):
    make_comment(make_post())
    html = staff_client.get(reverse("admin:blog_comment_changelist")).content.decode()
    assert "0 מתוך 1 נבחרו" in html and "0 מ 1" not in html
    assert "מחיקת תגובות שנבחרו" in html


@pytestmark_db
def test_admin_javascript_catalogue_has_the_site_overrides(staff_client):
    js = staff_client.get(reverse("admin:jsi18n")).content.decode()
    # The catalogue is JSON in the script, non-ASCII letters escaped.
    for msgid, text in [
        ("Choose all %s", "בחירת הכול (%s)"),
        ("Remove all %s", "הסרת הכול (%s)"),
        ("(click to clear)", "(לחיצה לניקוי)"),
    ]:
        assert f"{json.dumps(msgid)}: {json.dumps(text)}" in js
    assert json.dumps("%(sel)s מתוך %(cnt)s נבחרו") in js


@pytestmark_db
def test_taggit_admin_speaks_hebrew(staff_client):
    make_post(tags=["ממשל"])
    html = staff_client.get(reverse("admin:taggit_tag_changelist")).content.decode()
    assert "מיזוג התגיות שנבחרו" in html and "Merge selected tags" not in html
    form = staff_client.get(reverse("admin:taggit_tag_merge_tags")).content.decode()
    assert "מיזוג תגיות" in form and "Enter new or existing tag name" not in form


# No placeholder reaches a reader (the contact address).

SITE_PAGES = ["about", "accessibility"]


@pytestmark_db
@pytest.mark.parametrize("slug", SITE_PAGES)
def test_contact_block_is_hidden_while_no_address_is_set(client, settings, slug):
    settings.SITE_CONTACT_EMAIL = ""
    html = client.get(reverse("site-page", kwargs={"slug": slug})).content.decode()
    assert "יצירת קשר עם עורכי האתר" not in html
    assert "mailto:" not in html and "@localhost" not in html


@pytestmark_db
@pytest.mark.parametrize("slug", SITE_PAGES)
def test_contact_block_shows_the_configured_address(client, settings, slug):
    settings.SITE_CONTACT_EMAIL = "editors@blog.example.org"
    html = client.get(reverse("site-page", kwargs={"slug": slug})).content.decode()
    assert 'href="mailto:editors@blog.example.org"' in html
    assert "יצירת קשר עם עורכי האתר" in html


def test_contact_address_is_unset_by_default():
    env = {k: v for k, v in os.environ.items() if k != "BLOG_CONTACT_EMAIL"}
    code = "from django.conf import settings; print(repr(settings.SITE_CONTACT_EMAIL))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, "DJANGO_SETTINGS_MODULE": "core.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "''", result.stderr


def test_deploy_check_warns_without_a_contact_address(settings):
    settings.SITE_CONTACT_EMAIL = ""
    assert [w.id for w in check_contact_address(None)] == ["core.W001"]
    settings.SITE_CONTACT_EMAIL = "editor@localhost"
    assert [w.id for w in check_contact_address(None)] == ["core.W002"]
    settings.SITE_CONTACT_EMAIL = "editors@blog.example.org"
    assert check_contact_address(None) == []


@pytestmark_db
def test_about_page_promises_only_what_a_republished_post_shows(client, seeded):
    about = client.get(reverse("site-page", kwargs={"slug": "about"})).content.decode()
    assert "ושם הכותבים" not in about  # the source line names no authors
    assert "שם הכותב או הכותבת\nמופיע בראש המאמר כשהוא ידוע" in about
    assert "התאריך, שם המקור וקישור אליו" in about
    post = client.get(seeded.get_absolute_url()).content.decode()
    assert '<span class="byline">גילה גדעון</span>' in post  # the author, at the top
    # The seed knows the original date only: the source line says that much, no more.
    assert "הפוסט פורסם לראשונה בתאריך" in post and "לפוסט המקורי" not in post


def test_make_messages_fills_only_what_needs_no_judgement():
    spec = importlib.util.spec_from_file_location("fill", ROOT / "scripts/fill_catalogue.py")
    fill_catalogue = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fill_catalogue)
    po = "\n\n".join(
        [
            'msgid ""\nmsgstr "Plural-Forms: nplurals=4;\\n"',
            '#: a.py\nmsgid "שלום"\nmsgstr ""',
            '#, fuzzy, python-format\n#| msgid "שלום %(n)s"\n'
            'msgid "שלום לך %(n)s"\nmsgstr "שלום %(n)s"',
            'msgid "יום אחד"\nmsgid_plural "%(n)s ימים"\nmsgstr[0] ""\nmsgstr[1] ""',
            'msgid "Choose all %s"\nmsgstr ""',
        ]
    )
    text, filled, left = fill_catalogue.fill(po)
    assert (filled, left) == (2, 2)
    entries = {entry.msgid: entry for entry in parse(text)}
    assert entries["שלום"].msgstr == {0: "שלום"}
    assert entries["שלום לך %(n)s"].msgstr == {0: "שלום לך %(n)s"}
    assert entries["שלום לך %(n)s"].flags == {"python-format"}
    assert entries["יום אחד"].msgstr == {0: "", 1: ""}  # four forms, by hand
