"""Test data for the calendar feeds: the Kazakhstan–Belgium partnership with one programme and its activities.

Activities in Asia/Almaty and Europe/Brussels, summer and winter, one cancelled, one embargoed, one unpublished,
written through the cooperation services (as the back office and federation do).
"""

import datetime
import uuid
import zoneinfo
from dataclasses import dataclass, field

from django.utils import timezone

from hemicycle.cooperation.models import Activity, Partnership, Programme
from hemicycle.cooperation.services import activity_cancel, activity_create
from hemicycle.people.models import Organization, Person

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


@dataclass
class FeedWorld:
    kz: Organization
    be: Organization
    committee: Organization
    assembly: Organization
    other_body: Organization
    member: Person
    outsider: Person
    partnership: Partnership
    programme: Programme
    activities: dict[str, Activity] = field(default_factory=dict)


def local(tz, *args) -> datetime.datetime:
    """An aware datetime at a wall-clock time in ``tz``."""
    return datetime.datetime(*args, tzinfo=tz)


def make_feed_world() -> FeedWorld:
    kz = Organization.objects.create(name_en="Parliament of the Republic of Kazakhstan",
                                     name_kk="Қазақстан Республикасының Парламенті",
                                     name_ru="Парламент Республики Казахстан", classification="parliament")
    be = Organization.objects.create(name_en="Belgian Federal Parliament", name_fr="Parlement fédéral belge",
                                     name_nl="Federaal Parlement van België", classification="parliament")
    committee = Organization.objects.create(name_en="Committee on International Affairs", parent=kz,
                                            name_kk="Халықаралық істер комитеті", classification="committee")
    assembly = Organization.objects.create(name_en="Inter-Parliamentary Union",
                                           classification="international_assembly")
    other_body = Organization.objects.create(name_en="Committee on Agriculture", parent=kz,
                                             classification="committee")
    member = Person.objects.create(name_en="Demo Member One", name_kk="Демо Мүше Бір")
    outsider = Person.objects.create(name_en="Demo Member Two")
    partnership = Partnership.objects.create(title_en="Kazakhstan–Belgium", title_kk="Қазақстан–Бельгия",
                                             parliament=kz, counterpart=be)
    programme = Programme.objects.create(partnership=partnership,
                                         title_en="Joint calendar of activities 2025–2026",
                                         title_kk="2025–2026 жылдарға арналған бірлескен іс-шаралар күнтізбесі",
                                         period_start=datetime.date(2025, 1, 1),
                                         period_end=datetime.date(2026, 12, 31))
    world = FeedWorld(kz=kz, be=be, committee=committee, assembly=assembly, other_body=other_body, member=member,
                      outsider=outsider, partnership=partnership, programme=programme)

    def add(key, *, start, hours=2, tz, **fields):
        fields.setdefault("kind", Activity.Kind.ROUND_TABLE)
        fields.setdefault("organizer", kz)
        # activity_create validates before the model's save() would make a UID up: give a stable one.
        fields.setdefault("uid", f"{key}-{uuid.uuid4()}@tests.hemicycle.localhost")
        world.activities[key] = activity_create(programme=programme, start=start,
                                                end=start + datetime.timedelta(hours=hours),
                                                timezone=tz.key, **fields)

    add("almaty", start=local(ALMATY, 2025, 3, 10, 10), tz=ALMATY, status=Activity.Status.AGREED,
        title_en="Round table on water and energy", title_kk="Су және энергетика жөніндегі дөңгелек үстел",
        venue_en="Parliament House", city_en="Astana", city_kk="Астана",
        description_en="Committees of both parliaments; simultaneous interpretation, kk/ru/en/fr/nl.",
        delegation=[member], bodies=[committee])
    add("brussels_summer", start=local(BRUSSELS, 2025, 7, 1, 10), tz=BRUSSELS, kind=Activity.Kind.VISIT_OUTGOING,
        title_en="Visit of the friendship group to Brussels", organizer=be, status=Activity.Status.SCHEDULED,
        venue_en="Palace of the Nation", city_en="Brussels", city_fr="Bruxelles", city_nl="Brussel",
        delegation=[member])
    add("brussels_winter", start=local(BRUSSELS, 2026, 1, 20, 10), tz=BRUSSELS, hours=3,
        kind=Activity.Kind.JOINT_INITIATIVE, title_en="Joint initiative at the IPU", assembly=assembly,
        organizer=be, status=Activity.Status.PROPOSED)
    add("cancelled", start=local(ALMATY, 2025, 9, 15, 15), tz=ALMATY, kind=Activity.Kind.VIDEO_CONFERENCE,
        title_en="Video conference on digital parliament", status=Activity.Status.AGREED, bodies=[committee])
    activity_cancel(activity=world.activities["cancelled"], note="Both sides agreed to merge it.")
    world.activities["cancelled"].refresh_from_db()
    add("embargoed", start=local(BRUSSELS, 2026, 5, 4, 14), tz=BRUSSELS, title_en="Embargoed round table",
        embargo_until=timezone.now() + datetime.timedelta(days=30), delegation=[member], bodies=[committee])
    add("unpublished", start=local(ALMATY, 2026, 6, 1, 9), tz=ALMATY, title_en="Unpublished draft visit",
        kind=Activity.Kind.VISIT_INCOMING, is_published=False, delegation=[member], bodies=[committee])
    return world
