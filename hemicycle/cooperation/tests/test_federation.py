"""Federation in one process: Belgium's instance's messages, written here and posted to our inbox.

Every refusal must say why and change nothing: a message refused for the channel (forged, altered, replayed, out
of order, for someone else, too old) is not even consumed; a message refused by the domain (stale SEQUENCE, not
authoritative) is consumed — it was authentic and in order — but leaves the programme exactly as it was.
"""

import copy
import datetime

import pytest
from django.core.exceptions import ValidationError

from hemicycle.calendars import signing
from hemicycle.calendars.federation import (
    HEADER_DATE,
    HEADER_FROM,
    HEADER_SIGNATURE,
    deliver_pending,
    now_iso,
)
from hemicycle.calendars.models import InboundMessage, OutboundMessage, Peer
from hemicycle.cooperation import services, sync
from hemicycle.cooperation.models import Activity, ActivityProposal, ActivityStatusChange
from hemicycle.cooperation.tests import fed_factories as f

INBOX = "/federation/v1/inbox"


@pytest.fixture
def fed(db, settings):
    f.configure(settings)
    return f.world()


def post(client, envelope):
    response = client.post(INBOX, envelope, content_type="application/json")
    return response.status_code, response.json()


def state():
    """Everything a message could change, to compare before and after a refusal."""
    return {
        "activities": sorted(Activity.objects.values_list("uid", "sequence", "status", "start", "title_en",
                                                          "venue_en")),
        "history": ActivityStatusChange.objects.count(),
        "proposals": sorted(ActivityProposal.objects.values_list("pk", "status")),
        "outbox": OutboundMessage.objects.count(),
    }


def last_seq():
    return Peer.objects.get(instance_id=f.THEM).last_seq_received


def our_activity(fed, **fields):
    values = {"kind": Activity.Kind.VISIT_INCOMING, "title_en": "Visit of the Belgian friendship group",
              "start": datetime.datetime(2026, 3, 2, 10, 0, tzinfo=f.ALMATY),
              "end": datetime.datetime(2026, 3, 4, 17, 0, tzinfo=f.ALMATY), "timezone": "Asia/Almaty",
              "venue_en": "Parliament House", "city_en": "Astana", "status": Activity.Status.AGREED,
              "uid": sync.new_uid()}
    values.update(fields)
    return services.activity_create(programme=fed["programme"], organizer=fed["kz"], **values)


# Applying what the organizer sends -----------------------------------------------------------------------------

def test_request_creates_then_updates_the_partners_activity_with_its_sequence(fed, client):
    remote = f.remote_activity(fed["programme"], fed["be"])
    status, answer = post(client, f.envelope(method="REQUEST", seq=1, activity=remote))
    assert (status, answer["status"]) == (200, "applied")
    mirror = Activity.objects.get(uid=remote.uid)
    assert mirror.public_id == remote.public_id  # same address on both instances
    assert mirror.organizer == fed["be"] and mirror.sequence == 0
    assert (mirror.title_en, mirror.title_fr) == (remote.title_en, remote.title_fr)
    assert mirror.local_start.replace(tzinfo=None) == datetime.datetime(2025, 11, 20, 14, 0)
    assert mirror.timezone == "Europe/Brussels"
    assert mirror.status_changes.get().by_peer == f.THEM

    remote.sequence, remote.venue_en = 1, "Egmont Palace"
    remote.start += datetime.timedelta(hours=1)
    assert post(client, f.envelope(method="REQUEST", seq=2, activity=remote))[0] == 200
    mirror.refresh_from_db()
    assert (mirror.sequence, mirror.venue_en) == (1, "Egmont Palace")
    assert mirror.local_start.hour == 15
    assert last_seq() == 2
    assert list(InboundMessage.objects.values_list("outcome", flat=True)) == ["applied", "applied"]
    assert OutboundMessage.objects.count() == 0  # a mirrored change goes nowhere


