"""Fill the Hebrew catalogue's obvious entries after `makemessages` (run by `make messages`).

The msgids are the interface's Hebrew source strings, so a new singular Hebrew msgid
translates to itself: this copies it into msgstr (and clears a "fuzzy" guess of msgmerge).
Entries that need a person are left as they are, and core/tests/test_translations.py
fails until they are done: plural entries (Hebrew has four forms: one, two, tens, other;
"יום אחד", "יומיים", "20 ימים", "3 ימים") and the English msgids of Django's and taggit's
strings that the site overrides.

    python scripts/fill_catalogue.py locale/he/LC_MESSAGES/django.po
"""

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.tests.pofile import parse  # noqa: E402

HEBREW = re.compile("[\u05d0-\u05ea]")


def _needs_filling(entry):
    return "fuzzy" in entry.flags or not all(entry.msgstr.values())


def _fill(block, entry):
    """The block with msgstr = msgid, without its fuzzy flag and msgmerge's "#|" lines."""
    lines, in_msgstr = [], False
    for line in block.split("\n"):
        if line.startswith("msgstr"):
            in_msgstr = True
            continue
        if in_msgstr and line.startswith('"'):
            continue
        in_msgstr = False
        if line.startswith("#|"):
            continue
        if line.startswith("#,") and "fuzzy" in line:
            flags = [flag.strip() for flag in line[2:].split(",") if flag.strip() != "fuzzy"]
            if not flags:
                continue
            line = "#, " + ", ".join(flags)
        lines.append(line)
    lines.append(f"msgstr {json.dumps(entry.msgid, ensure_ascii=False)}")
    return "\n".join(lines)


def fill(text):
    """(new text, how many entries were filled, how many still need a person)."""
    blocks, filled, left = text.split("\n\n"), 0, 0
    for i, block in enumerate(blocks):
        entries = parse(block)
        if not entries or entries[0].is_header or not _needs_filling(entries[0]):
            continue
        entry = entries[0]
        if entry.msgid_plural is None and HEBREW.search(entry.msgid):
            blocks[i] = _fill(block, entry)
            filled += 1
        else:
            left += 1
    return "\n\n".join(blocks), filled, left


def main(paths):
    for path in map(Path, paths):
        text, filled, left = fill(path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {filled} filled; {left} need Hebrew written by hand (plurals, overrides)")


if __name__ == "__main__":
    main(sys.argv[1:])
