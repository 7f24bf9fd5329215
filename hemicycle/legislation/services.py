"""Writes of the legislative process: one function per operation, called by the back office, commands and importers.

Each is atomic, keyword-only, and checks the actor's role where an actor is given (``by=None`` is the system:
commands, importers, the demo). Only clerks and administrators write legislation.
"""

import dataclasses
import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import translation
from django.utils.translation import gettext

from hemicycle.accounts.roles import CLERK, acts_as
from hemicycle.core.translations import translated_fields
from hemicycle.legislation import texts
from hemicycle.legislation.models import (
    Amendment,
    Bill,
    BillStageChange,
    BillType,
    BillVersion,
    Stage,
    VoteEvent,
)
from hemicycle.legislation.procedure import TransitionRefused, check_move
from hemicycle.legislation.workflows import stage_names, transition_pairs
from hemicycle.people.models import Membership, Organization, Succession

LANGS = tuple(settings.MODELTRANSLATION_LANGUAGES)


def require_clerk(user) -> None:
    """Refuse unless ``user`` is a clerk or an administrator (``None``: a system actor, always allowed)."""
    if user is None:
        return
    if not acts_as(user, CLERK):
        raise PermissionDenied("Only a clerk may change the legislative record.")


#: Every node of a bill body, depth first: the text engine's walk, under the name the services' callers use.
walk = texts.iter_nodes


def body_languages(body) -> list[str]:
    """The languages the body's texts are written in, in the site's language order."""
    found = set(texts.languages_of(body))
    return [code for code in LANGS if code in found]


def _check_body(body) -> None:
    if not isinstance(body, list):
        raise ValidationError({"body": gettext("The text must be a list of provisions.")})
    seen = set()
    for node in texts.iter_nodes(body):
        eid = node.get("eId") if isinstance(node, dict) else None
        if not eid:
            raise ValidationError({"body": gettext("Every provision needs an eId.")})
        if eid in seen:
            raise ValidationError({"body": gettext("The eId %(eid)s is used twice.") % {"eid": eid}})
        seen.add(eid)


@transaction.atomic
def bill_register(*, number: str, title, bill_type: BillType, parliament: Organization, chamber: Organization,
                  introduced_on: datetime.date, body: list, by=None, short_title="", summary="", initiator="",
                  committee: Organization | None = None, sponsors=(), version_label=None, is_demo: bool = False,
                  is_published: bool = True) -> Bill:
    """Register a bill: it enters its workflow's first stage and gets its first version, "as introduced"."""
    require_clerk(by)
    _check_body(body)
    stage = Stage.objects.filter(workflow_id=bill_type.workflow_id, is_initial=True).order_by("order").first()
    if stage is None:
        raise ValidationError({"bill_type": gettext("This bill type's workflow has no first stage.")})
    bill = Bill(number=number, bill_type=bill_type, parliament=parliament, chamber=chamber, committee=committee,
                introduced_on=introduced_on, stage=stage, stage_entered_on=introduced_on, is_demo=is_demo,
                is_published=is_published, **translated_fields("title", title),
                **translated_fields("short_title", short_title),
                **translated_fields("summary", summary), **translated_fields("initiator", initiator))
    bill.full_clean()
    bill.save()
    if sponsors:
        bill.sponsors.set(sponsors)
    BillStageChange.objects.create(bill=bill, stage=stage, entered_on=introduced_on, chamber=chamber, by=by)
    label = version_label or {"kk": "Енгізілген мәтін", "ru": "Внесённый текст", "en": "As introduced",
                              "fr": "Texte déposé", "nl": "Zoals ingediend", "de": "Eingebrachte Fassung"}
    bill_version_create(bill=bill, label=label, body=body, provenance={}, on=introduced_on, by=by)
    return bill


def bill_check_advance(*, bill: Bill, to_stage_code: str) -> Stage:
    """The stage ``bill`` would move to, or a ValidationError on ``stage`` saying why it may not."""
    workflow = bill.bill_type.workflow
    target = Stage.objects.filter(workflow=workflow, code=to_stage_code).first()
    if target is None:
        raise ValidationError({"stage": gettext("The procedure for this bill has no stage “%(code)s”.")
                               % {"code": to_stage_code}})
    names = stage_names(workflow)
    try:
        check_move(transition_pairs(workflow), bill.stage.code, to_stage_code, names)
    except TransitionRefused as refused:
        if refused.allowed:
            message = gettext("A bill that is at “%(source)s” cannot go to “%(target)s”; next possible: "
                              "%(allowed)s.") % {"source": names.get(refused.source, refused.source),
                                                  "target": names.get(refused.target, refused.target),
                                                  "allowed": ", ".join(names[c] for c in refused.allowed)}
        else:
            message = gettext("A bill that is at “%(source)s” cannot move any further: it is a final stage.") % {
                "source": names.get(refused.source, refused.source)}
        raise ValidationError({"stage": message}) from refused
    return target


