"""Test data for federation: two parliaments, their partnership and programme, and a paired peer.

"We" are Kazakhstan's instance (kz.test); the peer is Belgium's (be.test). The tests hold Belgium's private key
too, so that they can write the messages Belgium's instance would send — and forge, alter and replay them.
"""

import datetime
import itertools
import zoneinfo

from hemicycle.calendars import signing
from hemicycle.calendars.federation import now_iso
from hemicycle.calendars.models import Peer
from hemicycle.cooperation.models import Activity, Partnership, Programme
from hemicycle.cooperation.sync import activity_vevent, vcalendar
from hemicycle.people.models import Organization

US = "kz.test"
THEM = "be.test"
OUR_SEED, OUR_PUBLIC = signing.new_key_pair()
THEIR_SEED, THEIR_PUBLIC = signing.new_key_pair()
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
_counter = itertools.count(1)


def configure(settings) -> None:
    """Make the test settings those of Kazakhstan's instance, with delivery on commit off."""
    settings.HEMICYCLE_INSTANCE_ID = US
    settings.FEDERATION_INSTANCE_HOST = US
    settings.HEMICYCLE_FEDERATION_KEY = OUR_SEED
    settings.HEMICYCLE_OWN_PARLIAMENT = ""
    settings.FEDERATION_PUSH_ON_COMMIT = False


def world() -> dict:
    """Both parliaments, the partnership (ours → theirs), a programme, and the paired Belgian peer."""
    kz = Organization.objects.create(name="Parliament of Kazakhstan", classification="parliament")
    be = Organization.objects.create(name="Federal Parliament of Belgium", classification="parliament")
    partnership = Partnership.objects.create(title="Kazakhstan – Belgium", parliament=kz, counterpart=be)
    programme = Programme.objects.create(partnership=partnership, title="Joint calendar of activities 2025–2026",
                                         period_start=datetime.date(2025, 9, 1), period_end=datetime.date(2026, 12, 31))
    peer = Peer.objects.create(name="Belgium", organization=be, instance_id=THEM, base_url="http://127.0.0.1:9",
                               public_key=THEIR_PUBLIC)
    return {"kz": kz, "be": be, "partnership": partnership, "programme": programme, "peer": peer}


def remote_activity(programme, organizer, **fields) -> Activity:
    """An activity as the partner's instance would hold it (not saved here)."""
    n = next(_counter)
    values = {
        "uid": f"remote-{n}@{THEM}", "public_id": f"ocd-activity/00000000-0000-4000-8000-{n:012d}",
        "kind": Activity.Kind.ROUND_TABLE, "title_en": "Round table on digital parliaments",
        "title_fr": "Table ronde sur les parlements numériques", "title_nl": "Rondetafel over digitale parlementen",
        "start": datetime.datetime(2025, 11, 20, 14, 0, tzinfo=BRUSSELS),
        "end": datetime.datetime(2025, 11, 20, 17, 0, tzinfo=BRUSSELS), "timezone": "Europe/Brussels",
        "venue_en": "Palace of the Nation", "city_en": "Brussels", "status": Activity.Status.AGREED, "sequence": 0,
    }
    values.update(fields)
    return Activity(programme=programme, organizer=organizer, **values)


def envelope(*, method: str, seq: int, activity: Activity | None = None, jcal=None, sender: str = THEM,
             to: str = US, key: str = THEIR_SEED, sent_at: str | None = None, **extra) -> dict:
    """A signed message as the partner's instance would send it."""
    if jcal is None and activity is not None:
        jcal = vcalendar(method, activity_vevent(activity, comment=extra.pop("comment", "")))
    body = {"protocol": "hemicycle-federation/1", "from": sender, "to": to, "seq": seq,
            "sent_at": sent_at or now_iso(), "created_at": now_iso(), "method": method,
            "uid": activity.uid if activity is not None else "",
            "programme": activity.programme.public_id if activity is not None else "", "jcal": jcal, **extra}
    return signing.sign_envelope(body, key)
