import datetime

from django.core.management.base import BaseCommand, CommandError

from hemicycle.legislation.services import chamber_succession_apply


class Command(BaseCommand):
    help = ("Apply the successions between bodies dated on or before a day (today by default): pending bills, "
            "committees' bills and members' terms pass to the successor. Safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument("--on", help="The day, YYYY-MM-DD (default: today).")

    def handle(self, *args, **options):
        try:
            on = datetime.date.fromisoformat(options["on"]) if options["on"] else datetime.date.today()
        except ValueError as error:
            raise CommandError(f"--on: {error}") from error
        report = chamber_succession_apply(on=on)
        for number, src, dst in report.bills_transferred:
            self.stdout.write(f"bill {number}: {src} → {dst}")
        for number, src, dst in report.committee_bills_transferred:
            self.stdout.write(f"bill {number}: committee {src} → {dst}")
        for src, dst in report.committees_matched:
            self.stdout.write(f"committee {src} continues as {dst}")
        for name in report.committees_unmatched:
            self.stdout.write(self.style.WARNING(f"committee {name} has no successor committee: left as it is"))
        self.stdout.write(self.style.SUCCESS(
            f"Successions up to {on.isoformat()}: {len(report.bills_transferred)} bills transferred, "
            f"{len(report.committee_bills_transferred)} passed to a successor committee, "
            f"{report.memberships_ended} memberships ended."))
