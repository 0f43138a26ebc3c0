"""Slide text of right-to-left decks in reading order (blog.pdf_text), from a deck made
the way real ones are: LibreOffice Impress exporting a right-to-left presentation."""

import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from blog.pdf import normalize_text, render_pages
from blog.pdf_text import Glyph, page_text, rtl_line

FIXTURES = Path(__file__).parent / "fixtures"
# What a reader sees on each slide of fixtures/rtl_deck.fodp.
SLIDES = [
    "ישראל הצטרפה ל-Open Government Partnership בשנת 2011\n"
    "הנתונים באתר data.gov.il פתוחים לכולם\n"
    "כנס GOV 2.0 של O'Reilly Media",
    "משרד החוץ (בירושלים) ב-11 במרץ 2010\nOpen data in Israel\nממשל פתוח ושקיפות",
]


def texts(data):
    pdf = pdfium.PdfDocument(data)
    try:
        return [normalize_text(page_text(page.get_textpage())) for page in pdf]
    finally:
        pdf.close()


def test_latin_words_numbers_and_addresses_keep_their_order_in_hebrew_lines():
    assert texts((FIXTURES / "rtl_deck.pdf").read_bytes()) == SLIDES


def test_the_deck_pipeline_stores_the_text_in_reading_order():
    data = (FIXTURES / "rtl_deck.pdf").read_bytes()
    pages = render_pages(data, max_pages=10, max_bytes=10 << 20, widths=(120,))
    assert [page.text for page in pages] == SLIDES


def test_what_pdfium_alone_gave_for_the_same_deck():
    """The control: PDFium's own text of these lines is out of order."""
    pdf = pdfium.PdfDocument((FIXTURES / "rtl_deck.pdf").read_bytes())
    raw = pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert "Partnership Government Open" in raw and "il.gov.data" in raw


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_a_deck_exported_by_libreoffice_now_reads_the_same(tmp_path):
    """Export the source again (as CI does, with Debian's LibreOffice): the committed
    PDF is what LibreOffice makes, and the text is read the same from a fresh one."""
    subprocess.run(
        [
            "soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to", "pdf", "--outdir", str(tmp_path), str(FIXTURES / "rtl_deck.fodp"),
        ],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    assert texts((tmp_path / "rtl_deck.pdf").read_bytes()) == SLIDES


def glyphs(*spans):
    """Glyphs laid out left to right from (text, gap before it) pairs, 10 points each."""
    out, x = [], 0.0
    for text, gap in spans:
        x += gap
        for char in text:
            out.append(Glyph(char, x, x + 10, 20))
            x += 10
    return out


def test_a_line_is_read_from_right_to_left_with_left_to_right_runs_turned_back():
    # As drawn: "2.0 GOV" stands left of "כנס" (reversed Hebrew in visual order).
    line = glyphs(("GOV", 0), ("2.0", 10), ("סנכ", 10))
    assert rtl_line(line) == "כנס GOV 2.0"


def test_glyphs_drawn_without_spaces_are_split_where_the_gap_is():
    line = glyphs(("Open", 0), ("data", 8), ("ילש", 8))
    assert rtl_line(line) == "שלי Open data"
