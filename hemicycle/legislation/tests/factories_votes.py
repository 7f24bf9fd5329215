"""Test data for sittings and votes: a chamber of members in two political groups, a bill, sittings, a vote."""

import datetime
from dataclasses import dataclass, field

from hemicycle.legislation.models import AgendaItem, Bill, BillType, Sitting, Stage, Workflow
from hemicycle.legislation.votes import vote_event_record
from hemicycle.people.models import Identifier, Membership, Organization, Person

UTC = datetime.UTC


@dataclass
class World:
    parliament: Organization
    chamber: Organization
    committee: Organization
    groups: list[Organization]
    members: list[Person]
    bill: Bill
    stage: Stage
    plenary: Sitting
    committee_sitting: Sitting
    extra: dict = field(default_factory=dict)


def make_world(*, members: int = 6) -> World:
    """``members`` members of the Kurultai since 2026-07-01, alternately in Amanat and Ak Zhol."""
    parliament = Organization.objects.create(name="Parliament", classification="parliament")
    chamber = Organization.objects.create(name="Kurultai", name_kk="Құрылтай", name_ru="Курултай",
                                          classification="chamber", parent=parliament, seats=145)
    committee = Organization.objects.create(name="Committee on Legislation", name_kk="Заңнама комитеті",
                                            classification="committee", parent=chamber)
    groups = [Organization.objects.create(name="Amanat", classification="political_group", parent=chamber),
              Organization.objects.create(name="Ak Zhol", classification="political_group", parent=chamber)]
    people = []
    for index in range(members):
        person = Person.objects.create(name=f"Member {index + 1}", name_kk=f"Депутат {index + 1}",
                                       sort_name=f"Member {index + 1:03d}")
        Membership.objects.create(person=person, organization=chamber, role="member", start_date="2026-07-01")
        Membership.objects.create(person=person, organization=groups[index % 2], role="member",
                                  start_date="2026-07-01")
        Identifier.objects.create(owner=person, scheme="kurultai", identifier=f"K-{index + 1:03d}")
        people.append(person)
    workflow = Workflow.objects.create(code="ordinary-test", name="Ordinary law")
    stage = Stage.objects.create(workflow=workflow, code="first-reading", name="First reading", order=1,
                                 is_initial=True)
    bill_type = BillType.objects.create(code="ordinary-test", name="Ordinary law", workflow=workflow)
    bill = Bill.objects.create(number="12-VIII", title="On open data", bill_type=bill_type, parliament=parliament,
                               chamber=chamber, committee=committee, introduced_on=datetime.date(2026, 7, 10),
                               stage=stage, stage_entered_on=datetime.date(2026, 7, 10))
    plenary = Sitting.objects.create(organization=chamber, kind="plenary", title="Plenary of 16 September",
                                     title_kk="Жалпы отырыс", start=datetime.datetime(2026, 9, 16, 5, 0, tzinfo=UTC),
                                     end=datetime.datetime(2026, 9, 16, 9, 0, tzinfo=UTC), place="Astana",
                                     status="held")
    AgendaItem.objects.create(sitting=plenary, order=1, title="First reading of the bill on open data", bill=bill)
    committee_sitting = Sitting.objects.create(
        organization=committee, kind="committee", title="Committee hearing on open data",
        start=datetime.datetime(2026, 9, 10, 4, 0, tzinfo=UTC), end=datetime.datetime(2026, 9, 10, 6, 0, tzinfo=UTC))
    return World(parliament=parliament, chamber=chamber, committee=committee, groups=groups, members=people,
                 bill=bill, stage=stage, plenary=plenary, committee_sitting=committee_sitting)


def make_vote(world: World, options: list[str] | None = None, *, motion: str = "Adopt the bill at first reading",
              start: datetime.datetime | None = None, sitting: Sitting | None = None):
    """A vote of every member (``options`` in member order; default: yes, no, yes, abstain, yes, absent…)."""
    default = ["yes", "no", "yes", "abstain", "yes", "absent"]
    options = options or [default[i % len(default)] for i in range(len(world.members))]
    return vote_event_record(organization=world.chamber, motion=motion,
                             start=start or datetime.datetime(2026, 9, 16, 6, 0, tzinfo=UTC),
                             votes=list(zip(world.members, options, strict=False)), bill=world.bill,
                             stage=world.stage, sitting=sitting or world.plenary)
