"""Legislation endpoints of the open API: bills (with what their stage means), versions (with their Akoma Ntoso
address), amendments, sittings (with the body's calendar feed), roll-call votes as Popolo vote events, each
member's votes, and a member's voting record and attendance.

Only published bills, versions and sittings are shown. Records are named by public id; paths take the uuid,
filters take either. Translated texts come in the reader's language (``Accept-Language``) with the site's fallbacks.
"""

import datetime
import enum
import re
from typing import Annotated

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import BeforeValidator

from hemicycle.core.api import MappedQuerySet, Message, as_public_id, public_id_of
from hemicycle.legislation import popolo_votes
from hemicycle.legislation import selectors_votes as sel
from hemicycle.legislation.models import Amendment, Bill, BillVersion, Sitting, Stage, Vote, VoteEvent
from hemicycle.people.models import Person
from hemicycle.portal.templatetags.hemicycle import translated_value

try:  # the Akoma Ntoso module gives the canonical address; the route is the same without it
    from hemicycle.legislation.akn import akn_url as _akn_url
except ImportError:  # pragma: no cover
    def _akn_url(version, request=None):
        url = reverse("akn:version_akn", args=[version.bill.public_uuid, version.number])
        return request.build_absolute_uri(url) if request is not None else url

router = Router(tags=["legislation"])
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value):
    # pydantic would also take a number of seconds ("0") as a date; a filter takes YYYY-MM-DD only.
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


Day = Annotated[datetime.date, BeforeValidator(_iso_date)]


def _choices(name: str, choices) -> type[enum.Enum]:
    """A named string enum from Django choices: the OpenAPI document needs one name per list of values (Django
    calls several of them "Status")."""
    return enum.Enum(name, {value.upper().replace(" ", "_"): value for value in choices.values}, type=str)


AmendmentStatus = _choices("AmendmentStatus", Amendment.Status)
SittingKind = _choices("SittingKind", Sitting.Kind)
SittingStatus = _choices("SittingStatus", Sitting.Status)
VoteResult = _choices("VoteResult", VoteEvent.Result)
VoteOption = _choices("VoteOption", Vote.Option)
LANGS = tuple(settings.MODELTRANSLATION_LANGUAGES)


# --- Schemas -----------------------------------------------------------------------------------------------------

NOT_FOUND = {404: Message}
DATE_FROM = Query(None, description="On or after (YYYY-MM-DD)")
DATE_TO = Query(None, description="On or before (YYYY-MM-DD)")


class StageOut(Schema):
    code: str
    name: str
    explanation: str = Field(description="What the stage means, in plain words")
    next_steps: str = Field(description="What happens next")
    typical_duration: str = Field(description="How long it usually takes")
    typical_days: int | None
    participation: str = Field(description="How a citizen can take part")
    is_initial: bool
    is_final: bool
    outcome: str = Field(description="'' (in progress), 'law' or 'failed'")


class BillOut(Schema):
    id: str
    number: str
    title: str
    short_title: str
    summary: str
    type: str
    parliament_id: str
    chamber_id: str
    committee_id: str | None
    initiator: str
    introduced_on: datetime.date
    stage: str = Field(description="Code of the current stage")
    stage_name: str
    stage_entered_on: datetime.date
    url: str
    updated_at: datetime.datetime


class TimelineOut(Schema):
    stage: str
    stage_name: str
    entered_on: datetime.date
    note: str
    chamber_id: str | None
    vote_event_id: str | None


class BillVersionOut(Schema):
    number: int
    label: str
    stage: str | None
    created_on: datetime.date
    languages: list[str]
    url: str
    akn_url: str = Field(description="The version as Akoma Ntoso 3.0 XML")


class BillVersionDetailOut(BillVersionOut):
    bill_id: str
    body: list[dict] = Field(description="The tree of provisions: eId, type, num, heading, text, children")
    provenance: dict[str, str] = Field(description="eId → public id of the amendment that gave it its wording")


class BillDocumentOut(Schema):
    kind: str
    kind_name: str
    title: str
    summary: str
    date: datetime.date
    stage: str | None
    url: str = Field(description="The official copy of the document; empty when it is not online")
    language: str


class BillDetailOut(BillOut):
    current_stage: StageOut
    next_stages: list[str]
    sponsor_ids: list[str]
    timeline: list[TimelineOut]
    versions: list[BillVersionOut]
    amendment_ids: list[str]
    vote_event_ids: list[str]
    documents: list[BillDocumentOut]
    translations: dict[str, dict[str, str]]


