"""Hebrew morphology for the site search: what dictionary words a token can be.

``analyser()`` gives the process-wide analyser. Its ``analyse(tokens)`` maps each
normalized token (blog.hebrew.tokenize: final letters folded) to ``(bases, lemmas)``:

- *bases*: the token with a prefix removed where the analysis allows it (בממשלה ->
  ממשלה), the token itself when it is a whole word (ממשל stays ממשל): the exact form;
- *lemmas*: the dictionary forms the token inflects (ממשלותיהם -> ממשלה): where
  singular and plural, possessive and construct forms of one word meet.

Debian's hspell (AGPL-3) is used when installed, as a separate program only: one
``hspell -a -l`` process per worker process, started on first use, fed one word per
line (an empty line ends each answer). Among hspell's readings of a word, the fewest
prefix letters win (a whole word beats a prefix split, ו+ממשל beats ומ+משל), except that
the article ה ending the prefix before a plain noun counts too (הכנסת is also ה+כנסת,
והכתבה is also וה+כתבה); imperatives are
ignored (הכנס is ה+כנס); readings without a possessive suffix win over those with one
(ממשלה is not "her regime"), and noun or adjective readings over verb ones (כנסת is the
parliament, not "you gathered").
Words hspell does not know, and every word when hspell is missing, go to the
rule-based analyser (blog.morphology_rules); scripts/eval_morphology.py compares the two.
``BLOG_HSPELL`` names the program (default "hspell"; "off" forces the rules).
"""

import logging
import os
import shutil
import subprocess
import threading

from blog.morphology_rules import RuleAnalyser

__all__ = ["CachedAnalyser", "HspellAnalyser", "RuleAnalyser", "analyser", "parse_answer", "use"]

log = logging.getLogger("blog.search")

HSPELL_ENV = "BLOG_HSPELL"
_ENCODING = "iso-8859-8"
_FINAL = {"כ": "ך", "מ": "ם", "נ": "ן", "פ": "ף", "צ": "ץ"}
_FOLD = str.maketrans("ךםןףץ", "כמנפצ")
_HEADERS = ("מילה חוקית:", "צירוף חוקי:")
_BATCH = 200  # words per write: their answers are read before the next write
_MAX_WORD = 40  # longer "words" are not words; the rules take them
_NOMINAL = ("ע,", "ת,")  # noun and adjective readings (and proper nouns: "ע,פרטי")


def _is_hebrew(token):
    return bool(token) and all("א" <= c <= "ת" for c in token)


def _lemma(rest, reading):
    # "ממשלה(ע,נ,יחיד)" -> ממשלה; hspell names every proper noun "שונות": keep the word.
    if "פרטי" in reading:
        return rest
    return reading.split("(", 1)[0].strip().translate(_FOLD) or rest


def _noun(readings):
    # The article before a plain noun (הכנסת: ה+כנסת beside the verb) stays a reading.
    return any("(ע," in reading and "כינוי" not in reading for reading in readings)


def parse_answer(lines):
    """(bases, lemmas) from hspell's answer lines for one word, None when it is unknown."""
    groups = []  # [prefix, rest, readings]
    for line in lines:
        if line.startswith("\t") and groups:
            groups[-1][2].append(line.strip())
        elif line.startswith(_HEADERS):
            prefix, _, rest = line.split(":", 1)[1].strip().rpartition("+")
            groups.append([prefix, rest.translate(_FOLD), []])
    # Imperatives are rare in prose and hide the article: הכנס is ה+כנס, not "insert!".
    groups = [[p, rest, [r for r in items if "ציווי" not in r]] for p, rest, items in groups]
    groups = [group for group in groups if group[2]]
    if not groups:
        return None
    fewest = min(len(prefix) for prefix, _, _ in groups)
    kept = [
        (rest, readings)
        for prefix, rest, readings in groups
        if len(prefix) == fewest
        or (prefix.endswith("ה") and len(prefix) == fewest + 1 and _noun(readings))
    ]
    readings = [(rest, reading) for rest, items in kept for reading in items]
    readings = [item for item in readings if "כינוי" not in item[1]] or readings
    readings = [item for item in readings if item[1].split("(")[-1][:2] in _NOMINAL] or readings
    lemmas = {_lemma(rest, reading) for rest, reading in readings}
    return frozenset(rest for rest, _ in kept), frozenset(lemmas or {kept[0][0]})


