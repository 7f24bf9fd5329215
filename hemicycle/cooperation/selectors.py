"""Reads of the cooperation pillar for pages: a partnership at a glance, meetings, agreements, the commitments
ledger and the "since the last meeting" briefing.

The public sees published records only (activities when public and past their embargo, press releases from their
publication time). International relations officers and administrators (``sees_unpublished``) see everything, with
unpublished records marked as such on the page.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hemicycle.accounts.roles import INTERNATIONAL_RELATIONS_OFFICER, acts_as
from hemicycle.cooperation.calendar_selectors import public_activity_q
from hemicycle.cooperation.models import (
    Activity,
    Agreement,
    AssemblyDelegation,
    Commitment,
    Meeting,
    MeetingParticipant,
    Partnership,
    PressRelease,
    Side,
)
from hemicycle.people.models import Membership, Organization, Person
from hemicycle.portal.templatetags.hemicycle import translated_value

OPEN_STATUSES = (Commitment.Status.OPEN, Commitment.Status.IN_PROGRESS)
CLOSED_STATUSES = (Commitment.Status.DONE, Commitment.Status.DROPPED)
COMMITMENT_RELATED = ("owner_person", "owner_organization", "meeting", "partnership")
NEXT_ACTIVITIES = 5


def sees_unpublished(user) -> bool:
    """Whether ``user`` may see unpublished and embargoed cooperation records (officers and administrators)."""
    return acts_as(user, INTERNATIONAL_RELATIONS_OFFICER)


def _published(queryset: QuerySet, staff: bool) -> QuerySet:
    return queryset if staff else queryset.filter(is_published=True)


def partnerships(*, staff: bool = False) -> QuerySet:
    return _published(Partnership.objects.select_related("parliament", "counterpart"), staff).order_by("title")


def public_press_releases(*, now: datetime.datetime | None = None) -> QuerySet:
    """Press releases the public may read: published (not embargoed) and of a published partnership."""
    return (PressRelease.objects.filter(published_at__lte=now or timezone.now(), partnership__is_published=True)
            .select_related("partnership", "meeting").order_by("-published_at", "pk"))


def press_releases(*, staff: bool = False, now: datetime.datetime | None = None) -> QuerySet:
    """What a reader sees in the press-release list; an officer also sees drafts and embargoed ones."""
    if staff:
        return PressRelease.objects.select_related("partnership", "meeting").order_by(
            "-published_at", "-created_at")
    return public_press_releases(now=now)


def activities(*, staff: bool = False, now: datetime.datetime | None = None) -> QuerySet:
    """Activities a reader may see: published, of a published programme and past any embargo."""
    queryset = Activity.objects.select_related("programme", "organizer")
    if staff:
        return queryset
    return queryset.filter(public_activity_q(now))


def next_activities(partnership: Partnership, *, staff: bool = False, now: datetime.datetime | None = None,
                    limit: int = NEXT_ACTIVITIES) -> list[Activity]:
    """The partnership's coming activities (from its programmes), soonest first; cancelled ones left out."""
    now = now or timezone.now()
    return list(activities(staff=staff, now=now).filter(programme__partnership=partnership, start__gte=now)
                .exclude(status=Activity.Status.CANCELLED).order_by("start", "pk")[:limit])


def current_members(organization: Organization | None, on: datetime.date | None = None) -> list[Membership]:
    """The body's members on ``on`` (today), office-holders first, then by name."""
    if organization is None:
        return []
    members = (organization.memberships.current(on).select_related("person", "post")
               .order_by("person__sort_name", "person__name"))
    return sorted(members, key=lambda m: 0 if m.post_id or (m.role and m.role != "member") else 1)


@dataclass
class SideOverview:
    """One side of a partnership: its parliament, friendship group and delegations to international assemblies."""

    label: str
    parliament: Organization
    friendship_group: Organization | None
    group_members: list = field(default_factory=list)
    delegations: list = field(default_factory=list)  # of (AssemblyDelegation, [Membership])


def _side(label, parliament: Organization, group: Organization | None, on: datetime.date) -> SideOverview:
    # A delegation may belong to the parliament or to one of its chambers.
    delegations = (AssemblyDelegation.objects.filter(Q(parliament=parliament) | Q(parliament__parent=parliament))
                   .select_related("delegation", "assembly").order_by("assembly__name", "delegation__name"))
    return SideOverview(label=label, parliament=parliament, friendship_group=group,
                        group_members=current_members(group, on),
                        delegations=[(d, current_members(d.delegation, on)) for d in delegations])