def test_cancel_keeps_the_activity_cancelled(fed, client):
    remote = f.remote_activity(fed["programme"], fed["be"])
    post(client, f.envelope(method="REQUEST", seq=1, activity=remote))
    remote.sequence, remote.status = 1, Activity.Status.CANCELLED
    status, answer = post(client, f.envelope(method="CANCEL", seq=2, activity=remote))
    assert status == 200, answer
    mirror = Activity.objects.get(uid=remote.uid)
    assert (mirror.status, mirror.sequence) == (Activity.Status.CANCELLED, 1)


# Refused for the channel: not consumed, nothing changes ---------------------------------------------------------

def test_replayed_message_is_refused(fed, client):
    remote = f.remote_activity(fed["programme"], fed["be"])
    message = f.envelope(method="REQUEST", seq=1, activity=remote)
    post(client, message)
    before = state()
    status, answer = post(client, message)
    assert status == 409
    assert answer["message"].startswith("already received")
    assert state() == before and last_seq() == 1
    refused = InboundMessage.objects.filter(outcome="refused").get()
    assert refused.reason.startswith("already received") and refused.seq == 1


def test_out_of_order_message_is_refused_with_the_expected_number(fed, client):
    remote = f.remote_activity(fed["programme"], fed["be"])
    before = state()
    status, answer = post(client, f.envelope(method="REQUEST", seq=2, activity=remote))
    assert status == 409
    assert answer["message"] == "out of order: expected 1, got 2"
    assert answer["expected"] == 1
    assert state() == before and last_seq() == 0
    # The sender then sends in order, and both go through.
    assert post(client, f.envelope(method="REQUEST", seq=1, activity=remote))[0] == 200
    remote.sequence = 1
    assert post(client, f.envelope(method="REQUEST", seq=2, activity=remote))[0] == 200


def test_forged_message_is_refused(fed, client):
    remote = f.remote_activity(fed["programme"], fed["be"])
    intruder_seed, _ = signing.new_key_pair()
    before = state()
    status, answer = post(client, f.envelope(method="REQUEST", seq=1, activity=remote, key=intruder_seed))
    assert status == 403
    assert answer["message"].startswith("forged or altered")
    assert state() == before and last_seq() == 0
    assert InboundMessage.objects.get().outcome == "refused"


def test_altered_message_is_refused(fed, client):
    remote = f.remote_activity(fed["programme"], fed["be"])
    post(client, f.envelope(method="REQUEST", seq=1, activity=remote))
    remote.sequence = 1
    message = f.envelope(method="REQUEST", seq=2, activity=remote)
    altered = copy.deepcopy(message)
    for prop in altered["body"]["jcal"][2][0][1]:
        if prop[0] == "dtstart":
            prop[3] = "2025-11-21T09:00:00"  # someone on the way moves the meeting
    before = state()
    status, answer = post(client, altered)
    assert status == 403 and "forged or altered" in answer["message"]
    assert state() == before and last_seq() == 1
    assert post(client, message)[0] == 200  # the genuine one still goes through


def test_unsigned_and_unknown_senders_are_refused(fed, client):
    remote = f.remote_activity(fed["programme"], fed["be"])
    message = f.envelope(method="REQUEST", seq=1, activity=remote)
    unsigned = {"body": message["body"], "signature": ""}
    assert post(client, unsigned)[0] == 403
    stranger = f.envelope(method="REQUEST", seq=1, activity=remote, sender="evil.test")
    status, answer = post(client, stranger)
    assert status == 403 and answer["message"].startswith("unknown sender “evil.test”")
    status, answer = post(client, "\"not an envelope\"")  # JSON, but not an envelope
    assert status == 403
    assert client.post(INBOX, "{", content_type="application/json").status_code == 400
    assert last_seq() == 0 and not Activity.objects.exists()
    assert InboundMessage.objects.filter(outcome="refused").count() == 4


