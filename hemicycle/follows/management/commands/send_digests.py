"""``hemicycle send-digests [--frequency daily|weekly]``: email each person what changed in what they follow.

Run it daily (cron, a systemd timer). A follow gets mail when its digest is due (daily: 20 hours after the last;
weekly: 6 days 20 hours) and something changed; running it more often sends nothing twice. ``--frequency``
limits the run to one kind of follow, e.g. a weekly job on Mondays and a daily one every morning.
"""

from django.core.management.base import BaseCommand, CommandError

from hemicycle.follows.models import Follow
from hemicycle.follows.services import digests_send


class Command(BaseCommand):
    help = "Email each person a digest of what changed in the bills, committees, members and searches they follow."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=[Follow.Frequency.DAILY.value, Follow.Frequency.WEEKLY.value],
                            help="Only the follows with this email frequency (default: both, each when due).")

    def handle(self, *args, frequency=None, **options):
        report = digests_send(frequency=frequency)
        for address in report.sent:
            self.stdout.write(f"Sent: {address}")
        for address, reason in report.failed:
            self.stderr.write(f"Failed: {address}: {reason}")
        self.stdout.write(f"{len(report.sent)} digest(s) sent, {report.unchanged} without changes, "
                          f"{report.skipped} left to another run, {len(report.failed)} failed.")
        if report.failed:
            raise CommandError(f"{len(report.failed)} digest(s) could not be sent; they will be retried next run.")
