import sys
import time

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from hemicycle.legislation.demo import demo_bills_remove, generate_demo_legislation


class Command(BaseCommand):
    help = ("Generate clearly labelled demo bills with texts, amendments, stages, sittings and roll-call votes of "
            "the Kurultai's 145 members. A second run adds bills with new numbers; --reset removes demo bills first.")

    def add_arguments(self, parser):
        parser.add_argument("--bills", type=int, default=100, help="How many bills to add (default 100).")
        parser.add_argument(
            "--votes", type=int, default=None,
            help="About how many individual votes the new bills may have in all (145 per roll-call). A bill goes "
                 "to its votes while the votes so far are below this budget's share for the bills made so far; "
                 "the others stop in committee before their first vote. Without it, every bill takes its full "
                 "course (about 570 votes a bill).")
        parser.add_argument("--seed", type=int, default=0, help="Random seed: the same seed gives the same bills.")
        parser.add_argument("--reset", action="store_true", help="Remove the demo bills first.")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is not for production (HEMICYCLE_ENV=production).")
        if options["bills"] < 0:
            raise CommandError("--bills must be 0 or more.")
        if options["votes"] is not None and options["votes"] < 0:
            raise CommandError("--votes must be 0 or more.")
        if options["reset"]:
            self.stdout.write(f"Removed {demo_bills_remove()} demo bills.")
        started = time.monotonic()
        # tqdm writes carriage returns; Django's OutputWrapper would add a newline to each, so use its stream.
        stream = getattr(self.stderr, "_out", sys.stderr)
        with tqdm(total=options["bills"], unit="bill", file=stream, disable=None, leave=False) as bar:
            counts = generate_demo_legislation(bills=options["bills"], seed=options["seed"], votes=options["votes"],
                                               progress=lambda done: bar.update(done - bar.n))
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(
            "Demo legislation: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
            + f" in {elapsed:.1f} s"))
        # The rows are bulk-inserted, which sends no signals: the bills and their texts are indexed once, here.
        if "rebuild_search_index" in get_commands():
            call_command("rebuild_search_index", kind=["bill", "text"], verbosity=options["verbosity"],
                         stdout=self.stdout._out, stderr=self.stderr._out)
