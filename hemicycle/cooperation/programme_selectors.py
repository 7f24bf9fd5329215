"""Reads for the joint programme's pages, CSV files and API: who sees which activity, how its time is told,
how activities group by month and quarter, and the numbers behind the charts.

Visibility: the public (and any reader without the international relations role) sees published programmes of
published partnerships, and of their activities only those that are published and past their embargo; published
commitments only. International relations officers and administrators see everything, marked as such.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hemicycle.cooperation import charts
from hemicycle.cooperation.calendar_selectors import public_activity_q
from hemicycle.cooperation.models import Activity, Commitment, Programme
from hemicycle.cooperation.programme_times import (
    quarter_of,
    quarters_between,
    utc_offset_label,
    zone_abbreviation,
    zone_city,
)
from hemicycle.cooperation.selectors import sees_unpublished
from hemicycle.portal.templatetags.hemicycle import translated_value

#: Names readers use for some zones; others read "<city> time". Kazakhstan has one zone, "Astana time", since
#: 1 March 2024, whatever the tz database calls it.
ZONE_NAMES = {
    "Asia/Almaty": gettext_lazy("Astana time"),
    "Asia/Qostanay": gettext_lazy("Astana time"),
    "Europe/Brussels": gettext_lazy("Brussels time"),
    "UTC": gettext_lazy("UTC"),
    "Etc/UTC": gettext_lazy("UTC"),
}

#: Statuses that count as done in the implementation chart.
HELD_STATUSES = frozenset({Activity.Status.HELD, Activity.Status.REPORTED})


def visible_programmes(user) -> QuerySet[Programme]:
    programmes = Programme.objects.select_related("partnership")
    if sees_unpublished(user):
        return programmes
    return programmes.filter(is_published=True, partnership__is_published=True)


def visible_activities(user, now: datetime.datetime | None = None) -> QuerySet[Activity]:
    activities = Activity.objects.select_related("organizer", "programme", "programme__partnership")
    if sees_unpublished(user):
        return activities
    return activities.filter(public_activity_q(now))


def visible_commitments(user) -> QuerySet[Commitment]:
    commitments = Commitment.objects.select_related("partnership", "owner_person", "owner_organization",
                                                    "meeting")
    if sees_unpublished(user):
        return commitments
    return commitments.filter(is_published=True, partnership__is_published=True)


# --- Telling the time ------------------------------------------------------------------------------------------

def zone_name(zone: str) -> str:
    """"Astana time", "Brussels time", "Tokyo time"."""
    known = ZONE_NAMES.get(zone)
    return str(known) if known else _("%(city)s time") % {"city": zone_city(zone)}


def zone_label(zone: str, start: datetime.datetime, end: datetime.datetime | None = None) -> str:
    """"Astana time (UTC+5)", "Brussels time (CEST, UTC+2)"; both offsets when the clocks change in between."""
    parts = [zone_abbreviation(start), utc_offset_label(start)]
    if end is not None and end.utcoffset() != start.utcoffset():
        parts = [f"{zone_abbreviation(start) or utc_offset_label(start)}/"
                 f"{zone_abbreviation(end) or utc_offset_label(end)}", f"{utc_offset_label(start)}/"
                 f"{utc_offset_label(end)}"]
    return f"{zone_name(zone)} ({', '.join(p for p in parts if p)})"


def _range_text(start: datetime.datetime, end: datetime.datetime, *, always_date: bool = True) -> str:
    date_1, time_1, time_2 = date_format(start, "DATE_FORMAT"), start.strftime("%H:%M"), end.strftime("%H:%M")
    if start.date() == end.date():
        return f"{date_1}, {time_1}–{time_2}" if always_date else f"{time_1}–{time_2}"
    return f"{date_1}, {time_1} – {date_format(end, 'DATE_FORMAT')}, {time_2}"


@dataclass(frozen=True)
class When:
    """An activity's time, told in its own zone and in UTC."""

    local: str  # "12 May 2025, 10:00–12:00"
    local_date: str  # "12 May 2025"
    local_times: str  # "10:00–12:00" (with dates when it spans days)
    zone: str  # "Astana time (UTC+5)"
    utc: str  # "04:00–06:00 UTC"
    start_iso: str
    end_iso: str
    start_local_iso: str
    end_local_iso: str


