"""PDF decks and presentations for the slides tests, generated on the fly."""

import itertools
from pathlib import Path

from fpdf import FPDF

from blog.models import Presentation
from blog.tests.pdfs import encrypted_pdf, png_bytes, zero_page_pdf  # noqa: F401 (re-exported)

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_seq = itertools.count(1)


def deck_pdf(*slides, size_mm=(320, 180)):
    """A PDF with one 16:9 page per string, Hebrew laid out right to left."""
    slides = slides or ("שקף ראשון", "שקף שני")
    pdf = FPDF(unit="mm", format=size_mm)
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_text_shaping(True, direction="rtl", script="hebr", language="he")
    for text in slides:
        pdf.add_page()
        pdf.set_font("DejaVu", size=28)
        pdf.set_xy(20, 30)
        pdf.multi_cell(280, 14, text, align="R")
        pdf.set_fill_color(20, 90, 160)
        pdf.rect(20, 120, 80, 30, style="F")
    return bytes(pdf.output())


def make_presentation(title=None, **kwargs):
    n = next(_seq)
    return Presentation.objects.create(title=title or f"מצגת בדיקה {n}", **kwargs)


def media_files(root):
    """Every file under MEDIA_ROOT, as paths relative to it."""
    root = Path(root)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
