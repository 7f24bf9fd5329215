"""Keeping a joint programme in sync with the partner parliament's own Hemicycle (the domain side of federation).

Who decides: each side is authoritative for the activities it organizes (``Activity.organizer``). Only the
organizer sends an activity out, as an iTIP REQUEST (created or changed) or CANCEL (RFC 5546) with the event in
jCal (RFC 7265); the other side mirrors it exactly, SEQUENCE included, and refuses anything older than what it
holds. The side that does not organize an activity proposes a change with a COUNTER, which becomes an
``ActivityProposal`` on the organizer's side — never an overwrite; the organizer's officers accept it (the change
goes out as a new REQUEST with a higher SEQUENCE, then a REPLY "accepted") or decline it (REPLY "declined").
A non-organizer can also answer a proposed activity with a REPLY PARTSTAT=ACCEPTED, which makes it agreed.

How the two instances recognise the same things: a programme by its ``public_id`` (identical on both sides: the
demo and the pairing set-up create it with the same derived identifier, ``derived_public_id``); an activity by its
calendar ``uid`` (made once by the organizer; the receiving side also keeps the organizer's ``public_id`` so that
pages have the same address); parliaments, bodies and persons by their public ids (Popolo imports and the demo
world derive them identically everywhere; unknown ones are skipped).

The jCal of an activity: UID, DTSTAMP, SEQUENCE, DTSTART/DTEND with TZID (wall-clock time in the activity's own
IANA zone), SUMMARY/DESCRIPTION/LOCATION (for any calendar client), STATUS (TENTATIVE/CONFIRMED/CANCELLED),
ORGANIZER (``urn:x-hemicycle:`` + the organizing parliament's public id), and our extensions:
X-HEMICYCLE-KIND, X-HEMICYCLE-STATUS (the finer status), X-HEMICYCLE-PROGRAMME, X-HEMICYCLE-PUBLIC-ID,
X-HEMICYCLE-PUBLISHED, X-HEMICYCLE-EMBARGO-UNTIL, X-HEMICYCLE-ASSEMBLY, X-HEMICYCLE-BODY, X-HEMICYCLE-DELEGATE,
and every translated text as X-HEMICYCLE-TITLE / -DESCRIPTION / -VENUE / -CITY / -OUTCOME-REPORT with a LANGUAGE
parameter (kk, ru, en, fr, nl, de).
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hemicycle.calendars import signing
from hemicycle.calendars.federation import (
    COUNTERSIGN,
    FederationNotConfigured,
    Refusal,
    federation_key,
    queue_message,
)
from hemicycle.calendars.models import InboundMessage, Peer
from hemicycle.cooperation import services
from hemicycle.cooperation.models import Activity, ActivityProposal, Programme, ProgrammeVersion
from hemicycle.core.ids import derived_public_id, new_calendar_uid
from hemicycle.people.models import Organization, Person

LANGS = services.LANGS
#: Translated activity fields that travel, each as X-HEMICYCLE-<FIELD>;LANGUAGE=<code>.
TRANSLATED = ("title", "description", "venue", "city", "outcome_report")
#: What the non-organizing side may propose to change (a COUNTER).
COUNTERABLE = frozenset({"kind", "start", "end", "timezone", "status"} | {
    f"{name}_{code}" for name in ("title", "description", "venue", "city") for code in LANGS})
DATETIME_FIELDS = frozenset({"start", "end"})
ORGANIZER_URI = "urn:x-hemicycle:"
PRODID = "-//Hemicycle//Federation//EN"
#: Our fine status → the three RFC 5545 VEVENT statuses.
ICAL_STATUS = {"proposed": "TENTATIVE", "agreed": "TENTATIVE", "postponed": "TENTATIVE", "scheduled": "CONFIRMED",
               "held": "CONFIRMED", "reported": "CONFIRMED", "cancelled": "CANCELLED"}
FROM_ICAL_STATUS = {"TENTATIVE": "proposed", "CONFIRMED": "scheduled", "CANCELLED": "cancelled"}
#: The demo world's id scheme, so that HEMICYCLE_OWN_PARLIAMENT can name a parliament by its demo key.
DEMO_SCHEME = "hemicycle-demo"


def new_uid() -> str:
    """A fresh calendar UID in this instance's domain."""
    return new_calendar_uid(settings.FEDERATION_INSTANCE_HOST)


# Who is who ----------------------------------------------------------------------------------------------------