def activity_when(activity: Activity) -> When:
    start, end = activity.local_start, activity.local_end
    utc_start, utc_end = activity.start.astimezone(datetime.UTC), activity.end.astimezone(datetime.UTC)
    same_day = start.date() == end.date()
    utc_needs_date = not same_day or utc_start.date() != start.date() or utc_end.date() != utc_start.date()
    return When(
        local=_range_text(start, end),
        local_date=date_format(start, "DATE_FORMAT"),
        local_times=_range_text(start, end, always_date=False),
        zone=zone_label(activity.timezone, start, end),
        utc=f"{_range_text(utc_start, utc_end, always_date=utc_needs_date)} UTC",
        start_iso=utc_start.isoformat().replace("+00:00", "Z"),
        end_iso=utc_end.isoformat().replace("+00:00", "Z"),
        start_local_iso=start.isoformat(),
        end_local_iso=end.isoformat(),
    )


def quarter_label(year: int, quarter: int) -> str:
    return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}


# --- The programme page ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ActivityRow:
    activity: Activity
    when: When
    title: object  # Translated
    is_public: bool


def activity_rows(activities) -> list[ActivityRow]:
    now = timezone.now()
    return [ActivityRow(a, activity_when(a), translated_value(a, "title"), a.is_public(now)) for a in activities]


def by_month(rows: list[ActivityRow]) -> list[dict]:
    """Rows grouped by the month the activity starts in, in its own zone."""
    months: OrderedDict[tuple[int, int], dict] = OrderedDict()
    for row in rows:
        start = row.activity.local_start
        key = (start.year, start.month)
        if key not in months:
            months[key] = {"key": f"{start.year}-{start.month:02d}",
                           "label": date_format(start, "YEAR_MONTH_FORMAT"), "rows": []}
        months[key]["rows"].append(row)
    return list(months.values())


@dataclass(frozen=True)
class Moment:
    """What the charts and filters need of an activity, read without building model instances."""

    start: datetime.datetime
    timezone: str
    status: str

    @property
    def local_date(self) -> datetime.date:
        return self.start.astimezone(zone_info(self.timezone)).date()


def zone_info(name: str) -> datetime.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def moments(activities: QuerySet[Activity]) -> list[Moment]:
    return [Moment(*row) for row in activities.order_by().values_list("start", "timezone", "status")]


def filter_activities(activities: QuerySet[Activity], *, kind: str = "", status: str = "", organizer: str = "",
                      quarter: tuple[int, int] | None = None) -> QuerySet[Activity] | list[Activity]:
    """The activities a programme page's filters keep, in order. The quarter is the one of the local start date:
    the database narrows it down (a day either way covers every zone), Python decides exactly."""
    if kind:
        activities = activities.filter(kind=kind)
    if status:
        activities = activities.filter(status=status)
    if organizer:
        activities = activities.filter(organizer__public_id=organizer)
    activities = activities.order_by("start", "pk")
    if not quarter:
        return activities
    year, number = quarter
    first = datetime.datetime(year, 3 * number - 2, 1, tzinfo=datetime.UTC)
    last = datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC) if number == 4 else \
        datetime.datetime(year, 3 * number + 1, 1, tzinfo=datetime.UTC)
    day = datetime.timedelta(days=1)
    near = activities.filter(start__gte=first - day, start__lt=last + day)
    return [a for a in near if quarter_of(a.local_start.date()) == quarter]


def programme_quarters(programme: Programme, activities) -> list[tuple[int, int]]:
    """Every quarter of the programme's period, widened to take in activities held outside it. ``activities``
    are Moments or activities."""
    first, last = programme.period_start, programme.period_end
    for activity in activities:
        day = activity.local_date if isinstance(activity, Moment) else activity.local_start.date()
        first, last = min(first, day), max(last, day)
    return quarters_between(first, last)


