from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from blog import morphology
from blog.models import Post


class Command(BaseCommand):
    help = _("בונה מחדש את מסמכי החיפוש של כל הפוסטים במנתח העברית הנוכחי (אחרי התקנת hspell).")

    def handle(self, *args, **options):
        posts = Post.objects.all()
        posts.update_search_documents()
        count = posts.count()
        message = ngettext(
            "מסמכי החיפוש של פוסט אחד נבנו מחדש (מנתח: %(analyser)s).",
            "מסמכי החיפוש של %(count)d פוסטים נבנו מחדש (מנתח: %(analyser)s).",
            count,
        )
        self.stdout.write(message % {"count": count, "analyser": morphology.analyser().name})