def resolve_organization(value: str) -> Organization | None:
    """An organization by public id (``ocd-organization/…``) or by its demo-world key (``kz-parliament``, or
    just ``kz`` / ``be`` as the demo loader reads HEMICYCLE_OWN_PARLIAMENT)."""
    value = (value or "").strip()
    if not value:
        return None
    if "/" in value:
        return Organization.objects.filter(public_id=value).first()
    candidates = [derived_public_id("organization", scheme=DEMO_SCHEME, source_id=key)
                  for key in (value, f"{value}-parliament")]
    found = {org.public_id: org for org in Organization.objects.filter(public_id__in=candidates)}
    return next((found[pid] for pid in candidates if pid in found), None)


def own_parliament() -> Organization | None:
    """The parliament this instance belongs to (HEMICYCLE_OWN_PARLIAMENT), if set."""
    return resolve_organization(getattr(settings, "HEMICYCLE_OWN_PARLIAMENT", ""))


def peers_for_programme(programme: Programme) -> list[Peer]:
    """The paired instances this programme is shared with: the other side of its partnership."""
    if not Peer.objects.exists():
        return []
    partnership = programme.partnership
    sides = {partnership.parliament_id, partnership.counterpart_id}
    own = own_parliament()
    if own is not None:
        sides.discard(own.pk)
    return list(Peer.objects.filter(organization_id__in=sides).select_related("organization"))


def our_side(programme: Programme, peer: Peer) -> Organization:
    """The parliament we speak for towards ``peer`` in this programme."""
    own = own_parliament()
    if own is not None:
        return own
    partnership = programme.partnership
    return partnership.counterpart if partnership.parliament_id == peer.organization_id else partnership.parliament


def organizer_peer(activity: Activity) -> Peer | None:
    """The paired instance that organizes ``activity`` (None when we do, or it is not shared)."""
    for peer in peers_for_programme(activity.programme):
        if peer.organization_id == activity.organizer_id:
            return peer
    return None


# jCal ----------------------------------------------------------------------------------------------------------

