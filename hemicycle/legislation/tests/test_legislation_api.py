"""The legislation API: bills with their stage explained, versions with akn_url, sittings with ics_url, vote events
in Popolo shape, members' votes and attendance; paginated, filtered, JSON errors."""

import datetime

import pytest

from hemicycle.legislation.models import BillVersion
from hemicycle.legislation.tests.factories_votes import make_vote, make_world

API = "/api/v1"


@pytest.fixture
def world(db):
    world = make_world()
    world.stage.explanation = "The chamber debates the main ideas of the bill."
    world.stage.save()
    world.extra["version"] = BillVersion.objects.create(
        bill=world.bill, number=1, label="As introduced", stage=world.stage, created_on=datetime.date(2026, 7, 10),
        body=[{"eId": "art_1", "type": "article", "num": "1", "heading": {"en": "Scope"},
               "text": {"en": "This law applies to open data."}, "children": []}], languages=["en"])
    world.extra["vote"] = make_vote(world)
    return world


def test_bills_list_filters_and_detail(client, world):
    rows = client.get(f"{API}/bills").json()
    assert rows["count"] == 1 and rows["items"][0]["number"] == "12-VIII"
    assert client.get(f"{API}/bills", {"q": "open data"}).json()["count"] == 1
    assert client.get(f"{API}/bills", {"stage": "first-reading", "type": "ordinary-test",
                                       "committee": world.committee.public_uuid}).json()["count"] == 1
    assert client.get(f"{API}/bills", {"introduced_from": "2026-08-01"}).json()["count"] == 0
    detail = client.get(f"{API}/bills/{world.bill.public_uuid}").json()
    assert detail["current_stage"]["explanation"] == "The chamber debates the main ideas of the bill."
    version = detail["versions"][0]
    assert version["akn_url"].endswith(f"/akn/bills/{world.bill.public_uuid}/versions/1.xml")
    assert detail["vote_event_ids"] == [world.extra["vote"].public_id]
    one = client.get(f"{API}/bills/{world.bill.public_uuid}/versions/1").json()
    assert one["body"][0]["eId"] == "art_1"


def test_errors_are_json(client, world):
    response = client.get(f"{API}/bills/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404 and "message" in response.json()
    assert client.get(f"{API}/bills/{world.bill.public_uuid}/versions/9").status_code == 404
    response = client.get(f"{API}/bills", {"introduced_from": "yesterday"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"].endswith("introduced_from")
    assert client.get(f"{API}/vote-events", {"result": "maybe"}).status_code == 422


def test_sittings_carry_their_calendar(client, world):
    rows = client.get(f"{API}/sittings", {"body": world.chamber.public_id}).json()
    assert rows["count"] == 1
    assert rows["items"][0]["ics_url"].endswith(f"/calendars/bodies/{world.chamber.public_uuid}/sittings.ics")
    detail = client.get(f"{API}/sittings/{world.plenary.public_uuid}").json()
    assert detail["agenda"][0]["bill_id"] == world.bill.public_id
    assert detail["vote_event_ids"] == [world.extra["vote"].public_id]


def test_vote_events_in_popolo_shape(client, world, django_assert_max_num_queries):
    for day in range(17, 22):
        make_vote(world, motion=f"Motion {day}", start=datetime.datetime(2026, 9, day, 6, tzinfo=datetime.UTC))
    with django_assert_max_num_queries(8):
        rows = client.get(f"{API}/vote-events", {"limit": 3}).json()
    assert rows["count"] == 6 and len(rows["items"]) == 3
    event = world.extra["vote"]
    detail = client.get(f"{API}/vote-events/{event.public_uuid}").json()
    totals = {c["option"]: c["value"] for c in detail["counts"] if not c.get("group_id")}
    assert totals["yes"] == 3 and totals["absent"] == 1
    assert {g["group_id"] for g in detail["group_results"]} == {g.public_id for g in world.groups}
    assert len(detail["votes"]) == 6
    listed = next(r for r in client.get(f"{API}/vote-events", {"limit": 10}).json()["items"]
                  if r["id"] == event.public_id)
    assert listed["counts"] == detail["counts"] and listed["group_results"] == detail["group_results"]
    votes = client.get(f"{API}/vote-events/{event.public_uuid}/votes", {"option": "yes"}).json()
    assert votes["count"] == 3


def test_member_voting_record_and_attendance(client, world):
    member = world.members[1]
    rows = client.get(f"{API}/persons/{member.public_uuid}/votes").json()
    assert rows["count"] == 1
    row = rows["items"][0]
    assert row["option"] == "no" and row["group_id"] == world.groups[1].public_id and row["group_position"] == "split"
    attendance = client.get(f"{API}/persons/{world.members[5].public_uuid}/attendance").json()
    assert (attendance["present"], attendance["expected"]) == (0, 1)
    assert client.get(f"{API}/persons/00000000-0000-4000-8000-000000000000/votes").status_code == 404


def test_openapi_documents_every_status(client, world):
    schema = client.get(f"{API}/openapi.json").json()
    for path, item in schema["paths"].items():
        if "{uuid}" in path and any(part in path for part in ("/bills", "/sittings", "/vote-events",
                                                               "/persons/{uuid}/votes", "/amendments")):
            for operation in item.values():
                assert "404" in operation["responses"], path
