"""``hemicycle federation-status``: who we are, our peers, what waits in the outbox and what was refused."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from hemicycle.calendars import federation
from hemicycle.calendars.models import InboundMessage, Peer
from hemicycle.cooperation.sync import own_parliament


class Command(BaseCommand):
    help = "Show this instance's federation identity and the state of every peer."
    requires_system_checks = []  # a quick operator command; `hemicycle check` runs them

    def add_arguments(self, parser):
        parser.add_argument("--public-key", action="store_true", help="Print only our public key")
        parser.add_argument("--refusals", type=int, default=5, help="How many recent refusals to list per peer")

    def handle(self, *args, **options):
        try:
            public = federation.public_key()
        except federation.FederationNotConfigured as exc:
            if options["public_key"]:
                raise CommandError(str(exc)) from exc
            public = _("none — %(reason)s") % {"reason": exc}
        if options["public_key"]:
            self.stdout.write(public)
            return
        self.stdout.write(_("Instance:   %(id)s") % {"id": settings.HEMICYCLE_INSTANCE_ID})
        self.stdout.write(_("Public key: %(key)s") % {"key": public})
        self.stdout.write(_("Parliament: %(org)s") % {"org": own_parliament() or _("(HEMICYCLE_OWN_PARLIAMENT unset)")})
        peers = Peer.objects.select_related("organization").order_by("name")
        if not peers:
            self.stdout.write(_("No peers: pair with `hemicycle federation-pair`."))
        for peer in peers:
            outbox = peer.outbox
            pending = outbox.filter(delivered_at__isnull=True)
            self.stdout.write("")
            self.stdout.write(f"{peer.name} — {peer.instance_id} ({peer.organization}) {peer.base_url}")
            self.stdout.write(_("  received up to: %(n)d; sent: %(sent)d, waiting: %(waiting)d "
                                "(oldest #%(oldest)s)") % {
                "n": peer.last_seq_received, "sent": outbox.count(), "waiting": pending.count(),
                "oldest": pending.order_by("seq").values_list("seq", flat=True).first() or "—"})
            self.stdout.write(_("  last contact: %(at)s") % {"at": peer.last_contact_at or "—"})
            if peer.last_error:
                self.stdout.write(_("  last error: %(error)s") % {"error": peer.last_error})
            for message in InboundMessage.objects.filter(peer=peer, outcome=InboundMessage.Outcome.REFUSED)[
                    :options["refusals"]]:
                self.stdout.write(_("  refused %(method)s #%(seq)s at %(at)s: %(reason)s") % {
                    "method": message.method, "seq": message.seq, "at": message.received_at, "reason": message.reason})