class AmendmentOut(Schema):
    id: str
    bill_id: str
    number: str
    version: int
    mover_ids: list[str]
    committee_id: str | None
    target_eid: str
    action: str
    new_eid: str
    new_num: str
    wording: dict[str, str]
    justification: str
    recommendation: str
    status: str
    vote_event_id: str | None
    url: str


class AgendaItemOut(Schema):
    order: int
    title: str
    bill_id: str | None


class SittingOut(Schema):
    id: str
    uid: str
    organization_id: str
    kind: str
    title: str
    start: datetime.datetime
    end: datetime.datetime
    timezone: str
    place: str
    status: str
    sequence: int
    url: str
    ics_url: str = Field(description="Calendar feed (RFC 5545) of all sittings of this body")


class SittingDetailOut(SittingOut):
    agenda: list[AgendaItemOut]
    vote_event_ids: list[str]


class CountOut(Schema):
    option: str
    value: int
    group_id: str | None = None


class GroupRef(Schema):
    id: str
    name: str


class GroupResultOut(Schema):
    group_id: str | None = None
    group: GroupRef | None = None
    result: str = Field(description="pass (most of the group voted yes), fail (no), abstain, absent or split")
    option: str | None = None


class MotionOut(Schema):
    id: str
    organization_id: str | None = None
    text: str | None = None
    classification: str | None = None
    date: str | None = None
    result: str | None = None
    requirement: str | None = None


class VoterRef(Schema):
    id: str
    name: str


class VoteOut(Schema):
    vote_event_id: str
    voter_id: str
    voter: VoterRef | None = None
    option: str = Field(description="yes, no, abstain, absent or not voting")
    group_id: str | None = None


class VoteEventOut(Schema):
    """A Popolo vote event (popoloproject.com/specs/vote-event.html)."""

    id: str
    identifier: str | None = None
    organization_id: str
    legislative_session_id: str | None = None
    motion_id: str
    motion: MotionOut
    classification: str
    start_date: str
    result: str
    counts: list[CountOut]
    group_results: list[GroupResultOut] = []
    created_at: str | None = None
    updated_at: str | None = None
    bill_id: str | None = None
    amendment_id: str | None = None
    sitting_id: str | None = None
    url: str


class VoteEventDetailOut(VoteEventOut):
    votes: list[VoteOut]


class MemberVoteOut(Schema):
    vote_event_id: str
    motion: str
    start: datetime.datetime
    organization_id: str
    bill_id: str | None
    result: str
    option: str
    group_id: str | None
    group_position: str = Field(description="How most of the member's group voted (yes, no, abstain, split, …)")
    url: str


class AttendanceOut(Schema):
    person_id: str
    present: int = Field(description="Vote events of their chamber, during their membership, they were not absent")
    expected: int = Field(description="Vote events of their chamber during their membership")
    share: float | None


# --- Helpers -----------------------------------------------------------------------------------------------------

def _t(obj, field: str) -> str:
    return str(translated_value(obj, field)) if obj is not None else ""


def _get(queryset, kind: str, uuid: str):
    obj = queryset.filter(public_id=f"ocd-{kind}/{uuid}").first()
    if obj is None:
        raise Http404(f"No {kind.replace('-', ' ')} with the id “{uuid}”.")
    return obj


def _bills():
    return Bill.objects.filter(is_published=True).select_related("bill_type", "parliament", "chamber", "committee",
                                                                 "stage")


def bill_out(request, bill: Bill) -> dict:
    return {
        "id": bill.public_id, "number": bill.number, "title": _t(bill, "title"),
        "short_title": _t(bill, "short_title"), "summary": _t(bill, "summary"), "type": bill.bill_type.code,
        "parliament_id": bill.parliament.public_id, "chamber_id": bill.chamber.public_id,
        "committee_id": public_id_of(bill.committee), "initiator": _t(bill, "initiator"),
        "introduced_on": bill.introduced_on,
        "stage": bill.stage.code, "stage_name": _t(bill.stage, "name"), "stage_entered_on": bill.stage_entered_on,
        "url": request.build_absolute_uri(bill.get_absolute_url()), "updated_at": bill.updated_at,
    }


def stage_out(stage: Stage) -> dict:
    return {"code": stage.code, "name": _t(stage, "name"), "explanation": _t(stage, "explanation"),
            "next_steps": _t(stage, "next_steps"), "typical_duration": _t(stage, "typical_duration"),
            "typical_days": stage.typical_days, "participation": _t(stage, "participation"),
            "is_initial": stage.is_initial, "is_final": stage.is_final, "outcome": stage.outcome}


