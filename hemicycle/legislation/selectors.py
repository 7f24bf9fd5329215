"""Reads of the legislative process for public pages: the bill list, a bill's page, a version's text, an amendment.

Everything here answers the questions of a reader who has never read a bill: where is it now, what happens next,
how long does that usually take, how can I take part, what changed and who decided it.
"""

import datetime
from collections import deque
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hemicycle.legislation.models import (
    Amendment,
    Bill,
    BillStageChange,
    BillType,
    Sitting,
    Stage,
    Transition,
)
from hemicycle.people.models import Organization, Succession
from hemicycle.portal.templatetags.hemicycle import Translated

BILLS_PER_PAGE = 30
LIST_RELATED = ("stage", "bill_type", "committee", "chamber")

# Structural provisions get a heading; the others are numbered paragraphs of running text.
HEADED_TYPES = ("part", "chapter", "section", "article")


def published_bills():
    return Bill.objects.filter(is_published=True)


# --- languages of the text tree -------------------------------------------------------------------------------

def _fallback_chain(language: str) -> list[str]:
    chain = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    seen, order = set(), []
    for code in (language, *chain.get(language, ()), "kk", "ru", "en", *settings.MODELTRANSLATION_LANGUAGES):
        if code not in seen:
            seen.add(code)
            order.append(code)
    return order


def pick_language(values: dict | None, language: str | None = None) -> Translated:
    """The reader's language from a ``{lang: text}`` dict, else Kazakh, Russian, English (the bill's own languages)
    and the rest, with a flag saying the text is a fallback."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    values = values or {}
    if isinstance(values, str):
        return Translated(values, language, False)
    for code in _fallback_chain(language):
        if values.get(code):
            return Translated(values[code], code, code != language)
    return Translated("", language, False)


@dataclass
class Provision:
    """One node of a bill's text, flattened for the page, in the reader's language."""

    eid: str
    type: str
    num: str
    heading: Translated
    text: Translated
    depth: int
    level: int  # heading level (2–6) for headed provisions; 0 for running text
    amendment: str = ""
    amendment_number: str = ""
    amendment_url: str = ""

    @property
    def is_headed(self) -> bool:
        return self.level > 0

    @property
    def is_article(self) -> bool:
        return self.type == "article"


def flatten_body(body: list, provenance: dict | None = None, language: str | None = None) -> list[Provision]:
    """The tree of provisions in reading order; headings nest by structure (part > chapter > article)."""
    provenance = provenance or {}
    out: list[Provision] = []

    def walk(nodes, depth, heading_depth):
        for node in nodes or []:
            headed = node.get("type") in HEADED_TYPES
            level = min(2 + heading_depth, 6) if headed else 0
            out.append(Provision(
                eid=node.get("eId", ""), type=node.get("type", ""), num=str(node.get("num", "") or ""),
                heading=pick_language(node.get("heading"), language), text=pick_language(node.get("text"), language),
                depth=depth, level=level, amendment=provenance.get(node.get("eId", ""), "")))
            walk(node.get("children"), depth + 1, heading_depth + (1 if headed else 0))

    walk(body, 0, 0)
    return out


def find_node(body: list, eid: str) -> dict | None:
    stack = list(body or [])
    while stack:
        node = stack.pop()
        if node.get("eId") == eid:
            return node
        stack.extend(node.get("children") or [])
    return None


# --- the bill list --------------------------------------------------------------------------------------------

@dataclass
class BillFilters:
    stage: str = ""
    type: str = ""
    committee: str = ""
    year: str = ""

    @classmethod
    def from_query(cls, params) -> "BillFilters":
        return cls(stage=params.get("stage", "").strip(), type=params.get("type", "").strip(),
                   committee=params.get("committee", "").strip(), year=params.get("year", "").strip())

    @property
    def active(self) -> bool:
        return any((self.stage, self.type, self.committee, self.year))

    def querystring(self) -> str:
        from urllib.parse import urlencode

        return urlencode({k: v for k, v in vars(self).items() if v})


def bill_list_page(params, page_number=None) -> dict:
    """The filtered, paginated list of published bills, and the choices of the filter form."""
    filters = BillFilters.from_query(params)
    bills = published_bills().select_related(*LIST_RELATED)
    if filters.stage:
        bills = bills.filter(stage__code=filters.stage)
    if filters.type:
        bills = bills.filter(bill_type__code=filters.type)
    if filters.committee:
        bills = bills.filter(committee__public_id=f"ocd-organization/{filters.committee}")
    if filters.year.isdigit():
        bills = bills.filter(introduced_on__year=int(filters.year))
    page = Paginator(bills.order_by("-introduced_on", "-pk"), BILLS_PER_PAGE).get_page(page_number)

    # One option per stage code: several workflows share a stage (every bill type is "registered" first).
    stage_options, seen = [], set()
    for stage in Stage.objects.filter(bills__is_published=True).distinct().order_by("order", "code"):
        if stage.code not in seen:
            seen.add(stage.code)
            stage_options.append(stage)
    committees = (Organization.objects.filter(bills_in_committee__is_published=True).distinct()
                  .order_by("name"))
    years = sorted({d.year for d in published_bills().dates("introduced_on", "year")}, reverse=True)
    return {
        "page": page,
        "filters": filters,
        "stage_options": stage_options,
        "type_options": BillType.objects.filter(bills__is_published=True).distinct().order_by("name"),
        "committee_options": committees,
        "year_options": [str(y) for y in years],
    }


def latest_bills(limit: int = 5) -> list[Bill]:
    """The most recently registered bills, for the home page."""
    return list(published_bills().select_related(*LIST_RELATED).order_by("-introduced_on", "-pk")[:limit])


# --- the bill page ---------------------------------------------------------------------------------------------

@dataclass
class PathStep:
    stage: Stage
    state: str  # "done", "current" or "todo"


def main_path(workflow_id: int) -> list[Stage]:
    """The usual road from the first stage to law: the shortest chain of forward moves to a stage that makes law.

    Returns, objections and failures are detours or ends, so they are not on the road a reader sees.
    """
    stages = {s.pk: s for s in Stage.objects.filter(workflow_id=workflow_id)}
    exits: dict[int, list[int]] = {}
    for source_id, target_id in Transition.objects.filter(workflow_id=workflow_id).values_list("source", "target"):
        exits.setdefault(source_id, []).append(target_id)
    start = next((s for s in sorted(stages.values(), key=lambda s: s.order) if s.is_initial), None)
    if start is None:
        return sorted(stages.values(), key=lambda s: s.order)
    previous = {start.pk: None}
    queue = deque([start.pk])
    goal = None
    while queue:
        pk = queue.popleft()
        stage = stages[pk]
        if stage.outcome == Stage.Outcome.LAW and not exits.get(pk):
            goal = pk
            break
        for target in sorted(exits.get(pk, []), key=lambda t: stages[t].order):
            if (target not in previous and stages[target].outcome != Stage.Outcome.FAILED
                    and stages[target].order > stage.order):
                previous[target] = pk
                queue.append(target)
    if goal is None:  # no final law stage reachable: the stages that are not failures, in order
        return [s for s in sorted(stages.values(), key=lambda s: s.order) if s.outcome != Stage.Outcome.FAILED]
    path = []
    while goal is not None:
        path.append(stages[goal])
        goal = previous[goal]
    return path[::-1]


def progress(bill: Bill, reached_ids: set[int]) -> list[PathStep]:
    """The main path with each step marked done, current or still ahead."""
    steps = []
    path = main_path(bill.bill_type.workflow_id)
    on_path = any(s.pk == bill.stage_id for s in path)
    for stage in path:
        if stage.pk == bill.stage_id:
            state = "current"
        elif stage.pk in reached_ids or (on_path and stage.order < bill.stage.order):
            state = "done"
        else:
            state = "todo"
        steps.append(PathStep(stage, state))
    return steps


@dataclass
class Transfer:
    """A bill's passage from a dissolved chamber to its successor."""

    predecessor: Organization
    successor: Organization
    date: datetime.date


