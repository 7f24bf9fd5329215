"""Recording roll-call votes: one service that the roll-call importer, the back office and the demo generator share.

A vote event stores its counts (so that lists need no aggregation) and one ``Vote`` per member with the political
group the member sat in on the day of the vote: a member who changes group later keeps, in this vote, the group
they voted from. Group results are computed from those rows when they are read (``group_results``).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hemicycle.core.translations import translated_fields
from hemicycle.legislation.models import Vote, VoteEvent
from hemicycle.legislation.services import require_clerk
from hemicycle.people.models import Membership, Organization, Person

Option = Vote.Option
#: Options that count as taking part in the vote (the others: absent, did not vote).
CAST = (Option.YES, Option.NO, Option.ABSTAIN)
#: The order in which options are listed everywhere (counts, tables, exports).
OPTION_ORDER = (Option.YES, Option.NO, Option.ABSTAIN, Option.NOT_VOTING, Option.ABSENT)
#: (person or pk, option) or (person or pk, option, group pk).
VoteRow = tuple[Person | int, str] | tuple[Person | int, str, int | None]
GROUP_CLASSIFICATIONS = (Organization.Classification.POLITICAL_GROUP, Organization.Classification.PARTY)


def _day(start) -> datetime.date:
    if isinstance(start, datetime.datetime):
        return timezone.localtime(start).date() if timezone.is_aware(start) else start.date()
    return start


def groups_on(person_ids: Iterable[int], on: datetime.date) -> dict[int, int]:
    """The political group (organization pk) of each person on a day, in one query.

    A membership of a political group (or party) counts first; failing that, the ``on_behalf_of`` of any of the
    person's memberships current that day (a chamber seat held for a party).
    """
    person_ids = list(set(person_ids))
    found: dict[int, int] = {}
    fallback: dict[int, int] = {}
    if not person_ids:
        return found
    rows = (Membership.objects.current(on).filter(person_id__in=person_ids)
            .filter(Q(organization__classification__in=GROUP_CLASSIFICATIONS) | Q(on_behalf_of__isnull=False))
            .order_by("-start_date", "pk")
            .values_list("person_id", "organization_id", "organization__classification", "on_behalf_of_id"))
    for person_id, org_id, classification, on_behalf_of_id in rows:
        if classification in GROUP_CLASSIFICATIONS:
            found.setdefault(person_id, org_id)
        elif on_behalf_of_id:
            fallback.setdefault(person_id, on_behalf_of_id)
    return {**fallback, **found}


def tally(options: Iterable[str]) -> dict[str, int]:
    """How many of each option, every option present (zero when nobody chose it)."""
    counter = Counter(options)
    return {str(option): counter.get(option, 0) for option in OPTION_ORDER}


def default_result(counts: dict[str, int]) -> str:
    """Adopted when more members voted yes than no (a simple majority of the votes cast)."""
    return VoteEvent.Result.PASS if counts[Option.YES] > counts[Option.NO] else VoteEvent.Result.FAIL


def group_position(counts: dict[str, int]) -> str:
    """How a group voted: the option most of its voting members chose, ``split`` on a tie, ``absent`` if none voted."""
    cast = [(counts.get(option, 0), str(option)) for option in CAST]
    best = max(value for value, _option in cast)
    if best == 0:
        return str(Option.ABSENT)
    winners = [option for value, option in cast if value == best]
    return winners[0] if len(winners) == 1 else "split"


def vote_event_record(*, organization: Organization, motion: str | dict[str, str], start: datetime.datetime,
                      votes: Sequence[VoteRow], bill=None, amendment=None, stage=None,
                      sitting=None, result: str | None = None, groups: dict[int, int | None] | None = None,
                      is_demo: bool = False, by=None) -> VoteEvent:
    """Record a roll-call vote: the vote event, its counts and one vote per member (bulk-inserted).

    ``votes`` is a sequence of ``(person, option)`` (a person or its pk; options are ``Vote.Option`` values), or
    of ``(person, option, group pk)`` when the caller knows each member's group.
    ``motion`` is a text or ``{lang: text}``. ``result`` defaults to adopted when yes outnumbers no. ``groups``
    maps person pk to political group pk when the caller knows them already (the demo generator); otherwise each
    member's group on the vote date is looked up in one query. Raises ``ValueError`` for an unknown option or a
    member listed twice; ``PermissionDenied`` when ``by`` is neither a clerk nor an administrator (``by=None`` is a
    system actor).
    """
    require_clerk(by)
    rows: list[tuple[int, str]] = []
    seen: set[int] = set()
    given_groups: dict[int, int | None] = {}
    valid = set(Option.values)
    for row in votes:
        person, option = row[0], row[1]
        person_id = person if isinstance(person, int) else person.pk
        if len(row) > 2:  # (person, option, group pk): the caller knows the group
            given_groups[person_id] = row[2]
        if option not in valid:
            raise ValueError(f"unknown vote option “{option}”")
        if person_id in seen:
            raise ValueError(f"member {person_id} voted twice")
        seen.add(person_id)
        rows.append((person_id, str(option)))
    counts = tally(option for _person, option in rows)
    if groups is None:
        groups = given_groups if len(given_groups) == len(seen) else {**groups_on(seen, _day(start)), **given_groups}
    with transaction.atomic():
        event = VoteEvent.objects.create(
            organization=organization, bill=bill, amendment=amendment, stage=stage, sitting=sitting, start=start,
            result=result or default_result(counts), yes_count=counts[Option.YES], no_count=counts[Option.NO],
            abstain_count=counts[Option.ABSTAIN], absent_count=counts[Option.ABSENT], is_demo=is_demo,
            **translated_fields("motion", motion))
        Vote.objects.bulk_create(
            [Vote(vote_event=event, person_id=person_id, option=option, group_id=groups.get(person_id))
             for person_id, option in rows], batch_size=2000)
    return event


def event_counts(event: VoteEvent, votes: Iterable[Vote] | None = None) -> dict[str, int]:
    """Counts of every option; "did not vote" is not stored on the event, so it is counted from the votes."""
    if votes is None:
        not_voting = event.votes.filter(option=Option.NOT_VOTING).count()
    else:
        not_voting = sum(1 for vote in votes if vote.option == Option.NOT_VOTING)
    return {str(Option.YES): event.yes_count, str(Option.NO): event.no_count,
            str(Option.ABSTAIN): event.abstain_count, str(Option.NOT_VOTING): not_voting,
            str(Option.ABSENT): event.absent_count}


def group_results(votes: Iterable[Vote]) -> list[dict]:
    """Per political group: its counts and position, largest group first (members without a group last).

    ``votes`` should come with ``select_related("group")``. Each row: ``{"group": Organization | None,
    "counts": {option: n}, "position": option or "split", "total": n}``.
    """
    by_group: dict[int | None, list[Vote]] = defaultdict(list)
    organizations: dict[int, Organization] = {}
    for vote in votes:
        by_group[vote.group_id].append(vote)
        if vote.group_id is not None:
            organizations[vote.group_id] = vote.group
    out = []
    for group_id, members in by_group.items():
        counts = tally(vote.option for vote in members)
        out.append({"group": organizations.get(group_id), "counts": counts, "position": group_position(counts),
                    "total": len(members)})
    out.sort(key=lambda row: (row["group"] is None, -row["total"], row["group"].name if row["group"] else ""))
    return out
