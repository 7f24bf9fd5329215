"""``hemicycle federation-demo-setup``: check that this instance is ready to be one side of the federation demo.

Run after ``hemicycle load-demo`` with HEMICYCLE_OWN_PARLIAMENT set to ``kz`` or ``be``. The demo loader gives both
instances the same shared records — the programme "Joint calendar of activities 2025–2026" with the same public
id, its activities with the same calendar UIDs — seen from each instance's own side; that shared identity is how
federation recognises them (see ``hemicycle.cooperation.sync``). This command makes sure the partnership is seen
from our side (our parliament first; it turns it round if not) and prints what will be shared.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from hemicycle.cooperation.models import Partnership, Programme
from hemicycle.cooperation.sync import DEMO_SCHEME, own_parliament, resolve_organization
from hemicycle.core.ids import derived_public_id

PROGRAMME_ID = derived_public_id("programme", scheme=DEMO_SCHEME, source_id="kz-be-2025-2026")


class Command(BaseCommand):
    help = "Check this instance for the federation demo (after load-demo, with HEMICYCLE_OWN_PARLIAMENT=kz or be)."
    requires_system_checks = []  # a quick operator command; `hemicycle check` runs them

    @transaction.atomic
    def handle(self, *args, **options):
        kz, be = resolve_organization("kz-parliament"), resolve_organization("be-parliament")
        if kz is None or be is None:
            raise CommandError("Load the demo world first: `hemicycle load-demo`.")
        own = own_parliament()
        if own not in (kz, be):
            raise CommandError("Set HEMICYCLE_OWN_PARLIAMENT to kz or be "
                               f"(now “{settings.HEMICYCLE_OWN_PARLIAMENT}”).")
        other = be if own == kz else kz
        partnership = Partnership.objects.filter(Q(parliament=own, counterpart=other) |
                                                 Q(parliament=other, counterpart=own)).first()
        programme = Programme.objects.filter(public_id=PROGRAMME_ID).first()
        if partnership is None or programme is None:
            raise CommandError("The demo world has no Kazakhstan–Belgium programme: run `hemicycle load-demo`.")
        if partnership.parliament != own:
            partnership.parliament, partnership.counterpart = own, other
            partnership.our_friendship_group, partnership.partner_friendship_group = (
                partnership.partner_friendship_group, partnership.our_friendship_group)
            partnership.save()
            self.stdout.write(f"Turned the partnership round: seen from {own} now.")
        self.stdout.write(self.style.SUCCESS(
            f"{own}: partnership with {other}; programme {programme.public_id} "
            f"({programme.activities.count()} activities, {programme.versions.count()} versions)."))