def bill_transfer(bill: Bill, timeline: list[BillStageChange]) -> Transfer | None:
    """When the bill was pending in a chamber that a successor took over, the move and its date."""
    succession = (Succession.objects.filter(successor_id=bill.chamber_id, date__gt=bill.introduced_on)
                  .select_related("predecessor", "successor").order_by("date").first())
    if succession:
        return Transfer(succession.predecessor, succession.successor, succession.date)
    # Otherwise the timeline may itself record a move from one chamber to another.
    previous = None
    for change in timeline:
        if change.chamber_id and previous and change.chamber_id != previous.chamber_id and previous.chamber_id:
            return Transfer(previous.chamber, change.chamber, change.entered_on)
        if change.chamber_id:
            previous = change
    return None


def bill_page(bill: Bill, today: datetime.date | None = None) -> dict:
    """Everything a bill's page shows."""
    today = today or timezone.localdate()
    timeline = list(bill.stage_changes.select_related("stage", "chamber", "vote_event").order_by("entered_on", "pk"))
    # A chamber change between two timeline rows is a transfer; the page marks it.
    last_chamber = None
    for change in timeline:
        change.transferred = bool(change.chamber_id and last_chamber and change.chamber_id != last_chamber)
        last_chamber = change.chamber_id or last_chamber
    stage = bill.stage
    next_moves = list(Transition.objects.filter(source=stage).select_related("target").order_by("target__order"))
    versions = list(bill.versions.filter(is_published=True).select_related("stage").order_by("number"))
    for previous, version in zip([None, *versions], versions, strict=False):
        version.previous = previous
    amendments = list(bill.amendments.select_related("committee", "vote_event", "version", "version__bill")
                      .prefetch_related("movers").order_by("version__number", "pk"))
    for amendment in amendments:
        amendment.provision_words = provision_words(amendment.version.body, amendment.target_eid)
    votes = list(bill.vote_events.filter(amendment__isnull=True).select_related("stage", "organization")
                 .order_by("start", "pk"))
    days_in_stage = (today - bill.stage_entered_on).days if bill.stage_entered_on else None
    return {
        "bill": bill,
        "stage": stage,
        "next_moves": next_moves,
        "days_in_stage": days_in_stage,
        "overdue": bool(stage.typical_days and days_in_stage and days_in_stage > stage.typical_days
                        and not stage.is_final),
        "progress": progress(bill, {c.stage_id for c in timeline}),
        "stopped": stage.is_final and stage.outcome == Stage.Outcome.FAILED,
        "timeline": timeline,
        "transfer": bill_transfer(bill, timeline),
        "versions": versions,
        "first_version": versions[0] if versions else None,
        "last_version": versions[-1] if versions else None,
        "amendments": amendments,
        "votes": votes,
        "sponsors": list(bill.sponsors.order_by("sort_name", "name")),
        "documents": list(bill.documents.filter(is_published=True).select_related("stage").order_by("date", "pk")),
    }


