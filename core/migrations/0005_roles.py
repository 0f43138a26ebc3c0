# The two roles of the newsroom (issue 10), as groups an administrator puts people in
# (with "staff status" ticked so that they can log in to the admin):
#
# - "עורך" (editor): everything about content and comments: posts (publishing too),
#   categories, tags, images, presentations, comments and the blocklist, site pages and
#   redirects.
# - "כותב" (writer): writes posts and sends them for review ("ממתין לבדיקה"); sees only
#   their own posts, cannot publish nor touch a published post (blog/admin/workflow.py),
#   uploads images into the library and picks categories, deletes nothing.
#
# Permissions are made by a post_migrate signal, after every migration: on a new
# database they do not exist yet, so they are made here first for the apps concerned.

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR, WRITER = "עורך", "כותב"
# (app label, model) whose every permission an editor holds.
EDITOR_MODELS = [
    ("blog", "post"),
    ("blog", "category"),
    ("blog", "comment"),
    ("blog", "blockedterm"),
    ("blog", "image"),
    ("blog", "presentation"),
    ("blog", "slide"),
    ("blog", "taggedpost"),
    ("blog", "trashedpost"),
    ("taggit", "tag"),
    ("taggit", "taggeditem"),
    ("core", "sitepage"),
    ("core", "redirect"),
]
WRITER_PERMISSIONS = [
    ("blog", "add_post"),
    ("blog", "change_post"),
    ("blog", "view_post"),
    ("blog", "view_category"),
    ("blog", "view_image"),
    ("blog", "add_image"),
    ("taggit", "view_tag"),
]


def _make_permissions(apps):
    for label in ("blog", "taggit", "core"):
        config = apps.get_app_config(label)
        config.models_module = True  # create_permissions skips an app without models
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None


def create_roles(apps, schema_editor):
    _make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    for app_label, model in EDITOR_MODELS:
        editor.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, content_type__model=model)
        )
    writer, _ = Group.objects.get_or_create(name=WRITER)
    for app_label, codename in WRITER_PERMISSIONS:
        writer.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, WRITER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_about_page_claims"),
        ("blog", "0011_trash"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