def test_message_for_another_instance_is_refused(fed, client):
    remote = f.remote_activity(fed["programme"], fed["be"])
    before = state()
    status, answer = post(client, f.envelope(method="REQUEST", seq=1, activity=remote, to="fr.test"))
    assert status == 403
    assert answer["message"] == "wrong recipient: the message is for “fr.test”, this instance is “kz.test”"
    assert state() == before and last_seq() == 0


def test_message_outside_the_clock_window_is_refused(fed, client):
    remote = f.remote_activity(fed["programme"], fed["be"])
    old = now_iso(datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=2))
    status, answer = post(client, f.envelope(method="REQUEST", seq=1, activity=remote, sent_at=old))
    assert status == 403 and answer["message"].startswith("too old")
    future = now_iso(datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=2))
    status, answer = post(client, f.envelope(method="REQUEST", seq=1, activity=remote, sent_at=future))
    assert status == 403 and answer["message"].startswith("from the future")
    assert last_seq() == 0 and not Activity.objects.exists()


def test_without_a_key_federation_answers_503(fed, client, settings):
    settings.HEMICYCLE_FEDERATION_KEY = ""
    remote = f.remote_activity(fed["programme"], fed["be"])
    status, answer = post(client, f.envelope(method="REQUEST", seq=1, activity=remote))
    assert status == 503 and "HEMICYCLE_FEDERATION_KEY" in answer["message"]
    assert client.get("/federation/v1/changes?since=0").status_code == 503
    assert not Activity.objects.exists()


# Refused by the domain: consumed, nothing changes ---------------------------------------------------------------

def test_stale_sequence_is_refused(fed, client):
    remote = f.remote_activity(fed["programme"], fed["be"], sequence=3)
    post(client, f.envelope(method="REQUEST", seq=1, activity=remote))
    remote.sequence, remote.venue_en = 2, "Somewhere older"
    before = state()
    status, answer = post(client, f.envelope(method="REQUEST", seq=2, activity=remote))
    assert status == 422
    assert answer["message"] == "stale: SEQUENCE 2 is older than SEQUENCE 3 held here"
    assert state() == before
    assert last_seq() == 2  # consumed: the channel goes on
    assert InboundMessage.objects.filter(seq=2).get().reason.startswith("stale")


def test_request_for_an_activity_the_sender_does_not_organize_is_refused(fed, client):
    ours = our_activity(fed)
    OutboundMessage.objects.all().delete()
    before = state()
    # Belgium's instance sends our activity, claiming it organizes it …
    hijack = Activity.objects.get(pk=ours.pk)
    hijack.organizer, hijack.sequence, hijack.venue_en = fed["be"], 5, "Brussels instead"
    status, answer = post(client, f.envelope(method="REQUEST", seq=1, activity=hijack))
    assert status == 422 and answer["message"].startswith("not authoritative")
    # … or naming us as organizer.
    hijack.organizer = fed["kz"]
    status, answer = post(client, f.envelope(method="CANCEL", seq=2, activity=hijack))
    assert status == 422 and answer["message"].startswith("not authoritative")
    assert state() == before
    assert Activity.objects.get(pk=ours.pk).venue_en == "Parliament House"


def test_malformed_event_and_unknown_programme_are_refused(fed, client):
    remote = f.remote_activity(fed["programme"], fed["be"])
    bad = f.envelope(method="REQUEST", seq=1, activity=remote, jcal=["vcalendar", [], []])
    status, answer = post(client, bad)
    assert status == 422 and answer["message"].startswith("malformed event")
    message = f.envelope(method="REQUEST", seq=2, activity=remote)
    message["body"]["programme"] = "ocd-programme/unknown"
    message = signing.sign_envelope(message["body"], f.THEIR_SEED)
    status, answer = post(client, message)
    assert status == 422 and answer["message"].startswith("unknown programme")
    assert not Activity.objects.exists()


# Our changes go out ------------------------------------------------------------------------------------------

