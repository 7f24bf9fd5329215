"""Roll-call votes in the Popolo data specification: a vote event with its motion, counts, group results and votes.

Every record validates against the Popolo 1.0 schemas (vote_event.json, motion.json, count.json,
group_result.json, vote.json). Ids are our public ids; the motion, which we keep on the vote event, takes the
event's uuid under ``ocd-motion/``. Counts are given overall and per group (``group_id``), as Popolo allows. Beyond
the specification, and said so here: ``bill_id``, ``amendment_id`` and ``sitting_id`` name what was voted on and
where, and a group result also carries the group's ``option`` (how most of it voted) next to its ``result``.
"""

from __future__ import annotations

import datetime

from hemicycle.legislation import votes as vote_service
from hemicycle.legislation.models import Vote, VoteEvent


def _stamp(value: datetime.datetime | None) -> str | None:
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z") if value else None


def _clean(record: dict) -> dict:
    return {key: value for key, value in record.items() if value not in (None, "")}


def motion_id(event: VoteEvent) -> str:
    return f"ocd-motion/{event.public_uuid}"


def classification(event: VoteEvent) -> str:
    """What kind of decision: on an amendment, on a bill (at a stage), or another motion."""
    if event.amendment_id:
        return "amendment"
    if event.bill_id:
        return "bill-passage"
    return "motion"


def motion_popolo(event: VoteEvent) -> dict:
    """The motion put to the vote, as a Popolo motion."""
    return _clean({
        "id": motion_id(event),
        "organization_id": event.organization.public_id,
        "text": event.motion,
        "classification": classification(event),
        "date": _stamp(event.start),
        "result": event.result,
        "requirement": "simple majority",
    })


def group_results_popolo(group_rows: list[dict]) -> list[dict]:
    out = []
    for row in group_rows:
        group = row["group"]
        if group is None:
            continue
        position = row["position"]
        result = {"yes": "pass", "no": "fail"}.get(position, position)
        out.append({"group_id": group.public_id, "group": {"id": group.public_id, "name": group.name},
                    "result": result, "option": position})
    return out


def vote_event_popolo(event: VoteEvent, votes: list[Vote] | None = None, *, with_votes: bool = True) -> dict:
    """One vote event as Popolo. ``votes`` (with ``person`` and ``group`` selected) are read when not given."""
    if votes is None:
        votes = list(event.votes.select_related("person", "group").order_by("person__sort_name", "person__name"))
    counts = vote_service.event_counts(event, votes)
    groups = vote_service.group_results(votes)
    count_rows = [{"option": option, "value": value} for option, value in counts.items()]
    for row in groups:
        if row["group"] is not None:
            count_rows.extend({"option": option, "value": value, "group_id": row["group"].public_id}
                              for option, value in row["counts"].items() if value)
    record = {
        "id": event.public_id,
        "identifier": event.public_uuid,
        "organization_id": event.organization.public_id,
        "legislative_session_id": event.sitting.public_id if event.sitting_id else None,
        "motion_id": motion_id(event),
        "motion": motion_popolo(event),
        "classification": classification(event),
        "start_date": _stamp(event.start),
        "result": event.result,
        "counts": count_rows,
        "group_results": group_results_popolo(groups),
        "created_at": _stamp(event.created_at),
        "updated_at": _stamp(event.updated_at),
        "bill_id": event.bill.public_id if event.bill_id else None,
        "amendment_id": event.amendment.public_id if event.amendment_id else None,
        "sitting_id": event.sitting.public_id if event.sitting_id else None,
    }
    if with_votes:
        record["votes"] = [vote_popolo(event, vote) for vote in votes]
    return _clean(record)


def vote_popolo(event: VoteEvent, vote: Vote) -> dict:
    """One member's vote as Popolo (``option`` one of yes, no, abstain, absent, not voting)."""
    return _clean({
        "vote_event_id": event.public_id,
        "voter_id": vote.person.public_id,
        "voter": {"id": vote.person.public_id, "name": vote.person.name},
        "option": vote.option,
        "group_id": vote.group.public_id if vote.group_id else None,
    })


def vote_events_queryset():
    """Vote events with what their Popolo form names, in one query."""
    return VoteEvent.objects.select_related("organization", "sitting", "bill", "amendment")


def export_vote_events(events=None) -> dict:
    """A Popolo document ``{"vote_events": [...], "motions": [...]}`` of the given (default: all) vote events.

    Votes are read in one query per event; for very large exports use the API's paginated list.
    """
    events = list(vote_events_queryset().order_by("start", "pk") if events is None else events)
    return {"vote_events": [vote_event_popolo(event) for event in events],
            "motions": [motion_popolo(event) for event in events]}


def vote_events_popolo_batch(events: list[VoteEvent]) -> list[dict]:
    """Many vote events as Popolo without their individual votes: counts and group results for all of them from
    one aggregate query (for lists), instead of reading every vote."""
    from collections import defaultdict

    from django.db.models import Count

    from hemicycle.people.models import Organization

    per_event: dict[int, dict[int | None, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    rows = (Vote.objects.filter(vote_event_id__in=[event.pk for event in events])
            .values("vote_event_id", "group_id", "option").annotate(n=Count("pk")))
    group_ids = set()
    for row in rows:
        per_event[row["vote_event_id"]][row["group_id"]][row["option"]] = row["n"]
        if row["group_id"]:
            group_ids.add(row["group_id"])
    groups = Organization.objects.in_bulk(group_ids)
    out = []
    for event in events:
        record = vote_event_popolo(event, [], with_votes=False)
        by_group = per_event.get(event.pk, {})
        not_voting = sum(counts.get(Vote.Option.NOT_VOTING, 0) for counts in by_group.values())
        counts = [dict(row) for row in record["counts"]]
        for row in counts:
            if row["option"] == Vote.Option.NOT_VOTING:
                row["value"] = not_voting
        group_rows = []
        for group_id, group_counts in by_group.items():
            if group_id is None or group_id not in groups:
                continue
            tallied = {str(option): group_counts.get(option, 0) for option in vote_service.OPTION_ORDER}
            group_rows.append({"group": groups[group_id], "counts": tallied,
                               "position": vote_service.group_position(tallied), "total": sum(tallied.values())})
        # The same order as vote_event_popolo (largest group first), so that a list and a detail agree.
        group_rows.sort(key=lambda row: (-row["total"], row["group"].name))
        for row in group_rows:
            counts.extend({"option": option, "value": value, "group_id": row["group"].public_id}
                          for option, value in row["counts"].items() if value)
        record["counts"] = counts
        record["group_results"] = group_results_popolo(group_rows)
        out.append(record)
    return out
