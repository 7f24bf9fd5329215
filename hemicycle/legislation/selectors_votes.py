"""Reads for sittings, votes and members' voting records; a fixed number of queries per page, whatever its size."""

from __future__ import annotations

import calendar
import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet

from hemicycle.legislation import votes as vote_service
from hemicycle.legislation.models import AgendaItem, Bill, Sitting, Vote, VoteEvent
from hemicycle.people.models import Organization, Person

Option = Vote.Option
#: Bodies whose vote events count for a member's attendance: the chamber (or the parliament) they sit in.
ATTENDANCE_CLASSIFICATIONS = (Organization.Classification.CHAMBER, Organization.Classification.PARLIAMENT)
VOTES_PER_PAGE = 25
SITTINGS_PER_PAGE = 30
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def public_sittings() -> QuerySet[Sitting]:
    return Sitting.objects.filter(is_published=True)


def _public_q(prefix: str = "") -> Q:
    """Vote events (through ``prefix``) on no unpublished bill and at no unpublished sitting.

    Written as "not among the unpublished ones" rather than as a join on published: the unpublished bills are few
    and indexed, while the join reads every bill (a member's page counts thousands of votes on thousands of bills).
    """
    hidden_bills = Bill.objects.filter(is_published=False).values("pk")
    hidden_sittings = Sitting.objects.filter(is_published=False).values("pk")
    return ~Q(**{f"{prefix}bill__in": hidden_bills}) & ~Q(**{f"{prefix}sitting__in": hidden_sittings})


def public_vote_events() -> QuerySet[VoteEvent]:
    # A vote on an unpublished bill stays out with its bill.
    return VoteEvent.objects.filter(_public_q())


# --- Sittings ----------------------------------------------------------------------------------------------------

def month_bounds(month: str) -> tuple[datetime.date, datetime.date] | None:
    """First and last day of ``YYYY-MM``, or None when it is not such a month."""
    if not month or not _MONTH.match(month):
        return None
    year, number = int(month[:4]), int(month[5:])
    return datetime.date(year, number, 1), datetime.date(year, number, calendar.monthrange(year, number)[1])


def sittings_filtered(*, body: Organization | None = None, month: str = "", kind: str = "",
                      status: str = "") -> QuerySet[Sitting]:
    sittings = public_sittings().select_related("organization")
    if body is not None:
        sittings = sittings.filter(organization=body)
    bounds = month_bounds(month)
    if bounds:
        sittings = sittings.filter(start__date__gte=bounds[0], start__date__lte=bounds[1])
    if kind in Sitting.Kind.values:
        sittings = sittings.filter(kind=kind)
    if status in Sitting.Status.values:
        sittings = sittings.filter(status=status)
    return sittings.annotate(vote_count=Count("vote_events")).order_by("-start", "-pk")


def sitting_bodies() -> QuerySet[Organization]:
    """The bodies that have public sittings (for the filter)."""
    return Organization.objects.filter(sittings__is_published=True).distinct().order_by("classification", "name")


def sitting_attendance(sitting: Sitting) -> dict | None:
    """Of the members recorded in the sitting's votes, how many took part in at least one (None: no votes)."""
    rows = (Vote.objects.filter(vote_event__sitting=sitting).values("person_id")
            .annotate(present=Count("pk", filter=~Q(option=Option.ABSENT))))
    total = present = 0
    for row in rows:
        total += 1
        present += 1 if row["present"] else 0
    if not total:
        return None
    return {"present": present, "total": total, "share": present / total}


def sitting_page(sitting: Sitting) -> dict:
    events = list(public_vote_events().filter(sitting=sitting).select_related("bill", "amendment", "stage")
                  .order_by("start", "pk"))
    return {
        "sitting": sitting,
        "agenda": AgendaItem.objects.filter(sitting=sitting).select_related("bill").order_by("order", "pk"),
        "vote_events": events,
        "attendance": sitting_attendance(sitting) if events else None,
    }


# --- One vote -----------------------------------------------------------------------------------------------------

VOTE_SORTS = {
    "group": ("group__name", "person__sort_name", "person__name"),
    "name": ("person__sort_name", "person__name"),
    "option": ("option", "group__name", "person__sort_name", "person__name"),
}


def vote_page(event: VoteEvent, *, sort: str = "group") -> dict:
    """A vote event with its counts, group results and every member's vote, sorted by group, name or option."""
    sort = sort if sort in VOTE_SORTS else "group"
    votes = list(event.votes.select_related("person", "group").order_by(*VOTE_SORTS[sort]))
    if sort == "group":
        # Members without a group after the groups, not first (NULLs sort first on some databases).
        votes.sort(key=lambda vote: vote.group_id is None)
    counts = vote_service.event_counts(event, votes)
    labels = dict(Option.choices)
    return {
        "event": event,
        "votes": votes,
        "sort": sort,
        "counts": [{"option": option, "label": labels[option], "value": value} for option, value in counts.items()],
        "group_results": vote_service.group_results(votes),
        "option_labels": labels,
    }


# --- A member's record --------------------------------------------------------------------------------------------

