from django.core.management.base import BaseCommand
from tqdm import tqdm

from hemicycle.search.indexers import INDEXERS
from hemicycle.search.services import index_rebuild


class Command(BaseCommand):
    help = ("Index every searchable record again (bills, bill texts, people, bodies, activities, press releases). "
            "Saves keep the index current; run this after bulk loads or a restore.")

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", choices=list(INDEXERS),
                            help="Only this kind (repeatable). Default: all.")

    def handle(self, *args, kind=None, verbosity=1, **options):
        bars = {}

        def progress(name, done, total):
            if verbosity < 1:
                return
            if name not in bars:
                bars[name] = tqdm(total=total, desc=name, unit="rec", leave=False, disable=None)
            bar = bars[name]
            bar.update(done - bar.n)

        summary = index_rebuild(kinds=kind, progress=progress)
        for bar in bars.values():
            bar.close()
        for name, (changed, removed) in summary.items():
            self.stdout.write(f"{name:>9}: {changed} indexed, {removed} removed")
