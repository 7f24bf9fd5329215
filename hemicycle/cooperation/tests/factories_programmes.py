"""Test data for joint programmes: two parliaments, their partnership, a programme and its activities.

Times are given as wall-clock times where the activity happens (like the people who plan them think of them) and
stored in UTC by the factory.
"""

import datetime
import uuid
import zoneinfo
from types import SimpleNamespace

from hemicycle.cooperation import services
from hemicycle.cooperation.models import Activity, Commitment, Partnership, Programme
from hemicycle.people.models import Organization, Person

ALMATY = "Asia/Almaty"
BRUSSELS = "Europe/Brussels"


def local(zone: str, *parts: int) -> datetime.datetime:
    """An aware datetime at wall-clock time ``parts`` (year, month, day, hour, minute) in ``zone``."""
    return datetime.datetime(*parts, tzinfo=zoneinfo.ZoneInfo(zone))


def make_world(*, programme_title: str = "Joint calendar of activities 2025–2026") -> SimpleNamespace:
    """Kazakhstan's and Belgium's parliaments, a committee, an assembly, two members, their partnership and an
    empty programme for 2025–2026."""
    kz = Organization.objects.create(name="Parliament of Kazakhstan", name_en="Parliament of Kazakhstan",
                                     name_kk="Қазақстан Парламенті",
                                     classification=Organization.Classification.PARLIAMENT)
    be = Organization.objects.create(name="Federal Parliament of Belgium", name_en="Federal Parliament of Belgium",
                                     name_nl="Federaal Parlement van België",
                                     classification=Organization.Classification.PARLIAMENT)
    committee = Organization.objects.create(name="Committee on Foreign Affairs",
                                            name_en="Committee on Foreign Affairs", parent=kz,
                                            classification=Organization.Classification.COMMITTEE)
    ipu = Organization.objects.create(name="Inter-Parliamentary Union", name_en="Inter-Parliamentary Union",
                                      classification=Organization.Classification.INTERNATIONAL_ASSEMBLY)
    aigerim = Person.objects.create(name="Aigerim Mysal", name_en="Aigerim Mysal", sort_name="Mysal, Aigerim")
    jan = Person.objects.create(name="Jan Voorbeeld", name_en="Jan Voorbeeld", sort_name="Voorbeeld, Jan")
    partnership = Partnership.objects.create(title="Kazakhstan–Belgium", title_en="Kazakhstan–Belgium",
                                             parliament=kz, counterpart=be)
    programme = Programme.objects.create(partnership=partnership, title=programme_title,
                                         title_en=programme_title, period_start=datetime.date(2025, 1, 1),
                                         period_end=datetime.date(2026, 12, 31))
    return SimpleNamespace(kz=kz, be=be, committee=committee, ipu=ipu, aigerim=aigerim, jan=jan,
                           partnership=partnership, programme=programme)


def make_activity(world: SimpleNamespace, *, title: str = "Round table on digital parliament",
                  start: datetime.datetime | None = None, hours: float = 2,
                  kind: str = Activity.Kind.ROUND_TABLE, status: str = Activity.Status.SCHEDULED,
                  organizer: Organization | None = None, programme: Programme | None = None, by=None,
                  **fields) -> Activity:
    """An activity through the service (so that its first status is in the history). ``start`` is aware; its
    zone becomes the activity's zone unless ``timezone`` is given."""
    start = start or local(ALMATY, 2025, 5, 12, 10, 0)
    zone = fields.pop("timezone", None) or getattr(start.tzinfo, "key", "UTC")
    fields.setdefault("title_en", title)
    # activity_create validates before the model's save() would make a UID up: give one, as the API does.
    fields.setdefault("uid", f"{uuid.uuid4()}@tests.hemicycle.localhost")
    return services.activity_create(
        programme=programme or world.programme, by=by, kind=kind, status=status,
        organizer=organizer or world.kz, start=start.astimezone(datetime.UTC),
        end=(start + datetime.timedelta(hours=hours)).astimezone(datetime.UTC), timezone=zone, **fields)


def make_commitment(world: SimpleNamespace, *, title: str = "Exchange committee reports",
                    due_on: datetime.date | None = None, status: str = Commitment.Status.OPEN,
                    **fields) -> Commitment:
    fields.setdefault("title_en", title)
    return Commitment.objects.create(partnership=world.partnership, title=title, due_on=due_on, status=status,
                                     **fields)


def make_programme_with_activities(world: SimpleNamespace) -> dict[str, Activity]:
    """A small programme over 2025: visits both ways, a round table, a video call, a joint initiative at the IPU,
    one cancelled and one embargoed activity."""
    return {
        "visit": make_activity(world, title="Visit of the Belgian delegation to Astana",
                               kind=Activity.Kind.VISIT_INCOMING, start=local(ALMATY, 2025, 3, 10, 9, 0), hours=56,
                               status=Activity.Status.HELD,
                               venue_en="Parliament House", city_en="Astana", organizer=world.kz,
                               delegation=[world.jan], bodies=[world.committee]),
        "round_table": make_activity(world, title="Round table on digital parliament",
                                     start=local(BRUSSELS, 2025, 5, 12, 10, 0), organizer=world.be,
                                     venue_en="Palace of the Nation", city_en="Brussels",
                                     status=Activity.Status.REPORTED),
        "video": make_activity(world, title="Video conference of the friendship groups",
                               kind=Activity.Kind.VIDEO_CONFERENCE, start=local(ALMATY, 2025, 5, 20, 15, 0),
                               status=Activity.Status.SCHEDULED),
        "ipu": make_activity(world, title="Joint initiative at the IPU Assembly", kind=Activity.Kind.JOINT_INITIATIVE,
                             start=local("Europe/Zurich", 2025, 10, 20, 10, 0), status=Activity.Status.AGREED,
                             assembly=world.ipu, organizer=world.be, city_en="Geneva"),
        "cancelled": make_activity(world, title="Committee meeting on energy", kind=Activity.Kind.COMMITTEE_MEETING,
                                   start=local(ALMATY, 2025, 11, 5, 11, 0), status=Activity.Status.CANCELLED),
        "embargoed": make_activity(world, title="Secret visit of the Speaker", kind=Activity.Kind.VISIT_OUTGOING,
                                   start=local(BRUSSELS, 2025, 12, 1, 9, 0), status=Activity.Status.AGREED,
                                   embargo_until=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)),
    }