def _utc_text(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _local_text(moment: datetime.datetime, zone: str) -> str:
    return moment.astimezone(zoneinfo.ZoneInfo(zone)).replace(tzinfo=None).isoformat(timespec="seconds")


def _first_text(activity, name: str) -> tuple[str, str]:
    for code in ("en", "fr", "nl", "de", "ru", "kk"):
        value = getattr(activity, f"{name}_{code}", "") or ""
        if value:
            return value, code
    return "", "en"


def organizer_uri(organization: Organization) -> str:
    return ORGANIZER_URI + organization.public_id


def activity_vevent(activity: Activity, *, dtstamp: datetime.datetime | None = None, comment: str = "",
                    extra: tuple = ()) -> list:
    """The activity as a jCal VEVENT component (RFC 7265)."""
    props = [
        ["uid", {}, "text", activity.uid],
        ["dtstamp", {}, "date-time", _utc_text(dtstamp or timezone.now())],
        ["sequence", {}, "integer", activity.sequence],
        ["dtstart", {"tzid": activity.timezone}, "date-time", _local_text(activity.start, activity.timezone)],
        ["dtend", {"tzid": activity.timezone}, "date-time", _local_text(activity.end, activity.timezone)],
    ]
    summary, language = _first_text(activity, "title")
    props.append(["summary", {"language": language}, "text", summary])
    description, language = _first_text(activity, "description")
    if description:
        props.append(["description", {"language": language}, "text", description])
    venue, language = _first_text(activity, "venue")
    city, _ = _first_text(activity, "city")
    location = ", ".join(part for part in (venue, city) if part)
    if location:
        props.append(["location", {"language": language}, "text", location])
    props += [
        ["status", {}, "text", ICAL_STATUS.get(activity.status, "TENTATIVE")],
        ["organizer", {"cn": activity.organizer.name or ""}, "cal-address", organizer_uri(activity.organizer)],
        ["x-hemicycle-programme", {}, "text", activity.programme.public_id],
        ["x-hemicycle-public-id", {}, "text", activity.public_id or ""],
        ["x-hemicycle-kind", {}, "text", activity.kind],
        ["x-hemicycle-status", {}, "text", activity.status],
        ["x-hemicycle-published", {}, "boolean", bool(activity.is_published)],
    ]
    if activity.embargo_until:
        props.append(["x-hemicycle-embargo-until", {}, "date-time", _utc_text(activity.embargo_until)])
    if activity.assembly_id:
        props.append(["x-hemicycle-assembly", {}, "text", activity.assembly.public_id])
    for name in TRANSLATED:
        for code in LANGS:
            value = getattr(activity, f"{name}_{code}", "") or ""
            if value:
                props.append([f"x-hemicycle-{name.replace('_', '-')}", {"language": code}, "text", value])
    if activity.pk:
        for public_id in sorted(activity.bodies.values_list("public_id", flat=True)):
            props.append(["x-hemicycle-body", {}, "text", public_id])
        for public_id in sorted(activity.delegation.values_list("public_id", flat=True)):
            props.append(["x-hemicycle-delegate", {}, "text", public_id])
    if comment:
        props.append(["comment", {}, "text", comment])
    props.extend(list(prop) for prop in extra)
    return ["vevent", props, []]


def vcalendar(method: str, vevent: list | None) -> list:
    """A jCal VCALENDAR with its iTIP METHOD and (at most) one VEVENT."""
    props = [["version", {}, "text", "2.0"], ["prodid", {}, "text", PRODID], ["method", {}, "text", method]]
    return ["vcalendar", props, [vevent] if vevent else []]


def _malformed(reason: str) -> Refusal:
    return Refusal(f"malformed event: {reason}", code="malformed")


def _props(raw) -> list[tuple[str, dict, str, list]]:
    if not isinstance(raw, list):
        raise _malformed("properties are not a list")
    props = []
    for prop in raw:
        if not (isinstance(prop, list) and len(prop) >= 4 and isinstance(prop[0], str) and isinstance(prop[1], dict)
                and isinstance(prop[2], str)):
            raise _malformed(f"a property is not [name, parameters, type, value]: {str(prop)[:80]}")
        props.append((prop[0].lower(), prop[1], prop[2], prop[3:]))
    return props


def parse_calendar(jcal) -> tuple[str, dict | None]:
    """(METHOD, the VEVENT's properties by name) from a jCal VCALENDAR; ``Refusal`` if it is not one."""
    if not (isinstance(jcal, list) and len(jcal) == 3 and jcal[0] == "vcalendar" and isinstance(jcal[2], list)):
        raise _malformed("not a jCal VCALENDAR")
    methods = [values[0] for name, _p, _t, values in _props(jcal[1]) if name == "method"]
    if len(methods) != 1 or not isinstance(methods[0], str):
        raise _malformed("the VCALENDAR needs exactly one METHOD")
    events = [component for component in jcal[2] if isinstance(component, list) and component
              and component[0] == "vevent"]
    if len(events) > 1 or len(events) != len(jcal[2]):
        raise _malformed("a message carries one VEVENT and nothing else")
    if not events:
        return methods[0].upper(), None
    if len(events[0]) != 3:
        raise _malformed("a VEVENT is [\"vevent\", properties, components]")
    by_name: dict[str, list] = {}
    for name, params, kind, values in _props(events[0][1]):
        by_name.setdefault(name, []).append((params, kind, values))
    return methods[0].upper(), by_name


def _one(event: dict, name: str, *, required: bool = False, kind=str):
    entries = event.get(name, [])
    if not entries:
        if required:
            raise _malformed(f"no {name.upper()}")
        return None
    value = entries[0][2][0]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _malformed(f"{name.upper()} is not a {kind.__name__}")
    return value


def _event_datetime(event: dict, name: str) -> tuple[datetime.datetime, str]:
    entries = event.get(name, [])
    if not entries:
        raise _malformed(f"no {name.upper()}")
    params, _kind, values = entries[0]
    text = values[0]
    try:
        if not isinstance(text, str):
            raise ValueError
        if text.endswith("Z"):
            return datetime.datetime.fromisoformat(text[:-1]).replace(tzinfo=datetime.UTC), "UTC"
        zone_name = params.get("tzid")
        zone = zoneinfo.ZoneInfo(zone_name)
        naive = datetime.datetime.fromisoformat(text)
        if naive.tzinfo is not None:
            raise ValueError
    except (ValueError, TypeError, zoneinfo.ZoneInfoNotFoundError) as exc:
        raise _malformed(f"{name.upper()} “{text}” is not a date-time with a known TZID") from exc
    return naive.replace(tzinfo=zone).astimezone(datetime.UTC), zone_name


def _organizer_id(event: dict) -> str:
    value = _one(event, "organizer", required=True)
    return value[len(ORGANIZER_URI):] if value.startswith(ORGANIZER_URI) else value


def event_values(event: dict) -> dict:
    """The activity fields a VEVENT describes, as keyword arguments for ``activity_create``/``activity_update``."""
    start, zone = _event_datetime(event, "dtstart")
    end, _ = _event_datetime(event, "dtend")
    kind = _one(event, "x-hemicycle-kind", required=True)
    if kind not in Activity.Kind.values:
        raise _malformed(f"unknown X-HEMICYCLE-KIND “{kind}”")
    status = _one(event, "x-hemicycle-status") or FROM_ICAL_STATUS.get((_one(event, "status") or "").upper())
    if status not in Activity.Status.values:
        raise _malformed(f"unknown status “{status}”")
    if end < start:
        raise _malformed("DTEND is before DTSTART")
    values = {"kind": kind, "start": start, "end": end, "timezone": zone, "status": status}
    published = _one(event, "x-hemicycle-published", kind=bool)
    values["is_published"] = True if published is None else published
    embargo = event.get("x-hemicycle-embargo-until")
    values["embargo_until"] = _event_datetime(event, "x-hemicycle-embargo-until")[0] if embargo else None
    for name in TRANSLATED:
        texts = {}
        for params, _kind, entry in event.get(f"x-hemicycle-{name.replace('_', '-')}", []):
            if isinstance(entry[0], str) and params.get("language") in LANGS:
                texts[params["language"]] = entry[0]
        for code in LANGS:
            values[f"{name}_{code}"] = texts.get(code)  # None, like a translation never written here
    if not any(values[f"title_{code}"] for code in LANGS):
        # A plain iTIP client sends SUMMARY only.
        summary = _one(event, "summary", required=True)
        language = (event["summary"][0][0].get("language") or "en")
        values[f"title_{language if language in LANGS else 'en'}"] = summary
    return values


def _related(event: dict) -> dict:
    def ids(name):
        return [entry[0] for _params, _kind, entry in event.get(name, []) if isinstance(entry[0], str)]

    assembly = _one(event, "x-hemicycle-assembly")
    return {
        "assembly": Organization.objects.filter(public_id=assembly).first() if assembly else None,
        "bodies": list(Organization.objects.filter(public_id__in=ids("x-hemicycle-body"))),
        "delegation": list(Person.objects.filter(public_id__in=ids("x-hemicycle-delegate"))),
    }


def _event_key(jcal) -> str:
    """What identifies an event's content, for not sending the same thing twice (DTSTAMP left out)."""
    calendar = [jcal[0], jcal[1], [[c[0], [p for p in c[1] if p[0] != "dtstamp"], c[2]] for c in jcal[2]]]
    return signing.canonical_json(calendar).decode("utf-8")


# Sending -------------------------------------------------------------------------------------------------------

def activity_changed(*, activity: Activity, by_peer: str = "") -> None:
    """Hook called by ``services`` inside the transaction of every activity create/update.

    A change that came from a peer is a mirror of the organizer's and goes nowhere. Otherwise our activities
    go out as REQUEST (or CANCEL) to the peers the programme is shared with. The partner's activities are not
    sent: their organizer is authoritative, and a change to one is proposed with ``activity_counter``.
    """
    if by_peer:
        return
    for peer in peers_for_programme(activity.programme):
        if activity.organizer_id != peer.organization_id:
            activity_announce(activity=activity, peer=peer)


def activity_announce(*, activity: Activity, peer: Peer, force: bool = False):
    """Queue the activity for ``peer`` as REQUEST (or CANCEL when cancelled), unless it was sent as it is."""
    method = "CANCEL" if activity.status == Activity.Status.CANCELLED else "REQUEST"
    jcal = vcalendar(method, activity_vevent(activity))
    if not force:
        last = peer.outbox.filter(uid=activity.uid, method__in=("REQUEST", "CANCEL")).order_by("-seq").first()
        if last is not None and _event_key(last.envelope["body"].get("jcal")) == _event_key(jcal):
            return None
    return queue_message(peer=peer, method=method, uid=activity.uid, programme=activity.programme.public_id,
                         jcal=jcal)


def programme_announce(*, programme: Programme) -> int:
    """Queue every activity we organize in ``programme`` for its peers (skipping what they already have)."""
    queued = 0
    with transaction.atomic():
        for peer in peers_for_programme(programme):
            for activity in programme.activities.exclude(organizer=peer.organization).select_related(
                    "organizer", "programme", "assembly"):
                queued += activity_announce(activity=activity, peer=peer) is not None
    return queued


def _jsonable(changes: dict) -> dict:
    return {name: value.astimezone(datetime.UTC).isoformat() if isinstance(value, datetime.datetime) else value
            for name, value in changes.items()}


def _from_json(changes: dict) -> dict:
    values = {}
    for name, value in changes.items():
        if name in DATETIME_FIELDS and isinstance(value, str):
            value = datetime.datetime.fromisoformat(value)
        values[name] = value
    return values


def activity_counter(*, activity: Activity, changes: dict, by=None, note: str = "") -> ActivityProposal:
    """Propose a change to an activity the partner organizes: a COUNTER to its instance, and a local record.

    ``changes`` maps fields (start, end, timezone, kind, status, title_en, venue_fr …) to proposed values.
    """
    services.require_relations_officer(by)
    unknown = set(changes) - COUNTERABLE
    if unknown:
        raise ValidationError({"changes": f"Cannot propose a change to: {', '.join(sorted(unknown))}."})
    if not changes:
        raise ValidationError({"changes": "Say what should change."})
    peer = organizer_peer(activity)
    if peer is None:
        raise ValidationError("This activity is not organized by a paired partner instance: change it directly.")
    proposed = Activity.objects.get(pk=activity.pk)
    for name, value in _from_json(changes).items():
        setattr(proposed, name, value)
    try:
        proposed.full_clean(validate_unique=False)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    values = {name: getattr(proposed, name) for name in changes}
    with transaction.atomic():
        proposal = ActivityProposal.objects.create(
            activity=activity, proposed_by=our_side(activity.programme, peer), changes=_jsonable(values), note=note)
        queue_message(peer=peer, method="COUNTER", uid=activity.uid, programme=activity.programme.public_id,
                      jcal=vcalendar("COUNTER", activity_vevent(proposed, comment=note)),
                      extra={"proposal_ref": str(proposal.pk)})
    return proposal


def _proposal_origin(proposal: ActivityProposal) -> InboundMessage | None:
    """The COUNTER that opened this proposal, if it came from a peer."""
    return InboundMessage.objects.filter(
        method="COUNTER", outcome=InboundMessage.Outcome.APPLIED, uid=proposal.activity.uid,
        reason=_opened(proposal)).select_related("peer").first()


def _opened(proposal: ActivityProposal) -> str:
    return f"opened proposal #{proposal.pk}"


def _decide(proposal: ActivityProposal, status: str, by) -> ActivityProposal:
    proposal.status = status
    proposal.decided_at = timezone.now()
    proposal.decided_by = by if by is not None and by.is_authenticated else None
    proposal.save(update_fields=["status", "decided_at", "decided_by"])
    return proposal


def _reply_to_proposal(proposal: ActivityProposal, decision: str) -> None:
    origin = _proposal_origin(proposal)
    if origin is None or origin.peer is None:
        return
    ref = origin.envelope.get("body", {}).get("proposal_ref", "")
    activity = Activity.objects.select_related("organizer", "programme").get(pk=proposal.activity_id)
    status = "2.0;Success" if decision == "accepted" else "3.8;Declined by the organizer"
    jcal = vcalendar("REPLY", activity_vevent(activity, extra=(
        ["request-status", {}, "text", status], ["x-hemicycle-decision", {}, "text", decision])))
    queue_message(peer=origin.peer, method="REPLY", uid=activity.uid, programme=activity.programme.public_id,
                  jcal=jcal, extra={"proposal_ref": ref, "decision": decision})


def _open_proposal_to_decide(proposal: ActivityProposal) -> ActivityProposal:
    proposal = ActivityProposal.objects.select_for_update().select_related("activity").get(pk=proposal.pk)
    if proposal.status != ActivityProposal.Status.OPEN:
        raise ValidationError(f"This proposal was already {proposal.get_status_display()}.")
    peer = organizer_peer(proposal.activity)
    if peer is not None:
        raise ValidationError("The partner organizes this activity: it decides on proposals to change it.")
    return proposal


@transaction.atomic
def proposal_accept(*, proposal: ActivityProposal, by=None) -> ActivityProposal:
    """Accept a partner's proposal: change the activity (a new REQUEST goes out) and answer REPLY accepted."""
    services.require_relations_officer(by)
    proposal = _open_proposal_to_decide(proposal)
    services.activity_update(activity=proposal.activity, by=by, note=f"Accepted the change proposed by "
                             f"{proposal.proposed_by}.", **_from_json(proposal.changes))
    _decide(proposal, ActivityProposal.Status.ACCEPTED, by)
    _reply_to_proposal(proposal, "accepted")
    return proposal


@transaction.atomic
def proposal_decline(*, proposal: ActivityProposal, by=None) -> ActivityProposal:
    """Decline a partner's proposal: the activity stays as it is; REPLY declined tells the partner."""
    services.require_relations_officer(by)
    proposal = _open_proposal_to_decide(proposal)
    _decide(proposal, ActivityProposal.Status.DECLINED, by)
    _reply_to_proposal(proposal, "declined")
    return proposal


@transaction.atomic
def activity_reply(*, activity: Activity, partstat: str = "ACCEPTED", by=None):
    """Answer the partner's activity as an attendee (iTIP REPLY, PARTSTAT ACCEPTED or DECLINED)."""
    services.require_relations_officer(by)
    partstat = partstat.upper()
    if partstat not in {"ACCEPTED", "DECLINED", "TENTATIVE"}:
        raise ValidationError({"partstat": "ACCEPTED, DECLINED or TENTATIVE."})
    peer = organizer_peer(activity)
    if peer is None:
        raise ValidationError("Only an activity the partner organizes can be answered.")
    side = our_side(activity.programme, peer)
    jcal = vcalendar("REPLY", activity_vevent(activity, extra=(
        ["attendee", {"partstat": partstat, "cn": side.name or ""}, "cal-address", organizer_uri(side)],)))
    return queue_message(peer=peer, method="REPLY", uid=activity.uid, programme=activity.programme.public_id,
                         jcal=jcal)


# Programme versions --------------------------------------------------------------------------------------------

def version_statement(programme_public_id: str, digest: str) -> dict:
    """What a side signs to say "this is the agreed programme": the programme and the digest of its snapshot."""
    return {"purpose": "hemicycle-programme-version", "programme": programme_public_id, "digest": digest}


@transaction.atomic
def programme_version_countersign(*, version: ProgrammeVersion, by=None) -> ProgrammeVersion:
    """Sign an agreed (or amended) version with our key and send the signature to the partner.

    The partner checks it against the version it holds with the same digest (the two programmes must be
    identical) and keeps it as the partner's signature; once it signs too, both sides hold both signatures and
    the version is countersigned.
    """
    services.require_relations_officer(by)
    version = ProgrammeVersion.objects.select_for_update().select_related("programme").get(pk=version.pk)
    if version.status not in (ProgrammeVersion.Status.AGREED, ProgrammeVersion.Status.AMENDED):
        raise ValidationError("Only an agreed or amended version can be signed.")
    try:
        key = federation_key()
    except FederationNotConfigured as exc:
        raise ValidationError(str(exc)) from exc
    programme = version.programme
    version.our_signature = signing.sign_value(version_statement(programme.public_id, version.digest), key)
    version.save(update_fields=["our_signature"])
    for peer in peers_for_programme(programme):
        queue_message(peer=peer, method=COUNTERSIGN, programme=programme.public_id, extra={
            "version": version.number, "status": version.status, "digest": version.digest,
            "snapshot": version.snapshot, "version_signature": version.our_signature})
    return version


def version_signatures(version: ProgrammeVersion) -> dict:
    """Whether each signature on a version verifies: ours with our key, the partner's with its pinned key."""
    statement = version_statement(version.programme.public_id, version.digest)
    result = {"ours": None, "partner": None}
    if version.our_signature:
        try:
            signing.verify_value(statement, version.our_signature, signing.public_key_b64(federation_key()))
            result["ours"] = True
        except (signing.SignatureError, FederationNotConfigured):
            result["ours"] = False
    if version.partner_signature:
        result["partner"] = False
        for peer in peers_for_programme(version.programme):
            try:
                signing.verify_value(statement, version.partner_signature, peer.public_key)
                result["partner"] = True
                break
            except signing.SignatureError:
                continue
    return result


# Receiving -----------------------------------------------------------------------------------------------------

def _shared_programme(peer: Peer, public_id) -> Programme:
    programme = Programme.objects.select_related("partnership").filter(public_id=public_id).first() \
        if isinstance(public_id, str) and public_id else None
    if programme is None:
        raise Refusal(f"unknown programme “{public_id}”: it must exist on both instances (same public id)",
                      code="unknown-programme")
    if peer.organization_id not in (programme.partnership.parliament_id, programme.partnership.counterpart_id):
        raise Refusal(f"the programme “{programme.public_id}” is not shared with {peer.organization}",
                      code="not-shared")
    return programme


def apply_message(*, peer: Peer, body: dict) -> str:
    """Apply an authentic, in-order message from ``peer``; return a note, or raise ``Refusal`` (nothing changes)."""
    method = body["method"]
    programme = _shared_programme(peer, body.get("programme"))
    if method == COUNTERSIGN:
        return _apply_countersign(peer, programme, body)
    calendar_method, event = parse_calendar(body.get("jcal"))
    if calendar_method != method:
        raise _malformed(f"the message says {method} but its calendar says METHOD:{calendar_method}")
    if event is None:
        raise _malformed(f"a {method} carries one VEVENT")
    uid = _one(event, "uid", required=True)
    if uid != body.get("uid"):
        raise _malformed("the message's uid is not its event's UID")
    if _one(event, "x-hemicycle-programme") not in (None, programme.public_id):
        raise _malformed("the event's X-HEMICYCLE-PROGRAMME is not the message's programme")
    try:
        if method in ("REQUEST", "CANCEL"):
            return _apply_request(peer, programme, uid, event, cancel=method == "CANCEL")
        if method == "COUNTER":
            return _apply_counter(peer, programme, uid, event, body)
        return _apply_reply(peer, programme, uid, event, body)
    except ValidationError as exc:
        detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items()) \
            if hasattr(exc, "error_dict") else " ".join(exc.messages)
        raise Refusal(f"cannot apply: {detail}", code="invalid") from exc
    except PermissionDenied as exc:
        raise Refusal(f"cannot apply: {exc}", code="forbidden") from exc


