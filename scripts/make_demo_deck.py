"""Build core/seed/demo-deck.pdf: a short demo deck summarising the GOV 2.0 article.

The deck is made only from the article's own points and says on its first slide
that it is not the speaker's original presentation, so an editor can replace it.

Run from the repository root:  .venv/bin/python scripts/make_demo_deck.py
Needs fpdf2 and uharfbuzz (fpdf2's text shaping lays Hebrew out right to left).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "core" / "seed" / "demo-deck.pdf"
# The slides' text in logical order; load_seed uses it in place of what PDFium extracts.
TRANSCRIPT = ROOT / "core" / "seed" / "demo-deck-text.json"
TITLE_LINES = [
    "GOV 2.0 – ממשל במדיה חברתית",
    "סיכום נקודות המאמר (מצגת הדגמה)",
    "זו אינה המצגת המקורית של ירון גמבורג; העורך יכול להחליף אותה במצגת האמיתית",
]
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# 16:9 landscape, in millimetres.
PAGE_W, PAGE_H = 320, 180
MARGIN = 20
TEXT_W = PAGE_W - 2 * MARGIN
BULLET_GAP = 8  # room on the right of each bullet line for the drawn dot

INK = (33, 37, 41)
ACCENT = (20, 90, 160)
MUTED = (108, 117, 125)
FOOTER = "מצגת הדגמה: סיכום נקודות המאמר, לא המצגת המקורית"

# Every line quotes the article word for word (its spelling, and its slips, kept:
# "שהיה את המונח" is the article's), cut at its sentence boundaries. fpdf2 positions
# every shaped glyph on its own, so lines carry no final full stop and brackets only
# in the required subtitle.
SLIDES = [
    (
        "הכנס",
        [
            "11 מרץ 2010 התקיים כנס אינטרנטי בין-לאומי בנושא GOV 2.0",
            "מארגנת הכנס היא חברת אוריילי האמריקאית, הפועלת לקידום שילוב הטכנולוגיה בחיי היומיום",
            "אוריילי עצמו היה זה שהיה את המונח WEB 2.0",
            "בכנס, שהתקיים בין השעות 19:00-22:00 בערב, ושודר מסן פרנציסקו",
            "השתתפו כמה מאות אנשים מעשרות מדינות בעולם",
        ],
    ),
    (
        "חמישה דוברים",
        [
            "בכנס היו חמישה דוברים שהציגו את הניסיון בשילוב מדיה חברתית בעבודת הממשלה",
            'במספר מדינות: ארה"ב, בריטניה,קנדה, אוסטרליה וישראל',
            "ירון גמבורג , סגן מנהל מחלקת הדרכה במשרד החוץ, הוזמן על ידי המארגנים להציג"
            " את נסיונה של ישראל בתחום",
        ],
    ),
    (
        "המסקנה המרכזית",
        [
            "ישראל נמצאת בקבוצת המדינות המתקדמות שממשלותיהן מנסות להנהיג שימוש בכלים של"
            " מדיה חברתית בעבודת הממשלה על מנת:",
            [
                "לשפר שירות הניתן לציבור",
                "להגביר שיתוף האזרחים בפעילות משרדי הממשלה",
                "לשפר את העבודה הפנימית בתוך המשרדים",
            ],
            "האתגרים שלנו בישראל אינם ייחודיים, ומאפיינים את רוב המדינות הנכנסות לתחום זה",
        ],
    ),
    (
        "המדינות המובילות",
        [
            'המדינות המובילות בתחום GOV 2.0 הן כמובן ארה"ב, קנדה ובריטניה, וכנראה גם יפן',
            "אוסטרליה וניו זילנד שייכות לקבוצת המדינות שהצטרפו למגמה החדשה מאוחר יותר"
            " ולומדות מהמדינות המובילות",
            "מדינות אחרות, באירופה למשל, עדיין מגששות בתחום הזה",
        ],
    ),
    (
        "מיקום לא רע, אבל לא מספיק טוב",
        [
            "ישראל מדורגת בין אוסטרליה וניו זילנד לבין המדינות האחרות, כמו מדינות אירופה"
            " מערבית ומזרחית",
            "לישראל יש פוטנציאל התפתחות אדיר כיוון זה ולהוביל בעולם",
            "האתגרים והמחסומים שעומדים בפנינו אינם טכנולוגיים, אלא פסיכולוגיים, לא רק"
            " בממשלה אלא גם בחברה בכלל",
        ],
    ),
]


class Deck(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="landscape", unit="mm", format=(PAGE_H, PAGE_W))
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        bold = FONT_DIR / "DejaVuSans-Bold.ttf"
        self.add_font("DejaVu", "B", str(bold if bold.exists() else FONT_DIR / "DejaVuSans.ttf"))
        # Shaping runs the Unicode bidi algorithm; the paragraph direction must be
        # forced, or a line starting with Latin ("GOV 2.0 ...") would be laid out LTR.
        self.set_text_shaping(True, direction="rtl", script="hebr", language="he")
        self.set_title("GOV 2.0 – ממשל במדיה חברתית: סיכום נקודות המאמר (מצגת הדגמה)")
        self.set_lang("he")
        self.set_creator("scripts/make_demo_deck.py")
        # A fixed date keeps the committed file byte-identical when regenerated.
        self.set_creation_date(datetime(2010, 3, 11, tzinfo=UTC))

    def text_block(
        self, text: str, size: float, *, bold: bool = False, color=INK, x=MARGIN, w=TEXT_W
    ) -> None:
        self.set_font("DejaVu", "B" if bold else "", size)
        self.set_text_color(*color)
        self.set_x(x)
        self.multi_cell(w, size * 0.55, text, align="R")

    def footer_band(self, number: int, total: int) -> None:
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.6)
        self.line(MARGIN, PAGE_H - 16, PAGE_W - MARGIN, PAGE_H - 16)
        self.set_y(PAGE_H - 13)
        self.text_block(FOOTER, 10, color=MUTED)
        self.set_font("DejaVu", "", 10)
        self.set_xy(MARGIN, PAGE_H - 13)
        self.cell(20, 5.5, f"{number}/{total}", align="L")


def title_slide(pdf: Deck, total: int) -> None:
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, PAGE_W, 8, style="F")
    pdf.set_y(48)
    pdf.text_block(TITLE_LINES[0], 34, bold=True, color=ACCENT)
    pdf.ln(6)
    pdf.text_block(TITLE_LINES[1], 22)
    pdf.ln(12)
    pdf.set_fill_color(241, 243, 245)
    pdf.rect(MARGIN, pdf.get_y(), TEXT_W, 18, style="F")
    pdf.set_y(pdf.get_y() + (18 - 15 * 0.55) / 2)
    pdf.text_block(
        TITLE_LINES[2],
        15,
        x=MARGIN + 5,
        w=TEXT_W - 10,
    )
    pdf.footer_band(1, total)


def bullet(pdf: Deck, text: str, indent: float = 0, size: float = 17) -> None:
    # A drawn dot, not a bullet character, so the extracted text stays clean.
    right = PAGE_W - MARGIN - indent
    pdf.set_fill_color(*ACCENT)
    pdf.circle(x=right - 2, y=pdf.get_y() + size * 0.25, radius=1.4 if not indent else 1, style="F")
    pdf.text_block(text, size, w=TEXT_W - indent - BULLET_GAP)
    pdf.ln(4 if not indent else 2)


def bullet_slide(pdf: Deck, title: str, items: list, number: int, total: int) -> None:
    """items: bullet strings; a nested list holds sub-bullets of the item before it."""
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, PAGE_W, 8, style="F")
    pdf.set_y(20)
    pdf.text_block(title, 28, bold=True, color=ACCENT)
    pdf.ln(8)
    for item in items:
        if isinstance(item, list):
            for sub in item:
                bullet(pdf, sub, indent=BULLET_GAP, size=15)
            pdf.ln(2)
        else:
            bullet(pdf, item)
    pdf.footer_band(number, total)


def build() -> bytes:
    pdf = Deck()
    total = len(SLIDES) + 1
    title_slide(pdf, total)
    for number, (title, bullets) in enumerate(SLIDES, start=2):
        bullet_slide(pdf, title, bullets, number, total)
    return bytes(pdf.output())


def transcript() -> list[str]:
    """Each slide's text as a reader should hear it: the lines in order, then the footer."""
    total = len(SLIDES) + 1
    pages = [[*TITLE_LINES]]
    for title, items in SLIDES:
        lines = [title]
        for item in items:
            lines.extend(item if isinstance(item, list) else [item])
        pages.append(lines)
    return [
        "\n".join([*lines, f"{FOOTER} {number}/{total}"])
        for number, lines in enumerate(pages, start=1)
    ]


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    data = build()
    OUTPUT.write_bytes(data)
    TRANSCRIPT.write_text(
        json.dumps(transcript(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"{OUTPUT.relative_to(ROOT)}: {len(data) / 1024:.0f} KB, {len(SLIDES) + 1} slides")


if __name__ == "__main__":
    main()
