"""Writes of the cooperation pillar: one function per operation, called by the back office, the API, commands
and federation alike. Each is atomic and checks the actor's role where an actor is given.
"""

import datetime
import hashlib
import json
import logging
import zoneinfo

from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from hemicycle.accounts.roles import INTERNATIONAL_RELATIONS_OFFICER, acts_as
from hemicycle.cooperation.agreement_workflow import AgreementTransitionError, check_agreement_transition
from hemicycle.cooperation.models import (
    Activity,
    ActivityStatusChange,
    Agreement,
    AgreementSignatory,
    Commitment,
    Meeting,
    MeetingParticipant,
    Partnership,
    PressRelease,
    Programme,
    ProgrammeVersion,
)
from hemicycle.cooperation.workflow import SIGNIFICANT_FIELDS, TransitionError, check_transition

#: Activity fields a programme version freezes (translated fields in every language).
SNAPSHOT_FIELDS = ("uid", "kind", "start", "end", "timezone", "status", "sequence")
SNAPSHOT_TRANSLATED = ("title", "venue", "city")
LANGS = tuple(settings.MODELTRANSLATION_LANGUAGES)


def require_relations_officer(user) -> None:
    """Refuse unless ``user`` is an international relations officer (or an administrator)."""
    if user is None:
        return  # system actors: federation, commands
    if not acts_as(user, INTERNATIONAL_RELATIONS_OFFICER):
        raise PermissionDenied("Only an international relations officer may change the joint programme.")


@transaction.atomic
def activity_create(*, programme: Programme, by=None, by_peer: str = "", delegation=(), bodies=(),
                    **fields) -> Activity:
    """Create an activity in ``programme``; its first status is recorded in the history."""
    require_relations_officer(by)
    activity = Activity(programme=programme, **fields)
    activity.assign_uid()
    activity.full_clean()
    activity.save()
    if delegation:
        activity.delegation.set(delegation)
    if bodies:
        activity.bodies.set(bodies)
    ActivityStatusChange.objects.create(activity=activity, from_status="", to_status=activity.status,
                                        by=by, by_peer=by_peer)
    _federate(activity, by_peer)
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
    _federate(activity, by_peer)
    return activity


def _federate(activity: Activity, by_peer: str) -> None:
    """Queue the change for the partner's instance, in this transaction (federation; skipped if from a peer)."""
    from hemicycle.cooperation.sync import activity_changed  # sync imports this module

    activity_changed(activity=activity, by_peer=by_peer)


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
    for activity in programme.activities.select_related("organizer").order_by("start", "uid"):
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


# Partnerships' records: meetings with the roles people held that day, agreements through their lifecycle with a
# reminder before expiry, press releases.

logger = logging.getLogger(__name__)

#: When a person holds several posts on a day, the kind of body whose post names them at a meeting of parliaments.
POST_PRECEDENCE = ("parliament", "chamber", "embassy", "government_body", "international_assembly", "committee",
                   "delegation", "friendship_group", "political_group", "party", "other")


def registry_post_on(*, person, on: datetime.date, organization=None):
    """The membership in a post that ``person`` held on ``on`` — what to call them at a meeting that day — or None.

    A post in ``organization`` (the body they represented) comes first; then the most senior kind of body (see
    ``POST_PRECEDENCE``); then the most recently taken post.
    """
    held = list(person.memberships.filter(post__isnull=False).current(on)
                .select_related("post", "organization").order_by("-start_date", "pk"))

    def rank(membership) -> tuple:
        kind = membership.organization.classification
        return (0 if organization is not None and membership.organization_id == organization.pk else 1,
                POST_PRECEDENCE.index(kind) if kind in POST_PRECEDENCE else len(POST_PRECEDENCE))

    held.sort(key=rank)  # stable: the most recent first within a rank
    return held[0] if held else None


def role_fields_from_post(post) -> dict:
    """A post's label in every language, as the translated ``role`` columns of a participant or a signatory."""
    return {f"role_{code}": getattr(post, f"label_{code}", None) or "" for code in LANGS}


def _person_entry(entry) -> dict:
    """A participant or signatory given as a Person or as a dict with ``person`` and optional details."""
    return dict(entry) if isinstance(entry, dict) else {"person": entry}


def _role_at(entry: dict, on: datetime.date) -> dict:
    """The fields naming someone by the post they held on ``on``, unless the caller gave the role explicitly."""
    explicit = {key: value for key, value in entry.items() if key == "role" or key.startswith("role_")}
    if explicit:
        return explicit
    membership = registry_post_on(person=entry["person"], on=on, organization=entry.get("organization"))
    if membership is None:
        return {}
    fields = role_fields_from_post(membership.post)
    fields["post"] = membership.post
    fields.setdefault("organization", membership.organization)
    return fields