def version_out(request, version: BillVersion) -> dict:
    return {"number": version.number, "label": _t(version, "label"),
            "stage": version.stage.code if version.stage_id else None, "created_on": version.created_on,
            "languages": list(version.languages or []),
            "url": request.build_absolute_uri(version.get_absolute_url()), "akn_url": _akn_url(version, request)}


def amendment_out(request, a: Amendment) -> dict:
    return {"id": a.public_id, "bill_id": a.bill.public_id, "number": a.number, "version": a.version.number,
            "mover_ids": [p.public_id for p in a.movers.all()], "committee_id": public_id_of(a.committee),
            "target_eid": a.target_eid, "action": a.action, "new_eid": a.new_eid, "new_num": a.new_num,
            "wording": {str(k): str(v) for k, v in (a.wording or {}).items()},
            "justification": _t(a, "justification"), "recommendation": a.recommendation, "status": a.status,
            "vote_event_id": public_id_of(a.vote_event), "url": request.build_absolute_uri(a.get_absolute_url())}


def sitting_out(request, s: Sitting) -> dict:
    return {"id": s.public_id, "uid": s.uid, "organization_id": s.organization.public_id, "kind": s.kind,
            "title": _t(s, "title"), "start": s.start, "end": s.end, "timezone": s.timezone, "place": _t(s, "place"),
            "status": s.status, "sequence": s.sequence, "url": request.build_absolute_uri(s.get_absolute_url()),
            "ics_url": request.build_absolute_uri(reverse("calendars:body_sittings_ics",
                                                          args=[s.organization.public_uuid]))}


def _vote_events_out(request, events: list[VoteEvent]) -> list[dict]:
    records = popolo_votes.vote_events_popolo_batch(events)
    for event, record in zip(events, records, strict=True):
        record["motion"]["text"] = _t(event, "motion")
        record["url"] = request.build_absolute_uri(event.get_absolute_url())
    return records


# --- Bills -------------------------------------------------------------------------------------------------------

class BillFilter(Schema):
    q: str | None = Field(None, description="Part of the number or title, in any language")
    stage: str | None = Field(None, description="Code of the current stage, e.g. first-reading")
    committee: str | None = Field(None, description="Public id (or uuid) of the lead committee")
    type: str | None = Field(None, description="Code of the bill type, e.g. ordinary")
    introduced_from: Day | None = Field(None, description="Registered on or after (YYYY-MM-DD)")
    introduced_to: Day | None = Field(None, description="Registered on or before (YYYY-MM-DD)")


@router.get("/bills", response=list[BillOut], summary="List bills, latest first")
@paginate(LimitOffsetPagination)
def list_bills(request, filters: Query[BillFilter]):
    bills = _bills().order_by("-introduced_on", "-pk")
    if filters.q:
        query = Q(number__icontains=filters.q) | Q(title__icontains=filters.q)
        for code in LANGS:
            query |= Q(**{f"title_{code}__icontains": filters.q}) | Q(**{f"short_title_{code}__icontains": filters.q})
        bills = bills.filter(query)
    if filters.stage:
        bills = bills.filter(stage__code=filters.stage)
    if filters.committee:
        bills = bills.filter(committee__public_id=as_public_id("organization", filters.committee))
    if filters.type:
        bills = bills.filter(bill_type__code=filters.type)
    if filters.introduced_from:
        bills = bills.filter(introduced_on__gte=filters.introduced_from)
    if filters.introduced_to:
        bills = bills.filter(introduced_on__lte=filters.introduced_to)
    return MappedQuerySet(bills, lambda bill: bill_out(request, bill))


@router.get("/bills/{uuid}", response={200: BillDetailOut, **NOT_FOUND},
            summary="One bill: where it is, what its stage means, its timeline, versions, amendments and votes")
def get_bill(request, uuid: str):
    bill = _get(_bills(), "bill", uuid)
    versions = bill.versions.filter(is_published=True).select_related("bill", "stage").order_by("number")
    timeline = bill.stage_changes.select_related("stage", "chamber", "vote_event").order_by("entered_on", "pk")
    return {
        **bill_out(request, bill),
        "current_stage": stage_out(bill.stage),
        "next_stages": list(bill.stage.exits.order_by("target__order").values_list("target__code", flat=True)),
        "sponsor_ids": list(bill.sponsors.order_by("sort_name", "name").values_list("public_id", flat=True)),
        "timeline": [{"stage": c.stage.code, "stage_name": _t(c.stage, "name"), "entered_on": c.entered_on,
                      "note": _t(c, "note"), "chamber_id": public_id_of(c.chamber),
                      "vote_event_id": public_id_of(c.vote_event)}
                     for c in timeline],
        "versions": [version_out(request, v) for v in versions],
        "amendment_ids": list(bill.amendments.order_by("pk").values_list("public_id", flat=True)),
        "vote_event_ids": list(bill.vote_events.order_by("start", "pk").values_list("public_id", flat=True)),
        "documents": [{"kind": d.kind, "kind_name": d.get_kind_display(), "title": _t(d, "title"),
                       "summary": _t(d, "summary"), "date": d.date, "stage": d.stage.code if d.stage else None,
                       "url": d.url, "language": d.language}
                      for d in bill.documents.filter(is_published=True).select_related("stage")],
        "translations": {field: {code: getattr(bill, f"{field}_{code}", "") or "" for code in LANGS}
                         for field in ("title", "short_title", "summary")},
    }


