from django.db import migrations, models


def render_existing_comments(apps, schema_editor):
    from blog.models.comments import render_comment_text

    Comment = apps.get_model("blog", "Comment")
    for comment in Comment.objects.all().only("pk", "body").iterator():
        Comment.objects.filter(pk=comment.pk).update(body_html=render_comment_text(comment.body))


class Migration(migrations.Migration):

    dependencies = [
        ("blog", "0002_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="body_html",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="comment",
            name="moderation_note",
            field=models.CharField(
                blank=True,
                help_text="למה התגובה עוכבה או סומנה כזבל (ממלא המסנן האוטומטי).",
                max_length=200,
                verbose_name="הערת סינון",
            ),
        ),
        migrations.AlterField(
            model_name="blockedterm",
            name="value",
            field=models.CharField(
                help_text="מילה או ביטוי (בלי הבדל בין אותיות גדולות לקטנות), כתובת דוא״ל מלאה, "
                "דומיין שלם שמתחיל ב-@ (למשל \u200e@example.com), או כתובת IP.",
                max_length=200,
                verbose_name="ערך",
            ),
        ),
        migrations.RunPython(render_existing_comments, migrations.RunPython.noop),
    ]