def test_our_changes_are_queued_for_the_partner_in_order(fed, irene):
    activity = our_activity(fed)
    services.activity_update(activity=activity, by=irene, venue_en="Akorda")
    services.activity_update(activity=activity, by=irene, venue_en="Akorda")  # no change: nothing sent
    services.activity_update(activity=activity, by=irene, description_en="Programme to follow.")  # not significant
    services.activity_cancel(activity=activity, by=irene)
    messages = list(OutboundMessage.objects.order_by("seq"))
    assert [(m.seq, m.method) for m in messages] == [(1, "REQUEST"), (2, "REQUEST"), (3, "REQUEST"), (4, "CANCEL")]
    sequences = [sync.parse_calendar(m.envelope["body"]["jcal"])[1]["sequence"][0][2][0] for m in messages]
    assert sequences == [0, 1, 1, 2]
    for message in messages:
        body = signing.verify_envelope(message.envelope, f.OUR_PUBLIC)
        assert (body["from"], body["to"], body["uid"]) == (f.US, f.THEM, activity.uid)
        assert body["programme"] == fed["programme"].public_id


def test_the_partners_activity_is_not_sent_back(fed, client, irene):
    remote = f.remote_activity(fed["programme"], fed["be"])
    post(client, f.envelope(method="REQUEST", seq=1, activity=remote))
    mirror = Activity.objects.get(uid=remote.uid)
    services.activity_update(activity=mirror, by=irene, venue_en="Elsewhere")
    assert not OutboundMessage.objects.exists()


def test_changes_endpoint_needs_a_signed_request(fed, client):
    our_activity(fed)
    path = "/federation/v1/changes?since=0"
    response = client.get(path)
    assert response.status_code == 401 and "unsigned request" in response.json()["message"]

    def headers(seed, sender=f.THEM, signed_path=path):
        date = now_iso()
        statement = signing.request_statement(method="GET", path=signed_path, date=date, sender=sender,
                                              recipient=f.US)
        return {HEADER_FROM: sender, HEADER_DATE: date, HEADER_SIGNATURE: signing.sign_value(statement, seed)}

    intruder, _ = signing.new_key_pair()
    assert client.get(path, headers=headers(intruder)).status_code == 403
    assert client.get(path, headers=headers(f.THEIR_SEED, signed_path="/federation/v1/changes?since=5")
                      ).status_code == 403
    response = client.get(path, headers=headers(f.THEIR_SEED))
    assert response.status_code == 200
    payload = response.json()
    assert [m["body"]["seq"] for m in payload["messages"]] == [1]
    assert signing.verify_envelope(payload["messages"][0], f.OUR_PUBLIC)["method"] == "REQUEST"
    # Pulling since=1 acknowledges message 1.
    path = "/federation/v1/changes?since=1"
    assert client.get(path, headers=headers(f.THEIR_SEED, signed_path=path)).json()["messages"] == []
    assert OutboundMessage.objects.get().delivered_at is not None


def test_push_to_an_unreachable_peer_keeps_the_message(fed):
    our_activity(fed)
    report = deliver_pending(Peer.objects.get(), timeout=0.5)
    assert report.error.startswith("unreachable")
    message = OutboundMessage.objects.get()
    assert message.delivered_at is None and message.attempts == 1 and message.last_error


# Counter-proposals ---------------------------------------------------------------------------------------------