@transaction.atomic
def meeting_record(*, partnership: Partnership, start: datetime.datetime, timezone: str = "UTC",
                   participants=(), follow_ups=(), by=None, **fields) -> Meeting:
    """Record a meeting between the two sides, who took part in which role, and the follow-ups agreed there.

    ``participants``: persons, or dicts with ``person`` and optionally ``side`` (ours by default), ``organization``
    (the body they represented) and ``role``/``role_<lang>`` (otherwise taken from the registry: the post the person
    held on the meeting's date, in every language). ``follow_ups``: dicts of commitment fields (``title_<lang>``,
    ``owner_person`` or ``owner_organization``, ``side``, ``due_on``, …); each becomes an open commitment of the
    partnership, agreed at this meeting. Other keyword arguments are the meeting's own fields (``title_en``,
    ``place_kk``, ``end``, …).
    """
    require_relations_officer(by)
    meeting = Meeting(partnership=partnership, start=start, timezone=timezone, **fields)
    meeting.full_clean()
    meeting.save()
    on = start.astimezone(zoneinfo.ZoneInfo(timezone)).date()
    seen = set()
    for order, entry in enumerate(map(_person_entry, participants)):
        if entry["person"].pk in seen:
            continue  # listed twice: one participation per person
        seen.add(entry["person"].pk)
        role = _role_at(entry, on)
        details = {key: value for key, value in entry.items() if key != "role" and not key.startswith("role_")}
        participant = MeetingParticipant(meeting=meeting, order=details.pop("order", order), **details)
        for key, value in role.items():
            if key == "organization" and participant.organization_id:
                continue
            setattr(participant, key, value)
        participant.full_clean(exclude=["meeting"])
        participant.save()
    for follow_up in follow_ups:
        commitment = Commitment(partnership=partnership, meeting=meeting, **follow_up)
        commitment.full_clean()
        commitment.save()
    return meeting


def _agreement_move(*, agreement: Agreement, target: str, by, **changes) -> Agreement:
    """Move ``agreement`` to ``target`` along the lifecycle, with the dates that go with it; refuse with a reason."""
    require_relations_officer(by)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    try:
        check_agreement_transition(agreement.status, target)
    except AgreementTransitionError as exc:
        raise ValidationError({"status": str(exc)}) from exc
    for name, value in changes.items():
        setattr(agreement, name, value)
    agreement.status = target
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def agreement_sign(*, agreement: Agreement, signed_on: datetime.date | None = None, signed_at_place: str = "",
                   signatories=(), by=None) -> Agreement:
    """Sign a draft agreement: the date, the place, and who signed in which role.

    ``signatories``: persons, or dicts with ``person``, ``side`` and optionally ``role``/``role_<lang>`` (otherwise
    the post each held on the day of signature, from the registry).
    """
    signed_on = signed_on or timezone.localdate()
    changes = {"signed_on": signed_on}
    if signed_at_place:
        changes["signed_at_place"] = signed_at_place
    agreement = _agreement_move(agreement=agreement, target=Agreement.Status.SIGNED, by=by, **changes)
    for entry in map(_person_entry, signatories):
        role = {key: value for key, value in _role_at(entry, signed_on).items()
                if key == "role" or key.startswith("role_")}
        details = {key: value for key, value in entry.items() if key in {"person", "side"}}
        signatory = AgreementSignatory(agreement=agreement, **details, **role)
        signatory.full_clean(exclude=["agreement"])
        signatory.save()
    return agreement


@transaction.atomic
def agreement_enter_into_force(*, agreement: Agreement, in_force_from: datetime.date | None = None,
                               expires_on: datetime.date | None = None, by=None) -> Agreement:
    """A signed agreement enters into force on ``in_force_from`` (today by default), until ``expires_on`` if any."""
    require_relations_officer(by)
    in_force_from = in_force_from or timezone.localdate()
    expires_on = expires_on or agreement.expires_on
    if expires_on is not None and expires_on <= in_force_from:
        raise ValidationError({"expires_on": "An agreement must expire after it enters into force."})
    return _agreement_move(agreement=agreement, target=Agreement.Status.IN_FORCE, by=by,
                           in_force_from=in_force_from, expires_on=expires_on)


@transaction.atomic
def agreement_expire(*, agreement: Agreement, on: datetime.date | None = None, by=None) -> Agreement:
    """An agreement in force reached its term. Ending it before its expiry date is a termination, not this."""
    require_relations_officer(by)
    on = on or agreement.expires_on or timezone.localdate()
    if agreement.expires_on is not None and on < agreement.expires_on:
        raise ValidationError({"status": f"the agreement runs until {agreement.expires_on.isoformat()}; "
                                         "to end it earlier, terminate it"})
    return _agreement_move(agreement=agreement, target=Agreement.Status.EXPIRED, by=by, ended_on=on)


