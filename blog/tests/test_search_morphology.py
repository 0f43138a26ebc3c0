"""Search that knows Hebrew morphology (issue 15), on the database the suite runs on
(CI runs it on SQLite and on PostgreSQL): inflections meet, whole words keep their
letters, phrases stay phrases, exact forms rank first, and only real matches are marked.

Each table runs with hspell (installed by CI) and with the rule-based fallback; a row
marked "hspell" holds only with the dictionary (the fallback's known misses, measured
by scripts/eval_morphology.py).
"""

import shutil
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from blog import morphology
from blog.models import Post, Presentation, Slide
from blog.morphology_rules import RuleAnalyser
from blog.tests.factories import make_post

pytestmark = pytest.mark.django_db

SEARCH = reverse("blog:search")
# PostgreSQL: the statement that sets index-only plans for the search (blog.search).
PLAN = int(connection.vendor == "postgresql")
BOTH, HSPELL = {"hspell", "rules"}, {"hspell"}


@pytest.fixture(scope="session")
def hspell():
    """One hspell process for the whole run (each analyser starts its own)."""
    program = shutil.which("hspell")
    return morphology.CachedAnalyser(morphology.HspellAnalyser(program)) if program else None


@pytest.fixture(params=["hspell", "rules"])
def analyser(request, hspell):
    """The analyser that builds the documents and reads the query, for one test."""
    if request.param == "hspell" and hspell is None:
        pytest.skip("hspell is not installed here (CI installs it: .ci/run)")
    previous = morphology.use(hspell if request.param == "hspell" else RuleAnalyser())
    yield request.param
    morphology.use(previous)


@pytest.fixture
def news(analyser):
    """Posts named by what they say, to read the table below by name."""
    texts = {
        "government": "בממשלתו הקודמת כיהנו שרים חדשים.",
        "governments": "ממשלות אירופה נפגשו בכנס השנתי.",
        "regime": "הממשל המקומי פרסם נתונים.",
        "for_example": "למשל, התושבים הגישו עתירה.",
        "children": "וילדיהם של העובדים קיבלו מענק.",
        "knesset": "הכנסת אישרה את החוק.",
        "ministry": "משרד החוץ הודיע על מינוי השגריר.",
        "apart": "בענייני החוץ דיבר נציג המשרד.",
        "web_apart": "Web and mobile, version 2.0 of the site.",
        "web_phrase": "עידן Web 2.0 הגיע לממשלות.",
    }
    return {
        name: make_post(f"פוסט {i}", body=f"<p>{text}</p>")
        for i, (name, text) in enumerate(texts.items())
    }


# query, posts it must find, posts it must not find, analysers for which the row holds
TABLE = [
    ("ממשלה", {"government", "governments"}, {"regime", "for_example"}, BOTH),
    ("הממשלות", {"government", "governments", "web_phrase"}, {"regime"}, HSPELL),
    ("בממשלותיהם", {"government", "governments"}, {"regime", "for_example"}, HSPELL),
    ("ממשלתו", {"government", "governments"}, {"children"}, BOTH),
    ("ממשל", {"regime"}, {"for_example", "government", "governments"}, HSPELL),
    ("ממשל", {"regime"}, {"for_example"}, BOTH),
    ("משל", {"for_example"}, {"regime"}, HSPELL),
    ("ילד", {"children"}, set(), BOTH),
    ("הילדים", {"children"}, set(), BOTH),
    ("כנסת", {"knesset"}, {"governments"}, BOTH),
    ("כנס", {"governments"}, {"knesset"}, BOTH),
    ("שר", {"government"}, set(), HSPELL),
    ('"משרד החוץ"', {"ministry"}, {"apart"}, BOTH),
    ('"במשרד החוץ"', {"ministry"}, {"apart"}, BOTH),
    ("משרד החוץ", {"ministry", "apart"}, set(), BOTH),
    ('"web 2.0"', {"web_phrase"}, {"web_apart"}, BOTH),
    ("web 2.0", {"web_phrase", "web_apart"}, set(), BOTH),
    ('"2.0 web"', set(), {"web_phrase", "web_apart"}, BOTH),
]