def _sorted_open(commitments, on: datetime.date) -> list[Commitment]:
    """Open commitments, overdue first, then by due date (undated last)."""
    return sorted(commitments, key=lambda c: (not c.is_overdue(on), c.due_on or datetime.date.max, c.title))


def partnership_page(partnership: Partnership, *, staff: bool = False,
                     now: datetime.datetime | None = None) -> dict:
    """The relationship at a glance: both sides, contacts, agreements, open commitments, next activities."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    open_commitments = (_published(partnership.commitments.filter(status__in=OPEN_STATUSES), staff)
                        .select_related(*COMMITMENT_RELATED))
    return {
        "partnership": partnership,
        "sides": [
            _side(_("Our side"), partnership.parliament, partnership.our_friendship_group, today),
            _side(_("Partner side"), partnership.counterpart, partnership.partner_friendship_group, today),
        ],
        "meetings": _published(partnership.meetings.all(), staff).order_by("-start"),
        "agreements": _published(partnership.agreements.all(), staff).order_by("-signed_on", "title"),
        "open_commitments": _sorted_open(open_commitments, today),
        "next_activities": next_activities(partnership, staff=staff, now=now),
        "programmes": _published(partnership.programmes.all(), staff).order_by("-period_start"),
        "press_releases": (press_releases(staff=staff, now=now).filter(partnership=partnership))[:3],
        "today": today,
    }


def meeting_page(meeting: Meeting, *, staff: bool = False, now: datetime.datetime | None = None) -> dict:
    """A meeting: who took part in which role, on which side; what came of it; its documents and press release."""
    participants = meeting.participants.select_related("person", "organization", "post").order_by("order", "pk")
    topics = translated_value(meeting, "topics")
    return {
        "meeting": meeting,
        "topics": topics,
        "topic_lines": [line.strip() for line in topics.value.splitlines() if line.strip()],
        "partnership": meeting.partnership,
        "participants_by_side": _by_side(meeting, participants),
        "follow_ups": (_published(meeting.commitments.all(), staff).select_related(*COMMITMENT_RELATED)
                       .order_by("due_on", "title")),
        "documents": _published(meeting.documents.all(), staff),
        "press_releases": press_releases(staff=staff, now=now).filter(meeting=meeting),
        "today": timezone.localdate(now),
    }


def _by_side(meeting: Meeting, participants) -> list[tuple[str, Organization | None, list[MeetingParticipant]]]:
    """Participants grouped as the reader thinks of them: our parliament's side, then the partner's, then others."""
    partnership = meeting.partnership
    groups = []
    for value, label, parliament in (("ours", _("Our side"), partnership.parliament),
                                     ("partner", _("Partner side"), partnership.counterpart),
                                     ("joint", _("Both sides"), None), ("other", _("Others"), None)):
        people = [p for p in participants if p.side == value]
        if people:
            groups.append((label, parliament, people))
    return groups


def agreement_page(agreement: Agreement, *, staff: bool = False) -> dict:
    return {
        "agreement": agreement,
        "partnership": agreement.partnership,
        "signatories": agreement.signatories.select_related("person").order_by("side", "pk"),
        "documents": _published(agreement.documents.all(), staff),
        "commitments": (_published(agreement.commitments.all(), staff).select_related(*COMMITMENT_RELATED)
                        .order_by("due_on", "title")),
    }


@dataclass
class LedgerFilter:
    """What the commitments ledger is filtered by, as the form sends it."""

    status: str = ""
    side: str = ""
    owner: str = ""  # "person:<uuid>" or "body:<uuid>"

    @classmethod
    def from_query(cls, query) -> "LedgerFilter":
        status = query.get("status", "")
        side = query.get("side", "")
        return cls(status=status if status in {*Commitment.Status.values, "open_all", "overdue"} else "",
                   side=side if side in Side.values else "",
                   owner=query.get("owner", "")[:80])

    @property
    def active(self) -> bool:
        return bool(self.status or self.side or self.owner)


def _owner_filter(owner: str) -> Q | None:
    kind, _sep, uuid = owner.partition(":")
    if kind == "person":
        return Q(owner_person__public_id=f"ocd-person/{uuid}")
    if kind == "body":
        return Q(owner_organization__public_id=f"ocd-organization/{uuid}")
    return None


def commitment_ledger(partnership: Partnership, *, staff: bool = False, filters: LedgerFilter | None = None,
                      on: datetime.date | None = None) -> dict:
    """The partnership's commitments, filtered by status, side and owner; overdue ones first among the open."""
    on = on or timezone.localdate()
    filters = filters or LedgerFilter()
    all_commitments = _published(partnership.commitments.all(), staff).select_related(*COMMITMENT_RELATED)
    commitments = all_commitments
    if filters.status == "open_all":
        commitments = commitments.filter(status__in=OPEN_STATUSES)
    elif filters.status == "overdue":
        commitments = commitments.filter(status__in=OPEN_STATUSES, due_on__lt=on)
    elif filters.status:
        commitments = commitments.filter(status=filters.status)
    if filters.side:
        commitments = commitments.filter(side=filters.side)
    owner_q = _owner_filter(filters.owner) if filters.owner else None
    if owner_q is not None:
        commitments = commitments.filter(owner_q)
    rows = sorted(commitments, key=lambda c: (not c.is_open, not c.is_overdue(on), c.due_on or datetime.date.max,
                                              c.title))
    people = Person.objects.filter(commitments__in=all_commitments).distinct().order_by("sort_name", "name")
    bodies = Organization.objects.filter(commitments__in=all_commitments).distinct().order_by("name")
    owners = ([(f"person:{p.public_uuid}", p) for p in people] + [(f"body:{o.public_uuid}", o) for o in bodies])
    return {
        "partnership": partnership,
        "commitments": rows,
        "filters": filters,
        "owners": owners,
        "statuses": Commitment.Status.choices,
        "sides": Side.choices,
        "overdue_count": sum(1 for c in rows if c.is_overdue(on)),
        "today": on,
    }


