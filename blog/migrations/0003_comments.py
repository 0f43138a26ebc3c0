import re

import bleach
from django.db import migrations, models
from django.utils.html import linebreaks

# Frozen copy of blog.models.comments.render_comment_text as this migration was written.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_WEB_LINK = re.compile(r"^https?://", re.IGNORECASE)


def _comment_link(attrs, new=False):
    if not _WEB_LINK.match(attrs.get((None, "href"), "")):
        return None
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


def render_comment_text(text):
    linker = bleach.linkifier.Linker(callbacks=[_comment_link], parse_email=False)
    text = _BIDI_CONTROLS.sub("", text or "")
    return linker.linkify(linebreaks(text, autoescape=True))


def render_existing_comments(apps, schema_editor):
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
