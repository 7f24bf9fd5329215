"""``hemicycle federation-keygen``: a new Ed25519 key for this instance, and the public key to give the partner."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from hemicycle.calendars import signing


class Command(BaseCommand):
    help = "Print a new federation key (base64 seed for HEMICYCLE_FEDERATION_KEY) and its public key."
    requires_system_checks = []  # a quick operator command; `hemicycle check` runs them

    def add_arguments(self, parser):
        parser.add_argument("--write", metavar="FILE", help="Write the seed to FILE (mode 600, refused if FILE "
                            "exists) and print only the public key. Keep FILE out of version control.")

    def handle(self, *args, **options):
        seed, public = signing.new_key_pair()
        if options["write"]:
            path = Path(options["write"])
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError as exc:
                raise CommandError(_("%(path)s exists: a key is never overwritten.") % {"path": path}) from exc
            with os.fdopen(descriptor, "w") as handle:
                handle.write(seed + "\n")
            self.stdout.write(public)
            return
        self.stdout.write(_("Private key — put it in this instance's environment, keep it secret:"))
        self.stdout.write(f"HEMICYCLE_FEDERATION_KEY={seed}")
        self.stdout.write(_("Public key — give it to the partner for `hemicycle federation-pair --public-key`:"))
        self.stdout.write(public)
