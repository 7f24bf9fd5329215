"""Cooperation endpoints of the open API: partnerships, meetings, press releases, agreements, commitments, joint
programmes with their versions and differences, activities, and the calendars as jCal (RFC 7265).

Reading is open; the public sees what is published (activities past their embargo, press releases from their
publication time), international relations officers and administrators signed in to the site see everything.
Writing activities is for international relations officers only, with the site's session and its CSRF token; each
write goes through the cooperation services, so the API, the back office and federation keep the same rules.

Records are named by their public id (``ocd-activity/<uuid>``); paths take the uuid, filters take either.
Translated texts come in the reader's language (``Accept-Language``, with the site's fallbacks) and in every
language under ``translations``.
"""

import datetime
import enum
import re
import zoneinfo
from collections.abc import Callable
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth
from pydantic import StringConstraints, field_validator

from hemicycle.calendars.feeds import jcal_bytes
from hemicycle.calendars.ics import JCAL_MEDIA_TYPE
from hemicycle.cooperation import calendar_selectors as cal
from hemicycle.cooperation import programme_diff, services
from hemicycle.cooperation import programme_selectors as sel
from hemicycle.cooperation.models import (
    Activity,
    Agreement,
    Commitment,
    Meeting,
    Partnership,
    PressRelease,
    Programme,
    ProgrammeVersion,
    Side,
)
from hemicycle.cooperation.workflow import TransitionError, check_transition
from hemicycle.core.api import InvalidInput, MappedQuerySet, Message, as_public_id, public_id_of
from hemicycle.core.ids import new_calendar_uid
from hemicycle.people.models import Organization, Person
from hemicycle.portal.templatetags.hemicycle import translated_value

router = Router(tags=["cooperation"])

LANGS = tuple(settings.MODELTRANSLATION_LANGUAGES)


def _choices(name: str, choices) -> type[enum.Enum]:
    """A named string enum from Django choices: Django calls several of them "Status" or "Kind", and the
    OpenAPI document needs one name per list of values."""
    return enum.Enum(name, {value.upper(): value for value in choices.values}, type=str)


ActivityKind = _choices("ActivityKind", Activity.Kind)
ActivityStatus = _choices("ActivityStatus", Activity.Status)
AgreementKind = _choices("AgreementKind", Agreement.Kind)
AgreementStatus = _choices("AgreementStatus", Agreement.Status)
CommitmentStatus = _choices("CommitmentStatus", Commitment.Status)
VersionStatus = _choices("VersionStatus", ProgrammeVersion.Status)
SideChoice = _choices("Side", Side)


def _v(value):
    """The plain value of an enum member (or the value itself)."""
    return value.value if isinstance(value, enum.Enum) else value


# --- Schemas ---------------------------------------------------------------------------------------------------

class Translations(Schema):
    """A text in each of the six languages ("" where not translated)."""

    kk: str = ""
    ru: str = ""
    en: str = ""
    fr: str = ""
    nl: str = ""
    de: str = ""


class TextIn(Schema):
    """A text given per language; languages left out are left as they are."""

    kk: str | None = None
    ru: str | None = None
    en: str | None = None
    fr: str | None = None
    nl: str | None = None
    de: str | None = None


class PartnershipOut(Schema):
    id: str = Field(description="Public identifier, ocd-partnership/<uuid>")
    title: str
    summary: str
    translations: dict[str, Translations] = Field(description="title and summary in every language")
    parliament_id: str
    counterpart_id: str
    our_friendship_group_id: str | None
    partner_friendship_group_id: str | None
    established: datetime.date | None
    is_published: bool
    url: str = Field(description="The partnership's public page")
    ics_url: str = Field(description="Its calendar feed (RFC 5545); the same events as jCal at jcal_url")
    jcal_url: str
    updated_at: datetime.datetime


class ParticipantOut(Schema):
    person_id: str
    name: str
    role: str = Field(description="The role the person held at the time of the meeting")
    organization_id: str | None
    side: SideChoice


class MeetingOut(Schema):
    id: str
    partnership_id: str
    title: str
    start: datetime.datetime
    end: datetime.datetime | None
    timezone: str
    place: str
    topics: list[str]
    summary: str
    outcomes: str
    participants: list[ParticipantOut]
    press_release_ids: list[str]
    commitment_ids: list[str]
    translations: dict[str, Translations]
    url: str
    updated_at: datetime.datetime


class PressReleaseOut(Schema):
    id: str
    partnership_id: str
    meeting_id: str | None
    title: str
    lead: str
    body: str
    languages: list[str] = Field(description="Languages the text exists in")
    published_at: datetime.datetime | None
    translations: dict[str, Translations]
    url: str
    updated_at: datetime.datetime


class SignatoryOut(Schema):
    person_id: str
    name: str
    role: str
    side: SideChoice


class AgreementOut(Schema):
    id: str
    partnership_id: str
    kind: AgreementKind
    title: str
    text: str
    status: AgreementStatus
    signed_on: datetime.date | None
    signed_at_place: str
    in_force_from: datetime.date | None
    expires_on: datetime.date | None
    ended_on: datetime.date | None
    signatories: list[SignatoryOut]
    translations: dict[str, Translations]
    url: str
    updated_at: datetime.datetime