def overdue_commitments(*, staff: bool = False, on: datetime.date | None = None) -> list[tuple[Partnership, list]]:
    """Every overdue commitment, grouped by partnership, the longest overdue first."""
    on = on or timezone.localdate()
    commitments = (_published(Commitment.objects.filter(status__in=OPEN_STATUSES, due_on__lt=on), staff)
                   .select_related(*COMMITMENT_RELATED).order_by("partnership__title", "due_on", "title"))
    if not staff:
        commitments = commitments.filter(partnership__is_published=True)
    grouped: dict[int, tuple[Partnership, list]] = {}
    for commitment in commitments:
        grouped.setdefault(commitment.partnership_id, (commitment.partnership, []))[1].append(commitment)
    return list(grouped.values())


def agreements_expiring(partnership: Partnership, *, staff: bool = False,
                        on: datetime.date | None = None) -> list[Agreement]:
    """Agreements in force whose expiry falls within their own reminder window from ``on``."""
    on = on or timezone.localdate()
    candidates = _published(partnership.agreements.filter(status=Agreement.Status.IN_FORCE, expires_on__gte=on),
                            staff).order_by("expires_on")
    return [a for a in candidates if a.expires_on - datetime.timedelta(days=a.remind_days_before) <= on]


def briefing(partnership: Partnership, *, staff: bool = False, now: datetime.datetime | None = None) -> dict:
    """Since the last meeting: what was agreed then, what is done since, what is still open, what comes next."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    last_meeting = (_published(partnership.meetings.filter(start__lte=now), staff).order_by("-start").first())
    commitments = _published(partnership.commitments.all(), staff).select_related(*COMMITMENT_RELATED)
    since = last_meeting.local_start.date() if last_meeting else None
    closed = commitments.filter(status__in=CLOSED_STATUSES)
    if since is not None:
        closed = closed.filter(closed_on__gte=since)
    return {
        "partnership": partnership,
        "last_meeting": last_meeting,
        "since": since,
        "agreed": (commitments.filter(meeting=last_meeting).order_by("due_on", "title") if last_meeting
                   else Commitment.objects.none()),
        "closed": closed.order_by("-closed_on", "title"),
        "still_open": _sorted_open(commitments.filter(status__in=OPEN_STATUSES), today),
        "next_activities": next_activities(partnership, staff=staff, now=now, limit=10),
        "expiring": agreements_expiring(partnership, staff=staff, on=today),
        "today": today,
        "generated_at": now,
    }

