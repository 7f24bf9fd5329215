"""``hemicycle federation-sync``: push what is waiting in the outbox, then pull what each peer has for us."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from hemicycle.calendars import federation
from hemicycle.calendars.models import Peer
from hemicycle.cooperation.models import Programme
from hemicycle.cooperation.sync import peers_for_programme, programme_announce


class Command(BaseCommand):
    help = ("Push undelivered messages to every peer, then pull their changes since our last token. "
            "Exits with status 1 if a peer could not be reached.")
    requires_system_checks = []  # a quick operator command; `hemicycle check` runs them

    def add_arguments(self, parser):
        parser.add_argument("--peer", help="Only this peer (its instance id)")
        parser.add_argument("--announce", action="store_true",
                            help="First queue every activity we organize in shared programmes (what the peer "
                                 "already has is skipped): for a new pairing")

    def handle(self, *args, **options):
        if not federation.is_configured():
            try:
                federation.federation_key()
            except federation.FederationNotConfigured as exc:
                raise CommandError(str(exc)) from exc
        peers = Peer.objects.select_related("organization").order_by("name")
        if options["peer"]:
            peers = peers.filter(instance_id=options["peer"])
            if not peers:
                raise CommandError(_("No peer “%(peer)s”.") % {"peer": options["peer"]})
        if options["announce"]:
            queued = sum(programme_announce(programme=programme) for programme in Programme.objects.all()
                         if peers_for_programme(programme))
            self.stdout.write(_("Queued %(n)d activities.") % {"n": queued})
        failed = False
        for peer in peers:
            started = time.perf_counter()
            pushed = federation.deliver_pending(peer)
            pulled = federation.pull(peer)
            elapsed = time.perf_counter() - started
            self.stdout.write(_("%(peer)s: pushed %(pushed)d, pulled %(pulled)d (%(elapsed).3f s)") % {
                "peer": peer.instance_id, "pushed": pushed.delivered + len(pushed.refused),
                "pulled": pulled.applied + len(pulled.refused), "elapsed": elapsed})
            for reason in pushed.refused:
                self.stdout.write(_("  refused by the peer: %(reason)s") % {"reason": reason})
            for reason in pulled.refused:
                self.stdout.write(_("  refused here: %(reason)s") % {"reason": reason})
            for error in (pushed.error, pulled.error):
                if error:
                    failed = True
                    self.stderr.write(_("  error: %(error)s") % {"error": error})
        if failed:
            raise SystemExit(1)