class CommitmentOut(Schema):
    id: str
    partnership_id: str
    meeting_id: str | None
    agreement_id: str | None
    title: str
    description: str
    owner_person_id: str | None
    owner_organization_id: str | None
    owner_name: str
    side: SideChoice
    due_on: datetime.date | None
    status: CommitmentStatus
    overdue: bool
    days_overdue: int | None
    evidence: str
    evidence_url: str
    closed_on: datetime.date | None
    activity_ids: list[str] = Field(description="Activities that fulfil it")
    updated_at: datetime.datetime


class ProgrammeVersionOut(Schema):
    number: int
    status: VersionStatus
    note: str
    digest: str = Field(description="SHA-256 of the version's canonical JSON: what both parliaments sign")
    activity_count: int
    our_signature: str
    partner_signature: str
    countersigned: bool
    created_at: datetime.datetime


class ProgrammeOut(Schema):
    id: str
    partnership_id: str
    title: str
    description: str
    translations: dict[str, Translations]
    period_start: datetime.date
    period_end: datetime.date
    current_version: ProgrammeVersionOut | None
    is_published: bool
    url: str
    ics_url: str
    jcal_url: str
    updated_at: datetime.datetime


class FieldChangeOut(Schema):
    field: str
    language: str = Field(description="For a translated field, the language whose text changed")
    old: str | None = Field(description="Times in the activity's own zone, ISO 8601 with the offset")
    new: str | None


class DiffEntryOut(Schema):
    change: str = Field(description="added, removed or changed")
    uid: str
    activity_id: str | None = Field(description="The activity's public id, while it exists")
    title: Translations
    kind: str
    status: str
    timezone: str
    start: str | None = Field(description="Local time in the activity's zone, ISO 8601 with the offset")
    end: str | None
    changes: list[FieldChangeOut]


class DiffOut(Schema):
    programme_id: str
    from_version: int
    to_version: int
    added: int
    removed: int
    changed: int
    unchanged: int
    entries: list[DiffEntryOut]


class StatusChangeOut(Schema):
    from_status: str
    to_status: ActivityStatus
    at: datetime.datetime
    by_partner: str = Field(description="The partner's instance, when the change came through federation")
    note: str


class ActivityOut(Schema):
    id: str
    uid: str = Field(description="iCalendar UID, the same on both parliaments' instances")
    programme_id: str
    partnership_id: str
    kind: ActivityKind
    title: str
    description: str
    start: datetime.datetime = Field(description="UTC")
    end: datetime.datetime = Field(description="UTC")
    timezone: str = Field(description="IANA time zone where it takes place")
    start_local: str = Field(description="Wall-clock start where it takes place, ISO 8601 with the offset")
    end_local: str
    venue: str
    city: str
    organizer_id: str
    assembly_id: str | None
    body_ids: list[str]
    delegation_ids: list[str]
    commitment_ids: list[str]
    status: ActivityStatus
    sequence: int
    outcome_report: str
    embargo_until: datetime.datetime | None
    is_published: bool
    is_public: bool
    status_history: list[StatusChangeOut]
    translations: dict[str, Translations]
    url: str
    jcal_url: str
    updated_at: datetime.datetime


#: A public id (``ocd-person/<uuid>``) or its bare uuid.
RECORD_ID = r"^(ocd-[a-z-]+/)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
ZONE_NAME = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"
RecordId = Annotated[str, StringConstraints(pattern=RECORD_ID)]


class ActivityIn(Schema):
    programme: RecordId = Field(description="Public id (or uuid) of the programme")
    kind: ActivityKind
    title: TextIn | str = Field(description="Per language, or one text (English)")
    description: TextIn | str | None = None
    start: datetime.datetime = Field(description="With an offset, or wall-clock time in `timezone`")
    end: datetime.datetime
    timezone: str = Field(description="IANA time zone, e.g. Asia/Almaty or Europe/Brussels", pattern=ZONE_NAME,
                          max_length=64)
    venue: TextIn | str | None = None
    city: TextIn | str | None = None
    organizer: RecordId = Field(description="Public id (or uuid) of the organizing parliament")
    assembly: RecordId | None = Field(None, description="Public id of the international assembly, for joint "
                                      "initiatives")
    bodies: list[RecordId] = Field(default_factory=list, description="Public ids of the bodies taking part")
    delegation: list[RecordId] = Field(default_factory=list, description="Public ids of the delegation's members")
    commitments: list[RecordId] = Field(default_factory=list, description="Public ids of the commitments it fulfils")
    status: ActivityStatus = ActivityStatus.PROPOSED
    outcome_report: TextIn | str | None = None
    embargo_until: datetime.datetime | None = None
    is_published: bool = True
    uid: str | None = Field(None, description="iCalendar UID; made up when left out")


class ActivityPatch(Schema):
    """Only the fields given change. A significant change (time, place, title, kind, status) raises SEQUENCE."""

    kind: ActivityKind | None = None
    title: TextIn | str | None = None
    description: TextIn | str | None = None
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    timezone: str | None = Field(None, pattern=ZONE_NAME, max_length=64)
    venue: TextIn | str | None = None
    city: TextIn | str | None = None
    organizer: RecordId | None = None
    assembly: RecordId | None = None
    bodies: list[RecordId] | None = None
    delegation: list[RecordId] | None = None
    commitments: list[RecordId] | None = None
    status: ActivityStatus | None = None
    outcome_report: TextIn | str | None = None
    embargo_until: datetime.datetime | None = None
    is_published: bool | None = None
    note: str = Field("", description="Why; kept in the status history when the status changes")


class StatusIn(Schema):
    status: ActivityStatus
    note: str = ""


# --- Helpers ---------------------------------------------------------------------------------------------------

