"""The cooperation part of the open API: reads with filters and the public rule, ics_url and jCal, and writes of
activities by international relations officers only."""

import datetime
import json
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from hemicycle.calendars.ics import jcal_shape_errors
from hemicycle.cooperation import services
from hemicycle.cooperation.models import (
    Activity,
    Agreement,
    AgreementSignatory,
    Commitment,
    Meeting,
    MeetingParticipant,
    PressRelease,
    Side,
)
from hemicycle.cooperation.tests.factories_programmes import (
    ALMATY,
    BRUSSELS,
    make_commitment,
    make_programme_with_activities,
    make_world,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def world(db):
    world = make_world()
    world.activities = make_programme_with_activities(world)
    return world


def items(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["items"]


def titles(response) -> set[str]:
    return {item["title"] for item in items(response)}


# --- Reads -----------------------------------------------------------------------------------------------------

def test_partnerships_carry_their_feed_addresses(client, world):
    (partnership,) = items(client.get(f"{API}/partnerships"))

    assert partnership["id"] == world.partnership.public_id
    assert partnership["parliament_id"] == world.kz.public_id and partnership["counterpart_id"] == world.be.public_id
    ics = partnership["ics_url"]
    assert ics.startswith("http://testserver/calendars/partnerships/")
    assert resolve(urlparse(ics).path).view_name == "calendars:partnership_ics"
    feed = client.get(urlparse(ics).path)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert client.get(urlparse(partnership["jcal_url"]).path).status_code == 200


def test_programme_with_current_version_and_feeds(client, world):
    version = services.programme_agree(programme=world.programme)

    body = client.get(f"{API}/programmes/{world.programme.public_uuid}").json()

    assert body["title"] == "Joint calendar of activities 2025–2026"
    assert body["period_start"] == "2025-01-01" and body["period_end"] == "2026-12-31"
    assert body["current_version"]["number"] == 1 and body["current_version"]["status"] == "agreed"
    assert body["current_version"]["digest"] == version.digest
    assert body["current_version"]["countersigned"] is False
    assert resolve(urlparse(body["ics_url"]).path).view_name == "calendars:programme_ics"
    assert client.get(urlparse(body["ics_url"]).path).status_code == 200
    assert body["translations"]["title"]["en"] == "Joint calendar of activities 2025–2026"


def test_persons_and_organizations_carry_ics_url(client, world):
    person = client.get(f"{API}/persons/{world.jan.public_uuid}").json()
    body = client.get(f"{API}/organizations/{world.committee.public_uuid}").json()
    listed = items(client.get(f"{API}/persons"))

    assert resolve(urlparse(person["ics_url"]).path).view_name == "calendars:person_ics"
    assert resolve(urlparse(body["ics_url"]).path).view_name == "calendars:body_ics"
    assert all(p["ics_url"].startswith("http://testserver/calendars/people/") for p in listed)
    feed = client.get(urlparse(person["ics_url"]).path)
    assert feed.status_code == 200
    assert world.activities["visit"].uid in feed.content.decode()  # Jan is in the visit's delegation


def test_activities_in_order_with_local_times_and_public_only(client, world):
    rows = items(client.get(f"{API}/activities"))

    assert [r["uid"] for r in rows] == [world.activities[k].uid for k in
                                        ("visit", "round_table", "video", "ipu", "cancelled")]
    round_table = rows[1]
    assert round_table["start"] == "2025-05-12T08:00:00Z"
    assert round_table["start_local"] == "2025-05-12T10:00:00+02:00" and round_table["timezone"] == BRUSSELS
    assert round_table["organizer_id"] == world.be.public_id
    assert round_table["is_public"] is True
    assert [c["to_status"] for c in round_table["status_history"]] == ["reported"]


def test_embargoed_activity_is_hidden_from_the_public_and_shown_to_officers(client, world, irene):
    embargoed = world.activities["embargoed"]

    assert client.get(f"{API}/activities/{embargoed.public_uuid}").status_code == 404
    assert items(client.get(f"{API}/activities"))[-1]["uid"] != embargoed.uid

    client.force_login(irene)
    body = client.get(f"{API}/activities/{embargoed.public_uuid}").json()
    assert body["is_public"] is False and body["embargo_until"].startswith("2099-01-01")


def test_a_clerk_sees_only_what_the_public_sees(client, world, carl):
    client.force_login(carl)

    assert client.get(f"{API}/activities/{world.activities['embargoed'].public_uuid}").status_code == 404


@pytest.mark.parametrize("params, expected", [
    ({"kind": "video_conference"}, {"video"}),
    ({"status": "agreed"}, {"ipu"}),
    ({"from": "2025-05-01", "to": "2025-05-31"}, {"round_table", "video"}),
    ({"from": "2025-03-11", "to": "2025-03-11"}, {"visit"}),  # the three-day visit is under way that day
    ({"to": "2025-04-01"}, {"visit"}),
])
def test_activity_filters(client, world, params, expected):
    rows = items(client.get(f"{API}/activities", params))

    assert {r["uid"] for r in rows} == {world.activities[k].uid for k in expected}


def test_activity_filters_by_records(client, world):
    def uids(**params):
        return {r["uid"] for r in items(client.get(f"{API}/activities", params))}

    a = world.activities
    assert uids(organizer=world.be.public_id) == {a["round_table"].uid, a["ipu"].uid}
    assert uids(organizer=world.be.public_uuid) == {a["round_table"].uid, a["ipu"].uid}  # the bare uuid works too
    assert uids(body=world.committee.public_id) == {a["visit"].uid}
    assert uids(person=world.jan.public_id) == {a["visit"].uid}
    assert uids(programme=world.programme.public_id) == {a[k].uid for k in a if k != "embargoed"}
    assert uids(partnership=world.partnership.public_id) == uids(programme=world.programme.public_id)
    assert uids(programme="ocd-programme/00000000-0000-4000-8000-000000000000") == set()


def test_activity_list_is_paginated(client, world):
    first = client.get(f"{API}/activities", {"limit": 2}).json()
    last = client.get(f"{API}/activities", {"limit": 2, "offset": 4}).json()

    assert first["count"] == last["count"] == 5
    assert len(first["items"]) == 2 and len(last["items"]) == 1


@pytest.mark.parametrize("params", [{"kind": "picnic"}, {"from": "yesterday"}, {"status": "done"}])
def test_bad_filters_are_422_naming_the_parameter(client, world, params):
    response = client.get(f"{API}/activities", params)

    assert response.status_code == 422
    assert any(next(iter(params)) in error["field"] for error in response.json()["errors"])


def test_meetings_with_participants_and_roles_at_the_time(client, world):
    meeting = Meeting.objects.create(partnership=world.partnership, title="Meeting in Brussels",
                                     title_en="Meeting in Brussels", start=timezone.now(), timezone=BRUSSELS,
                                     topics_en="Trade\nParliamentary diplomacy")
    MeetingParticipant.objects.create(meeting=meeting, person=world.jan, role="Ambassador", role_en="Ambassador",
                                      side=Side.PARTNER)
    Meeting.objects.create(partnership=world.partnership, title="Unpublished", start=timezone.now(),
                           is_published=False)

    (row,) = items(client.get(f"{API}/meetings", {"partnership": world.partnership.public_id}))

    assert row["title"] == "Meeting in Brussels" and row["topics"] == ["Trade", "Parliamentary diplomacy"]
    assert row["participants"] == [{"person_id": world.jan.public_id, "name": "Jan Voorbeeld",
                                    "role": "Ambassador", "organization_id": None, "side": "partner"}]
    assert client.get(f"{API}/meetings/{meeting.public_uuid}").json()["id"] == meeting.public_id


def test_press_releases_only_once_published(client, world):
    out = PressRelease.objects.create(partnership=world.partnership, title="Out", title_en="Out", body_en="Text",
                                      body_kk="Мәтін", published_at=timezone.now() - datetime.timedelta(hours=1))
    PressRelease.objects.create(partnership=world.partnership, title="Tomorrow", body="x",
                                published_at=timezone.now() + datetime.timedelta(days=1))
    PressRelease.objects.create(partnership=world.partnership, title="Draft", body="x")

    rows = items(client.get(f"{API}/press-releases"))

    assert [r["id"] for r in rows] == [out.public_id]
    assert rows[0]["languages"] == ["kk", "en"]


def test_agreements_with_signatories_and_status_filter(client, world):
    agreement = Agreement.objects.create(partnership=world.partnership, title="Memorandum", title_en="Memorandum",
                                         status=Agreement.Status.SIGNED, signed_on=datetime.date(2025, 3, 1))
    AgreementSignatory.objects.create(agreement=agreement, person=world.aigerim, role="Speaker", side=Side.OURS)
    Agreement.objects.create(partnership=world.partnership, title="Draft protocol")

    (row,) = items(client.get(f"{API}/agreements", {"status": "signed"}))

    assert row["signed_on"] == "2025-03-01"
    assert row["signatories"][0]["name"] == "Aigerim Mysal" and row["signatories"][0]["side"] == "ours"


def test_commitment_filters(client, world):
    today = timezone.localdate()
    late = make_commitment(world, title="Late", due_on=today - datetime.timedelta(days=40),
                           owner_organization=world.committee)
    make_commitment(world, title="Not yet", due_on=today + datetime.timedelta(days=10))
    make_commitment(world, title="Done", due_on=today - datetime.timedelta(days=40), status=Commitment.Status.DONE,
                    evidence="Sent")
    make_commitment(world, title="Hidden", due_on=today - datetime.timedelta(days=40), is_published=False)
    world.activities["visit"].commitments.add(late)

    overdue = items(client.get(f"{API}/commitments", {"overdue": "true"}))
    assert [c["title"] for c in overdue] == ["Late"]
    assert overdue[0]["days_overdue"] == 40 and overdue[0]["owner_name"] == "Committee on Foreign Affairs"
    assert overdue[0]["activity_ids"] == [world.activities["visit"].public_id]
    assert titles(client.get(f"{API}/commitments", {"overdue": "false"})) == {"Not yet", "Done"}
    assert titles(client.get(f"{API}/commitments", {"status": "done"})) == {"Done"}
    assert titles(client.get(f"{API}/commitments", {"partnership": world.partnership.public_id})) == {
        "Late", "Not yet", "Done"}


def test_versions_and_their_difference(client, world, irene):
    services.programme_version_create(programme=world.programme)
    services.activity_update(activity=world.activities["video"], by=irene, title_kk="Бейнеконференция",
                             start=world.activities["video"].start + datetime.timedelta(hours=1),
                             end=world.activities["video"].end + datetime.timedelta(hours=1))
    services.programme_agree(programme=world.programme)
    uuid = world.programme.public_uuid

    versions = client.get(f"{API}/programmes/{uuid}/versions").json()
    diff = client.get(f"{API}/programmes/{uuid}/diff", {"from": 1, "to": 2}).json()

    assert [v["number"] for v in versions] == [2, 1]
    assert [v["activity_count"] for v in versions] == [6, 6]
    assert (diff["added"], diff["removed"], diff["changed"]) == (0, 0, 1)
    assert diff["unchanged"] == 4  # five public activities; the embargoed one is left out for the public
    (entry,) = diff["entries"]
    assert entry["uid"] == world.activities["video"].uid
    assert entry["activity_id"] == world.activities["video"].public_id
    changes = {(c["field"], c["language"]): c for c in entry["changes"]}
    assert changes[("start", "")]["old"] == "2025-05-20T15:00:00+05:00"
    assert changes[("start", "")]["new"] == "2025-05-20T16:00:00+05:00"
    assert changes[("title", "kk")]["new"] == "Бейнеконференция"
    assert client.get(f"{API}/programmes/{uuid}/diff", {"from": 1, "to": 9}).status_code == 404
    assert client.get(f"{API}/programmes/{uuid}/diff", {"from": 1}).status_code == 422


@pytest.mark.parametrize("path", [
    "/partnerships/00000000-0000-4000-8000-000000000000",
    "/programmes/00000000-0000-4000-8000-000000000000",
    "/programmes/00000000-0000-4000-8000-000000000000/versions",
    "/activities/not-a-uuid",
    "/meetings/x", "/press-releases/x", "/agreements/x", "/commitments/x",
    "/programmes/x/calendar.jcal", "/persons/x/calendar.jcal",
])
def test_unknown_records_are_404_json(client, world, path):
    response = client.get(API + path)

    assert response.status_code == 404
    assert response.json()["message"]


# --- jCal ------------------------------------------------------------------------------------------------------

def test_programme_jcal_has_the_same_events_as_the_feed(client, world):
    programme = client.get(f"{API}/programmes/{world.programme.public_uuid}").json()

    response = client.get(urlparse(programme["jcal_url"]).path)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/calendar+json"
    jcal = json.loads(response.content)
    assert jcal_shape_errors(jcal) == []
    assert jcal[0] == "vcalendar"
    events = [c for c in jcal[2] if c[0] == "vevent"]
    uids = {next(p[3] for p in e[1] if p[0] == "uid") for e in events}
    ics = client.get(urlparse(programme["ics_url"]).path).content.decode()
    assert uids == {line.split(":", 1)[1].strip() for line in ics.splitlines() if line.startswith("UID:")}
    assert world.activities["embargoed"].uid not in uids
    zones = {next(p[3] for p in c[1] if p[0] == "tzid") for c in jcal[2] if c[0] == "vtimezone"}
    assert {ALMATY, BRUSSELS} <= zones


@pytest.mark.parametrize("kind", ["partnership", "body", "person", "activity"])
def test_other_jcal_endpoints(client, world, kind):
    path = {
        "partnership": f"/partnerships/{world.partnership.public_uuid}",
        "body": f"/organizations/{world.committee.public_uuid}",
        "person": f"/persons/{world.jan.public_uuid}",
        "activity": f"/activities/{world.activities['visit'].public_uuid}",
    }[kind]

    response = client.get(f"{API}{path}/calendar.jcal", {"lang": "kk"})

    assert response.status_code == 200
    jcal = json.loads(response.content)
    assert jcal_shape_errors(jcal) == []
    assert world.activities["visit"].uid in response.content.decode()


def test_jcal_of_an_embargoed_activity_is_404(client, world):
    assert client.get(f"{API}/activities/{world.activities['embargoed'].public_uuid}/calendar.jcal").status_code \
        == 404


def test_jcal_language_must_be_one_of_ours(client, world):
    response = client.get(f"{API}/programmes/{world.programme.public_uuid}/calendar.jcal", {"lang": "xx"})

    assert response.status_code == 422


# --- Writes ----------------------------------------------------------------------------------------------------

def new_activity(world, **overrides) -> dict:
    payload = {
        "programme": world.programme.public_id, "kind": "round_table",
        "title": {"en": "Round table on water", "kk": "Су туралы дөңгелек үстел"},
        "start": "2025-09-15T10:00:00", "end": "2025-09-15T12:30:00", "timezone": ALMATY,
        "venue": "Parliament House", "city": {"en": "Astana"}, "organizer": world.kz.public_id,
        "bodies": [world.committee.public_id], "delegation": [world.jan.public_uuid],
    }
    payload.update(overrides)
    return payload


def post(client, path, payload):
    return client.post(API + path, json.dumps(payload), content_type="application/json")


def patch(client, path, payload):
    return client.patch(API + path, json.dumps(payload), content_type="application/json")


def test_officer_creates_an_activity_in_local_time(client, world, irene):
    client.force_login(irene)

    response = post(client, "/activities", new_activity(world))

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["start"] == "2025-09-15T05:00:00Z"  # 10:00 in Astana, UTC+5
    assert body["start_local"] == "2025-09-15T10:00:00+05:00"
    assert body["title"] == "Round table on water"
    assert body["translations"]["title"]["kk"] == "Су туралы дөңгелек үстел"
    assert body["venue"] == "Parliament House" and body["city"] == "Astana"
    assert body["body_ids"] == [world.committee.public_id] and body["delegation_ids"] == [world.jan.public_id]
    assert body["status"] == "proposed" and body["sequence"] == 0
    assert body["uid"].endswith("@" + settings.FEDERATION_INSTANCE_HOST)
    activity = Activity.objects.get(public_id=body["id"])
    assert activity.status_changes.get().by == irene


def test_officer_changes_an_activity_and_sequence_rises(client, world, irene):
    client.force_login(irene)
    video = world.activities["video"]

    response = patch(client, f"/activities/{video.public_uuid}",
                     {"start": "2025-05-20T16:00:00+05:00", "end": "2025-05-20T18:00:00+05:00",
                      "title": {"ru": "Видеоконференция"}, "delegation": [world.aigerim.public_id]})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["sequence"] == video.sequence + 1
    assert body["start"] == "2025-05-20T11:00:00Z"
    assert body["translations"]["title"]["ru"] == "Видеоконференция"
    assert body["translations"]["title"]["en"] == "Video conference of the friendship groups"  # left as it was
    assert body["delegation_ids"] == [world.aigerim.public_id]


def test_a_change_that_is_not_significant_keeps_the_sequence(client, world, irene):
    client.force_login(irene)
    video = world.activities["video"]

    body = patch(client, f"/activities/{video.public_uuid}", {"description": "Agenda to follow"}).json()

    assert body["sequence"] == video.sequence and body["description"] == "Agenda to follow"


def test_officer_moves_an_activity_along_its_workflow(client, world, irene):
    client.force_login(irene)
    video = world.activities["video"]

    response = post(client, f"/activities/{video.public_uuid}/status", {"status": "held", "note": "It went well"})

    assert response.status_code == 200, response.content
    history = response.json()["status_history"]
    assert [(c["from_status"], c["to_status"], c["note"]) for c in history][-1] == ("scheduled", "held",
                                                                                   "It went well")


def test_illegal_transition_is_refused_with_the_reason(client, world, irene):
    client.force_login(irene)
    cancelled = world.activities["cancelled"]

    response = post(client, f"/activities/{cancelled.public_uuid}/status", {"status": "held"})
    via_patch = patch(client, f"/activities/{world.activities['video'].public_uuid}", {"status": "reported"})

    assert response.status_code == 409
    body = response.json()
    assert "cancelled cannot become held" in body["message"]
    assert body["errors"] == [{"field": "status", "message": body["errors"][0]["message"]}]
    assert via_patch.status_code == 409 and "allowed: cancelled, held, postponed" in via_patch.json()["message"]
    assert Activity.objects.get(pk=cancelled.pk).status == "cancelled"


@pytest.mark.parametrize("overrides, field", [
    ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
    ({"end": "2025-09-15T09:00:00"}, "end"),
    ({"organizer": "ocd-organization/00000000-0000-4000-8000-000000000000"}, "organizer"),
    ({"programme": "nope"}, "programme"),
    ({"delegation": ["ocd-person/00000000-0000-4000-8000-000000000000"]}, "delegation"),
    ({"title": {"en": ""}}, "title"),
    ({"title": "x" * 400}, "title_en"),
    ({"start": "2025-03-30T02:30:00", "end": "2025-03-30T05:00:00", "timezone": BRUSSELS}, "start"),
    ({"kind": "picnic"}, "kind"),
    ({"start": "soon"}, "start"),
])
def test_invalid_input_is_422_naming_the_field(client, world, irene, overrides, field):
    client.force_login(irene)
    before = Activity.objects.count()

    response = post(client, "/activities", new_activity(world, **overrides))

    assert response.status_code == 422, response.content
    body = response.json()
    assert body["message"]
    assert any(error["field"] == field or error["field"].endswith("." + field) for error in body["errors"]), body
    assert Activity.objects.count() == before


def test_patch_refuses_emptying_a_required_field(client, world, irene):
    client.force_login(irene)

    response = patch(client, f"/activities/{world.activities['video'].public_uuid}", {"title": None})

    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "title"


def test_clerk_may_not_write(client, world, carl):
    client.force_login(carl)

    response = post(client, "/activities", new_activity(world))
    status = post(client, f"/activities/{world.activities['video'].public_uuid}/status", {"status": "held"})

    assert response.status_code == 403 and "international relations officer" in response.json()["message"]
    assert status.status_code == 403
    assert not Activity.objects.filter(title_en="Round table on water").exists()


def test_anonymous_may_not_write(client, world):
    response = post(client, "/activities", new_activity(world))
    changed = patch(client, f"/activities/{world.activities['video'].public_uuid}", {"description": "x"})

    assert response.status_code == 401 and changed.status_code == 401
    assert response.json()["message"]


def test_writes_need_the_csrf_token(world, irene):
    client = Client(enforce_csrf_checks=True)
    client.force_login(irene)

    refused = post(client, "/activities", new_activity(world))
    client.get("/en/")  # a page with a form (here: log out) sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    accepted = client.post(f"{API}/activities", json.dumps(new_activity(world)), content_type="application/json",
                           HTTP_X_CSRFTOKEN=token)

    assert refused.status_code == 403 and "CSRF" in refused.json()["message"]
    assert accepted.status_code == 201, accepted.content


def test_the_openapi_document_describes_every_answer(client):
    document = client.get(f"{API}/openapi.json").json()

    post_responses = document["paths"][f"{API}/activities"]["post"]["responses"]
    assert {"201", "401", "403", "409", "422"} <= set(post_responses)
    assert document["paths"][f"{API}/activities"]["post"]["security"] == [{"SessionAuth": []}]
    jcal = document["paths"][f"{API}/programmes/{{uuid}}/calendar.jcal"]["get"]["responses"]
    assert "application/calendar+json" in jcal["200"]["content"]
    assert {p["name"] for p in document["paths"][f"{API}/activities"]["get"]["parameters"]} >= {
        "programme", "partnership", "kind", "status", "organizer", "from", "to", "body", "person"}