@transaction.atomic
def bill_advance(*, bill: Bill, to_stage_code: str, on: datetime.date, by=None, note="",
                 vote_event: VoteEvent | None = None) -> BillStageChange:
    """Move ``bill`` to the stage ``to_stage_code`` on ``on``, if its workflow allows it; record it in the timeline."""
    require_clerk(by)
    bill = Bill.objects.select_for_update().select_related("stage", "bill_type__workflow").get(pk=bill.pk)
    target = bill_check_advance(bill=bill, to_stage_code=to_stage_code)
    if on < bill.stage_entered_on:
        raise ValidationError({"stage_entered_on": gettext("A bill cannot enter a stage before it entered the "
                                                           "previous one (%(date)s).")
                               % {"date": bill.stage_entered_on.isoformat()}})
    bill.stage = target
    bill.stage_entered_on = on
    bill.save(update_fields=["stage", "stage_entered_on", "updated_at"])
    return BillStageChange.objects.create(bill=bill, stage=target, entered_on=on, chamber=bill.chamber, by=by,
                                          vote_event=vote_event, **translated_fields("note", note))


@transaction.atomic
def bill_version_create(*, bill: Bill, label, body: list, provenance: dict | None = None, on: datetime.date,
                        by=None, is_published: bool = True) -> BillVersion:
    """Freeze a new version of ``bill``'s text, numbered after the last, at the bill's current stage."""
    require_clerk(by)
    _check_body(body)
    provenance = provenance or {}
    # A deleted provision keeps its eId in the provenance (the deleting amendment), so keys need not be in body.
    if not isinstance(provenance, dict) or not all(isinstance(v, str) for v in provenance.values()):
        raise ValidationError({"provenance": gettext("Provenance maps an eId to an amendment's public id.")})
    number = (bill.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = BillVersion(bill=bill, number=number, stage=bill.stage, created_on=on, body=body,
                          provenance=provenance, languages=body_languages(body), is_published=is_published,
                          **translated_fields("label", label))
    version.save()
    return version


@transaction.atomic
def amendment_table(*, bill: Bill, number: str, target_eid: str, action: str = Amendment.Action.REPLACE,
                    wording: dict | None = None, version: BillVersion | None = None, new_eid: str = "",
                    new_num: str = "", movers=(), committee: Organization | None = None, justification="",
                    recommendation: str = "", by=None, is_demo: bool = False) -> Amendment:
    """Table an amendment to a provision of ``version`` (the bill's latest version by default)."""
    require_clerk(by)
    version = version or bill.versions.order_by("-number").first()
    if version is None or version.bill_id != bill.pk:
        raise ValidationError({"version": gettext("Choose a version of this bill.")})
    eids = {node["eId"] for node in texts.iter_nodes(version.body)}
    if target_eid not in eids:
        raise ValidationError({"target_eid": gettext("Version %(n)s has no provision %(eid)s.")
                               % {"n": version.number, "eid": target_eid}})
    if action == Amendment.Action.INSERT_AFTER:
        if not new_eid:
            raise ValidationError({"new_eid": gettext("An insertion needs the eId of the new provision.")})
        if new_eid in eids:
            raise ValidationError({"new_eid": gettext("The text already has a provision %(eid)s.")
                                   % {"eid": new_eid}})
    if action != Amendment.Action.DELETE and not any((wording or {}).values()):
        raise ValidationError({"wording": gettext("Give the proposed wording in at least one language.")})
    amendment = Amendment(bill=bill, version=version, number=number, target_eid=target_eid, action=action,
                          new_eid=new_eid, new_num=new_num, wording=wording or {}, committee=committee,
                          recommendation=recommendation, is_demo=is_demo,
                          **translated_fields("justification", justification))
    amendment.full_clean()
    amendment.save()
    if movers:
        amendment.movers.set(movers)
    return amendment


@transaction.atomic
def amendment_decide(*, amendment: Amendment, status: str, vote_event: VoteEvent | None = None, by=None) -> Amendment:
    """Record what became of an amendment: adopted or rejected by a recorded vote, or withdrawn by its movers."""
    require_clerk(by)
    if status not in Amendment.Status.values or status == Amendment.Status.TABLED:
        raise ValidationError({"status": gettext("Choose adopted, rejected or withdrawn.")})
    if status in (Amendment.Status.ADOPTED, Amendment.Status.REJECTED):
        if vote_event is None:
            raise ValidationError({"vote_event": gettext("An amendment is adopted or rejected by a recorded vote.")})
        expected = VoteEvent.Result.PASS if status == Amendment.Status.ADOPTED else VoteEvent.Result.FAIL
        if vote_event.result != expected:
            raise ValidationError({"vote_event": gettext("The vote's result does not match this outcome.")})
    amendment.status = status
    amendment.vote_event = vote_event
    amendment.save(update_fields=["status", "vote_event", "updated_at"])
    if vote_event is not None and vote_event.amendment_id is None:
        vote_event.amendment = amendment
        vote_event.save(update_fields=["amendment", "updated_at"])
    return amendment


# The transition to one chamber.

TRANSFER_NOTE = {
    "kk": "{date} күні {src} органынан {dst} органына берілді.",
    "ru": "Передан из органа «{src}» в орган «{dst}» {date}.",
    "en": "Transferred from {src} to {dst} on {date}.",
    "fr": "Transféré de « {src} » à « {dst} » le {date}.",
    "nl": "Overgedragen van {src} aan {dst} op {date}.",
    "de": "Am {date} von {src} an {dst} übergeben.",
}


@dataclasses.dataclass
class SuccessionReport:
    """What ``chamber_succession_apply`` did, for the command's output and the pages."""

    on: datetime.date
    bills_transferred: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)  # number, from, to
    committee_bills_transferred: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    committees_matched: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    committees_unmatched: list[str] = dataclasses.field(default_factory=list)
    memberships_ended: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.bills_transferred or self.committee_bills_transferred or self.memberships_ended)


