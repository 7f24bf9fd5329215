"""``hemicycle federation-pair``: pin a partner instance's public key (create or update the peer)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from hemicycle.calendars import signing
from hemicycle.calendars.models import Peer
from hemicycle.cooperation.sync import resolve_organization


class Command(BaseCommand):
    help = "Pair with a partner's Hemicycle: pin its Ed25519 public key, its address and which parliament it is."
    requires_system_checks = []  # a quick operator command; `hemicycle check` runs them

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="A name for the partner, e.g. “Belgian Federal Parliament”")
        parser.add_argument("--instance-id", required=True,
                            help="The partner's HEMICYCLE_INSTANCE_ID, e.g. be.hemicycle.example")
        parser.add_argument("--url", required=True, help="The partner's address, e.g. https://hemicycle.example.be")
        parser.add_argument("--public-key", required=True,
                            help="The partner's public key (base64), received from it out of band")
        parser.add_argument("--organization", required=True,
                            help="Public id of the partner parliament (or its demo key, e.g. be-parliament)")

    def handle(self, *args, **options):
        try:
            signing.load_public_key(options["public_key"])
        except signing.SignatureError as exc:
            raise CommandError(str(exc)) from exc
        try:
            URLValidator(schemes=["http", "https"])(options["url"])
        except ValidationError as exc:
            raise CommandError(_("--url is not an http(s) address.")) from exc
        organization = resolve_organization(options["organization"])
        if organization is None:
            raise CommandError(_("No organization “%(id)s” here: the partner parliament must be in the registry.")
                               % {"id": options["organization"]})
        existing = Peer.objects.filter(instance_id=options["instance_id"]).first()
        if existing is not None and existing.public_key != options["public_key"]:
            self.stderr.write(_("Warning: the public key of %(peer)s changes; messages signed with the old key "
                                "will be refused from now on.") % {"peer": existing.instance_id})
        peer, created = Peer.objects.update_or_create(instance_id=options["instance_id"], defaults={
            "name": options["name"], "base_url": options["url"].rstrip("/"), "public_key": options["public_key"],
            "organization": organization})
        message = _("Paired with %(peer)s (%(org)s) at %(url)s.") if created else \
            _("Updated the pairing with %(peer)s (%(org)s) at %(url)s.")
        self.stdout.write(self.style.SUCCESS(message % {"peer": peer.instance_id, "org": organization,
                                                        "url": peer.base_url}))
