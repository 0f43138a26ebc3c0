# The about page promised more than the site does (issue 15): it said a republished
# post names its authors at its end, and that a talk's own deck is always attached.
# The sentences are replaced only where the page still has the seeded wording, so an
# editor's own text is never touched. Quotation marks become Hebrew ones („…”), as
# everywhere in the interface.

from django.db import migrations

REPLACEMENTS = {}
REPLACEMENTS["about"] = [
    (
        "מאמר שפורסם קודם\nבמקום אחר מציין זאת בסופו, עם תאריך הפרסום המקורי ושם הכותבים. "
        "כשמאמר מסכם הרצאה,\nמצורפת אליו המצגת: כל שקף מוצג כתמונה ולצדו הטקסט שלו, "
        "כך שאפשר לקרוא ולחפש גם את\nתוכן השקפים.",
        "שם הכותב או הכותבת\nמופיע בראש המאמר כשהוא ידוע. מאמר שפורסם קודם במקום אחר מציין זאת "
        "בסופו, עם מה שידוע על\nהפרסום המקורי: התאריך, שם המקור וקישור אליו. למאמר יכולה "
        "להיות מצורפת מצגת: כל שקף\nמוצג כתמונה ואיתו הטקסט שלו, כך שאפשר לקרוא ולחפש גם "
        "את תוכן השקפים. מצגת שאינה\nהמצגת המקורית של ההרצאה מסומנת „מצגת הדגמה”.",
    ),
    ('(למשל "ממשלה" ו"בממשלה")', "(למשל „ממשלה” ו„בממשלה”)"),
]
REPLACEMENTS["accessibility"] = [
    ('קישור "דילוג לתוכן הראשי" שמופיע', "קישור „דילוג לתוכן הראשי” שמופיע"),
]


def correct_site_pages(apps, schema_editor):
    SitePage = apps.get_model("core", "SitePage")
    for page in SitePage.objects.filter(slug__in=REPLACEMENTS):
        body = page.body
        for old, new in REPLACEMENTS[page.slug]:
            body = body.replace(old, new)
        if body != page.body:
            SitePage.objects.filter(pk=page.pk).update(body=body)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_redirects_and_wordpress_pages")]

    operations = [migrations.RunPython(correct_site_pages, migrations.RunPython.noop)]
