"""A slide's text in reading order, rebuilt from where PDFium says each glyph stands.

PDFium's own text of a right-to-left line is unreliable once Latin words are in it:
"ל-Open Government Partnership" came out of a LibreOffice deck as "ל-Partnership
Government Open", "data.gov.il" as "il.gov.data", and a line that starts in Hebrew but
holds more Latin as its words left to right ("O'Reilly Media של GOV 2.0 כנס"). Glyph
positions do not lie, so a line with Hebrew in it is read from them: its glyphs from
right to left, then each run of left-to-right text (Latin words, numbers, and what
stands between them) turned back to its own order, as the Unicode bidirectional
algorithm would have laid it out. Lines without Hebrew keep PDFium's text.
"""

import re
import unicodedata
from dataclasses import dataclass

_HEBREW = re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]")
# A gap wider than this share of the line's height is a space between words (glyph
# boxes are PDFium's loose ones: a glyph's whole advance, so letters of a word touch).
_SPACE_GAP = 0.15


@dataclass(frozen=True)
class Glyph:
    char: str
    left: float
    right: float
    height: float


def _direction(char):
    """'R' for Hebrew, 'L' for other letters and digits (a number runs left to right
    inside Hebrew text), None for spaces and punctuation (they take their neighbours')."""
    if _HEBREW.match(char):
        return "R"
    if unicodedata.category(char)[0] in "LN":
        return "L"
    return None


def _ltr_runs(chars):
    """(start, end) of each run of `chars` (read right to left) that reads left to
    right: from a left-to-right character to the last one before a Hebrew letter."""
    runs, start, last = [], None, None
    for index, char in enumerate(chars):
        direction = _direction(char)
        if direction == "L":
            start = index if start is None else start
            last = index
        elif direction == "R" and start is not None:
            runs.append((start, last + 1))
            start = None
    if start is not None:
        runs.append((start, last + 1))
    return runs


def _spaced(glyphs):
    """The glyphs' characters from left to right, with a space wherever a gap between
    two glyphs is as wide as one (whether or not the PDF drew the space)."""
    glyphs = sorted((g for g in glyphs if not g.char.isspace()), key=lambda g: g.left)
    height = max((g.height for g in glyphs), default=0)
    out, previous = [], None
    for glyph in glyphs:
        if previous is not None and glyph.left - previous.right > _SPACE_GAP * height:
            out.append(" ")
        out.append(glyph.char)
        previous = glyph
    return out


def rtl_line(glyphs):
    """The logical text of a right-to-left line from its glyphs."""
    chars = _spaced(glyphs)[::-1]
    for start, end in _ltr_runs(chars):
        chars[start:end] = chars[start:end][::-1]
    return "".join(chars)


def _starts_right_to_left(glyphs):
    """True when the line's rightmost letter is Hebrew: a right-to-left paragraph."""
    for glyph in sorted(glyphs, key=lambda g: -g.right):
        direction = _direction(glyph.char)
        if direction:
            return direction == "R"
    return False


def _lines(textpage):
    """(PDFium's text, glyphs) of each line of `textpage`, split where PDFium breaks."""
    text, glyphs = [], []
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1)
        if char in "\r\n":
            if char == "\n":
                yield "".join(text), glyphs
                text, glyphs = [], []
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        text.append(char)
        glyphs.append(Glyph(char, left, right, top - bottom))
    yield "".join(text), glyphs


def page_text(textpage):
    """The text of a PDFium text page, each Hebrew line in reading order."""
    lines = []
    for text, glyphs in _lines(textpage):
        if _HEBREW.search(text) and _starts_right_to_left(glyphs):
            text = rtl_line(glyphs)
        lines.append(text)
    return "\n".join(lines)
