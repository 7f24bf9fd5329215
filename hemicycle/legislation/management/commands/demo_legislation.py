import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hemicycle.legislation.demo import demo_bills_remove, generate_demo_legislation


class Command(BaseCommand):
    help = ("Generate clearly labelled demo bills with texts, amendments, stages, sittings and roll-call votes of "
            "the Kurultai's 145 members. A second run adds bills with new numbers; --reset removes demo bills first.")

    def add_arguments(self, parser):
        parser.add_argument("--bills", type=int, default=100, help="How many bills to add (default 100).")
        parser.add_argument("--seed", type=int, default=0, help="Random seed: the same seed gives the same bills.")
        parser.add_argument("--reset", action="store_true", help="Remove the demo bills first.")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is not for production (HEMICYCLE_ENV=production).")
        if options["bills"] < 0:
            raise CommandError("--bills must be 0 or more.")
        if options["reset"]:
            self.stdout.write(f"Removed {demo_bills_remove()} demo bills.")
        started = time.monotonic()
        counts = generate_demo_legislation(bills=options["bills"], seed=options["seed"])
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(
            "Demo legislation: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
            + f" in {elapsed:.1f} s"))
