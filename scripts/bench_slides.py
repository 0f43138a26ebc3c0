"""Benchmark blog.pdf.render_pages on a generated 50-page deck.

Run from the repository root:  .venv/bin/python scripts/bench_slides.py
Prints wall time per page (all widths, then the largest width alone) and the
peak resident memory of the process. No Django settings needed.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fpdf import FPDF  # noqa: E402

from blog.pdf import RENDITION_WIDTHS, render_pages  # noqa: E402

PAGES = 50
TARGET_SECONDS_PER_PAGE = 0.3  # largest width alone
TARGET_PEAK_MB = 300


def make_deck(path: Path, pages: int = PAGES) -> bytes:
    """A 16:9 deck: a title, a few lines of text and some shapes per page."""
    pdf = FPDF(orientation="landscape", unit="mm", format=(180, 320))
    pdf.set_auto_page_break(False)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_fill_color(20, 90, 160)
        pdf.rect(0, 0, 320, 10, style="F")
        pdf.set_font("Helvetica", "B", 30)
        pdf.set_xy(20, 22)
        pdf.cell(text=f"Slide {number}: open government")
        pdf.set_font("Helvetica", size=16)
        for line in range(5):
            pdf.set_xy(30, 50 + line * 14)
            pdf.cell(text=f"Point {line + 1} of slide {number}: citizens, services, data")
        pdf.set_draw_color(200, 60, 40)
        pdf.set_line_width(1.5)
        pdf.circle(x=260, y=110, radius=25 + number % 10, style="D")
        pdf.set_fill_color(240, 180, 40)
        pdf.rect(220, 140, 60, 20, style="F")
        pdf.line(20, 165, 300, 165)
    data = bytes(pdf.output())
    path.write_bytes(data)
    return data


def timed(data: bytes, widths: tuple[int, ...]) -> tuple[float, int, int]:
    start = time.perf_counter()
    pages = webp_bytes = 0
    for page in render_pages(data, widths=widths, max_pages=PAGES, max_bytes=len(data)):
        pages += 1
        webp_bytes += sum(len(r.data) for r in page.images.values())
    return time.perf_counter() - start, pages, webp_bytes


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = make_deck(Path(tmp) / "bench.pdf")
    largest = max(RENDITION_WIDTHS)

    total, pages, webp_bytes = timed(data, RENDITION_WIDTHS)
    largest_total, _, _ = timed(data, (largest,))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux

    per_page_largest = largest_total / pages
    print(f"PDF: {pages} pages, {len(data) / 1024:.0f} KB; widths {RENDITION_WIDTHS}")
    print(f"total, all widths:          {total:7.2f} s  ({webp_bytes / 1024:.0f} KB of WebP)")
    print(f"per page, all widths:       {total / pages:7.3f} s")
    verdict = "ok" if per_page_largest < TARGET_SECONDS_PER_PAGE else "OVER"
    print(
        f"per page, {largest} px only:     {per_page_largest:7.3f} s"
        f"  (target < {TARGET_SECONDS_PER_PAGE} s: {verdict})"
    )
    verdict = "ok" if peak_mb < TARGET_PEAK_MB else "OVER"
    print(
        f"peak memory (max RSS):      {peak_mb:7.0f} MB  (target < {TARGET_PEAK_MB} MB: {verdict})"
    )


if __name__ == "__main__":
    main()