def test_counter_becomes_a_proposal_and_acceptance_goes_out_as_request_then_reply(fed, client, irene):
    activity = our_activity(fed)
    OutboundMessage.objects.all().delete()
    proposed = Activity.objects.get(pk=activity.pk)
    proposed.start += datetime.timedelta(days=7)
    proposed.end += datetime.timedelta(days=7)
    status, answer = post(client, f.envelope(method="COUNTER", seq=1, activity=proposed, proposal_ref="41",
                                             comment="Our delegation cannot travel that week."))
    assert status == 200, answer
    activity.refresh_from_db()
    assert activity.local_start.day == 2  # a proposal never overwrites
    proposal = ActivityProposal.objects.get()
    assert proposal.status == "open" and proposal.proposed_by == fed["be"]
    assert set(proposal.changes) == {"start", "end"}
    assert proposal.note == "Our delegation cannot travel that week."

    sync.proposal_accept(proposal=proposal, by=irene)
    activity.refresh_from_db()
    assert activity.local_start.day == 9 and activity.sequence == 1
    request, reply = OutboundMessage.objects.order_by("seq")
    assert request.method == "REQUEST" and reply.method == "REPLY"
    assert sync.parse_calendar(request.envelope["body"]["jcal"])[1]["sequence"][0][2][0] == 1
    assert reply.envelope["body"]["proposal_ref"] == "41" and reply.envelope["body"]["decision"] == "accepted"
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.decided_by == irene
    with pytest.raises(ValidationError):
        sync.proposal_accept(proposal=proposal, by=irene)


def test_declined_counter_changes_nothing_and_says_so(fed, client, irene):
    activity = our_activity(fed)
    OutboundMessage.objects.all().delete()
    proposed = Activity.objects.get(pk=activity.pk)
    proposed.venue_en = "Embassy of Belgium"
    post(client, f.envelope(method="COUNTER", seq=1, activity=proposed, proposal_ref="7"))
    sync.proposal_decline(proposal=ActivityProposal.objects.get(), by=irene)
    activity.refresh_from_db()
    assert activity.venue_en == "Parliament House" and activity.sequence == 0
    reply = OutboundMessage.objects.get()
    assert (reply.method, reply.envelope["body"]["decision"]) == ("REPLY", "declined")


def test_counter_from_the_organizer_is_refused(fed, client):
    remote = f.remote_activity(fed["programme"], fed["be"])
    post(client, f.envelope(method="REQUEST", seq=1, activity=remote))
    remote.venue_en = "Elsewhere"
    status, answer = post(client, f.envelope(method="COUNTER", seq=2, activity=remote, proposal_ref="1"))
    assert status == 422 and "send a REQUEST, not a COUNTER" in answer["message"]
    assert not ActivityProposal.objects.exists()


def test_our_counter_to_the_partner_and_its_answer(fed, client, irene):
    remote = f.remote_activity(fed["programme"], fed["be"])
    post(client, f.envelope(method="REQUEST", seq=1, activity=remote))
    mirror = Activity.objects.get(uid=remote.uid)
    with pytest.raises(ValidationError):
        sync.activity_counter(activity=our_activity(fed), changes={"venue_en": "x"}, by=irene)
    OutboundMessage.objects.all().delete()
    new_start = datetime.datetime(2025, 11, 21, 10, 0, tzinfo=f.BRUSSELS)
    proposal = sync.activity_counter(activity=mirror, by=irene, note="A morning suits us better.",
                                     changes={"start": new_start, "end": new_start + datetime.timedelta(hours=3)})
    counter = OutboundMessage.objects.get()
    assert counter.method == "COUNTER" and counter.envelope["body"]["proposal_ref"] == str(proposal.pk)
    event = sync.parse_calendar(counter.envelope["body"]["jcal"])[1]
    assert event["dtstart"][0][2][0] == "2025-11-21T10:00:00" and event["comment"][0][2][0].startswith("A morning")
    mirror.refresh_from_db()
    assert mirror.local_start.day == 20  # we only proposed it

    # Belgium accepts: its new REQUEST and its REPLY arrive.
    remote.sequence, remote.start, remote.end = 1, new_start, new_start + datetime.timedelta(hours=3)
    assert post(client, f.envelope(method="REQUEST", seq=2, activity=remote))[0] == 200
    reply = f.envelope(method="REPLY", seq=3, activity=remote, proposal_ref=str(proposal.pk), decision="accepted")
    assert post(client, reply)[0] == 200
    proposal.refresh_from_db()
    mirror.refresh_from_db()
    assert proposal.status == "accepted" and mirror.sequence == 1 and mirror.local_start.day == 21