@dataclass(frozen=True)
class QuarterCount:
    key: str
    label: str
    planned: int
    held: int
    postponed: int
    cancelled: int

    @property
    def held_share(self) -> int | None:
        return round(100 * self.held / self.planned) if self.planned else None


def implementation_by_quarter(programme: Programme, activities) -> list[QuarterCount]:
    """Per quarter: activities planned (all but the cancelled), held (held or reported), postponed, cancelled.
    ``activities``: Moments (see ``moments``) or activities."""
    activities = [a if isinstance(a, Moment) else Moment(a.start, a.timezone, a.status) for a in activities]
    counts = {q: {"planned": 0, "held": 0, "postponed": 0, "cancelled": 0}
              for q in programme_quarters(programme, activities)}
    for activity in activities:
        bucket = counts[quarter_of(activity.local_date)]
        if activity.status == Activity.Status.CANCELLED:
            bucket["cancelled"] += 1
            continue
        bucket["planned"] += 1
        if activity.status in HELD_STATUSES:
            bucket["held"] += 1
        elif activity.status == Activity.Status.POSTPONED:
            bucket["postponed"] += 1
    return [QuarterCount(f"{y}-Q{q}", quarter_label(y, q), **c) for (y, q), c in counts.items()]


def implementation_svg(programme: Programme, quarters: list[QuarterCount], chart_id: str = "implementation") -> str:
    planned, held = sum(q.planned for q in quarters), sum(q.held for q in quarters)
    return charts.implementation_chart(
        chart_id=chart_id,
        title=_("Implementation of “%(title)s”: activities planned and held, by quarter")
        % {"title": translated_value(programme, "title")},
        description=_("%(planned)s activities planned, %(held)s held or reported. The table below gives the "
                      "numbers per quarter.") % {"planned": planned, "held": held},
        quarters=[q.label for q in quarters], planned=[q.planned for q in quarters],
        held=[q.held for q in quarters], planned_label=_("Planned"), held_label=_("Held or reported"),
        value_axis_label=_("Activities"))


# --- Overdue commitments ---------------------------------------------------------------------------------------

def lateness_labels() -> list[str]:
    return [_("0–30 days late"), _("31–90 days late"), _("more than 90 days late")]


def owner_label(commitment: Commitment) -> str:
    if commitment.owner_person:
        return str(translated_value(commitment.owner_person, "name"))
    if commitment.owner_organization:
        return str(translated_value(commitment.owner_organization, "name"))
    return _("No owner recorded")


@dataclass(frozen=True)
class OverdueGroup:
    label: str
    counts: tuple[int, int, int]
    commitments: tuple

    @property
    def total(self) -> int:
        return sum(self.counts)


def overdue_groups(commitments, *, by: str = "owner", today: datetime.date | None = None) -> list[OverdueGroup]:
    """Overdue commitments grouped by owner or by partnership, counted by how late (0–30, 31–90, > 90 days);
    the most late groups first."""
    today = today or timezone.localdate()
    groups: dict[str, list] = {}
    for c in commitments:
        if not c.is_overdue(today):
            continue
        label = owner_label(c) if by == "owner" else str(translated_value(c.partnership, "title"))
        groups.setdefault(label, []).append(c)
    out = []
    for label, items in groups.items():
        counts = [0, 0, 0]
        for c in items:
            counts[charts.lateness_bucket((today - c.due_on).days)] += 1
        out.append(OverdueGroup(label, tuple(counts), tuple(sorted(items, key=lambda c: c.due_on))))
    return sorted(out, key=lambda g: (-g.counts[2], -g.counts[1], -g.total, g.label))


def overdue_svg(groups: list[OverdueGroup], *, title: str, chart_id: str = "overdue") -> str:
    total = sum(g.total for g in groups)
    labels = lateness_labels()
    return charts.overdue_chart(
        chart_id=chart_id, title=title,
        description=_("%(total)s overdue commitments in %(groups)s groups, by how late they are. The table below "
                      "gives the numbers.") % {"total": total, "groups": len(groups)},
        groups=[g.label for g in groups],
        buckets=[(labels[i], [g.counts[i] for g in groups]) for i in range(3)],
        total_label=_("{total} overdue"))
