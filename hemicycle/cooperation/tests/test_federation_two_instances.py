"""Two real instances as separate processes — Kazakhstan's and Belgium's — keeping the joint programme in sync.

Each has its own SQLite database and Ed25519 key, is migrated, loaded with the demo world and paired by running
the commands an operator would run, and serves with ``hemicycle serve`` (granian) on a free loopback port.
Changes are made with ``hemicycle federation-programme`` on one side; the other side is checked through its
public calendar feed (``/calendars/programmes/<uuid>.ics``) and its own command. Every wait is bounded.
"""

import shutil
import tempfile
from pathlib import Path

import icalendar
import pytest

from hemicycle.calendars.management.commands.federation_demo_setup import PROGRAMME_ID
from hemicycle.cooperation.tests.fed_instances import prepare_pair, wait_for

pytestmark = pytest.mark.federation
WAIT = 20  # seconds for a change to show on the other side


@pytest.fixture(scope="module")
def pair():
    root = Path(tempfile.mkdtemp(prefix="hemicycle-federation-"))
    kz = be = None
    try:
        kz, be = prepare_pair(root)
        kz.start()
        be.start()
        yield kz, be
    finally:
        for instance in (kz, be):
            if instance is not None:
                instance.stop()
        shutil.rmtree(root, ignore_errors=True)


def feed_event(instance, programme_uuid: str, uid: str) -> dict | None:
    """The event as the instance's public programme feed shows it (None if it is not there)."""
    status, text = instance.get(f"/calendars/programmes/{programme_uuid}.ics")
    assert status == 200, f"{instance.name}'s programme feed answered {status}"
    for event in icalendar.Calendar.from_ical(text).walk("VEVENT"):
        if str(event.get("UID")) == uid:
            return {"sequence": int(event.get("SEQUENCE", 0)), "status": str(event.get("STATUS", "")),
                    "summary": str(event.get("SUMMARY", "")), "location": str(event.get("LOCATION", "")),
                    "start": event.decoded("DTSTART"), "tzid": event["DTSTART"].params.get("TZID")}
    return None


def test_create_update_cancel_counter_and_catch_up(pair):
    kz, be = pair
    programme_uuid = PROGRAMME_ID.split("/", 1)[1]  # the demo programme: the same public id on both sides
    assert kz.get(f"/calendars/programmes/{programme_uuid}.ics")[0] == 200

    # Create on Kazakhstan's instance → appears on Belgium's.
    created = kz.programme_json("create", "--title", "Federation round table", "--kind", "round_table",
                                "--start", "2026-05-05T10:00", "--end", "2026-05-05T12:00", "--timezone",
                                "Asia/Almaty", "--venue", "Parliament House", "--city", "Astana",
                                "--status", "agreed")
    uid = created["uid"]
    seen = wait_for(lambda: feed_event(be, programme_uuid, uid), timeout=WAIT, what="the new activity on BE")
    assert seen["sequence"] == 0 and seen["summary"] == "Federation round table"
    assert seen["tzid"] == "Asia/Almaty" and (seen["start"].hour, seen["start"].minute) == (10, 0)
    mirror = be.programme_json("show", uid)
    assert mirror["organizer"] == created["organizer"] and mirror["public_id"] == created["public_id"]

    # Update → a higher SEQUENCE on Belgium's side.
    kz.programme_json("update", uid, "venue_en=Akorda", "start=2026-05-05T11:00", "end=2026-05-05T13:00")
    seen = wait_for(lambda: (e := feed_event(be, programme_uuid, uid)) and e["sequence"] == 1 and e,
                    timeout=WAIT, what="SEQUENCE 1 on BE")
    assert seen["start"].hour == 11 and "Akorda" in seen["location"]

    # Cancel → STATUS:CANCELLED, still in the feed.
    kz.programme_json("cancel", uid)
    seen = wait_for(lambda: (e := feed_event(be, programme_uuid, uid)) and e["status"] == "CANCELLED" and e,
                    timeout=WAIT, what="STATUS:CANCELLED on BE")
    assert seen["sequence"] == 2

    # Belgium proposes a change to a Kazakh activity (COUNTER) → a proposal on Kazakhstan's side.
    second = kz.programme_json("create", "--title", "Federation video conference", "--kind", "video_conference",
                               "--start", "2026-06-02T15:00", "--end", "2026-06-02T16:00", "--timezone",
                               "Asia/Almaty", "--status", "agreed")["uid"]
    wait_for(lambda: feed_event(be, programme_uuid, second), timeout=WAIT, what="the second activity on BE")
    # Belgium cannot simply change it: only the organizer can.
    refused = be.run("federation-programme", "update", second, "venue_en=Brussels", check=False)
    assert refused.returncode != 0 and "propose the change" in refused.stderr
    ours = be.programme_json("counter", second, "start=2026-06-02T16:00", "end=2026-06-02T17:00",
                             "--note", "One hour later suits Brussels better.")
    proposal = wait_for(lambda: [p for p in kz.programme_json("proposals", "--status", "open")
                                 if p["activity"] == second], timeout=WAIT, what="the proposal on KZ")[0]
    assert proposal["note"] == "One hour later suits Brussels better."
    assert set(proposal["changes"]) == {"start", "end"}
    assert kz.programme_json("show", second)["start"].startswith("2026-06-02T15:00")  # not overwritten

    # Accepted → a new REQUEST with a higher SEQUENCE reaches Belgium, and its proposal is marked accepted.
    kz.programme_json("accept", str(proposal["id"]))
    seen = wait_for(lambda: (e := feed_event(be, programme_uuid, second)) and e["sequence"] == 1 and e,
                    timeout=WAIT, what="the accepted change on BE")
    assert seen["start"].hour == 16
    wait_for(lambda: be.programme_json("show", second)["proposals"] == [
        {"id": ours["id"], "status": "accepted", "changes": ours["changes"]}], timeout=WAIT,
        what="BE's proposal marked accepted")

    # Belgium is down while Kazakhstan changes the activity; it catches up by pulling when it is back.
    be.stop()
    kz.programme_json("update", second, "title_en=Federation video conference (moved)", "venue_en=Online")
    waiting = kz.run("federation-status").stdout
    assert "waiting: 1" in waiting, waiting
    be.start()
    assert feed_event(be, programme_uuid, second)["sequence"] == 1  # nothing pushed it meanwhile
    synced = be.run("federation-sync")
    assert "pulled 1" in synced.stdout, synced.stdout
    seen = feed_event(be, programme_uuid, second)
    assert seen["sequence"] == 2 and seen["summary"] == "Federation video conference (moved)"
    # Kazakhstan's next sync learns that Belgium has it: nothing waits any more.
    kz.run("federation-sync")
    assert "waiting: 0" in kz.run("federation-status").stdout

    # Both sides now hold the same programme: an agreed version signed by each, countersigned on both.
    kz.programme_json("countersign")
    wait_for(lambda: any(v["signatures"]["partner"] for v in be.programme_json("versions")), timeout=WAIT,
             what="KZ's signature on BE")
    be.programme_json("countersign")
    for instance in (kz, be):
        versions = wait_for(lambda i=instance: [v for v in i.programme_json("versions") if v["countersigned"]],
                            timeout=WAIT, what=f"a countersigned version on {instance.name}")
        assert versions[-1]["signatures"] == {"ours": True, "partner": True}

    # Nothing was refused on either side along the way.
    for instance in (kz, be):
        status = instance.run("federation-status").stdout
        assert "refused" not in status, status