def _partial_start(value: str) -> datetime.date | None:
    if not value:
        return None
    parts = [int(part) for part in value.split("-")]
    return datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _partial_end(value: str) -> datetime.date | None:
    if not value:
        return None
    parts = [int(part) for part in value.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return datetime.date(year, month, day)


def _seats(person: Person) -> list[tuple]:
    """(organization pk, first day, last day or None) of each of the member's seats in a chamber or parliament."""
    memberships = person.memberships.filter(organization__classification__in=ATTENDANCE_CLASSIFICATIONS)
    return [(organization_id, _partial_start(start), _partial_end(end))
            for organization_id, start, end in memberships.values_list("organization_id", "start_date", "end_date")]


def _attendance_q(seats: list[tuple], prefix: str = "") -> Q:
    """Vote events (through ``prefix``) of the member's chamber while they sat in it."""
    query = Q(pk__in=[])
    for organization_id, first, last in seats:
        part = Q(**{f"{prefix}organization_id": organization_id})
        if first:
            part &= Q(**{f"{prefix}start__date__gte": first})
        if last:
            part &= Q(**{f"{prefix}start__date__lte": last})
        query |= part
    return query


def attendance_scope(person: Person) -> QuerySet[VoteEvent]:
    """The vote events the member was expected at: those of their chamber while they sat in it."""
    return public_vote_events().filter(_attendance_q(_seats(person)))


@dataclass(frozen=True)
class Attendance:
    present: int
    expected: int

    @property
    def share(self) -> float | None:
        return self.present / self.expected if self.expected else None

    @property
    def percent(self) -> int | None:
        return round(100 * self.share) if self.expected else None


def _member_record(person: Person) -> tuple[Attendance, int]:
    """The member's attendance and the number of their public votes, in two queries whatever their number.

    A vote event with no row for the member counts as an absence.
    """
    seats = _seats(person)
    expected = public_vote_events().filter(_attendance_q(seats)).count()
    counts = _public_votes(person).aggregate(
        total=Count("pk"), present=Count("pk", filter=_attendance_q(seats, "vote_event__") & ~Q(option=Option.ABSENT)))
    return Attendance(present=counts["present"] if expected else 0, expected=expected), counts["total"]


def member_attendance(person: Person) -> Attendance:
    """Share of the vote events of the member's chamber, during their membership, at which they were not absent."""
    return _member_record(person)[0]


def _public_votes(person: Person) -> QuerySet[Vote]:
    # Joined to their vote events rather than "vote event in (public events)": the planner then reads the member's
    # votes once instead of looking each public event up in the votes' index.
    return Vote.objects.filter(person=person).filter(_public_q("vote_event__"))


def member_votes(person: Person) -> QuerySet[Vote]:
    """The member's votes, latest first, with what each was on."""
    return (_public_votes(person).select_related("vote_event", "vote_event__bill", "vote_event__organization", "group")
            .order_by("-vote_event__start", "-vote_event__pk"))


def with_group_positions(votes: list[Vote]) -> list[Vote]:
    """Set ``vote.group_position`` (how most of the member's group voted in that event), in one query."""
    pairs = {(vote.vote_event_id, vote.group_id) for vote in votes if vote.group_id}
    counts: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    if pairs:
        rows = (Vote.objects.filter(vote_event_id__in={event for event, _group in pairs},
                                    group_id__in={group for _event, group in pairs})
                .values("vote_event_id", "group_id", "option").annotate(n=Count("pk")))
        for row in rows:
            counts[(row["vote_event_id"], row["group_id"])][row["option"]] = row["n"]
    for vote in votes:
        found = counts.get((vote.vote_event_id, vote.group_id))
        vote.group_position = vote_service.group_position(found) if found else ""
        vote.with_group = vote.group_position in (vote.option, "")
    return votes


def member_votes_page(person: Person, page: int | str = 1, per_page: int = VOTES_PER_PAGE, *,
                      count: int | None = None):
    """One page of the member's votes, each with its group's position (a Django ``Page``).

    ``count``: the number of the member's public votes when the caller has it already (saves counting them again).
    """
    paginator = Paginator(member_votes(person), per_page)
    if count is not None:
        paginator.count = count  # a cached property: set, it is not computed
    page_obj = paginator.get_page(page)
    page_obj.object_list = with_group_positions(list(page_obj.object_list))
    return page_obj


def member_sittings(person: Person, limit: int = 20) -> list[dict]:
    """Per sitting (latest first): how many of its votes the member took part in, out of how many."""
    rows = (Vote.objects.filter(person=person, vote_event__sitting__isnull=False,
                                vote_event__sitting__is_published=True)
            .values("vote_event__sitting_id")
            .annotate(total=Count("pk"), present=Count("pk", filter=~Q(option=Option.ABSENT)))
            .order_by("-vote_event__sitting__start")[:limit])
    rows = list(rows)
    sittings = Sitting.objects.in_bulk([row["vote_event__sitting_id"] for row in rows])
    return [{"sitting": sittings[row["vote_event__sitting_id"]], "present": row["present"], "total": row["total"]}
            for row in rows if row["vote_event__sitting_id"] in sittings]


def member_voting_summary(person: Person, page: int | str = 1) -> dict | None:
    """What a member's page shows of their votes: attendance, a page of votes, recent sittings; None without votes."""
    if not Vote.objects.filter(person=person).exists():
        return None
    attendance, total = _member_record(person)
    return {
        "attendance": attendance,
        "votes_page": member_votes_page(person, page, count=total),
        "sittings": member_sittings(person, limit=10),
    }
