"""The follows' test world: the bill world of the legislation pages (a bill in first reading before a committee,
two versions, two amendments, votes), a member who sits in the chamber, and helpers that make news happen."""

import datetime

import pytest
from django.utils import timezone

from hemicycle.legislation import services as legislation
from hemicycle.legislation.tests import factories_pages as f
from hemicycle.legislation.votes import vote_event_record
from hemicycle.people.models import Membership


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    world = f.bill_world()
    member = f.person("Erlan Member")
    Membership.objects.create(person=member, organization=world["kurultai"], role="member", start_date="2026-07-01")
    world["member"] = member
    return world


def advance(world, *, on: datetime.date | None = None, to="second-reading", note=""):
    """The bill moves to its second reading (a stage change dated ``on``, today by default)."""
    return legislation.bill_advance(bill=world["bill"], to_stage_code=to, on=on or timezone.localdate(), note=note)


def member_vote(world, *, option="yes", start=None, motion="Adopt the bill at second reading"):
    """A roll-call vote of the Kurultai on the bill in which the member votes ``option``."""
    return vote_event_record(organization=world["kurultai"], motion={"en": motion, "ru": "Принять во втором чтении"},
                             start=start or timezone.now() - datetime.timedelta(minutes=5),
                             votes=[(world["member"], option)], bill=world["bill"])
