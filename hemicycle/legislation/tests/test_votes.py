"""Roll-call votes: counts and group results from the votes, and every exported vote event valid Popolo."""

import datetime
import json
import re

import pytest
from django.core.exceptions import PermissionDenied
from jsonschema import Draft3Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from hemicycle.core.testing import shared_data_dir
from hemicycle.legislation import popolo_votes
from hemicycle.legislation.models import Vote
from hemicycle.legislation.tests.factories_votes import make_vote, make_world
from hemicycle.legislation.votes import vote_event_record
from hemicycle.people.models import Membership, Organization

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")
SCHEMAS = ("vote_event", "vote", "count", "group_result", "motion")


def _checker() -> FormatChecker:
    checker = FormatChecker()

    @checker.checks("uri")
    def is_uri(value) -> bool:
        return not isinstance(value, str) or bool(_URI.match(value))

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value) -> bool:
        if not isinstance(value, str):
            return True
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return "T" in value and parsed.tzinfo is not None

    return checker


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft3Validator]:
    schemas = {path.stem: json.loads(path.read_text(encoding="utf-8"))
               for path in shared_data_dir("popolo", "schemas").glob("*.json")}
    registry = Registry().with_resources(
        (schema["id"], Resource(schema, specification=DRAFT3)) for schema in schemas.values())
    out = {}
    for name in SCHEMAS:
        Draft3Validator.check_schema(schemas[name])
        out[name] = Draft3Validator(schemas[name], registry=registry, format_checker=_checker())
    return out


def _valid(validator: Draft3Validator, record: dict) -> None:
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


@pytest.fixture
def world(db):
    return make_world()


def test_counts_and_groups_come_from_the_votes(world):
    event = make_vote(world)
    assert (event.yes_count, event.no_count, event.abstain_count, event.absent_count) == (3, 1, 1, 1)
    assert event.result == "pass"
    votes = {v.person_id: v for v in Vote.objects.filter(vote_event=event)}
    # Members alternate groups: odd positions Amanat, even Ak Zhol.
    assert votes[world.members[0].pk].group == world.groups[0]
    assert votes[world.members[1].pk].group == world.groups[1]
    record = popolo_votes.vote_event_popolo(event)
    totals = {c["option"]: c["value"] for c in record["counts"] if "group_id" not in c}
    assert totals == {"yes": 3, "no": 1, "abstain": 1, "not voting": 0, "absent": 1}
    by_group = {g["group_id"]: g for g in record["group_results"]}
    # Amanat (members 1, 3, 5): yes, yes, yes; Ak Zhol (2, 4, 6): no, abstain, absent → split.
    assert by_group[world.groups[0].public_id]["result"] == "pass"
    assert by_group[world.groups[1].public_id]["option"] == "split"


def test_group_is_the_one_on_the_vote_date(world):
    member = world.members[0]
    Membership.objects.filter(person=member, organization=world.groups[0]).update(end_date="2026-09-30")
    newcomers = Organization.objects.create(name="Respublica", classification="political_group")
    Membership.objects.create(person=member, organization=newcomers, start_date="2026-10-01")
    before = make_vote(world, start=datetime.datetime(2026, 9, 16, 6, tzinfo=datetime.UTC))
    after = make_vote(world, start=datetime.datetime(2026, 10, 16, 6, tzinfo=datetime.UTC), motion="Second")
    assert before.votes.get(person=member).group == world.groups[0]
    assert after.votes.get(person=member).group == newcomers


def test_every_exported_vote_event_is_valid_popolo(world, validators):
    make_vote(world)
    make_vote(world, ["no"] * 6, motion="Reject", start=datetime.datetime(2026, 9, 17, 6, tzinfo=datetime.UTC))
    vote_event_record(organization=world.committee, motion={"en": "Recommend", "kk": "Ұсыну"},
                      start=datetime.datetime(2026, 9, 10, 5, tzinfo=datetime.UTC),
                      votes=[(world.members[0], "yes"), (world.members[1], "not voting")])
    document = popolo_votes.export_vote_events()
    assert len(document["vote_events"]) == 3
    for record in document["vote_events"]:
        _valid(validators["vote_event"], record)
        _valid(validators["motion"], record["motion"])
        for count in record["counts"]:
            _valid(validators["count"], count)
        for group_result in record["group_results"]:
            _valid(validators["group_result"], group_result)
        for vote in record["votes"]:
            _valid(validators["vote"], vote)
    for motion in document["motions"]:
        _valid(validators["motion"], motion)
    rejected = next(r for r in document["vote_events"] if r["motion"]["text"] == "Reject")
    assert rejected["result"] == "fail"
    assert len(rejected["votes"]) == 6


def test_recording_checks_options_duplicates_and_roles(world, django_user_model):
    start = datetime.datetime(2026, 9, 16, 6, tzinfo=datetime.UTC)
    with pytest.raises(ValueError, match="option"):
        vote_event_record(organization=world.chamber, motion="x", start=start, votes=[(world.members[0], "maybe")])
    with pytest.raises(ValueError, match="twice"):
        vote_event_record(organization=world.chamber, motion="x", start=start,
                          votes=[(world.members[0], "yes"), (world.members[0], "no")])
    citizen = django_user_model.objects.create_user(email="someone@example.org", password="x")
    with pytest.raises(PermissionDenied):
        vote_event_record(organization=world.chamber, motion="x", start=start, votes=[], by=citizen)
    assert not world.chamber.vote_events.exists()


def test_groups_given_by_the_caller(world):
    start = datetime.datetime(2026, 9, 16, 6, tzinfo=datetime.UTC)
    event = vote_event_record(organization=world.chamber, motion="x", start=start,
                              votes=[(world.members[0].pk, "yes", world.groups[1].pk), (world.members[1], "no", None)])
    assert event.votes.get(person=world.members[0]).group == world.groups[1]
    assert event.votes.get(person=world.members[1]).group is None