@pytest.mark.parametrize(
    ("query", "found", "not_found", "holds_for"), TABLE, ids=[row[0] for row in TABLE]
)
def test_morphology_table(news, analyser, query, found, not_found, holds_for):
    if analyser not in holds_for:
        pytest.skip(f"a known miss of the {analyser} analyser (scripts/eval_morphology.py)")
    results = set(Post.objects.search(query))
    assert {name for name in found if news[name] not in results} == set()
    assert {name for name in not_found if news[name] in results} == set()


def test_exact_forms_rank_above_inflected_ones_and_titles_above_both(analyser):
    now = timezone.now()
    inflected = make_post("פוסט א", body="<p>ממשלות רבות.</p>", published_at=now)
    exact = make_post("פוסט ב", body="<p>בממשלה דנו.</p>", published_at=now - timedelta(1))
    in_title = make_post("ממשלות", body="<p>גוף.</p>", published_at=now - timedelta(2))
    assert list(Post.objects.search("ממשלה")) == [in_title, exact, inflected]


def test_search_for_a_whole_word_never_marks_a_prefixed_other_word(client, analyser):
    make_post("הממשל והתושבים", body="<p>הממשל המקומי פרסם למשל נתונים על למשלים.</p>")
    html = client.get(SEARCH, {"q": "ממשל"}).content.decode()
    assert "<mark>הממשל</mark> המקומי פרסם למשל נתונים" in html
    assert "<mark>הממשל</mark> והתושבים" in html
    assert "<mark>למשל</mark>" not in html


def test_inflected_forms_are_marked_in_the_snippet(client, analyser):
    make_post("דיון", body="<p>שרים מכמה ממשלות נפגשו, וממשלותיהם הודיעו על מימון.</p>")
    html = client.get(SEARCH, {"q": "ממשלה"}).content.decode()
    assert "מכמה <mark>ממשלות</mark> נפגשו" in html
    if analyser == "hspell":
        assert "<mark>וממשלותיהם</mark> הודיעו" in html


def test_a_quoted_phrase_marks_only_the_phrase(client, analyser):
    make_post("כנס GOV 2.0 בירושלים", body="<p>בכנס דיברו על Web 2.0 ועל GOV 2.0.</p>")
    html = client.get(SEARCH, {"q": '"web 2.0"'}).content.decode()
    assert '<bdi dir="ltr" class="nowrap"><mark>Web</mark> <mark>2.0</mark></bdi>' in html
    assert '<bdi dir="ltr" class="nowrap">GOV 2.0</bdi> בירושלים</a></h2>' in html
    assert '<bdi dir="ltr" class="nowrap">GOV 2.0</bdi>.' in html


def test_a_hebrew_phrase_matches_with_a_prefix_on_its_first_word(client, analyser):
    make_post("הודעה", body="<p>הודעה מטעם משרד הפנים. במשרד החוץ שתקו.</p>")
    html = client.get(SEARCH, {"q": '"משרד החוץ"'}).content.decode()
    assert "מטעם משרד הפנים. <mark>במשרד</mark> <mark>החוץ</mark> שתקו." in html


def _post_with_deck(title, slides, body="<p>גוף הפוסט.</p>", event_date=None):
    post = make_post(title, body=body)
    deck = Presentation.objects.create(title="מצגת", event_date=event_date)
    deck.posts.add(post)
    for number, text in slides:
        Slide.objects.create(presentation=deck, number=number, text=text)
    return post, deck


def test_a_match_only_in_the_slides_says_which_slide(client, analyser):
    post, _ = _post_with_deck(
        "פוסט עם מצגת", [(1, "פתיחה"), (2, "רקע"), (3, "אסטרטגיה דיגיטלית לממשלות")]
    )
    make_post("פוסט בלי מצגת", body="<p>אסטרטגיה ברורה.</p>")
    html = client.get(SEARCH, {"q": "אסטרטגיה"}).content.decode()
    url = post.get_absolute_url()
    assert f'<a href="{url}#slide-3">נמצא בשקף 3</a>' in html
    assert html.count("נמצא בשקף") == 1  # the post that says it in its body needs no note
    assert "<mark>אסטרטגיה</mark> דיגיטלית" in html


