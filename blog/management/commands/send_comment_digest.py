"""Mail the editors the comments still waiting for a digest (blog.notifications).

Run it every few minutes from cron or a systemd timer, e.g.
    */5 * * * *  cd /srv/blog && .venv/bin/python manage.py send_comment_digest
so the last comments of a burst do not wait for the next comment to be mailed.
"""

from django.core.management.base import BaseCommand

from blog.notifications import send_digest


class Command(BaseCommand):
    help = "Mail the editors a digest of new comments, if one is due (at most one per window)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default="",
            help="The site's address for links in the email, e.g. https://blog.example.org",
        )

    def handle(self, *args, site_url, **options):
        listed = send_digest(site_url.rstrip("/"))
        if listed:
            self.stdout.write(f"Digest sent: {listed} comments.")
        else:
            self.stdout.write("No digest due.")