def _apply_request(peer: Peer, programme: Programme, uid: str, event: dict, *, cancel: bool) -> str:
    organizer_id = _organizer_id(event)
    if organizer_id != peer.organization.public_id:
        raise Refusal(f"not authoritative: {peer.organization} may only send its own activities, and this one's "
                      f"ORGANIZER is “{organizer_id}”", code="not-authoritative")
    sequence = _one(event, "sequence", kind=int) or 0
    values = event_values(event)
    if cancel:
        values["status"] = Activity.Status.CANCELLED
    related = _related(event)
    activity = Activity.objects.select_for_update().filter(uid=uid).first()
    if activity is not None:
        if activity.organizer_id != peer.organization_id:
            raise Refusal(f"not authoritative: {activity.organizer} organizes “{activity}”, not "
                          f"{peer.organization}", code="not-authoritative")
        if activity.programme_id != programme.pk:
            raise Refusal(f"the activity {uid} belongs to another programme here", code="not-shared")
        if sequence < activity.sequence:
            raise Refusal(f"stale: SEQUENCE {sequence} is older than SEQUENCE {activity.sequence} held here",
                          code="stale")
        verb = "cancelled" if cancel else "updated"
        note = f"{'Cancelled' if cancel else 'Changed'} by the organizer ({peer.instance_id})."
        activity = services.activity_update(activity=activity, by=None, by_peer=peer.instance_id, note=note,
                                            assembly=related["assembly"], **values)
        # Mirror the organizer's SEQUENCE exactly (ours may have counted differently, e.g. a skipped message).
        Activity.objects.filter(pk=activity.pk).update(sequence=sequence)
    else:
        public_id = _one(event, "x-hemicycle-public-id") or ""
        if not (public_id.startswith("ocd-activity/") and len(public_id) <= 80) or \
                Activity.objects.filter(public_id=public_id).exists():
            public_id = ""  # not an activity's id, or the address is taken here: make our own
        verb = "created cancelled" if cancel else "created"
        activity = services.activity_create(programme=programme, by=None, by_peer=peer.instance_id, uid=uid,
                                            public_id=public_id, organizer=peer.organization, sequence=sequence,
                                            assembly=related["assembly"], **values)
    activity.bodies.set(related["bodies"])
    activity.delegation.set(related["delegation"])
    return f"{verb} {uid} at SEQUENCE {sequence}"


