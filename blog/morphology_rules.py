"""The rule-based Hebrew analyser: prefixes and inflection endings without a dictionary.

Used when Debian's hspell is not installed (blog.morphology picks), and for the words
hspell does not know (names, loanwords, new words). Pure Python, no Django.

A token's *bases* are the token itself and what remains after removing one allowed
prefix (ו ה ב כ ל מ ש and their combinations), unless the token is one of
``WHOLE_WORDS`` (common words that begin with a prefix letter which belongs to the
word: ממשל is not מ+משל). Its *lemmas* are each base plus what remains after removing
one inflection ending (plural ים/ות, construct and possessive endings such as ו, יו,
יה, יהם, תו, ת), with the feminine ending restored where the ending replaced it
(ממשלתו, ממשלות -> ממשלה). Without a dictionary some unrelated words meet
(ממשלות -> ממשל as well); scripts/eval_morphology.py measures how often.
"""

PREFIXES = (
    "ו", "ה", "ב", "כ", "ל", "מ", "ש",
    "וה", "וב", "וכ", "ול", "ומ", "וש", "מה", "שה", "שב", "שכ", "שמ", "כש",
    "ומה", "ושה", "ושב", "כשה", "וכש", "לכש",
)  # fmt: skip

# (ending, what replaces it), longest first; a lemma keeps at least MIN_LEMMA letters.
ENDINGS = (
    ("ותיהמ", "ה"), ("ותיהנ", "ה"), ("ותיכמ", "ה"), ("ותינו", "ה"),
    ("ותיהמ", ""), ("ותיו", "ה"), ("ותיה", "ה"), ("ותיו", ""), ("ותיה", ""),
    ("יהמ", ""), ("יהנ", ""), ("יכמ", ""), ("ינו", ""),
    ("ות", "ה"), ("ות", ""), ("ימ", ""), ("יו", ""), ("יה", ""),
    ("תו", "ה"), ("תה", "ה"), ("תמ", "ה"), ("תנ", "ה"), ("תי", "ה"), ("ת", "ה"),
    ("המ", ""), ("הנ", ""), ("נו", ""), ("ו", ""), ("י", ""),
)  # fmt: skip
MIN_LEMMA = 3

# Common words whose first letter is a prefix letter that belongs to the word (final
# letters folded, as blog.hebrew.tokenize stores them). Written by hand for the
# fallback; hspell's dictionary knows every such word by itself.
WHOLE_WORDS = frozenset(
    """
    ממשל ממשלה מדינה משרד משפט מערכת מידע מקום מנהל מאמר מסמך מחקר מטרה מצב מספר מעט
    מאוד משהו מישהו מתי מדוע מול מכל משתמש מוסד מועצה מחיר מכרז מפלגה מרכז מצגת מבנה
    מהלך מקור מגמה מודל מושג מחשב מכשיר מגזר מבחן מפעל משאב משימה
    הסכם הצעה החלטה הנהלה השקעה התחלה הודעה הערה הבנה הגדרה הוראה הליך הקשר היום היכן
    המון הרבה השנה התנהגות התפתחות
    בית ביטחון בחירות בעיה בסיס בלוג בקשה בדיקה ברית בגלל בלי בין בעד
    כלל כבר כמו כסף כתובת כלי כוח כנס כיום
    לשון לקוח לימוד לפני לאחר למשל לגבי לכן לחץ
    שלום שלטון שירות שינוי שוק שאלה שיטה שנה שבוע שיח שקיפות שותפות שימוש שיתוף שלב
    ועדה וידאו ויקי
    """.translate(str.maketrans("ךםןףץ", "כמנפצ")).split()
)


def _is_hebrew(token):
    return bool(token) and all("א" <= c <= "ת" for c in token)


def bases(token):
    """The token and its prefix-stripped remainders, in a stable order."""
    out = [token]
    if not _is_hebrew(token) or token in WHOLE_WORDS:
        return out
    for prefix in PREFIXES:
        rest = token[len(prefix) :]
        if token.startswith(prefix) and len(rest) >= max(2, len(prefix)):
            out.append(rest)
            if rest in WHOLE_WORDS:
                break  # the rest of the prefixes would cut into a known word
    return out


def lemmas(base):
    """``base`` and its forms without one inflection ending."""
    out = [base]
    if base in WHOLE_WORDS:
        return out
    for ending, replacement in ENDINGS:
        stem = base[: len(base) - len(ending)]
        if base.endswith(ending) and len(stem) >= MIN_LEMMA:
            out.append(stem + replacement)
    return out


class RuleAnalyser:
    """Prefixes and endings by rule, for any token (see the module docstring)."""

    name = "rules"

    def analyse(self, tokens):
        """{token: (bases, lemmas)} for each of ``tokens`` (normalized tokens)."""
        result = {}
        for token in tokens:
            token_bases = bases(token)
            token_lemmas = set()
            if _is_hebrew(token):  # other scripts: the exact form only
                token_lemmas = {lemma for base in token_bases for lemma in lemmas(base)}
            result[token] = (frozenset(token_bases), frozenset(token_lemmas))
        return result
