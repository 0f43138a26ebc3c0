# Issue 10: the posts' trash (soft delete) and the post form's autosaves.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0010_editorial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="deleted_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="הועבר לסל המחזור"
            ),
        ),
        migrations.CreateModel(
            name="TrashedPost",
            fields=[],
            options={
                "verbose_name": "פוסט בסל המחזור",
                "verbose_name_plural": "פוסטים בסל המחזור",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("blog.post",),
        ),
        migrations.CreateModel(
            name="Autosave",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("data", models.JSONField(default=dict, verbose_name="תוכן הטופס")),
                ("saved_at", models.DateTimeField(auto_now=True, verbose_name="נשמר")),
                (
                    "post",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="autosaves",
                        to="blog.post",
                        verbose_name="פוסט",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="משתמש",
                    ),
                ),
            ],
            options={
                "verbose_name": "טיוטה שמורה אוטומטית",
                "verbose_name_plural": "טיוטות שמורות אוטומטית",
                "constraints": [
                    models.UniqueConstraint(fields=("post", "user"), name="one_autosave_per_editor")
                ],
            },
        ),
    ]