class HspellAnalyser:
    """hspell for the words it knows, the rules for the rest (see the module docstring)."""

    name = "hspell"

    def __init__(self, program):
        self.program = program
        self.rules = RuleAnalyser()
        self._process = None
        self._pid = None
        self._lock = threading.Lock()

    def _start(self):
        process = subprocess.Popen(
            [self.program, "-a", "-l"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        if not process.stdout.readline().startswith(b"@(#)"):
            process.kill()
            raise OSError(f"{self.program} -a -l did not start as expected")
        return process

    def _answers(self, words):
        """hspell's answer lines for each of ``words`` (one process per worker process)."""
        if self._process is None or self._pid != os.getpid() or self._process.poll() is not None:
            self._process, self._pid = self._start(), os.getpid()
        stdin, stdout = self._process.stdin, self._process.stdout
        answers = []
        for start in range(0, len(words), _BATCH):
            chunk = words[start : start + _BATCH]
            word_lines = (word[:-1] + _FINAL.get(word[-1], word[-1]) + "\n" for word in chunk)
            stdin.write("".join(word_lines).encode(_ENCODING))
            stdin.flush()
            for _ in chunk:
                lines = []
                while (line := stdout.readline()) != b"\n":
                    if not line:
                        raise OSError(f"{self.program} stopped answering")
                    lines.append(line.decode(_ENCODING).rstrip("\n"))
                answers.append(lines)
        return answers

    def analyse(self, tokens):
        words = [t for t in dict.fromkeys(tokens) if _is_hebrew(t) and len(t) <= _MAX_WORD]
        with self._lock:
            try:
                answers = self._answers(words)
            except OSError:
                self._process = None
                log.exception("hspell failed; these words were analysed by the rules")
                answers = [[] for _ in words]
        known = {word: parse_answer(lines) for word, lines in zip(words, answers, strict=True)}
        result = self.rules.analyse([t for t in tokens if known.get(t) is None])
        result.update((word, found) for word, found in known.items() if found is not None)
        return result


class CachedAnalyser:
    """An analyser with a bounded memory of the words it has seen (words repeat a lot)."""

    def __init__(self, inner, limit=200_000):
        self.inner, self.name, self.limit = inner, inner.name, limit
        self._cache = {}

    def analyse(self, tokens):
        cache = self._cache
        missing = [t for t in dict.fromkeys(tokens) if t not in cache]
        if missing:
            if len(cache) + len(missing) > self.limit:
                cache.clear()
            cache.update(self.inner.analyse(missing))
        return {t: cache[t] for t in tokens}


_selected = None


def _choose():
    program = os.environ.get(HSPELL_ENV, "hspell")
    path = shutil.which(program) if program and program != "off" else None
    if path:
        candidate = HspellAnalyser(path)
        try:
            with candidate._lock:
                candidate._answers(["שלום"])
        except OSError:
            log.exception("hspell is installed but does not answer")
        else:
            return CachedAnalyser(candidate)
    log.warning(
        "NOTE: hspell is not %s (apt-get install hspell; %s=%r); the search uses its "
        "rule-based Hebrew analyser. Run `manage.py reindex_search` after installing it.",
        "in use" if program == "off" else "installed",
        HSPELL_ENV,
        program,
    )
    return CachedAnalyser(RuleAnalyser())


def analyser():
    """The analyser of this process: hspell when it answers, else the rules (noted once)."""
    global _selected
    if _selected is None:
        _selected = _choose()
    return _selected


def use(new):
    """Make ``new`` (an analyser, or None to choose again) the process's analyser; returns
    the previous one. For tests and benchmarks that compare analysers."""
    global _selected
    if new is not None and not isinstance(new, CachedAnalyser):
        new = CachedAnalyser(new)
    previous, _selected = _selected, new
    return previous