def _t(obj, field: str) -> str:
    return str(translated_value(obj, field)) if obj is not None else ""


def _texts(obj, *fields: str) -> dict[str, dict[str, str]]:
    return {field: {code: getattr(obj, f"{field}_{code}", "") or "" for code in LANGS} for field in fields}


def _abs(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _get(queryset, kind: str, uuid: str):
    obj = queryset.filter(public_id=f"ocd-{kind}/{uuid}").first()
    if obj is None:
        raise Http404(f"No {kind.replace('-', ' ')} with the id “{uuid}”.")
    return obj


def _published(queryset, request, **published):
    return queryset if sel.sees_unpublished(request.user) else queryset.filter(**published)


def partnerships_for(request):
    return _published(Partnership.objects.select_related(
        "parliament", "counterpart", "our_friendship_group", "partner_friendship_group"), request, is_published=True)


def meetings_for(request):
    return _published(Meeting.objects.select_related("partnership"), request, is_published=True,
                      partnership__is_published=True)


def press_releases_for(request):
    queryset = PressRelease.objects.select_related("partnership", "meeting")
    if sel.sees_unpublished(request.user):
        return queryset
    return queryset.filter(published_at__lte=timezone.now(), partnership__is_published=True)


def agreements_for(request):
    return _published(Agreement.objects.select_related("partnership"), request, is_published=True,
                      partnership__is_published=True)


# --- Output rows -----------------------------------------------------------------------------------------------

def partnership_out(request, p: Partnership) -> dict:
    return {
        "id": p.public_id, "title": _t(p, "title"), "summary": _t(p, "summary"),
        "translations": _texts(p, "title", "summary"), "parliament_id": p.parliament.public_id,
        "counterpart_id": p.counterpart.public_id, "our_friendship_group_id": public_id_of(p.our_friendship_group),
        "partner_friendship_group_id": public_id_of(p.partner_friendship_group), "established": p.established,
        "is_published": p.is_published, "url": _abs(request, p.get_absolute_url()),
        "ics_url": cal.ics_url(p, base_url=_base(request)),
        "jcal_url": _abs(request, reverse("api:partnership_jcal", args=[p.public_uuid])),
        "updated_at": p.updated_at,
    }


def meeting_out(request, m: Meeting) -> dict:
    staff = sel.sees_unpublished(request.user)
    press = m.press_releases.all() if staff else m.press_releases.filter(published_at__lte=timezone.now())
    commitments = m.commitments.all() if staff else m.commitments.filter(is_published=True)
    return {
        "id": m.public_id, "partnership_id": m.partnership.public_id, "title": _t(m, "title"), "start": m.start,
        "end": m.end, "timezone": m.timezone, "place": _t(m, "place"),
        "topics": [line.strip() for line in _t(m, "topics").splitlines() if line.strip()],
        "summary": _t(m, "summary"), "outcomes": _t(m, "outcomes"),
        "participants": [
            {"person_id": x.person.public_id, "name": _t(x.person, "name"), "role": _t(x, "role"),
             "organization_id": public_id_of(x.organization), "side": x.side}
            for x in m.participants.select_related("person", "organization")],
        "press_release_ids": [r.public_id for r in press], "commitment_ids": [c.public_id for c in commitments],
        "translations": _texts(m, "title", "place", "topics", "summary", "outcomes"),
        "url": _abs(request, m.get_absolute_url()), "updated_at": m.updated_at,
    }


def press_release_out(request, r: PressRelease) -> dict:
    texts = _texts(r, "title", "lead", "body")
    return {
        "id": r.public_id, "partnership_id": r.partnership.public_id, "meeting_id": public_id_of(r.meeting),
        "title": _t(r, "title"), "lead": _t(r, "lead"), "body": _t(r, "body"),
        "languages": [code for code in LANGS if texts["body"][code] or texts["title"][code]],
        "published_at": r.published_at, "translations": texts, "url": _abs(request, r.get_absolute_url()),
        "updated_at": r.updated_at,
    }


def agreement_out(request, a: Agreement) -> dict:
    return {
        "id": a.public_id, "partnership_id": a.partnership.public_id, "kind": a.kind, "title": _t(a, "title"),
        "text": _t(a, "text"), "status": a.status, "signed_on": a.signed_on, "signed_at_place": a.signed_at_place,
        "in_force_from": a.in_force_from, "expires_on": a.expires_on, "ended_on": a.ended_on,
        "signatories": [{"person_id": s.person.public_id, "name": _t(s.person, "name"), "role": _t(s, "role"),
                         "side": s.side} for s in a.signatories.select_related("person")],
        "translations": _texts(a, "title", "text"), "url": _abs(request, a.get_absolute_url()),
        "updated_at": a.updated_at,
    }


def _activity_ids_by_commitment(request, commitments) -> dict[int, list[str]]:
    """The public ids of the visible activities fulfilling each of ``commitments``, in one query."""
    ids: dict[int, list[str]] = {c.pk: [] for c in commitments}
    rows = (sel.visible_activities(request.user).filter(commitments__in=list(ids))
            .values_list("commitments", "public_id"))
    for commitment_id, public_id in rows:
        if commitment_id in ids:
            ids[commitment_id].append(public_id)
    return ids


def commitment_out(request, c: Commitment, today: datetime.date | None = None, *,
                   activity_ids: list[str] | None = None) -> dict:
    today = today or timezone.localdate()
    overdue = c.is_overdue(today)
    activities = _activity_ids_by_commitment(request, [c])[c.pk] if activity_ids is None else activity_ids
    return {
        "id": c.public_id, "partnership_id": c.partnership.public_id, "meeting_id": public_id_of(c.meeting),
        "agreement_id": public_id_of(c.agreement), "title": _t(c, "title"), "description": _t(c, "description"),
        "owner_person_id": public_id_of(c.owner_person), "owner_organization_id": public_id_of(c.owner_organization),
        "owner_name": sel.owner_label(c), "side": c.side, "due_on": c.due_on, "status": c.status,
        "overdue": overdue, "days_overdue": (today - c.due_on).days if overdue else None,
        "evidence": _t(c, "evidence"), "evidence_url": c.evidence_url, "closed_on": c.closed_on,
        "activity_ids": list(activities), "updated_at": c.updated_at,
    }


def version_out(v: ProgrammeVersion) -> dict:
    return {"number": v.number, "status": v.status, "note": v.note, "digest": v.digest,
            "activity_count": len(v.snapshot or []), "our_signature": v.our_signature,
            "partner_signature": v.partner_signature, "countersigned": v.is_countersigned,
            "created_at": v.created_at}


def programme_out(request, p: Programme) -> dict:
    latest = p.versions.order_by("-number").first()
    return {
        "id": p.public_id, "partnership_id": p.partnership.public_id, "title": _t(p, "title"),
        "description": _t(p, "description"), "translations": _texts(p, "title", "description"),
        "period_start": p.period_start, "period_end": p.period_end,
        "current_version": version_out(latest) if latest else None, "is_published": p.is_published,
        "url": _abs(request, p.get_absolute_url()), "ics_url": cal.ics_url(p, base_url=_base(request)),
        "jcal_url": _abs(request, reverse("api:programme_jcal", args=[p.public_uuid])), "updated_at": p.updated_at,
    }


def activity_out(request, a: Activity, *, history: bool = True) -> dict:
    staff = sel.sees_unpublished(request.user)
    # Filtered in Python: the list prefetches every activity's commitments in one query.
    commitments = [c for c in a.commitments.all() if staff or c.is_published]
    changes = a.status_changes.all() if history else []
    return {
        "id": a.public_id, "uid": a.uid, "programme_id": a.programme.public_id,
        "partnership_id": a.programme.partnership.public_id, "kind": a.kind, "title": _t(a, "title"),
        "description": _t(a, "description"), "start": a.start, "end": a.end, "timezone": a.timezone,
        "start_local": a.local_start.isoformat(), "end_local": a.local_end.isoformat(), "venue": _t(a, "venue"),
        "city": _t(a, "city"), "organizer_id": a.organizer.public_id, "assembly_id": public_id_of(a.assembly),
        "body_ids": [b.public_id for b in a.bodies.all()], "delegation_ids": [p.public_id for p in a.delegation.all()],
        "commitment_ids": [c.public_id for c in commitments], "status": a.status, "sequence": a.sequence,
        "outcome_report": _t(a, "outcome_report"), "embargo_until": a.embargo_until,
        "is_published": a.is_published, "is_public": a.is_public(),
        "status_history": [{"from_status": c.from_status, "to_status": c.to_status, "at": c.at,
                            "by_partner": c.by_peer, "note": c.note} for c in changes],
        "translations": _texts(a, "title", "description", "venue", "city", "outcome_report"),
        "url": _abs(request, a.get_absolute_url()),
        "jcal_url": _abs(request, reverse("api:activity_jcal", args=[a.public_uuid])), "updated_at": a.updated_at,
    }


def _activities(request):
    return sel.visible_activities(request.user).select_related("assembly").prefetch_related(
        "bodies", "delegation", "status_changes", "commitments")


# --- Partnerships, meetings, press releases, agreements, commitments --------------------------------------------

NOT_FOUND = {404: Message}


@router.get("/partnerships", response=list[PartnershipOut], summary="List partnerships")
@paginate(LimitOffsetPagination)
def list_partnerships(request, counterpart: str | None = Query(None, description="Public id of the counterpart")):
    rows = partnerships_for(request).order_by("title", "pk")
    if counterpart:
        rows = rows.filter(counterpart__public_id=as_public_id("organization", counterpart))
    return MappedQuerySet(rows, lambda p: partnership_out(request, p))


@router.get("/partnerships/{uuid}", response={200: PartnershipOut, **NOT_FOUND}, summary="One partnership")
def get_partnership(request, uuid: str):
    return partnership_out(request, _get(partnerships_for(request), "partnership", uuid))


@router.get("/meetings", response=list[MeetingOut], summary="List meetings, latest first")
@paginate(LimitOffsetPagination)
def list_meetings(request, partnership: str | None = Query(None, description="Public id of the partnership")):
    rows = meetings_for(request).order_by("-start", "pk")
    if partnership:
        rows = rows.filter(partnership__public_id=as_public_id("partnership", partnership))
    return MappedQuerySet(rows, lambda m: meeting_out(request, m))


@router.get("/meetings/{uuid}", response={200: MeetingOut, **NOT_FOUND}, summary="One meeting, with participants")
def get_meeting(request, uuid: str):
    return meeting_out(request, _get(meetings_for(request), "meeting", uuid))


@router.get("/press-releases", response=list[PressReleaseOut], summary="List press releases, latest first")
@paginate(LimitOffsetPagination)
def list_press_releases(request, partnership: str | None = Query(None, description="Public id of the partnership"),
                        meeting: str | None = Query(None, description="Public id of the meeting")):
    rows = press_releases_for(request).order_by("-published_at", "pk")
    if partnership:
        rows = rows.filter(partnership__public_id=as_public_id("partnership", partnership))
    if meeting:
        rows = rows.filter(meeting__public_id=as_public_id("meeting", meeting))
    return MappedQuerySet(rows, lambda r: press_release_out(request, r))


@router.get("/press-releases/{uuid}", response={200: PressReleaseOut, **NOT_FOUND}, summary="One press release")
def get_press_release(request, uuid: str):
    return press_release_out(request, _get(press_releases_for(request), "press-release", uuid))


@router.get("/agreements", response=list[AgreementOut], summary="List agreements")
@paginate(LimitOffsetPagination)
def list_agreements(request, partnership: str | None = Query(None, description="Public id of the partnership"),
                    status: AgreementStatus | None = None):
    rows = agreements_for(request).order_by("-signed_on", "title", "pk")
    if partnership:
        rows = rows.filter(partnership__public_id=as_public_id("partnership", partnership))
    if status:
        rows = rows.filter(status=_v(status))
    return MappedQuerySet(rows, lambda a: agreement_out(request, a))


@router.get("/agreements/{uuid}", response={200: AgreementOut, **NOT_FOUND}, summary="One agreement")
def get_agreement(request, uuid: str):
    return agreement_out(request, _get(agreements_for(request), "agreement", uuid))


class CommitmentFilter(Schema):
    partnership: str | None = Field(None, description="Public id of the partnership")
    status: CommitmentStatus | None = None
    overdue: bool | None = Field(None, description="true: open or in progress and past the due date")


@router.get("/commitments", response=list[CommitmentOut], summary="List commitments, by due date")
@paginate(LimitOffsetPagination)
def list_commitments(request, filters: Query[CommitmentFilter]):
    today = timezone.localdate()
    rows = sel.visible_commitments(request.user).select_related("agreement").order_by("due_on", "pk")
    if filters.partnership:
        rows = rows.filter(partnership__public_id=as_public_id("partnership", filters.partnership))
    if filters.status:
        rows = rows.filter(status=_v(filters.status))
    if filters.overdue is not None:
        late = Q(status__in=[Commitment.Status.OPEN, Commitment.Status.IN_PROGRESS], due_on__lt=today)
        rows = rows.filter(late) if filters.overdue else rows.exclude(late)
    def page(commitments):
        activity_ids = _activity_ids_by_commitment(request, commitments)
        return [commitment_out(request, c, today, activity_ids=activity_ids[c.pk]) for c in commitments]

    return MappedQuerySet(rows, rows=page)


@router.get("/commitments/{uuid}", response={200: CommitmentOut, **NOT_FOUND}, summary="One commitment")
def get_commitment(request, uuid: str):
    return commitment_out(request, _get(sel.visible_commitments(request.user), "commitment", uuid))


# --- Programmes, versions, differences -------------------------------------------------------------------------

@router.get("/programmes", response=list[ProgrammeOut], summary="List joint programmes")
@paginate(LimitOffsetPagination)
def list_programmes(request, partnership: str | None = Query(None, description="Public id of the partnership")):
    rows = sel.visible_programmes(request.user).order_by("-period_start", "pk")
    if partnership:
        rows = rows.filter(partnership__public_id=as_public_id("partnership", partnership))
    return MappedQuerySet(rows, lambda p: programme_out(request, p))


@router.get("/programmes/{uuid}", response={200: ProgrammeOut, **NOT_FOUND}, summary="One joint programme")
def get_programme(request, uuid: str):
    return programme_out(request, _get(sel.visible_programmes(request.user), "programme", uuid))


@router.get("/programmes/{uuid}/versions", response={200: list[ProgrammeVersionOut], **NOT_FOUND},
            summary="A programme's versions, newest first")
def list_versions(request, uuid: str):
    programme = _get(sel.visible_programmes(request.user), "programme", uuid)
    return [version_out(v) for v in programme.versions.order_by("-number")]


def _visible_rows(request, snapshot) -> list:
    """A version's rows a reader may see: the public sees only activities that are public now."""
    rows = [row for row in snapshot or [] if isinstance(row, dict)]
    if sel.sees_unpublished(request.user):
        return rows
    public = set(sel.visible_activities(request.user).filter(uid__in=[r.get("uid") for r in rows])
                 .values_list("uid", flat=True))
    return [row for row in rows if row.get("uid") in public]


def _change_text(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, datetime.datetime) else str(value)


@router.get("/programmes/{uuid}/diff", response={200: DiffOut, **NOT_FOUND},
            summary="The difference between two versions of a programme",
            description="Activities added, removed and changed from version `from` to version `to`, by date; for "
            "a changed activity, each field old → new (times in the activity's own zone, translated texts only "
            "in the languages that changed).")
def programme_version_diff(request, uuid: str, from_version: int = Query(..., alias="from", ge=1, le=2**31 - 1),
                           to_version: int = Query(..., alias="to", ge=1, le=2**31 - 1)):
    programme = _get(sel.visible_programmes(request.user), "programme", uuid)
    versions = {v.number: v for v in programme.versions.filter(number__in=[from_version, to_version])}
    for number in (from_version, to_version):
        if number not in versions:
            return Status(404, {"message": f"The programme has no version {number}."})
    diff = programme_diff.diff_snapshots(_visible_rows(request, versions[from_version].snapshot),
                                         _visible_rows(request, versions[to_version].snapshot))
    ids = dict(Activity.objects.filter(uid__in=[e.uid for e in diff.entries]).values_list("uid", "public_id"))
    entries = [{
        "change": e.change, "uid": e.uid, "activity_id": ids.get(e.uid),
        "title": {code: e.title.get(code, "") for code in LANGS}, "kind": str(e.row.get("kind") or ""),
        "status": str(e.row.get("status") or ""), "timezone": e.timezone,
        "start": _change_text(e.start), "end": _change_text(e.end),
        "changes": [{"field": c.field, "language": c.language, "old": _change_text(c.old),
                     "new": _change_text(c.new)} for c in e.changes],
    } for e in diff.entries]
    return {"programme_id": programme.public_id, "from_version": from_version, "to_version": to_version,
            "added": diff.counts[programme_diff.ADDED], "removed": diff.counts[programme_diff.REMOVED],
            "changed": diff.counts[programme_diff.CHANGED], "unchanged": diff.unchanged, "entries": entries}


# --- Activities ------------------------------------------------------------------------------------------------

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ActivityFilter(Schema):
    programme: str | None = Field(None, description="Public id of the programme")
    partnership: str | None = Field(None, description="Public id of the partnership")
    kind: ActivityKind | None = None
    status: ActivityStatus | None = None
    organizer: str | None = Field(None, description="Public id of the organizing parliament")
    body: str | None = Field(None, description="Public id of a body taking part")
    person: str | None = Field(None, description="Public id of a member of the delegation")
    date_from: datetime.date | None = Field(None, alias="from", description="Activities ending on or after (UTC)")
    date_to: datetime.date | None = Field(None, alias="to", description="Activities starting on or before (UTC)")

    @field_validator("date_from", "date_to", mode="before")
    @classmethod
    def iso_date_only(cls, value):
        # pydantic would also read "0" as a Unix timestamp; a date here is written YYYY-MM-DD.
        if isinstance(value, str) and not ISO_DATE.fullmatch(value):
            raise ValueError("a date as YYYY-MM-DD")
        return value


@router.get("/activities", response=list[ActivityOut], summary="List activities, by start")
@paginate(LimitOffsetPagination)
def list_activities(request, filters: Query[ActivityFilter]):
    rows = _activities(request).order_by("start", "pk")
    if filters.programme:
        rows = rows.filter(programme__public_id=as_public_id("programme", filters.programme))
    if filters.partnership:
        rows = rows.filter(programme__partnership__public_id=as_public_id("partnership", filters.partnership))
    if filters.kind:
        rows = rows.filter(kind=_v(filters.kind))
    if filters.status:
        rows = rows.filter(status=_v(filters.status))
    if filters.organizer:
        rows = rows.filter(organizer__public_id=as_public_id("organization", filters.organizer))
    if filters.body:
        rows = rows.filter(pk__in=Activity.objects.filter(bodies__public_id=as_public_id("organization", filters.body))
                           .values("pk"))
    if filters.person:
        rows = rows.filter(pk__in=Activity.objects.filter(delegation__public_id=as_public_id("person", filters.person))
                           .values("pk"))
    if filters.date_from:
        rows = rows.filter(end__gte=datetime.datetime.combine(filters.date_from, datetime.time.min, datetime.UTC))
    if filters.date_to:
        rows = rows.filter(start__lte=datetime.datetime.combine(filters.date_to, datetime.time.max, datetime.UTC))
    return MappedQuerySet(rows, lambda a: activity_out(request, a))


@router.get("/activities/{uuid}", response={200: ActivityOut, **NOT_FOUND},
            summary="One activity, with its status history")
def get_activity(request, uuid: str):
    return activity_out(request, _get(_activities(request), "activity", uuid))


# --- Calendars as jCal -----------------------------------------------------------------------------------------

JCAL_RESPONSES = {
    "responses": {
        "200": {"description": "The calendar as jCal (RFC 7265): the same events as the .ics feed",
                "content": {JCAL_MEDIA_TYPE: {"schema": {
                    "type": "array", "minItems": 3, "maxItems": 3, "description": '["vcalendar", [properties], '
                    '[components]]: VEVENTs and a VTIMEZONE for each zone they use',
                    "items": {"anyOf": [{"type": "string"}, {"type": "array"}]}}}}},
    },
}


def _lang_query():
    return Query(None, description="Language of the texts: kk, ru, en, fr, nl or de (English by default)",
                 pattern="^(kk|ru|en|fr|nl|de)$")


def _jcal(jcal: list) -> HttpResponse:
    return HttpResponse(jcal_bytes(jcal), content_type=JCAL_MEDIA_TYPE)


@router.get("/partnerships/{uuid}/calendar.jcal", response={404: Message}, openapi_extra=JCAL_RESPONSES,
            url_name="partnership_jcal", summary="A partnership's calendar as jCal")
def partnership_jcal(request, uuid: str, lang: str | None = _lang_query()):
    partnership = _get(Partnership.objects.filter(is_published=True), "partnership", uuid)
    return _jcal(cal.partnership_jcal(partnership, cal.feed_language(lang), base_url=_base(request)))


@router.get("/programmes/{uuid}/calendar.jcal", response={404: Message}, openapi_extra=JCAL_RESPONSES,
            url_name="programme_jcal", summary="A programme's calendar as jCal")
def programme_jcal(request, uuid: str, lang: str | None = _lang_query()):
    programme = _get(Programme.objects.filter(is_published=True, partnership__is_published=True), "programme", uuid)
    return _jcal(cal.programme_jcal(programme, cal.feed_language(lang), base_url=_base(request)))


@router.get("/organizations/{uuid}/calendar.jcal", response={404: Message}, openapi_extra=JCAL_RESPONSES,
            url_name="body_jcal", summary="A body's cooperation activities as jCal")
def body_jcal(request, uuid: str, lang: str | None = _lang_query()):
    organization = _get(Organization.objects.all(), "organization", uuid)
    return _jcal(cal.body_jcal(organization, cal.feed_language(lang), base_url=_base(request)))


@router.get("/persons/{uuid}/calendar.jcal", response={404: Message}, openapi_extra=JCAL_RESPONSES,
            url_name="person_jcal", summary="A person's cooperation activities as jCal")
def person_jcal(request, uuid: str, lang: str | None = _lang_query()):
    person = _get(Person.objects.all(), "person", uuid)
    return _jcal(cal.person_jcal(person, cal.feed_language(lang), base_url=_base(request)))


@router.get("/activities/{uuid}/calendar.jcal", response={404: Message}, openapi_extra=JCAL_RESPONSES,
            url_name="activity_jcal", summary="One public activity as jCal")
def activity_jcal(request, uuid: str, lang: str | None = _lang_query()):
    activity = _get(cal.public_activities(), "activity", uuid)
    return _jcal(cal.activity_jcal(activity, cal.feed_language(lang), base_url=_base(request)))


# --- Writing activities ----------------------------------------------------------------------------------------

class Refused(Exception):
    """A write refused with a status and a JSON body."""

    def __init__(self, status: int, message: str, errors: list[dict] | None = None):
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors


#: 400: the body is not JSON; 409: a workflow rule or a duplicate UID; 422: a field is missing or wrong.
WRITE_RESPONSES = {400: Message, 401: Message, 403: Message, 404: Message, 409: InvalidInput, 422: InvalidInput}


def _invalid(field: str, message: str) -> Refused:
    return Refused(422, f"{field}: {message}", [{"field": field, "message": message}])


def _from_django(exc: DjangoValidationError) -> Refused:
    if hasattr(exc, "error_dict"):
        errors = [{"field": "" if name == "__all__" else name, "message": str(message)}
                  for name, messages in exc.message_dict.items() for message in messages]
    else:
        errors = [{"field": "", "message": str(message)} for message in exc.messages]
    text = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors)
    return Refused(422, text or "Invalid input.", errors)