@transaction.atomic
def agreement_terminate(*, agreement: Agreement, on: datetime.date | None = None, by=None) -> Agreement:
    """A party ends a signed agreement, or one in force, on ``on`` (today by default)."""
    return _agreement_move(agreement=agreement, target=Agreement.Status.TERMINATED, by=by,
                           ended_on=on or timezone.localdate())


#: The lifecycle step each target status is reached by (the back office maps a status change to its function).
AGREEMENT_STEPS = {
    Agreement.Status.SIGNED: agreement_sign,
    Agreement.Status.IN_FORCE: agreement_enter_into_force,
    Agreement.Status.EXPIRED: agreement_expire,
    Agreement.Status.TERMINATED: agreement_terminate,
}


def agreements_due_for_reminder(on: datetime.date | None = None) -> list[Agreement]:
    """Agreements in force whose expiry is within their reminder window on ``on`` and not yet reminded of."""
    on = on or timezone.localdate()
    candidates = (Agreement.objects.filter(status=Agreement.Status.IN_FORCE, expires_on__gte=on,
                                           reminder_sent_on__isnull=True)
                  .select_related("partnership").order_by("expires_on", "pk"))
    return [a for a in candidates if a.expires_on - datetime.timedelta(days=a.remind_days_before) <= on]


def _reminder_message(agreement: Agreement, users: list, language: str, on: datetime.date) -> mail.EmailMessage:
    with translation.override(language):
        path = reverse("cooperation:agreement", args=[agreement.public_uuid])
        admin_path = reverse("admin:cooperation_agreement_change", args=[agreement.pk])
        days = (agreement.expires_on - on).days
        subject = gettext("Agreement expires on %(date)s: %(title)s") % {
            "date": agreement.expires_on.isoformat(), "title": agreement.title}
        body = "\n".join([
            gettext("The agreement “%(title)s” (%(partnership)s) expires on %(date)s, in %(days)d days.") % {
                "title": agreement.title, "partnership": agreement.partnership.title,
                "date": agreement.expires_on.isoformat(), "days": days},
            gettext("Decide in time whether to renew it."),
            "",
            gettext("Public page: %(url)s") % {"url": settings.SITE_URL + path},
            gettext("Back office: %(url)s") % {"url": settings.SITE_URL + admin_path},
        ])
    return mail.EmailMessage(subject=subject, body=body, to=[user.email for user in users])


def agreement_reminders_send(*, on: datetime.date | None = None) -> list[Agreement]:
    """Email the international relations officers about each agreement due for its expiry reminder, once.

    Each agreement is handled in its own transaction: the reminder date is recorded only when the mail went out,
    so a failed run is simply run again; a reminded agreement is never reminded twice. Each officer gets the
    message in their preferred language. Returns the agreements reminded of.
    """
    from hemicycle.accounts.models import User

    on = on or timezone.localdate()
    officers = list(User.objects.filter(is_active=True, groups__name=INTERNATIONAL_RELATIONS_OFFICER)
                    .exclude(email="").distinct().order_by("email"))
    if not officers:
        logger.warning("No international relations officer with an email address: no agreement reminder sent.")
        return []
    by_language: dict[str, list] = {}
    for user in officers:
        language = user.preferred_language if user.preferred_language in LANGS else settings.LANGUAGE_CODE
        by_language.setdefault(language, []).append(user)
    reminded = []
    for due in agreements_due_for_reminder(on):
        with transaction.atomic():
            agreement = Agreement.objects.select_for_update().select_related("partnership").get(pk=due.pk)
            if agreement.reminder_sent_on is not None:
                continue  # another run got there first
            messages = [_reminder_message(agreement, users, language, on) for language, users in by_language.items()]
            mail.get_connection().send_messages(messages)
            agreement.reminder_sent_on = on
            agreement.save(update_fields=["reminder_sent_on", "updated_at"])
            reminded.append(agreement)
    return reminded


@transaction.atomic
def press_release_publish(*, press_release: PressRelease, at: datetime.datetime | None = None,
                          by=None) -> PressRelease:
    """Publish a press release now, or from ``at`` (a future time embargoes it until then)."""
    require_relations_officer(by)
    press_release = PressRelease.objects.select_for_update().get(pk=press_release.pk)
    press_release.published_at = at or timezone.now()
    press_release.full_clean()
    press_release.save()
    return press_release