def _differs(a, b) -> bool:
    """Values differ (an empty translation is the same whether stored as None or as "")."""
    return (a if a is not None else "") != (b if b is not None else "")


def _apply_counter(peer: Peer, programme: Programme, uid: str, event: dict, body: dict) -> str:
    activity = Activity.objects.filter(uid=uid, programme=programme).first()
    if activity is None:
        raise Refusal(f"unknown activity {uid}: a counter-proposal needs an activity we hold", code="unknown")
    if activity.organizer_id == peer.organization_id:
        raise Refusal(f"{peer.organization} organizes this activity: send a REQUEST, not a COUNTER",
                      code="not-a-counter")
    own = own_parliament()
    if own is not None and activity.organizer_id != own.pk:
        raise Refusal(f"not authoritative here: {activity.organizer} organizes this activity", code="not-ours")
    if not isinstance(body.get("proposal_ref"), str):
        raise _malformed("a COUNTER needs a proposal_ref for the answer")
    proposed = event_values(event)
    changes = {}
    for name in sorted(COUNTERABLE):
        if name in proposed and _differs(proposed[name], getattr(activity, name)):
            changes[name] = proposed[name]
    if not changes:
        raise Refusal("the counter-proposal changes nothing", code="no-change")
    proposal = ActivityProposal.objects.create(activity=activity, proposed_by=peer.organization,
                                               changes=_jsonable(changes), note=_one(event, "comment") or "")
    return _opened(proposal)


