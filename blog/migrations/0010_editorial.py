# The editorial workflow of issue 10: a "pending review" status between draft and
# published (writers submit, editors publish), the permission to publish (the roles in
# core/migrations/0005_roles.py), a post's optional cover image, and comments written by
# the site's editors (published at once, shown with a "צוות האתר" badge).
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0009_render_jobs"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    operations = [
        migrations.AlterModelOptions(
            name="post",
            options={
                "get_latest_by": "published_at",
                "ordering": ["-published_at", "-pk"],
                "permissions": [
                    ("publish_post", "פרסום פוסטים, ביטול פרסום ועריכת פוסטים של אחרים")
                ],
                "verbose_name": "פוסט",
                "verbose_name_plural": "פוסטים",
            },
        ),
        migrations.AddField(
            model_name="post",
            name="cover_image",
            field=models.ForeignKey(
                blank=True,
                help_text="מוצגת בכרטיס הפוסט ובתצוגה המקדימה של קישור אליו ברשתות החברתיות.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="cover_of",
                to="blog.image",
                verbose_name="תמונה ראשית",
            ),
        ),
        migrations.AlterField(
            model_name="post",
            name="status",
            field=models.CharField(
                choices=[("draft", "טיוטה"), ("pending", "ממתין לבדיקה"), ("published", "פורסם")],
                db_index=True,
                default="draft",
                max_length=10,
                verbose_name="מצב",
            ),
        ),
        migrations.AddField(
            model_name="comment",
            name="by_editor",
            field=models.BooleanField(
                default=False,
                help_text="תגובה של עורך: מתפרסמת בלי המתנה לאישור ומסומנת „צוות האתר”.",
                verbose_name="תגובת צוות האתר",
            ),
        ),
        migrations.AddField(
            model_name="comment",
            name="user",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="comments",
                to=settings.AUTH_USER_MODEL,
                verbose_name="משתמש באתר",
            ),
        ),
    ]
