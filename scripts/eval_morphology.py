"""Recall and precision of the search's Hebrew analysers on a hand-labelled query table.

    .venv/bin/python scripts/eval_morphology.py [--posts 2000]

The corpus is news-like Hebrew written for this test (no real people or events). Each
query lists the corpus words that are forms of the same word (its inflections, with or
without prefix letters); every other corpus word a query matches is a false positive.
A word matches a query as the search matches it: its index keys meet the query's
alternatives (blog.hebrew.keys, blog.hebrew.parse_query). Then the indexing cost:
building the search document of --posts posts of 300 words, with an empty cache (every
word is new) and a warm one (the common case: a blog's vocabulary repeats).
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from blog import hebrew, morphology  # noqa: E402
from blog.morphology_rules import RuleAnalyser, bases  # noqa: E402

CORPUS = """
הממשלה החליטה אתמול על תוכנית חדשה לפתיחת מידע ציבורי.
שרי הממשלות באירופה נפגשו בכנס השנתי.
ראש הממשלה הציג את תוכניותיו לחיזוק הכלכלה.
בממשלתו הקודמת כיהנו שלושה שרים חדשים.
הממשל המקומי פרסם למשל נתונים על תקציב העירייה.
משרד החוץ הודיע כי השגריר ייפגש עם נציגי הוועדה.
במשרד החוץ טוענים שהחלטות הוועדות אינן מחייבות.
הילדים חזרו לבתי הספר אחרי החופשה, וילדיהם של העובדים קיבלו מענק.
הכנסת אישרה את חוק השקיפות בקריאה ראשונה.
חברי הכנסת דנו בהצעות החוק ובחוקים הישנים.
השר אמר כי שרים רבים תומכים בהחלטה.
העיתונאים פרסמו כתבות על הבחירות המקומיות, והכתבה הבולטת עסקה בתקציבים.
בכנס GOV 2.0 הוצגו כלים חדשים לשקיפות ממשלתית.
המדינה השקיעה בתשתיות, ומדינות רבות למדו מהשקעותיה.
האתר החדש של העירייה מציג מפות ונתונים פתוחים לתושבים.
התושבים הגישו עתירה נגד העירייה בעניין מחירי הדיור.
בעיתון נכתב שהוועדה תתכנס שוב בשבוע הבא.
המשל שסיפר המורה הזכיר לתלמידים את ערך המשפחה.
הספרים החדשים בספרייה נקנו בתקציב העירוני, וספריו של הסופר נמכרו היטב.
השרה החדשה ביקרה בבתים שנפגעו בסערה.
"""

# query: the corpus words that are forms of the query's word (everything else is not)
TABLE = {
    "ממשלה": "הממשלה הממשלות בממשלתו",
    "ממשלות": "הממשלה הממשלות בממשלתו",
    "הממשלה": "הממשלה הממשלות בממשלתו",
    "ממשל": "הממשל",
    "משל": "למשל המשל",
    "משרד": "משרד במשרד",
    "חוץ": "החוץ",
    "ועדה": "הוועדה הוועדות שהוועדה",
    "ילד": "הילדים וילדיהם",
    "ילדים": "הילדים וילדיהם",
    "כנסת": "הכנסת",
    "כנס": "בכנס",
    "שר": "השר שרים שרי השרה",
    "חוק": "חוק החוק ובחוקים",
    "החלטה": "בהחלטה שהחלטות",
    "תוכנית": "תוכנית תוכניותיו",
    "שקיפות": "השקיפות לשקיפות",
    "עירייה": "העירייה",
    "בית": "לבתי בבתים",
    "ספר": "הספר הספרים וספריו",
    "מדינה": "המדינה ומדינות",
    "השקעה": "מהשקעותיה",
    "תקציב": "תקציב בתקציב בתקציבים",
    "כתבה": "כתבות והכתבה",
    "עיתונאי": "העיתונאים",
    "תושבים": "לתושבים התושבים",
    "נתון": "נתונים ונתונים",
    "בחירות": "הבחירות",
    "כלכלה": "הכלכלה",
    "מפה": "מפות",
    "עיתון": "בעיתון",
    "משפחה": "המשפחה",
}


class PrefixesOnly:
    """The search before issue 15: prefix stripping, no lemmas (a baseline)."""

    name = "prefixes only (before)"

    def analyse(self, tokens):
        return {t: (frozenset(bases(t)), frozenset()) for t in tokens}


def analysers():
    found = [PrefixesOnly(), RuleAnalyser()]
    hspell = morphology.shutil.which("hspell")
    if hspell:
        found.append(morphology.HspellAnalyser(hspell))
    else:
        print("hspell is not installed: only the rules are measured")
    return found


def score(analyser):
    morphology.use(analyser)
    words = list(dict.fromkeys(hebrew.tokenize(CORPUS)))
    word_keys = {word: hebrew.keys(found) for word, found in hebrew.analyse(words).items()}
    tp = fp = fn = 0
    misses = []
    for query, expected in TABLE.items():
        (term,) = hebrew.parse_query(query)
        relevant = set(hebrew.tokenize(expected))
        matched = {word for word in words if word_keys[word] & term.alternatives}
        tp += len(matched & relevant)
        fp += len(matched - relevant)
        fn += len(relevant - matched)
        if matched != relevant:
            misses.append(
                f"{query}: missed {sorted(relevant - matched)} extra {sorted(matched - relevant)}"
            )
    return tp / (tp + fn), tp / (tp + fp), misses


def indexing_cost(analyser, posts, rng):
    vocabulary = list(dict.fromkeys(hebrew.tokenize(CORPUS)))
    # New words too: the corpus words with other prefixes, as long posts bring them.
    vocabulary += [p + w for w in vocabulary for p in ("ו", "ה", "ב", "ל", "וה", "שב")]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(300)) for _ in range(posts)]
    morphology.use(analyser)
    start = time.perf_counter()
    documents = [hebrew.index_document(text) for text in texts]
    cold = (time.perf_counter() - start) * 1000 / posts
    start = time.perf_counter()
    for text in texts:
        hebrew.index_document(text)
    warm = (time.perf_counter() - start) * 1000 / posts
    return cold, warm, statistics.mean(len(doc) for doc in documents)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--misses", action="store_true", help="list every query's errors")
    args = parser.parse_args()
    print(f"{len(TABLE)} queries over {len(set(hebrew.tokenize(CORPUS)))} distinct words\n")
    print("| analyser | recall | precision | ms/post, new words | ms/post, warm | doc chars |")
    print("| --- | --- | --- | --- | --- | --- |")
    report = []
    for analyser in analysers():
        recall, precision, misses = score(analyser)
        cold, warm, size = indexing_cost(analyser, args.posts, random.Random(15))
        print(
            f"| {analyser.name} | {recall:.0%} | {precision:.0%} | {cold:.2f} | {warm:.2f} "
            f"| {size:,.0f} |"
        )
        report.append((analyser.name, misses))
    if args.misses:
        for name, misses in report:
            print(f"\n{name}:", *misses, sep="\n  ")


if __name__ == "__main__":
    main()