def _apply_reply(peer: Peer, programme: Programme, uid: str, event: dict, body: dict) -> str:
    activity = Activity.objects.filter(uid=uid, programme=programme).first()
    if activity is None:
        raise Refusal(f"unknown activity {uid}", code="unknown")
    ref = body.get("proposal_ref")
    if ref:
        # The organizer's answer to one of our counter-proposals.
        if activity.organizer_id != peer.organization_id:
            raise Refusal(f"not authoritative: only the organizer ({activity.organizer}) answers proposals",
                          code="not-authoritative")
        decision = body.get("decision")
        if decision not in ("accepted", "declined"):
            raise _malformed("a REPLY to a proposal says accepted or declined")
        proposal = ActivityProposal.objects.filter(pk=int(ref) if str(ref).isdigit() else 0, activity=activity,
                                                   status=ActivityProposal.Status.OPEN).first()
        if proposal is None:
            raise Refusal(f"unknown or already decided proposal {ref}", code="unknown")
        _decide(proposal, decision, None)
        return f"proposal #{proposal.pk} {decision} by the organizer"
    # An attendee's answer to one of our activities.
    if activity.organizer_id == peer.organization_id:
        raise Refusal("the organizer does not answer its own activity", code="not-authoritative")
    attendees = event.get("attendee", [])
    partstat = (attendees[0][0].get("partstat") or "").upper() if attendees else ""
    if partstat not in {"ACCEPTED", "DECLINED", "TENTATIVE"}:
        raise _malformed("a REPLY needs an ATTENDEE with PARTSTAT")
    if partstat == "ACCEPTED" and activity.status == Activity.Status.PROPOSED:
        activity = services.activity_set_status(activity=activity, status=Activity.Status.AGREED,
                                                by_peer=peer.instance_id, note=f"Accepted by {peer.organization}.")
        # The change came from the peer, so the services hook stayed quiet; we organize it, so it goes out.
        activity_announce(activity=activity, peer=peer)
        return f"{peer.organization} accepted: {uid} is agreed"
    return f"{peer.organization} answered {partstat}"


