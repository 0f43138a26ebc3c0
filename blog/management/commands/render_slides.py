"""Render presentations' slides from their PDF, outside the admin.

    render_slides SLUG --file deck.pdf   import a PDF into the presentation SLUG
    render_slides SLUG [SLUG ...]        render again from the stored PDF
    render_slides --all                  the same for every presentation with a PDF
    render_slides --prune                delete files under decks/ that no row uses

Rendering the same file again keeps file names, slides and editors' titles and notes:
running it twice changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.decks import (
    check_upload_size,
    delete_unused,
    import_deck,
    orphaned_files,
    rerender,
)
from blog.models import Presentation
from blog.pdf import DeckError


class Command(BaseCommand):
    help = "יוצר את שקפי המצגות מקובצי ה-PDF שלהן (תמונות וטקסט לכל עמוד)."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help="מזהה המצגת בכתובת")
        parser.add_argument("--file", type=Path, help="קובץ PDF לייבוא למצגת (למצגת אחת)")
        parser.add_argument("--all", action="store_true", help="כל המצגות שיש להן קובץ PDF")
        parser.add_argument(
            "--prune", action="store_true", help="מחיקת קבצים בתיקיית decks שאינם בשימוש"
        )

    def handle(self, *args, slugs, file, all, prune, **options):
        if file and len(slugs) != 1:
            raise CommandError("עם --file יש לציין מצגת אחת בדיוק.")
        if not (slugs or all or prune):
            raise CommandError("יש לציין מצגת (SLUG), ‎--all או ‎--prune.")
        failures = 0
        for presentation in self._presentations(slugs, all):
            try:
                count = self._render(presentation, file)
            except (DeckError, CommandError) as error:
                failures += 1
                self.stderr.write(f"{presentation.slug}: {error}")
            except OSError:
                failures += 1
                self.stderr.write(f"{presentation.slug}: קובץ ה-PDF של המצגת לא נמצא.")
            else:
                self.stdout.write(f"{presentation.slug}: {count} שקפים.")
        if prune:
            gone = delete_unused(orphaned_files())
            self.stdout.write(f"נמחקו {len(gone)} קבצים שאינם בשימוש.")
        if failures:
            raise CommandError(f"{failures} מצגות לא עובדו.")

    def _render(self, presentation, file):
        """Import `file` into the presentation, or render its stored PDF again."""
        if file:
            return import_deck(presentation, self._read(file), file.name)
        if presentation.source_file:
            return rerender(presentation)
        raise CommandError("אין למצגת קובץ PDF; השתמשו ב־‎--file.")

    def _presentations(self, slugs, all):
        if all:
            return list(Presentation.objects.exclude(source_file=""))
        found = {p.slug: p for p in Presentation.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise CommandError("לא נמצאו מצגות: " + ", ".join(missing))
        return [found[slug] for slug in slugs]

    def _read(self, path):
        try:
            check_upload_size(path.stat().st_size)
            return path.read_bytes()
        except OSError as error:
            raise CommandError(f"לא ניתן לקרוא את {path}: {error.strerror}") from error