@router.get("/bills/{uuid}/versions", response={200: list[BillVersionOut], **NOT_FOUND},
            summary="The versions of a bill's text, with their Akoma Ntoso addresses")
def list_versions(request, uuid: str):
    bill = _get(_bills(), "bill", uuid)
    return [version_out(request, v) for v in
            bill.versions.filter(is_published=True).select_related("bill", "stage").order_by("number")]


@router.get("/bills/{uuid}/versions/{number}", response={200: BillVersionDetailOut, **NOT_FOUND},
            summary="One version of a bill's text, as a tree of provisions")
def get_version(request, uuid: str, number: int):
    bill = _get(_bills(), "bill", uuid)
    version = bill.versions.filter(is_published=True, number=number).select_related("bill", "stage").first()
    if version is None:
        raise Http404(f"Bill {bill.number} has no version {number}.")
    return {**version_out(request, version), "bill_id": bill.public_id, "body": list(version.body or []),
            "provenance": {str(k): str(v) for k, v in (version.provenance or {}).items()}}


# --- Amendments --------------------------------------------------------------------------------------------------

def _amendments():
    return (Amendment.objects.filter(bill__is_published=True)
            .select_related("bill", "version", "committee", "vote_event").prefetch_related("movers"))


@router.get("/amendments", response=list[AmendmentOut], summary="List amendments")
@paginate(LimitOffsetPagination)
def list_amendments(request, bill: str | None = Query(None, description="Public id (or uuid) of the bill"),
                    status: AmendmentStatus | None = None,
                    committee: str | None = Query(None, description="Public id (or uuid) of the committee")):
    rows = _amendments().order_by("bill", "version__number", "pk")
    if bill:
        rows = rows.filter(bill__public_id=as_public_id("bill", bill))
    if status:
        rows = rows.filter(status=status.value)
    if committee:
        rows = rows.filter(committee__public_id=as_public_id("organization", committee))
    return MappedQuerySet(rows, lambda a: amendment_out(request, a))


@router.get("/amendments/{uuid}", response={200: AmendmentOut, **NOT_FOUND}, summary="One amendment")
def get_amendment(request, uuid: str):
    return amendment_out(request, _get(_amendments(), "amendment", uuid))


# --- Sittings ----------------------------------------------------------------------------------------------------

@router.get("/sittings", response=list[SittingOut], summary="List sittings, latest first")
@paginate(LimitOffsetPagination)
def list_sittings(request, body: str | None = Query(None, description="Public id (or uuid) of the body"),
                  kind: SittingKind | None = None, status: SittingStatus | None = None,
                  date_from: Day | None = DATE_FROM,
                  date_to: Day | None = DATE_TO):
    rows = sel.public_sittings().select_related("organization").order_by("-start", "-pk")
    if body:
        rows = rows.filter(organization__public_id=as_public_id("organization", body))
    if kind:
        rows = rows.filter(kind=kind.value)
    if status:
        rows = rows.filter(status=status.value)
    if date_from:
        rows = rows.filter(start__date__gte=date_from)
    if date_to:
        rows = rows.filter(start__date__lte=date_to)
    return MappedQuerySet(rows, lambda s: sitting_out(request, s))


@router.get("/sittings/{uuid}", response={200: SittingDetailOut, **NOT_FOUND},
            summary="One sitting, with its agenda and the votes taken")
def get_sitting(request, uuid: str):
    sitting = _get(sel.public_sittings().select_related("organization"), "sitting", uuid)
    return {**sitting_out(request, sitting),
            "agenda": [{"order": item.order, "title": _t(item, "title"), "bill_id": public_id_of(item.bill)}
                       for item in sitting.agenda_items.select_related("bill").order_by("order", "pk")],
            "vote_event_ids": list(sel.public_vote_events().filter(sitting=sitting).order_by("start", "pk")
                                   .values_list("public_id", flat=True))}