def _respond(call: Callable[[], tuple[int, Any]]):
    try:
        return Status(*call())
    except Refused as exc:
        body = {"message": exc.message}
        if exc.status in (409, 422):
            body["errors"] = exc.errors or []
        return Status(exc.status, body)
    except PermissionDenied as exc:
        return Status(403, {"message": str(exc) or "Not allowed."})
    except DjangoValidationError as exc:
        refused = _from_django(exc)
        return Status(422, {"message": refused.message, "errors": refused.errors})


def _require_officer(request) -> None:
    if not sel.sees_unpublished(request.user):
        raise Refused(403, "Only an international relations officer may change the joint programme.")


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise _invalid("timezone", f"“{name}” is not an IANA time zone (e.g. Asia/Almaty, Europe/Brussels).") \
            from exc


def _instant(field: str, value: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """An aware UTC datetime; a time without an offset is wall-clock time in the activity's zone."""
    try:
        if value.tzinfo is None:
            local = value.replace(tzinfo=zone)
            # A wall-clock time the clocks skip (spring forward) does not exist there.
            if local.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != value:
                raise _invalid(field, f"{value.isoformat()} does not exist in {zone.key} (the clocks skip it).")
            value = local
        return value.astimezone(datetime.UTC)
    except (OverflowError, ValueError) as exc:
        raise _invalid(field, "out of range") from exc


def _texts_in(field: str, value, *, required: bool = False) -> dict:
    """``title`` given per language or as one (English) text, as ``title_<lang>`` fields."""
    if value is None:
        if required:
            raise _invalid(field, "required")
        return {}
    if isinstance(value, str):
        values = {settings.MODELTRANSLATION_DEFAULT_LANGUAGE: value}
    else:
        values = {code: text for code, text in value.model_dump().items() if text is not None}
    out = {f"{field}_{code}": text.strip() for code, text in values.items()}
    if required and not any(out.values()) and field == "title":
        raise _invalid(field, "give the title in at least one language")
    for key, text in out.items():
        if field in {"title", "venue", "city"} and len(text) > Activity._meta.get_field(field).max_length:
            raise _invalid(key, f"at most {Activity._meta.get_field(field).max_length} characters")
    return out


def _one(model, kind: str, field: str, value: str, **filters):
    obj = model.objects.filter(public_id=as_public_id(kind, value), **filters).first()
    if obj is None:
        raise _invalid(field, f"no {kind} with the id “{value}”")
    return obj


def _many(model, kind: str, field: str, values: list[str]) -> list:
    ids = [as_public_id(kind, v) for v in values]
    found = {o.public_id: o for o in model.objects.filter(public_id__in=ids)}
    missing = [v for v, i in zip(values, ids, strict=True) if i not in found]
    if missing:
        raise _invalid(field, f"no {kind} with the id “{missing[0]}”")
    return [found[i] for i in dict.fromkeys(ids)]


def _relations(payload: dict) -> dict:
    """Public ids in ``payload`` resolved to records (a missing one is a 422 naming the field)."""
    out = {}
    if payload.get("organizer") is not None:
        out["organizer"] = _one(Organization, "organization", "organizer", payload["organizer"])
    if "assembly" in payload:
        out["assembly"] = (_one(Organization, "organization", "assembly", payload["assembly"])
                           if payload["assembly"] else None)
    for field, model, kind in (("bodies", Organization, "organization"), ("delegation", Person, "person"),
                               ("commitments", Commitment, "commitment")):
        if payload.get(field) is not None:
            out[field] = _many(model, kind, field, payload[field])
    return out


@router.post("/activities", auth=django_auth, response={201: ActivityOut, **WRITE_RESPONSES},
             summary="Add an activity to a programme",
             description="For international relations officers, signed in to the site (session cookie and CSRF "
             "token). Times without an offset are wall-clock times in `timezone`.")
def create_activity(request, payload: ActivityIn):
    def create():
        _require_officer(request)
        data = payload.model_dump()
        programme = _one(Programme, "programme", "programme", data["programme"])
        zone = _zone(data["timezone"])
        start, end = _instant("start", payload.start, zone), _instant("end", payload.end, zone)
        if end < start:
            raise _invalid("end", "the activity must end after it starts")
        embargo = _instant("embargo_until", payload.embargo_until, zone) if payload.embargo_until else None
        related = _relations(data)
        fields = {
            **_texts_in("title", payload.title, required=True), **_texts_in("description", payload.description),
            **_texts_in("venue", payload.venue), **_texts_in("city", payload.city),
            **_texts_in("outcome_report", payload.outcome_report),
        }
        uid = (payload.uid or "").strip() or new_calendar_uid(settings.FEDERATION_INSTANCE_HOST)
        if Activity.objects.filter(uid=uid).exists():
            raise Refused(409, f"uid: an activity with the UID “{uid}” exists already",
                          [{"field": "uid", "message": "an activity with this UID exists already"}])
        with transaction.atomic():
            activity = services.activity_create(
                programme=programme, by=request.user, delegation=related.get("delegation", ()),
                bodies=related.get("bodies", ()), uid=uid, kind=_v(payload.kind), start=start, end=end,
                timezone=data["timezone"], organizer=related["organizer"], assembly=related.get("assembly"),
                status=_v(payload.status), embargo_until=embargo, is_published=payload.is_published, **fields)
            if related.get("commitments"):
                activity.commitments.set(related["commitments"])
        return 201, activity_out(request, _get(_activities(request), "activity", activity.public_uuid))

    return _respond(create)


def _check_status(activity: Activity, target: str) -> None:
    try:
        check_transition(activity.status, target)
    except TransitionError as exc:
        raise Refused(409, f"status: {exc}", [{"field": "status", "message": str(exc)}]) from exc


@router.patch("/activities/{uuid}", auth=django_auth, response={200: ActivityOut, **WRITE_RESPONSES},
              summary="Change an activity",
              description="Only the fields given change. A significant change (time, zone, place, title, kind, "
              "status) raises the activity's SEQUENCE, so calendars update it. A status change the workflow does "
              "not allow is refused with 409 and the reason.")
def update_activity(request, uuid: str, payload: ActivityPatch):
    def update():
        _require_officer(request)
        activity = _get(Activity.objects.select_related("organizer"), "activity", uuid)
        data = payload.model_dump(exclude_unset=True)
        note = data.pop("note", "") or ""
        for name in ("kind", "title", "start", "end", "timezone", "organizer", "status", "is_published"):
            if name in data and data[name] is None:
                raise _invalid(name, "may not be empty")
        zone_name = data.get("timezone") or activity.timezone
        zone = _zone(zone_name)
        changes: dict[str, Any] = {}
        for name in ("kind", "status", "is_published"):
            if name in data:
                changes[name] = _v(data[name])
        if "timezone" in data:
            changes["timezone"] = zone_name
        for name in ("start", "end", "embargo_until"):
            if name in data:
                changes[name] = _instant(name, getattr(payload, name), zone) if data[name] is not None else None
        if changes.get("start", activity.start) > changes.get("end", activity.end):
            raise _invalid("end", "the activity must end after it starts")
        for name in ("title", "description", "venue", "city", "outcome_report"):
            if name in data:
                changes.update(_texts_in(name, getattr(payload, name)))
        related = _relations(data)
        for name in ("organizer", "assembly"):
            if name in related:
                changes[name] = related[name]
        if "status" in changes and changes["status"] != activity.status:
            _check_status(activity, changes["status"])
        with transaction.atomic():
            activity = services.activity_update(activity=activity, by=request.user, note=note, **changes)
            for name in ("bodies", "delegation", "commitments"):
                if name in related:
                    getattr(activity, name).set(related[name])
        return 200, activity_out(request, _get(_activities(request), "activity", uuid))

    return _respond(update)


@router.post("/activities/{uuid}/status", auth=django_auth, response={200: ActivityOut, **WRITE_RESPONSES},
             summary="Move an activity along its workflow",
             description="proposed → agreed → scheduled → held → reported; before it is held an activity can be "
             "postponed or cancelled. A move the workflow does not allow is refused with 409 and the reason.")
def set_activity_status(request, uuid: str, payload: StatusIn):
    def move():
        _require_officer(request)
        activity = _get(Activity.objects.all(), "activity", uuid)
        _check_status(activity, _v(payload.status))
        services.activity_set_status(activity=activity, status=_v(payload.status), by=request.user, note=payload.note)
        return 200, activity_out(request, _get(_activities(request), "activity", uuid))

    return _respond(move)
