"""Whole-site backup and restore: everything editors made, in one zip file.

A backup holds ``manifest.json`` (FORMAT_VERSION, creation time, Django version, applied
migrations per app, rows per model, media files, missing ones), two Django fixtures, and
``media/<name>`` for every file the rows name: in a FileField, or listed by a model's
file_names() method (blog.Image keeps rendition names in JSON). ``data.json`` holds every
concrete model of the blog and core apps, found through the apps registry
(EXCLUDED_MODELS opts one out), and taggit's Tag; ``users.json`` the users those rows
point at: username, names and email, never a password hash. No groups, permissions,
sessions, admin log, content types or SQLite search index (triggers fill it on insert).

``restore()`` loads a file import_site has checked (checksums, format, migrations) into
a site without content, in one transaction. Rows are saved raw, as ``loaddata`` saves
them: no custom save() runs (no sanitising, no comment depth). Signal handlers still run
(blog.signals recomputes search documents as tags and slides arrive); what they change
is written back, so every row ends up exactly as exported. An author whose username
exists is linked and left alone; a new one gets an unusable password.
"""

import io
import json
import os
import shutil
import zipfile
from collections import Counter
from datetime import datetime, time

import django
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import FileField, Q
from django.utils import timezone

FORMAT, FORMAT_VERSION = "hebrew-blog-backup", 1
MANIFEST, FIXTURES = "manifest.json", ("users.json", "data.json")
CONTENT_APPS, EXTRA_MODELS = ("blog", "core"), ("taggit.Tag",)
EXCLUDED_MODELS = frozenset()  # "app_label.ModelName" of CONTENT_APPS never backed up
# Rows `migrate` itself creates (core/migrations/0002_seed_site_pages): a site holding
# only these still counts as empty, and a restore replaces them with the file's rows.
SEEDED_ROWS = {"core.SitePage": Q(slug__in=("about", "accessibility"))}
USER_FIELDS = ("first_name", "last_name", "email")
MEDIA_DIR, BATCH = "media/", 500
DATA_ERRORS = (DeserializationError, DatabaseError, ValidationError, SuspiciousFileOperation)


class BackupError(Exception):
    """A backup that cannot be written or restored; str() is a Hebrew message."""


class _Encoder(DjangoJSONEncoder):
    """Django's JSON encoder, except that times keep their microseconds (exact restores)."""

    def default(self, o):
        return o.isoformat() if isinstance(o, datetime | time) else super().default(o)


def plural(model):
    """A model's Hebrew plural name (taggit's Tag brings only an English one)."""
    return "תגיות" if model._meta.label == "taggit.Tag" else model._meta.verbose_name_plural


def content_models():
    """The models data.json holds, each after the models it points at."""
    found = [m for label in CONTENT_APPS for m in apps.get_app_config(label).get_models()]
    found += [apps.get_model(label) for label in EXTRA_MODELS]
    found = [m for m in found if m._meta.managed and not m._meta.proxy]
    found = [m for m in found if m._meta.label not in EXCLUDED_MODELS]
    ordered = []
    while found:
        # A cycle takes the first model: deferred constraints check it at the end.
        ready = [m for m in found if not (_targets(m) & set(found)) - {m}] or found[:1]
        ordered += ready
        found = [m for m in found if m not in ready]
    return ordered


def _targets(model):
    fields = [*model._meta.fields, *model._meta.many_to_many]
    return {field.related_model for field in fields if field.is_relation}


def applied_migrations(labels):
    """{app label: sorted names of its applied migrations} for `labels`."""
    found = {label: [] for label in sorted(labels)}
    recorder = MigrationRecorder(transaction.get_connection())
    for app_label, name in sorted(recorder.applied_migrations()):
        if app_label in found:
            found[app_label].append(name)
    return found


def export_site(path):
    """Write the backup zip to `path` (replaced only once complete); return its manifest."""
    partial = f"{path}.partial"
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            manifest = _write_archive(archive)
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return manifest


def _write_archive(archive):
    models, connection = content_models(), transaction.get_connection()
    counts, names, outermost = {}, set(), not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # Every table read from one snapshot (an SQLite transaction already is one).
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        user_model = get_user_model()
        fields = [user_model.USERNAME_FIELD, *USER_FIELDS]
        _dump(archive, "users.json", [_authors(models, user_model)], counts, names, fields)
        _dump(archive, "data.json", [m._base_manager.all() for m in models], counts, names)
        migrations = applied_migrations({m._meta.app_label for m in [user_model, *models]})
    missing = _write_media(archive, names)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "django_version": django.get_version(),
        "migrations": migrations,
        "counts": counts,
        "files": sorted(names - set(missing)),
        "missing_files": missing,
    }
    archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest


def _authors(models, user_model):
    """The users that rows of `models` point at."""
    ids = set()
    for model in models:
        for field in [*model._meta.fields, *model._meta.many_to_many]:
            if field.is_relation and field.related_model is user_model:
                ids.update(model._base_manager.order_by().values_list(field.name, flat=True))
    return user_model._base_manager.filter(pk__in=ids - {None})


