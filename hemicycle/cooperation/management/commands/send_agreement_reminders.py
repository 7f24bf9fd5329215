"""``hemicycle send-agreement-reminders``: email the international relations officers about agreements nearing
expiry. Run it daily (cron, a systemd timer); it reminds of each agreement once, however often it runs."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from hemicycle.cooperation.services import agreement_reminders_send


class Command(BaseCommand):
    help = "Email the international relations officers about agreements whose expiry is within their reminder window."

    def add_arguments(self, parser):
        parser.add_argument("--on", help="Act as if today were this date (YYYY-MM-DD); for catching up.")

    def handle(self, *args, on=None, **options):
        try:
            day = datetime.date.fromisoformat(on) if on else None
        except ValueError as exc:
            raise CommandError(f"--on {on!r} is not a date (YYYY-MM-DD).") from exc
        reminded = agreement_reminders_send(on=day)
        for agreement in reminded:
            self.stdout.write(f"Reminded: {agreement.title} (expires {agreement.expires_on.isoformat()})")
        self.stdout.write(f"{len(reminded)} agreement reminder(s) sent.")
