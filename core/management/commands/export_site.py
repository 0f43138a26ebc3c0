"""`manage.py export_site FILE.zip [--wxr FILE.xml --site-url URL]`: see core.backup
for what the zip holds and core.wxr for the WordPress file. Either or both can be
written in one run; the zip is the backup, the WXR file is for moving to WordPress."""

import os

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from core import backup, wxr


def describe_counts(counts):
    """Rows per model as Hebrew text ("פוסטים: 3, תגיות: 5"), empty models left out."""
    parts = []
    for label, count in counts.items():
        if count:
            parts.append(f"{backup.plural(apps.get_model(label))}: {count}")
    return ", ".join(parts) or "אין שורות"


class Command(BaseCommand):
    help = (
        "שומר גיבוי מלא של תוכן האתר (נתונים וקבצים) בקובץ zip, "
        "ו/או קובץ WXR לייבוא לוורדפרס (--wxr)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="קובץ ה-zip שייכתב (קובץ קיים יוחלף).")
        parser.add_argument(
            "--wxr", metavar="FILE.xml", help="כתיבת קובץ WXR 1.2 של וורדפרס לנתיב הזה."
        )
        parser.add_argument(
            "--site-url",
            help="כתובת האתר לקישורים שבקובץ ה-WXR, למשל https://blog.example.org (חובה עם --wxr).",
        )

    def handle(self, *args, path=None, wxr=None, site_url=None, **options):
        if not path and not wxr:
            raise CommandError("ציינו קובץ zip לגיבוי, או --wxr עם נתיב לקובץ XML, או את שניהם.")
        if wxr and not site_url:
            raise CommandError("עם --wxr צריך גם --site-url: כתובת האתר לקישורים שבקובץ.")
        if path:
            self.write_backup(path)
        if wxr:
            self.write_wxr(wxr, site_url)

    def write_backup(self, path):
        try:
            manifest = backup.export_site(path)
        except (OSError, backup.BackupError) as error:
            raise CommandError(f"הגיבוי לא נשמר: {error}") from error
        for name in manifest["missing_files"]:
            self.stderr.write(self.style.WARNING(f"קובץ חסר באחסון, לא נכלל בגיבוי: {name}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"הגיבוי נשמר ב-{path}: {describe_counts(manifest['counts'])}; "
                f"קבצים: {len(manifest['files'])}."
            )
        )

    def write_wxr(self, path, site_url):
        partial = f"{path}.partial"  # replaces `path` only once complete
        try:
            with open(partial, "w", encoding="utf-8", newline="\n") as out:
                counts = wxr.write_wxr(out, site_url)
            os.replace(partial, path)
        except OSError as error:
            raise CommandError(f"קובץ ה-WXR לא נשמר: {error}") from error
        finally:
            if os.path.exists(partial):
                os.remove(partial)
        self.stdout.write(
            self.style.SUCCESS(
                f"קובץ WXR נשמר ב-{path}: פוסטים: {counts['posts']}, עמודים: {counts['pages']}, "
                f"תגובות: {counts['comments']}."
            )
        )