def _name(org: Organization, lang: str) -> str:
    return getattr(org, f"name_{lang}", "") or org.name


def transfer_note(src: Organization, dst: Organization, day: datetime.date) -> dict:
    return {lang: template.format(src=_name(src, lang), dst=_name(dst, lang), date=day.isoformat())
            for lang, template in TRANSFER_NOTE.items()}


@transaction.atomic
def chamber_succession_apply(*, on: datetime.date, by=None) -> SuccessionReport:
    """Apply every succession dated ``on`` or earlier that has not been applied yet. Idempotent.

    - bills still pending (not at a final stage) in the predecessor pass to the successor; a timeline entry
      says "transferred from X to Y on date" in the six languages;
    - bills whose lead committee is a predecessor committee pass to its successor committee; committees of a
      dissolved chamber without a successor committee are listed in the report and left alone;
    - memberships in the predecessor still running on the date end the day before.
    """
    require_clerk(by)
    report = SuccessionReport(on=on)
    successions = Succession.objects.filter(date__lte=on).select_related("predecessor", "successor").order_by("date")
    for succession in successions:
        src, dst, day = succession.predecessor, succession.successor, succession.date
        day_before = (day - datetime.timedelta(days=1)).isoformat()
        note = transfer_note(src, dst, day)
        pending = Bill.objects.filter(stage__is_final=False).select_related("stage")
        for bill in pending.filter(chamber=src):
            bill.chamber = dst
            bill.save(update_fields=["chamber", "updated_at"])
            BillStageChange.objects.create(bill=bill, stage=bill.stage, entered_on=day, chamber=dst, by=by,
                                           **translated_fields("note", note))
            report.bills_transferred.append((bill.number, src.name, dst.name))
        for bill in pending.filter(committee=src):
            bill.committee = dst
            bill.save(update_fields=["committee", "updated_at"])
            BillStageChange.objects.create(bill=bill, stage=bill.stage, entered_on=day, chamber=bill.chamber,
                                           by=by, **translated_fields("note", note))
            report.committee_bills_transferred.append((bill.number, src.name, dst.name))
        running = Membership.objects.filter(organization=src).filter(Q(end_date="") | Q(end_date__gt=day_before))
        running = running.filter(Q(start_date="") | Q(start_date__lt=day.isoformat()))
        for membership in running:  # one by one, so that the registry's change history records each end
            membership.end_date = day_before
            membership.save(update_fields=["end_date", "updated_at"])
            report.memberships_ended += 1
        if not src.dissolution_date:
            src.dissolution_date = day.isoformat()
            src.save(update_fields=["dissolution_date"])
        if src.classification == Organization.Classification.CHAMBER:
            for committee in Organization.objects.filter(parent=src,
                                                         classification=Organization.Classification.COMMITTEE):
                follower = Succession.objects.filter(predecessor=committee).select_related("successor").first()
                if follower:
                    report.committees_matched.append((committee.name, follower.successor.name))
                else:
                    report.committees_unmatched.append(committee.name)
    return report


def bill_transfers(bill: Bill):
    """The timeline entries of ``bill`` that record a transfer to a successor body, oldest first (for pages)."""
    with translation.override("en"):
        return [change for change in bill.stage_changes.all() if (change.note_en or "").startswith("Transferred")]
