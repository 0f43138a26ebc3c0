from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from blog import trash


class Command(BaseCommand):
    help = _("מוחק לצמיתות פוסטים שנמצאים בסל המחזור יותר מ-30 יום (או ממספר הימים שנבחר).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=trash.KEEP_DAYS,
            help=_("כמה ימים פוסט נשאר בסל המחזור לפני שהוא נמחק לצמיתות (ברירת המחדל: 30)."),
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError(_("מספר הימים חייב להיות אפס או יותר."))
        count = trash.purge(older_than_days=days)
        message = ngettext(
            "פוסט אחד נמחק לצמיתות מסל המחזור.",
            "%(count)d פוסטים נמחקו לצמיתות מסל המחזור.",
            count,
        ) % {"count": count}
        self.stdout.write(message)
