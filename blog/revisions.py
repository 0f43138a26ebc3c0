"""Revisions of posts (and, through `register`, of site pages), kept by django-reversion:
every save in the admin stores one, with who and when; saving without a change stores
none; two versions compare as a readable diff of what readers see.

A post's version holds its fields and its tags (the TaggedPost rows, followed), so a
restore brings back the text, address, category and tags as they were (the search
documents are rebuilt when the restored form is saved). Slides are not followed: a deck belongs
to several posts, and restoring a post must never delete or rewrite a deck.
"""

import json

import reversion
from django.dispatch import receiver
from reversion.models import Version
from reversion.signals import post_revision_commit
from taggit.models import Tag

from blog.models import Category, Post, TaggedPost
from blog.textdiff import inline_diff, lines_diff, visible_lines

# Models whose saves make a revision of their own, with the fields that change on every
# save (timestamps, derived search documents) and so do not count as a change: a
# revision equal to the one before it but for these is dropped. (Reversion's own
# ignore_duplicates sees the model's fields only, so a change of tags alone would be
# lost; and versions keep every field, since a revert saves the whole row.)
ROOTS = {}


def register(model, ignore=(), follow=()):
    if not reversion.is_registered(model):
        reversion.register(model, follow=follow)
    ROOTS[model] = frozenset(ignore)


if not reversion.is_registered(TaggedPost):
    reversion.register(TaggedPost)  # followed from Post: its tags
register(
    Post,
    ignore=(
        *("created_at", "updated_at", "deleted_at"),
        *("search_title", "search_document", "search_text"),
    ),
    follow=("taggedpost_set",),
)


def _fingerprint(versions):
    """What the versions hold, but for the fields their model's registration ignores."""
    found = []
    for version in versions:
        ignored = ROOTS.get(version._model, frozenset())
        rows = json.loads(version.serialized_data)
        for row in rows:
            row["fields"] = {k: v for k, v in row["fields"].items() if k not in ignored}
        found.append((version.content_type_id, version.object_id, json.dumps(rows, sort_keys=True)))
    return sorted(found)


@receiver(post_revision_commit, dispatch_uid="blog-drop-unchanged-revisions")
def drop_unchanged(sender, revision, versions, **kwargs):
    """Saving without a change records no revision: one whose versions are those of the
    revision before it is deleted again."""
    roots = [v for v in versions if v._model in ROOTS]
    if len(roots) != 1:
        return
    root = roots[0]
    previous = (
        Version.objects.using(root.db)
        .get_for_object_reference(root._model, root.object_id)
        .exclude(revision=revision)
        .select_related("revision")
        .first()
    )
    if previous and _fingerprint(previous.revision.version_set.all()) == _fingerprint(versions):
        revision.delete()


def versions_of(obj):
    """The object's versions, newest first, with who saved each."""
    return Version.objects.get_for_object(obj).select_related("revision__user")


def _tag_names(version):
    rows = version.revision.version_set.filter(content_type__model="taggedpost")
    tag_ids = [row.field_dict["tag_id"] for row in rows]
    return sorted(Tag.objects.filter(pk__in=tag_ids).values_list("name", flat=True))


def _category_name(category_id):
    return Category.objects.filter(pk=category_id).values_list("name", flat=True).first() or ""


def snapshot(version):
    """{field: text} of what a version shows an editor: title, address, category, tags
    and excerpt as one line each, the body as the lines a reader sees."""
    fields = version.field_dict
    shown = {
        name: str(fields[name] or "") for name in ("title", "slug", "description") if name in fields
    }
    if version._model is Post:
        shown["category"] = _category_name(fields.get("category_id"))
        shown["tags"] = ", ".join(_tag_names(version))
        shown["excerpt"] = fields.get("excerpt") or ""
    shown["body"] = visible_lines(fields.get("body"))
    return shown


def compare(old, new, labels):
    """[{label, changed, rows or html}] comparing two versions' snapshots, field by field
    in the order of `labels` ({field: label}); the body as lines, the rest inline."""
    before, after = snapshot(old), snapshot(new)
    result = []
    for field, label in labels.items():
        if field not in before and field not in after:
            continue
        a, b = before.get(field, ""), after.get(field, "")
        entry = {"label": label, "changed": a != b}
        if field == "body":
            entry["rows"] = lines_diff(a, b)
        else:
            entry["html"] = inline_diff(a, b)
        result.append(entry)
    return result