def test_a_later_deck_links_to_its_own_slide_ids(client, analyser):
    """The post page gives plain ids (#slide-4) to its first deck, newest event first, and
    prefixes the others' (blog.templatetags.presentations.post_decks)."""
    today = timezone.now().date()
    post, _ = _post_with_deck("פוסט", [(1, "פתיחה")], event_date=today)
    older = Presentation.objects.create(title="מצגת קודמת", event_date=today - timedelta(9))
    older.posts.add(post)
    Slide.objects.create(presentation=older, number=4, text="סיכום הדיון")
    html = client.get(SEARCH, {"q": "סיכום"}).content.decode()
    expected = f"{post.get_absolute_url()}#deck-{older.pk}-slide-4"
    assert f'<a href="{expected}">נמצא בשקף 4</a>' in html


def test_slide_explanation_costs_one_query_only_when_needed(client, django_assert_num_queries):
    _post_with_deck("פוסט עם מצגת", [(1, "תקציב המדינה")])
    make_post("פוסט על תקציב", body="<p>תקציב.</p>")
    client.get(SEARCH, {"q": "תקציב"})  # warm the sidebar cache
    # window, ranked ids, posts, the slides of the post that matched only in its slides
    # (on PostgreSQL after the statement that sets index-only plans)
    with django_assert_num_queries(4 + PLAN):
        assert "נמצא בשקף 1" in client.get(SEARCH, {"q": "תקציב"}).content.decode()
    with django_assert_num_queries(3 + PLAN):
        assert "נמצא בשקף" not in client.get(SEARCH, {"q": "פוסט"}).content.decode()


def test_without_hspell_the_search_falls_back_to_the_rules_and_says_so_once(monkeypatch, caplog):
    """What `make run` does on a machine without hspell: search works, one note."""
    monkeypatch.setenv(morphology.HSPELL_ENV, "/nonexistent/hspell")
    previous = morphology.use(None)
    try:
        with caplog.at_level("WARNING", logger="blog.search"):
            first = morphology.analyser()
            assert morphology.analyser() is first
            post = make_post("דיון", body="<p>בממשלה החליטו.</p>")
            assert list(Post.objects.search("הממשלה")) == [post]
    finally:
        morphology.use(previous)
    assert first.name == "rules"
    notes = [r.getMessage() for r in caplog.records if "hspell is not installed" in r.getMessage()]
    assert len(notes) == 1


def test_hspell_answers_are_read_as_the_dictionary_says():
    answer = ["*", "מילה חוקית: ממשל", "\tממשל(ע,ז,יחיד)", "צירוף חוקי: מ+משל", "\tמשל(ע,ז,יחיד)"]
    assert morphology.parse_answer(answer) == ({"ממשל"}, {"ממשל"})
    article = ["*", "מילה חוקית: הכנס", "\tהכניס(פ,ז,2,יחיד,ציווי)", "צירוף חוקי: ה+כנס"]
    assert morphology.parse_answer([*article, "\tכנס(ע,ז,יחיד)"]) == ({"כנס"}, {"כנס"})
    assert morphology.parse_answer(["# גוגל 0"]) is None


def test_a_dead_hspell_process_is_started_again(hspell):
    if hspell is None:
        pytest.skip("hspell is not installed here (CI installs it: .ci/run)")
    analyser = morphology.HspellAnalyser(shutil.which("hspell"))
    assert analyser.analyse(["בממשלתו"])["בממשלתו"] == ({"ממשלתו"}, {"ממשלה"})
    analyser._process.kill()
    analyser._process.wait()
    assert analyser.analyse(["והילדימ"])["והילדימ"] == ({"ילדימ"}, {"ילד"})
    analyser._process.kill()
