"""Writes of the cooperation pillar: one function per operation, called by the back office, the API, commands
and federation alike. Each is atomic and checks the actor's role where an actor is given.
"""

import datetime
import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hemicycle.accounts.roles import INTERNATIONAL_RELATIONS_OFFICER, has_role
from hemicycle.cooperation.models import Activity, ActivityStatusChange, Commitment, Programme, ProgrammeVersion
from hemicycle.cooperation.workflow import SIGNIFICANT_FIELDS, TransitionError, check_transition

#: Activity fields a programme version freezes (translated fields in every language).
SNAPSHOT_FIELDS = ("uid", "kind", "start", "end", "timezone", "status", "sequence")
SNAPSHOT_TRANSLATED = ("title", "venue", "city")
LANGS = ("kk", "ru", "en", "fr", "nl", "de")


def require_relations_officer(user) -> None:
    """Refuse unless ``user`` is an international relations officer (or an administrator)."""
    if user is None:
        return  # system actors: federation, commands
    if not has_role(user, INTERNATIONAL_RELATIONS_OFFICER):
        raise PermissionDenied("Only an international relations officer may change the joint programme.")


@transaction.atomic
def activity_create(*, programme: Programme, by=None, by_peer: str = "", delegation=(), bodies=(),
                    **fields) -> Activity:
    """Create an activity in ``programme``; its first status is recorded in the history."""
    require_relations_officer(by)
    activity = Activity(programme=programme, **fields)
    activity.full_clean()
    activity.save()
    if delegation:
        activity.delegation.set(delegation)
    if bodies:
        activity.bodies.set(bodies)
    ActivityStatusChange.objects.create(activity=activity, from_status="", to_status=activity.status,
                                        by=by, by_peer=by_peer)
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by=None, by_peer: str = "", note: str = "", **changes) -> Activity:
    """Change an activity's fields; a significant change raises its SEQUENCE by one.

    A status change goes through the workflow rules and is recorded in the status history.
    """
    require_relations_officer(by)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    old_status = activity.status
    significant = False
    for name, value in changes.items():
        if not hasattr(activity, name):
            raise ValidationError({name: "No such field."})
        base = name.rsplit("_", 1)[0] if name[-3:-2] == "_" and name[-2:] in LANGS else name
        if getattr(activity, name) != value:
            if name == "status":
                try:
                    check_transition(old_status, value)
                except TransitionError as exc:
                    raise ValidationError({"status": str(exc)}) from exc
            setattr(activity, name, value)
            significant |= base in SIGNIFICANT_FIELDS
    if significant:
        activity.sequence += 1
    activity.full_clean()
    activity.save()
    if activity.status != old_status:
        ActivityStatusChange.objects.create(activity=activity, from_status=old_status, to_status=activity.status,
                                            by=by, by_peer=by_peer, note=note)
    return activity


def activity_set_status(*, activity: Activity, status: str, by=None, by_peer: str = "", note: str = "") -> Activity:
    """Move an activity to ``status`` (refused with a reason when the workflow does not allow it)."""
    return activity_update(activity=activity, by=by, by_peer=by_peer, note=note, status=status)


def activity_cancel(*, activity: Activity, by=None, by_peer: str = "", note: str = "") -> Activity:
    """Cancel an activity. It stays in every feed with STATUS:CANCELLED so that calendars remove it."""
    return activity_set_status(activity=activity, status=Activity.Status.CANCELLED, by=by, by_peer=by_peer,
                               note=note)


def programme_snapshot(programme: Programme) -> list[dict]:
    """The programme's activities as plain data, in a stable order: what a version freezes and signs."""
    rows = []
    for activity in programme.activities.order_by("start", "uid"):
        row = {}
        for name in SNAPSHOT_FIELDS:
            value = getattr(activity, name)
            row[name] = value.isoformat() if isinstance(value, datetime.datetime) else value
        for name in SNAPSHOT_TRANSLATED:
            row[name] = {code: getattr(activity, f"{name}_{code}") or "" for code in LANGS}
        row["organizer"] = activity.organizer.public_id
        rows.append(row)
    return rows


def snapshot_digest(snapshot: list[dict]) -> str:
    """SHA-256 of the canonical JSON of a snapshot: what both sides sign."""
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@transaction.atomic
def programme_version_create(*, programme: Programme, status: str = ProgrammeVersion.Status.DRAFT, note: str = "",
                             by=None) -> ProgrammeVersion:
    """Freeze the programme as it is now into a new version (draft, agreed or amended)."""
    require_relations_officer(by)
    if status not in ProgrammeVersion.Status.values:
        raise ValidationError({"status": f"Unknown version status “{status}”."})
    last = programme.versions.select_for_update().order_by("-number").first()
    if status == ProgrammeVersion.Status.AMENDED and not programme.versions.filter(
            status=ProgrammeVersion.Status.AGREED).exists():
        raise ValidationError({"status": "Only an agreed programme can be amended."})
    snapshot = programme_snapshot(programme)
    return ProgrammeVersion.objects.create(
        programme=programme, number=(last.number + 1) if last else 1, status=status, note=note,
        snapshot=snapshot, digest=snapshot_digest(snapshot), created_by=by if by and by.is_authenticated else None)


def programme_agree(*, programme: Programme, by=None, note: str = "") -> ProgrammeVersion:
    """Freeze the programme as agreed (the first time) or amended (after that)."""
    agreed_before = programme.versions.filter(status=ProgrammeVersion.Status.AGREED).exists()
    status = ProgrammeVersion.Status.AMENDED if agreed_before else ProgrammeVersion.Status.AGREED
    return programme_version_create(programme=programme, status=status, note=note, by=by)


@transaction.atomic
def commitment_set_status(*, commitment: Commitment, status: str, evidence: str = "", evidence_url: str = "",
                          by=None, on: datetime.date | None = None) -> Commitment:
    """Move a commitment to ``status``; done and dropped need evidence (what shows it, or why)."""
    require_relations_officer(by)
    if status not in Commitment.Status.values:
        raise ValidationError({"status": f"Unknown status “{status}”."})
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if evidence:
        commitment.evidence = evidence
    if evidence_url:
        commitment.evidence_url = evidence_url
    if status in (Commitment.Status.DONE, Commitment.Status.DROPPED):
        if not (commitment.evidence or "").strip():
            raise ValidationError({"evidence": "Say what shows the commitment is done, or why it was dropped."})
        commitment.closed_on = on or timezone.localdate()
    else:
        commitment.closed_on = None
    commitment.status = status
    commitment.full_clean()
    commitment.save()
    return commitment
