import datetime

import pytest
from django.utils import translation

from hemicycle.legislation import services
from hemicycle.legislation.tests.factories import chambers, register
from hemicycle.people.models import Membership, Person, Succession

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 7, 1)


@pytest.fixture
def world():
    world = chambers()
    Succession.objects.create(predecessor=world["old"], successor=world["new"], date=DAY)
    Succession.objects.create(predecessor=world["old_legal"], successor=world["new_legal"], date=DAY)
    person = Person.objects.create(name="A Member")
    world["membership"] = Membership.objects.create(person=person, organization=world["old"], start_date="2023-03")
    world["ended"] = Membership.objects.create(person=person, organization=world["old"], start_date="2016",
                                               end_date="2021-01-14")
    world["later"] = Membership.objects.create(person=person, organization=world["new"], start_date="2026-07-01")
    world["committee_membership"] = Membership.objects.create(person=person, organization=world["old_legal"],
                                                              start_date="2023-04-01")
    return world


def test_nothing_happens_before_the_date(world):
    bill = register(world, committee=world["old_legal"])
    report = services.chamber_succession_apply(on=DAY - datetime.timedelta(days=1))
    assert not report.changed
    bill.refresh_from_db()
    assert bill.chamber == world["old"]


def test_bills_committees_and_terms_pass_on_the_date(world, carl):
    pending = register(world, number="1", committee=world["old_legal"])
    orphan = register(world, number="2", committee=world["old_budget"])
    finished = register(world, number="3")
    services.bill_advance(bill=finished, to_stage_code="withdrawn", on=datetime.date(2026, 5, 1))

    report = services.chamber_succession_apply(on=DAY, by=carl)

    pending.refresh_from_db()
    orphan.refresh_from_db()
    finished.refresh_from_db()
    assert pending.chamber == world["new"] and pending.committee == world["new_legal"]
    assert orphan.chamber == world["new"] and orphan.committee == world["old_budget"]
    assert finished.chamber == world["old"]
    assert {n for n, _src, _dst in report.bills_transferred} == {"1", "2"}
    assert report.committee_bills_transferred == [("1", "Legal affairs (old)", "Legal affairs")]
    assert report.committees_matched == [("Legal affairs (old)", "Legal affairs")]
    assert report.committees_unmatched == ["Budget (old)"]

    for name in ("membership", "committee_membership"):
        world[name].refresh_from_db()
        assert world[name].end_date == "2026-06-30"
    world["ended"].refresh_from_db()
    world["later"].refresh_from_db()
    assert world["ended"].end_date == "2021-01-14" and world["later"].end_date == ""
    assert report.memberships_ended == 2
    world["old"].refresh_from_db()
    assert world["old"].dissolution_date == "2026-07-01"


def test_the_pages_can_read_the_transfer(world):
    bill = register(world)
    services.chamber_succession_apply(on=DAY)
    transfers = services.bill_transfers(bill)
    assert len(transfers) == 1
    change = transfers[0]
    assert change.entered_on == DAY and change.chamber == world["new"] and change.stage == bill.stage
    assert change.note_en == "Transferred from Mazhilis to Kurultai on 2026-07-01."
    for lang in ("kk", "ru", "fr", "nl", "de"):
        assert "2026-07-01" in getattr(change, f"note_{lang}")
    with translation.override("ru"):
        assert "Kurultai" in change.note


def test_applying_twice_changes_nothing_more(world):
    bill = register(world)
    services.chamber_succession_apply(on=DAY)
    again = services.chamber_succession_apply(on=DAY + datetime.timedelta(days=30))
    assert not again.changed
    assert len(services.bill_transfers(bill)) == 1