def _apply_countersign(peer: Peer, programme: Programme, body: dict) -> str:
    digest, signature = body.get("digest"), body.get("version_signature")
    if not (isinstance(digest, str) and isinstance(signature, str)):
        raise _malformed("a countersignature carries a digest and a version_signature")
    try:
        signing.verify_value(version_statement(programme.public_id, digest), signature, peer.public_key)
    except signing.SignatureError as exc:
        raise Refusal(f"the partner's signature of the version does not verify: {exc}", code="bad-signature") from exc
    version = programme.versions.filter(digest=digest, status__in=(
        ProgrammeVersion.Status.AGREED, ProgrammeVersion.Status.AMENDED)).order_by("-number").first()
    if version is None:
        snapshot = body.get("snapshot")
        if not isinstance(snapshot, list) or services.snapshot_digest(snapshot) != digest:
            raise _malformed("the snapshot does not match its digest")
        ours = services.snapshot_digest(services.programme_snapshot(programme))
        if ours != digest:
            raise Refusal(f"the programme here differs from the version {peer.organization} signed (theirs "
                          f"{digest[:12]}…, ours {ours[:12]}…)", code="differs")
        version = services.programme_agree(programme=programme, by=None,
                                           note=f"Version {body.get('version')} as signed by {peer.organization}.")
    version.partner_signature = signature
    version.save(update_fields=["partner_signature"])
    return f"{peer.organization} signed version {version.number}"
