# Deck rendering in the task worker (issue 13): the state editors see in the admin.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("blog", "0008_presentation_is_public")]
    operations = [
        migrations.AddField(
            model_name="presentation",
            name="render_attempts",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="presentation",
            name="render_done",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="presentation",
            name="render_error",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="presentation",
            name="render_job",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
        migrations.AddField(
            model_name="presentation",
            name="render_source",
            field=models.CharField(blank=True, editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="presentation",
            name="render_state",
            field=models.CharField(
                blank=True,
                choices=[
                    ("queued", "ממתין לעיבוד"),
                    ("running", "בעיבוד"),
                    ("done", "עובד"),
                    ("failed", "נכשל"),
                ],
                editable=False,
                max_length=10,
                verbose_name="עיבוד הקובץ",
            ),
        ),
        migrations.AddField(
            model_name="presentation",
            name="render_total",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="presentation",
            name="render_updated_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