def test_attendee_acceptance_makes_a_proposed_activity_agreed(fed, client):
    activity = our_activity(fed, status=Activity.Status.PROPOSED)
    OutboundMessage.objects.all().delete()
    attendee = ["attendee", {"partstat": "ACCEPTED"}, "cal-address", sync.organizer_uri(fed["be"])]
    jcal = sync.vcalendar("REPLY", sync.activity_vevent(activity, extra=(attendee,)))
    status, answer = post(client, f.envelope(method="REPLY", seq=1, activity=activity, jcal=jcal))
    assert status == 200, answer
    activity.refresh_from_db()
    assert activity.status == "agreed" and activity.sequence == 1
    assert OutboundMessage.objects.get().method == "REQUEST"


# Programme versions --------------------------------------------------------------------------------------------

def test_agreed_version_countersigned_by_both(fed, client, irene):
    our_activity(fed)
    version = services.programme_agree(programme=fed["programme"], by=irene)
    OutboundMessage.objects.all().delete()
    version = sync.programme_version_countersign(version=version, by=irene)
    sent = OutboundMessage.objects.get()
    assert sent.method == "X-HEMICYCLE-COUNTERSIGN" and sent.envelope["body"]["digest"] == version.digest
    assert sync.version_signatures(version) == {"ours": True, "partner": None}
    assert not version.is_countersigned

    statement = sync.version_statement(fed["programme"].public_id, version.digest)
    theirs = signing.sign_value(statement, f.THEIR_SEED)
    body = {"protocol": "hemicycle-federation/1", "from": f.THEM, "to": f.US, "seq": 1, "sent_at": now_iso(),
            "method": "X-HEMICYCLE-COUNTERSIGN", "uid": "", "programme": fed["programme"].public_id, "jcal": None,
            "version": 3, "digest": version.digest, "snapshot": version.snapshot, "version_signature": theirs}
    assert post(client, signing.sign_envelope(body, f.THEIR_SEED))[0] == 200
    version.refresh_from_db()
    assert version.is_countersigned
    assert sync.version_signatures(version) == {"ours": True, "partner": True}

    # A signature over another digest is refused and signs nothing.
    other = dict(body, seq=2, digest="0" * 64, version_signature=signing.sign_value(
        sync.version_statement(fed["programme"].public_id, "0" * 64), f.THEIR_SEED))
    status, answer = post(client, signing.sign_envelope(other, f.THEIR_SEED))
    assert status == 422 and "snapshot does not match" in answer["message"]
    assert fed["programme"].versions.count() == 1


# Back office ---------------------------------------------------------------------------------------------------

def test_officer_accepts_a_proposal_in_the_back_office(fed, client, irene, ada):
    activity = our_activity(fed)
    OutboundMessage.objects.all().delete()
    proposed = Activity.objects.get(pk=activity.pk)
    proposed.venue_en = "Embassy of Belgium"
    post(client, f.envelope(method="COUNTER", seq=1, activity=proposed, proposal_ref="3"))
    proposal = ActivityProposal.objects.get()

    client.force_login(irene)
    listing = client.get("/en/admin/cooperation/activityproposal/")
    assert listing.status_code == 200 and "Embassy of Belgium" in listing.content.decode()
    response = client.post("/en/admin/cooperation/activityproposal/", {
        "action": "accept", "_selected_action": [proposal.pk]}, follow=True)
    assert response.status_code == 200 and "1 proposal accepted." in response.content.decode()
    proposal.refresh_from_db()
    activity.refresh_from_db()
    assert proposal.status == "accepted" and activity.venue_en == "Embassy of Belgium"
    assert [m.method for m in OutboundMessage.objects.order_by("seq")] == ["REQUEST", "REPLY"]

    client.force_login(ada)
    for path in ("/en/admin/calendars/peer/", "/en/admin/calendars/inboundmessage/",
                 "/en/admin/calendars/outboundmessage/", f"/en/admin/calendars/peer/{fed['peer'].pk}/change/"):
        assert client.get(path).status_code == 200, path