# --- Votes -------------------------------------------------------------------------------------------------------

@router.get("/vote-events", response=list[VoteEventOut],
            summary="List roll-call votes as Popolo vote events (counts and group results), latest first")
@paginate(LimitOffsetPagination)
def list_vote_events(request, bill: str | None = Query(None, description="Public id (or uuid) of the bill"),
                     body: str | None = Query(None, description="Public id (or uuid) of the voting body"),
                     sitting: str | None = Query(None, description="Public id (or uuid) of the sitting"),
                     result: VoteResult | None = None,
                     date_from: Day | None = DATE_FROM,
                     date_to: Day | None = DATE_TO):
    rows = sel.public_vote_events().select_related("organization", "sitting", "bill", "amendment")
    rows = rows.order_by("-start", "-pk")
    if bill:
        rows = rows.filter(bill__public_id=as_public_id("bill", bill))
    if body:
        rows = rows.filter(organization__public_id=as_public_id("organization", body))
    if sitting:
        rows = rows.filter(sitting__public_id=as_public_id("sitting", sitting))
    if result:
        rows = rows.filter(result=result.value)
    if date_from:
        rows = rows.filter(start__date__gte=date_from)
    if date_to:
        rows = rows.filter(start__date__lte=date_to)
    return MappedQuerySet(rows, rows=lambda events: _vote_events_out(request, events))


def _vote_event(uuid: str) -> VoteEvent:
    return _get(sel.public_vote_events().select_related("organization", "sitting", "bill", "amendment"),
                "vote-event", uuid)


@router.get("/vote-events/{uuid}", response={200: VoteEventDetailOut, **NOT_FOUND},
            summary="One roll-call vote as a Popolo vote event, with every member's vote")
def get_vote_event(request, uuid: str):
    event = _vote_event(uuid)
    record = popolo_votes.vote_event_popolo(event)
    record["motion"]["text"] = _t(event, "motion")
    record["url"] = request.build_absolute_uri(event.get_absolute_url())
    record.setdefault("votes", [])
    record.setdefault("group_results", [])
    return record


@router.get("/vote-events/{uuid}/votes", response={200: list[VoteOut], **NOT_FOUND},
            summary="The members' votes in a vote event (Popolo votes)")
@paginate(LimitOffsetPagination)
def list_votes(request, uuid: str, option: VoteOption | None = None,
               group: str | None = Query(None, description="Public id (or uuid) of a political group")):
    event = _vote_event(uuid)
    rows = event.votes.select_related("person", "group").order_by("person__sort_name", "person__name", "pk")
    if option:
        rows = rows.filter(option=option.value)
    if group:
        rows = rows.filter(group__public_id=as_public_id("organization", group))
    return MappedQuerySet(rows, lambda vote: popolo_votes.vote_popolo(event, vote))


def _person(uuid: str) -> Person:
    return _get(Person.objects.all(), "person", uuid)


def _member_votes_out(request, votes: list[Vote]) -> list[dict]:
    sel.with_group_positions(votes)
    return [{"vote_event_id": v.vote_event.public_id, "motion": _t(v.vote_event, "motion"),
             "start": v.vote_event.start, "organization_id": v.vote_event.organization.public_id,
             "bill_id": public_id_of(v.vote_event.bill), "result": v.vote_event.result, "option": v.option,
             "group_id": public_id_of(v.group), "group_position": v.group_position,
             "url": request.build_absolute_uri(v.vote_event.get_absolute_url())} for v in votes]


@router.get("/persons/{uuid}/votes", response={200: list[MemberVoteOut], **NOT_FOUND},
            summary="A member's voting record, latest first, with how their group voted")
@paginate(LimitOffsetPagination)
def list_member_votes(request, uuid: str, option: VoteOption | None = None,
                      bill: str | None = Query(None, description="Public id (or uuid) of a bill")):
    rows = sel.member_votes(_person(uuid))
    if option:
        rows = rows.filter(option=option.value)
    if bill:
        rows = rows.filter(vote_event__bill__public_id=as_public_id("bill", bill))
    return MappedQuerySet(rows, rows=lambda votes: _member_votes_out(request, votes))


@router.get("/persons/{uuid}/attendance", response={200: AttendanceOut, **NOT_FOUND},
            summary="A member's attendance at the votes of their chamber during their membership")
def get_member_attendance(request, uuid: str):
    person = _person(uuid)
    attendance = sel.member_attendance(person)
    return {"person_id": person.public_id, "present": attendance.present, "expected": attendance.expected,
            "share": attendance.share}
