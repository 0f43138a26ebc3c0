"""Tests for blog.hebrew (pure Python: no Django, no database)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blog.hebrew import (
    PREFIXES,
    analyse,
    index_document,
    index_sequence,
    keys,
    normalize,
    parse_query,
    tokenize,
)
from blog.morphology_rules import bases
from blog.snippets import ELLIPSIS, make_snippet


def matches(query: str, text: str) -> bool:
    """Every term of `query` in the stored documents, exactly like the SQL filter."""
    document, sequence = index_document(text), index_sequence(text)
    terms = parse_query(query)
    return bool(terms) and all(
        any(f" {alt} " in (sequence if term.phrase else document) for alt in term.alternatives)
        for term in terms
    )


def snippet(text, query, width=200):
    """make_snippet over the terms of `query`, parsed the way the search view parses it."""
    return make_snippet(text, parse_query(query), width)


def unmarked(fragments):
    """Drop the cut-edge ellipsis markers and return the concatenated text."""
    if fragments and fragments[0] == (ELLIPSIS, False):
        fragments = fragments[1:]
    if fragments and fragments[-1] == (ELLIPSIS, False):
        fragments = fragments[:-1]
    return "".join(text for text, _ in fragments)


PREFIX_FORMS = ["ממשלה", "הממשלה", "בממשלה", "ובממשלה", "שבממשלה", "וממשלה", "מהממשלה"]


@pytest.mark.parametrize("query", PREFIX_FORMS)
@pytest.mark.parametrize("word", PREFIX_FORMS)
def test_prefixes_match_both_ways(query, word):
    assert matches(query, f"דיון {word} היום")


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("והבית", "בית גדול"),
        ("בית", "כשהבית נבנה"),
        ("הים", "שחינו בים"),
        ("לכשיגיע", "יגיע מחר"),
        ("וכשהגיע", "כשהגיע הביתה"),
        ("מהעיר", "עיר"),
    ],
)
def test_prefix_combinations(query, text):
    assert matches(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("שלומ", "שלום"),
        ("שלום", "שלומ"),
        ("ארץ", "ארצ"),
        ("מלך", "המלכ"),
        ("כסף", "בכספ"),
        ("עין", "עינ"),
    ],
)
def test_final_letters_fold(query, text):
    assert matches(query, text)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [("ך", "כ"), ("ם", "מ"), ("ן", "נ"), ("ף", "פ"), ("ץ", "צ"), ("ארץ", "ארצ")],
)
def test_final_letter_normalization(raw, folded):
    assert normalize(raw) == folded


def test_folding_is_not_matching_another_word():
    assert not matches("ארץ", "ארצה של מחר") or analyse(["ארצה"])["ארצה"][1] & {"ארצ"}


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("שָׁלוֹם", "שלום"),
        ("שלום", "שָׁלוֹם עֲלֵיכֶם"),
        ("בְּרֵאשִׁית", "בראשית ברא"),  # also strips the ב prefix both sides
        ("ראשית", "וְרֵאשִׁ֖ית"),  # cantillation mark
        ("שלום", "אמר שׁלום"),  # presentation form (shin with dot) -> NFKC
    ],
)
def test_niqqud_and_cantillation(query, text):
    assert matches(query, text) or matches(query, text.split()[-1])


def test_niqqud_removed_by_normalize():
    assert normalize("שָׁלוֹם") == "שלומ"
    assert normalize("בְּרֵאשִׁ֖ית") == "בראשית"
    assert normalize("ﬠﬡ ﭏ") == "עא אל"  # wide letters and the alef-lamed ligature


@pytest.mark.parametrize("query", ['ארה"ב', "ארה״ב", "ארה׳׳ב", "ארהב", "ארה”ב", "בארה״ב"])
@pytest.mark.parametrize("text", ['נסע לארה"ב', "נסע לארה״ב", "נסע לארהב"])
def test_gershayim(query, text):
    assert matches(query, text)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ('צה"ל', ["צהל"]),
        ("ג׳ירפה", ["גירפה"]),
        ("\"ציטוט\" 'quoted'", ["ציטוט", "quoted"]),
        ("don't", ["dont"]),
        ("בית־ספר", ["בית", "ספר"]),  # maqaf splits
        ("ב-2020", ["ב", "2020"]),
        ("well-known—thing", ["well", "known", "thing"]),
        ("gov 2.0, v1.2.3.", ["gov", "2.0", "v1.2.3"]),
        ("e.g. 3.", ["e", "g", "3"]),
        ("a_b%c", ["a", "b", "c"]),
        ("ＡＢＣ １２", ["abc", "12"]),  # NFKC
        ("Straße", ["strasse"]),  # casefold
        ("", []),
        ("...!?;--", []),
    ],
)
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens
    assert normalize(text) == " ".join(tokens)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("gov 2.0", "GOV 2.0 conference"),
        ("GOV 2.0", "gov 2.0"),
        ("Web", "WEB 2.0"),
        ("web 2.0", "The Web, 2.0!"),
        ("python", "ממשלת Python"),
    ],
)
def test_english_case_insensitive(query, text):
    assert matches(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("ישראל", "ממשלה חדשה"),
        ("שלום", "ירושלים"),
        ("שלום", "בירושלים"),
        ("ממשלה", "ממשל צבאי"),
        ("gov", "government"),
        ("2.0", "2.01"),
        ("web", "website"),
        ("ממשלה ישראל", "ממשלה בלבד"),  # AND across terms
        ("לב", "ב"),  # remainder too short to strip
        ("בeta", "eta"),  # mixed-script token: never stripped
        ("הabc", "abc"),
    ],
)
def test_non_matches(query, text):
    assert not matches(query, text)


def test_whole_words_keep_their_letters():
    # ממשל is a word, not מ+משל: it meets neither משל nor למשל, either way round.
    for other in ("משל", "למשל"):
        assert not matches("ממשל", other)
        assert not matches(other, "ממשל")
    assert matches("ממשל", "וממשל")


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("הממשלה", ["הממשלה", "ממשלה"]),
        ("ובממשלה", ["ובממשלה", "בממשלה", "ממשלה"]),
        ("בימ", ["בימ", "ימ"]),
        ("בה", ["בה"]),  # remainder must have at least 2 letters
        ("וכשה", ["וכשה", "כשה", "שה"]),  # וכש would need 3 letters left
        ("וכשהלכ", ["וכשהלכ", "כשהלכ", "שהלכ", "הלכ"]),
        ("ממשל", ["ממשל"]),  # a whole word of the fallback's list
        ("למשל", ["למשל"]),
        ("וממשל", ["וממשל", "ממשל"]),  # stops at the known word: no ומ+משל
        ("gov", ["gov"]),
        ("2.0", ["2.0"]),
        ("ב2020", ["ב2020"]),
    ],
)
def test_rule_bases(token, expected):
    assert bases(token) == expected


def test_prefix_rule():
    for prefix in PREFIXES:
        assert all("א" <= c <= "ת" for c in prefix)
        assert set(bases(prefix + "אב" * 2)) >= {prefix + "אבאב", "אבאב"}
        short = prefix + "א" * (max(2, len(prefix)) - 1)
        assert short[len(prefix) :] not in bases(short)


def test_index_document_format():
    doc = index_document("בממשלה החדשה, בממשלה!", "GOV 2.0", "", "gov")
    assert doc == index_document("בממשלה החדשה, בממשלה!", "GOV 2.0", "", "gov")
    words = doc.split(" ")[1:-1]
    assert doc.startswith(" ") and doc.endswith(" ")
    assert len(words) == len(set(words)) and all(words)
    assert {"ממשלה", "~ממשלה", "gov", "2.0"} <= set(words)
    assert "~gov" not in words  # Latin words have no lemma keys
    assert index_document() == index_document("!!!") == " "
    assert index_sequence("בממשלה החדשה", "", "GOV 2.0") == " בממשלה החדשה ~ gov 2.0 "
    assert index_sequence() == " "


def test_bidi_and_format_characters_stripped():
    text = "\u202bשלום\u202c \u200fעולם\u200e \u2067ab\u00adc\u2069 zero\u200bwidth"
    assert normalize(text) == "שלומ עולמ abc zerowidth"
    assert matches("שלום עולם abc", text)
    assert not any(c in index_document(text) for c in "\u202b\u202c\u200f\u200e\u2067\u00ad")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!!",
        "%_'\";--.*[",
        "%",
        "_",
        "\\",
        "' OR 1=1 --",
        ".*+?()[]{}|^$",
        "\u202b\u202c\u200f",
        "ְְֱֱ",  # niqqud only
        "״׳־",
    ],
)
def test_query_with_nothing_searchable(query):
    terms = parse_query(query)
    if query in ("' OR 1=1 --",):
        assert [term.words for term in terms] == [("or",), ("1",)]
    else:
        assert terms == []


def test_query_metacharacters_never_reach_terms():
    for term in parse_query("100% a_b 'x' \"y\" [z]* c--d ; 1.5"):
        for alt in term.alternatives:
            assert not set(alt) & set("%_'\";-*[]\\ ")


def test_absurd_query_is_bounded():
    assert len(parse_query("א" * 10_000)) == 1
    (term,) = parse_query("א" * 10_000)
    assert all(len(alt) <= 201 for alt in term.alternatives)
    words = " ".join(f"מילה{i}" for i in range(5_000))
    assert len(parse_query(words)) == 8
    assert len(parse_query(words, max_terms=3)) == 3
    assert [t.words for t in parse_query("ab cd ef", max_length=4)] == [("ab",)]  # cut word
    assert [t.words for t in parse_query("ab cd ef", max_length=5)] == [("ab",), ("cd",)]
    assert parse_query("ab cd", max_terms=0) == []
    phrase = '"' + " ".join(f"w{i}" for i in range(20)) + '"'
    assert [len(t.words) for t in parse_query(phrase)] == [8]  # a phrase counts its words
    assert len(parse_query("%_'\";--.*[" * 1_000)) == 0


def test_query_terms_deduplicated_and_ordered():
    terms = parse_query('GOV הממשלה gov ממשלה "web 2.0" "Web 2.0"')
    assert [term.words for term in terms] == [("gov",), ("הממשלה",), ("ממשלה",), ("web", "2.0")]
    assert terms[0].exact == {"gov"} and not terms[0].inflected
    assert "ממשלה" in terms[1].exact and "~ממשלה" in terms[1].inflected
    assert terms[3].phrase and terms[3].exact == {"web 2.0"}


LONG = "פתיחה. " + "מילה " * 60 + "והודיעה (בממשלה), היום. " + "עוד " * 60


def test_snippet_window_and_flags():
    fragments = snippet(LONG, "הממשלה", width=80)
    assert fragments[0] == (ELLIPSIS, False) and fragments[-1] == (ELLIPSIS, False)
    window = unmarked(fragments)
    assert window in LONG and len(window) <= 80
    assert [text for text, flag in fragments if flag] == ["בממשלה"]
    assert window.startswith("מילה") and window.endswith("עוד")  # no cut words


def test_snippet_flags_every_match_in_window():
    text = 'GOV 2.0 ועוד gov, וגם Gov: "gov" ואז כלום'
    fragments = snippet(text, "gov", width=200)
    assert unmarked(fragments) == text
    assert [t for t, flag in fragments if flag] == ["GOV", "gov", "Gov", "gov"]


@pytest.mark.parametrize(
    ("text", "query", "flagged"),
    [
        ("בירת ארה״ב היא וושינגטון", 'ארה"ב', "ארה״ב"),
        ("אמר שָׁלוֹם לכולם", "שלום", "שָׁלוֹם"),
        ("\u202bבממשלה\u202c החדשה", "ממשלה", "בממשלה"),
        ("בית־הספר נסגר", "ספר", "הספר"),
        ("The WEB 2.0 era", "web", "WEB"),
    ],
)
def test_snippet_matches_original_words(text, query, flagged):
    fragments = snippet(text, query)
    assert unmarked(fragments) == text
    assert [t for t, flag in fragments if flag] == [flagged]


def test_snippet_without_match_returns_start():
    fragments = snippet(LONG, "ישראל", width=50)
    assert fragments[-1] == (ELLIPSIS, False)
    assert len(fragments) == 2 and not fragments[0][1]
    assert LONG.startswith(fragments[0][0]) and len(fragments[0][0]) <= 50
    assert snippet("קצר", "") == [("קצר", False)]
    assert make_snippet("קצר", ()) == [("קצר", False)]
    assert snippet("", "שלום") == []
    assert snippet("   ", "שלום") == []


def test_snippet_huge_word_is_cut_to_width():
    text = "x" + "א" * 1_000 + " end"
    fragments = snippet(text, "x" + "א" * 150, width=100)
    assert not any(flag for _, flag in fragments)
    assert len(unmarked(fragments)) <= 100


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(max_size=300))
def test_never_raises_on_arbitrary_unicode(text, query):
    normalized = normalize(text)
    assert normalize(normalized) == normalized
    doc = index_document(text, query)
    assert doc.startswith(" ") and doc.endswith(" ")
    for token in doc[1:-1].split(" ") if doc.strip() else []:
        assert token and not any(c.isspace() for c in token)
        assert not set(token) & set("%_\\\"'")
    terms = parse_query(query)
    assert sum(len(term.words) for term in terms) <= 8
    for term in terms:
        assert term.exact and all(alt and (term.phrase or " " not in alt) for alt in term.exact)
    document = index_document(query)
    for analysis in analyse(tokenize(query)).values():
        assert all(f" {key} " in document for key in keys(analysis))
    fragments = snippet(text, query, width=50)
    assert all(isinstance(t, str) and isinstance(f, bool) for t, f in fragments)
    if ELLIPSIS not in text:
        assert unmarked(fragments) in text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='אבגדהוזחטיכךלמםנןסעפףצץקרשת\u05b0\u05b4\u05bc ״"-.', max_size=60))
def test_hebrew_text_matches_itself(text):
    for word in tokenize(text):
        assert matches(word, text)
