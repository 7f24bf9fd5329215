from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from hemicycle.demo.accounts import demo_password, demo_staff_ensure
from hemicycle.demo.world import load_demo_world
from hemicycle.search.models import SearchDocument
from hemicycle.search.services import index_rebuild


class Command(BaseCommand):
    help = "Load (or refresh) the self-contained demo world and the demo staff accounts."

    def add_arguments(self, parser):
        parser.add_argument("--no-accounts", action="store_true", help="Do not create the demo staff accounts.")
        parser.add_argument("--no-legislation", action="store_true", help="Do not generate demo bills.")
        parser.add_argument("--bills", type=int, default=200, help="How many demo bills to make (default 200).")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The demo world is not for production (HEMICYCLE_ENV=production).")
        counts = load_demo_world()
        self.stdout.write(self.style.SUCCESS("Demo world loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items())))
        if not options["no_legislation"]:
            from hemicycle.legislation.demo import generate_demo_legislation

            # Replaced on every load, so that loading twice gives the same bills rather than twice as many.
            made = generate_demo_legislation(bills=options["bills"], seed=0, reset=True)
            self.stdout.write(self.style.SUCCESS("Demo legislation: " + ", ".join(
                f"{v} {k.replace('_', ' ')}" for k, v in made.items())))
        # Bulk writes send no signals: index everything once, at the end.
        index_rebuild()
        documents = dict(SearchDocument.objects.values_list("kind").annotate(n=Count("pk")))
        self.stdout.write(self.style.SUCCESS("Search index: " + ", ".join(
            f"{documents.get(kind, 0)} {label.lower()}" for kind, label in SearchDocument.Kind.choices)))
        if options["no_accounts"]:
            return
        staff = demo_staff_ensure()
        self.stdout.write("")
        self.stdout.write("Log in to the back office at /en/admin/ as a member of staff:")
        for email, role in staff:
            self.stdout.write(f"  {email:34} ({role})")
        self.stdout.write(f"  password for all of them: {demo_password()}")
