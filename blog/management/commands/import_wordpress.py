"""Bring a WordPress blog in from its export file (Tools → Export → All content).

    import_wordpress blog.xml                       import (or update from a later export)
    import_wordpress blog.xml --media-dir uploads/  also bring in the images posts show,
                                                    from a copy of wp-content/uploads
    import_wordpress blog.xml --dry-run             report what would happen, change nothing

Nothing is fetched from the network. Everything happens in one transaction.
"""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.importers.apply import import_blog
from blog.importers.records import WXRError
from blog.importers.wordpress import parse_wxr

BAR_WIDTH = 30
PROGRESS_LINES_FROM = 200  # items; smaller files finish before progress means anything


class Command(BaseCommand):
    help = (
        "מייבא בלוג וורדפרס מקובץ הייצוא שלו (WXR): כותבים, קטגוריות, תגיות, פוסטים, "
        "עמודים ותגובות."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="קובץ הייצוא של וורדפרס (XML)")
        parser.add_argument("--media-dir", type=Path, help="עותק של התיקייה wp-content/uploads")
        parser.add_argument("--dry-run", action="store_true", help="דיווח בלבד, בלי לשנות דבר")

    def handle(self, *args, file, media_dir, dry_run, **options):
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"התיקייה {media_dir} לא נמצאה.")
        started = time.monotonic()
        try:
            with file.open("rb") as source:
                blog = parse_wxr(source)
        except OSError as error:
            raise CommandError(f"לא ניתן לקרוא את {file}: {error.strerror}") from error
        except WXRError as error:
            raise CommandError(f"{file}: {error}") from error
        report = import_blog(blog, media_dir=media_dir, dry_run=dry_run, progress=self._progress)
        if self._show_bar():
            self.stderr.write("")
        for line in report.lines():
            self.stdout.write(line)
        seconds = time.monotonic() - started
        verdict = "הרצת ניסיון: לא נשמר דבר" if dry_run else "הייבוא הושלם"
        self.stdout.write(f"{verdict} ({seconds:.1f} שניות).")

    def _show_bar(self):
        return self.stderr.isatty() if hasattr(self.stderr, "isatty") else sys.stderr.isatty()

    def _progress(self, done, total):
        if not total:
            return
        if self._show_bar():
            filled = BAR_WIDTH * done // total
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stderr.write(f"\r[{bar}] {done}/{total}", ending="")
        elif total >= PROGRESS_LINES_FROM and done % (total // 10) == 0:
            self.stderr.write(f"{done}/{total} פריטים…")  # a log, not a terminal
