"""`manage.py import_site FILE.zip`: restore a backup made by export_site.

Before anything is written the file must be a whole zip (every checksum verified), carry
our manifest with a known format version, and come from code no newer than this site's:
each migration it records must be applied here, and `migrate` must have run. The site
must have no content yet (core.backup.restore checks that, in the same transaction).
"""

import json
import zipfile
import zlib

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core import backup
from core.management.commands.export_site import describe_counts


def open_archive(path):
    """The zip file at `path`, once every member's checksum has been verified."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise CommandError(f"הקובץ {path} חסר, או שאינו קובץ zip תקין (אולי קטוע).") from error
    try:
        broken = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
        broken = str(error)
    if broken:
        archive.close()
        raise CommandError(f"הקובץ {path} פגום ({broken}); לא שוחזר דבר.")
    return archive


def read_manifest(archive):
    """The manifest of an open backup zip; CommandError when the file is not ours."""
    try:
        manifest = json.loads(archive.read(backup.MANIFEST))
    except (KeyError, ValueError) as error:
        raise CommandError("אין בקובץ manifest.json תקין: זה אינו קובץ גיבוי של האתר.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != backup.FORMAT:
        raise CommandError("זה אינו קובץ גיבוי של האתר (manifest.json אינו מסמן אותו ככזה).")
    version = manifest.get("format_version")
    if version != backup.FORMAT_VERSION:
        raise CommandError(
            f"גרסת הפורמט של הגיבוי ({version}) אינה מוכרת; "
            f"גרסה זו של האתר משחזרת רק גרסה {backup.FORMAT_VERSION}."
        )
    complete = all(isinstance(manifest.get(key), dict) for key in ("migrations", "counts"))
    if not complete or set(backup.FIXTURES) - set(archive.namelist()):
        raise CommandError("קובץ הגיבוי חסר: אין בו manifest.json שלם או את קובצי הנתונים.")
    return manifest


def check_migrations(manifest):
    """Refuse a database that lags its code, or a file made by newer code."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CommandError("מסד הנתונים אינו מעודכן: הריצו קודם python manage.py migrate.")
    applied = backup.applied_migrations(manifest["migrations"])
    newer = [
        f"{label}.{name}"
        for label, names in sorted(manifest["migrations"].items())
        for name in names
        if name not in applied[label]
    ]
    if newer:
        raise CommandError(
            f"הגיבוי נוצר בגרסה חדשה יותר של האתר (חסרות כאן המיגרציות {', '.join(newer)}); "
            "עדכנו את הקוד, הריצו migrate ונסו שוב."
        )


class Command(BaseCommand):
    help = "משחזר גיבוי שנוצר ב-export_site לאתר שאין בו עדיין תוכן (אחרי migrate), בטרנזקציה אחת."

    def add_arguments(self, parser):
        parser.add_argument("path", help="קובץ ה-zip של הגיבוי.")

    def handle(self, *args, path, **options):
        with open_archive(path) as archive:
            manifest = read_manifest(archive)
            check_migrations(manifest)
            try:
                result = backup.restore(archive, manifest)
            except backup.BackupError as error:
                raise CommandError(str(error)) from error
        if result["rewritten"] and options["verbosity"] > 1:
            self.stdout.write(f"שורות שהוחזרו לערכן שבגיבוי אחרי הטעינה: {result['rewritten']}")
        self.stdout.write(
            self.style.SUCCESS(
                f"הגיבוי שוחזר: {describe_counts(result['counts'])}; קבצים: {len(result['files'])}."
            )
        )