def _dump(archive, member, querysets, counts, names, fields=None):
    """Write `querysets` as the fixture `member`; count rows and collect file names."""

    def rows():
        for queryset in querysets:
            label = queryset.model._meta.label_lower
            files = [f.attname for f in queryset.model._meta.fields if isinstance(f, FileField)]
            counts[label] = 0
            for row in queryset.order_by("pk").iterator(chunk_size=BATCH):
                counts[label] += 1
                names.update(getattr(row, name).name for name in files if getattr(row, name))
                names.update(getattr(row, "file_names", list)())
                yield row

    with archive.open(member, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8") as out:
        options = {"fields": fields, "use_natural_foreign_keys": True, "cls": _Encoder}
        serializers.serialize("json", rows(), stream=out, **options)


def _write_media(archive, names):
    """Copy each file into media/; return the names that could not be read."""
    missing = []
    for name in sorted(names):
        try:
            source = default_storage.open(name, "rb")
        except (OSError, SuspiciousFileOperation):
            missing.append(name)
            continue
        # Stored, not deflated: PDFs and PNGs are compressed already.
        entry = zipfile.ZipInfo(MEDIA_DIR + name, datetime.now().timetuple()[:6])
        with source, archive.open(entry, "w", force_zip64=True) as target:
            shutil.copyfileobj(source, target, 1024 * 1024)
    return missing


def restore(archive, manifest):
    """Load the open, checked backup `archive` into a site without content; return the
    counts per model, the media files written and how many rows were written back."""
    models, written = content_models(), []
    _check_empty(models)
    try:
        with transaction.atomic():
            counts, rewritten = _load(archive, manifest, models)
            _restore_media(archive, written)
    except BaseException as error:
        for name in written:
            default_storage.delete(name)
        if isinstance(error, DATA_ERRORS):
            raise BackupError(f"שחזור הגיבוי נכשל, ולא נשמר דבר: {error}") from error
        raise
    return {"counts": counts, "files": written, "rewritten": rewritten}


def _check_empty(models):
    found = []
    for model in models:
        rows = model._base_manager.exclude(SEEDED_ROWS.get(model._meta.label, Q(pk__in=[])))
        if count := rows.count():
            found.append(f"{plural(model)}: {count}")
    if found:
        raise BackupError(
            f"אפשר לשחזר גיבוי רק לאתר שאין בו עדיין תוכן, וכאן יש כבר {'; '.join(found)}. "
            "שחזרו למסד נתונים חדש (אחרי migrate)."
        )


def _load(archive, manifest, models):
    """Save every row of the fixtures; return counts per model and rows written back."""
    for label, seeded in SEEDED_ROWS.items():
        apps.get_model(label)._base_manager.filter(seeded).delete()
    connection, counts = transaction.get_connection(), Counter()
    for obj in _records(archive, "users.json", {get_user_model()}, counts):
        _restore_user(obj.object)
    with connection.constraint_checks_disabled():
        restored = _save_rows(archive, models, counts)
    connection.check_constraints(table_names=[m._meta.db_table for m in restored])
    if counts != Counter(manifest["counts"]):
        raise BackupError("מספר השורות בקובצי הנתונים אינו תואם ל-manifest.json; לא שוחזר דבר.")
    rewritten = _write_back(restored)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(restored)):
            cursor.execute(sql)
    return counts, rewritten


def _records(archive, member, allowed, counts):
    """The deserialized rows of the fixture `member`, refusing models not `allowed`."""
    data = archive.read(member)
    for obj in serializers.deserialize("json", data, handle_forward_references=True):
        model = type(obj.object)
        if model not in allowed:
            raise BackupError(f"ב-{member} יש שורות של {model._meta.label}, שאינן חלק מהגיבוי.")
        counts[model._meta.label_lower] += 1
        yield obj


def _save_rows(archive, models, counts):
    restored, deferred = {}, []
    for obj in _records(archive, "data.json", set(models), counts):
        obj.save()
        restored.setdefault(type(obj.object), []).append(obj.object)
        if obj.deferred_fields:
            deferred.append(obj)
    for obj in deferred:
        obj.save_deferred_fields()
    return restored


def _restore_user(user):
    """Link to the site's user of that username, or add one who cannot log in."""
    model = type(user)
    if not model._base_manager.filter(**{model.USERNAME_FIELD: user.get_username()}).exists():
        user.pk = None
        user.set_unusable_password()
        user.save()


def _write_back(restored):
    """Undo what signal handlers changed while rows loaded; return how many rows."""
    rewritten = 0
    for model, objects in restored.items():
        fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
        for start in range(0, len(objects), BATCH):
            batch = objects[start : start + BATCH]
            stored = model._base_manager.in_bulk([obj.pk for obj in batch])
            values = {obj.pk: [getattr(obj, name) for name in fields] for obj in batch}
            changed = [
                o for o in batch if [getattr(stored[o.pk], n) for n in fields] != values[o.pk]
            ]
            if changed:
                model._base_manager.bulk_update(changed, fields)
                rewritten += len(changed)
    return rewritten


def _restore_media(archive, written):
    """Write each media/ member to its own name (the storage refuses "..", absolute)."""
    for info in archive.infolist():
        name = info.filename.removeprefix(MEDIA_DIR)
        if name == info.filename or info.is_dir():
            continue
        if default_storage.exists(name):
            default_storage.delete(name)  # nothing uses it: the site had no content
        with archive.open(info) as source:
            saved = default_storage.save(name, File(source, name=name))
        written.append(saved)
        if saved != name:
            raise BackupError(f"לא ניתן לשמור את הקובץ {name} בשמו המקורי; לא שוחזר דבר.")
