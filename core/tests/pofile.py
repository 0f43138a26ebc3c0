"""A small reader of gettext .po files, enough for the catalogue checks (no dependency).

Reads each entry's flags (`#, fuzzy`), msgctxt, msgid, msgid_plural and msgstr or
msgstr[N]; obsolete entries (`#~`) are skipped, as msgfmt skips them.
"""

import ast
import re
from dataclasses import dataclass, field

KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict = field(default_factory=dict)  # {0: text} or {0: one, 1: two, ...}
    flags: set = field(default_factory=set)
    number: int = 0  # its place in the file, the header being 1

    @property
    def key(self):
        """The key Python's gettext gives this entry in a compiled catalogue."""
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"

    @property
    def is_header(self):
        return self.msgid == "" and self.msgctxt is None


def _blocks(text):
    """Entries are separated by blank lines; obsolete (#~) and other comments dropped,
    except flags (#,)."""
    for block in re.split(r"\n\s*\n", text):
        lines = [(n, line.strip()) for n, line in enumerate(block.splitlines()) if line.strip()]
        kept = [line for _, line in lines if line.startswith("#,") or not line.startswith("#")]
        if kept:
            yield kept


def _entry(lines):
    entry, target = Entry(), None
    for line in lines:
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif match := KEYWORD.match(line):
            keyword, index, literal = match.groups()
            target = ("msgstr", int(index or 0)) if index or keyword == "msgstr" else keyword
            _append(entry, target, ast.literal_eval(literal), start=True)
        elif line.startswith('"') and target:
            _append(entry, target, ast.literal_eval(line))  # PO escapes are C's, as Python's
        else:
            raise ValueError(f"cannot read {line!r}")
    return entry


def _append(entry, target, text, start=False):
    if isinstance(target, tuple):
        entry.msgstr[target[1]] = ("" if start else entry.msgstr[target[1]]) + text
    else:
        setattr(entry, target, ("" if start else getattr(entry, target)) + text)


def parse(text):
    """The entries of a .po file's text, the header (empty msgid) first."""
    entries = []
    offset = 1
    for lines in _blocks(text):
        entry = _entry(lines)
        if entry.msgstr:
            entry.number = offset
            entries.append(entry)
        offset += 1
    return entries


def header(entries):
    """The header's fields ("Plural-Forms", "Language", ...) as a dict."""
    head = next(entry for entry in entries if entry.is_header)
    pairs = (line.split(":", 1) for line in head.msgstr[0].splitlines() if ":" in line)
    return {name.strip(): value.strip() for name, value in pairs}