def get_bill(uuid) -> Bill:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(published_bills().select_related(
        "stage", "bill_type", "committee", "chamber", "parliament"), public_id=f"ocd-bill/{uuid}")


# --- a version's text, an amendment ----------------------------------------------------------------------------

def version_page(bill: Bill, number: int) -> dict:
    from django.shortcuts import get_object_or_404

    version = get_object_or_404(bill.versions.select_related("stage"), number=number, is_published=True)
    provisions = flatten_body(version.body, version.provenance)
    if version.provenance:
        names = dict(Amendment.objects.filter(bill=bill, public_id__in=set(version.provenance.values()))
                     .values_list("public_id", "number"))
        for p in provisions:
            p.amendment_number = names.get(p.amendment, "")
            if p.amendment_number:
                p.amendment_url = reverse("legislation:amendment", args=[p.amendment.split("/", 1)[1]])
    siblings = list(bill.versions.filter(is_published=True).order_by("number").values_list("number", flat=True))
    index = siblings.index(version.number)
    return {
        "bill": bill,
        "version": version,
        "provisions": provisions,
        "has_fallback": any(p.text.is_fallback or p.heading.is_fallback for p in provisions),
        "previous_number": siblings[index - 1] if index > 0 else None,
        "next_number": siblings[index + 1] if index + 1 < len(siblings) else None,
    }


def amendment_page(uuid) -> dict:
    from django.shortcuts import get_object_or_404

    amendment = get_object_or_404(
        Amendment.objects.filter(bill__is_published=True).select_related(
            "bill", "bill__stage", "version", "committee", "vote_event"),
        public_id=f"ocd-amendment/{uuid}")
    target = find_node(amendment.version.body, amendment.target_eid)
    return {
        "amendment": amendment,
        "bill": amendment.bill,
        "target": target,
        "target_words": provision_words(amendment.version.body, amendment.target_eid),
        "current_text": pick_language(target.get("text")) if target else None,
        "current_heading": pick_language(target.get("heading")) if target else None,
        "proposed_text": pick_language(amendment.wording) if amendment.wording else None,
        "movers": list(amendment.movers.order_by("sort_name", "name")),
        "vote": amendment.vote_event,
    }


def provision_label(body: list, eid: str) -> list[tuple[str, str]]:
    """The path to a provision as (type, number) pairs, e.g. [("article", "2"), ("paragraph", "1")]."""
    def walk(nodes, trail):
        for node in nodes or []:
            here = [*trail, (node.get("type", ""), str(node.get("num", "") or ""))]
            if node.get("eId") == eid:
                return here
            found = walk(node.get("children"), here)
            if found:
                return found
        return None

    return [(t, n) for t, n in (walk(body, []) or []) if t in ("article", "paragraph", "point")]


def provision_words(body: list, eid: str) -> str:
    """A provision's address in words, e.g. "article 2, paragraph 1"; the eId when it is not in the text."""
    names = {"article": _("article %(num)s"), "paragraph": _("paragraph %(num)s"), "point": _("point %(num)s")}
    parts = [str(names[t] % {"num": n}) for t, n in provision_label(body, eid)]
    return ", ".join(parts) or eid


# --- committees and chambers --------------------------------------------------------------------------------------

def organization_legislation(org: Organization, limit: int = 20) -> dict | None:
    """For a committee or a chamber: the bills before it now and its next sittings. None for other bodies."""
    if org.classification not in (Organization.Classification.COMMITTEE, Organization.Classification.CHAMBER):
        return None
    field = "committee" if org.classification == Organization.Classification.COMMITTEE else "chamber"
    bills = (published_bills().filter(**{field: org}).filter(stage__is_final=False)
             .select_related(*LIST_RELATED).order_by("-stage_entered_on", "-pk"))
    sittings = (Sitting.objects.filter(organization=org, is_published=True, start__gte=timezone.now())
                .exclude(status=Sitting.Status.CANCELLED).order_by("start")[:5])
    return {"bills": list(bills[:limit]), "bill_count": bills.count(), "sittings": list(sittings),
            "filter_field": field}

