"""The readable difference between two versions of a joint programme (pure: no Django).

A programme version freezes its activities as plain rows (see ``services.programme_snapshot``): ``uid``, ``kind``,
``start``/``end`` (ISO 8601 in UTC), ``timezone`` (IANA), ``status``, ``sequence``, ``organizer`` (a public id)
and the translated ``title``, ``venue`` and ``city`` as ``{language: text}``. Rows are matched by ``uid``, the
calendar UID both parliaments share, so an activity that was moved or renamed is "changed", not "removed and
added".

What changed is told per field, old → new. Times are given back as aware datetimes in the activity's own zone
(the old value in the old zone, the new one in the new zone): a reader in Brussels and one in Astana both read
the wall-clock time the activity has where it happens. Translated fields are compared per language and only the
languages whose text changed are listed. SEQUENCE is left out: it moves with every significant change and says
nothing a reader needs.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"

#: Fields compared, in the order a reader meets them.
PLAIN_FIELDS = ("kind", "status", "start", "end", "timezone", "organizer")
TRANSLATED_FIELDS = ("title", "venue", "city")
TIME_FIELDS = frozenset({"start", "end"})
#: Order of the changes listed for one activity.
FIELD_ORDER = ("title", "kind", "status", "start", "end", "timezone", "venue", "city", "organizer")


@dataclass(frozen=True)
class FieldChange:
    """One field of one activity, before and after. ``language`` is set for translated fields."""

    field: str
    old: object
    new: object
    language: str = ""


@dataclass(frozen=True)
class ActivityChange:
    """An activity added, removed or changed between the two versions."""

    change: str  # ADDED, REMOVED or CHANGED
    uid: str
    row: Mapping  # the newer row (the old one for a removed activity)
    old_row: Mapping | None
    start: datetime.datetime | None  # in the activity's zone; the sort key
    end: datetime.datetime | None
    changes: tuple[FieldChange, ...] = ()

    @property
    def title(self) -> Mapping[str, str]:
        return _translations(self.row.get("title"))

    @property
    def timezone(self) -> str:
        return str(self.row.get("timezone") or "UTC")


@dataclass(frozen=True)
class ProgrammeDiff:
    entries: tuple[ActivityChange, ...] = ()
    unchanged: int = 0
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.entries


def parse_instant(value) -> datetime.datetime | None:
    """An ISO 8601 text (or a datetime) as an aware datetime; naive values are taken as UTC."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        moment = value
    else:
        try:
            moment = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def zone_of(name) -> datetime.tzinfo:
    """The IANA zone called ``name``, or UTC when the name is unknown (an old snapshot must still display)."""
    try:
        return zoneinfo.ZoneInfo(str(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return datetime.UTC


def local_time(value, zone_name) -> datetime.datetime | None:
    """``value`` (ISO text or datetime) as wall-clock time in the zone ``zone_name``."""
    moment = parse_instant(value)
    return moment.astimezone(zone_of(zone_name)) if moment else None


def _translations(value) -> dict[str, str]:
    if isinstance(value, Mapping):
        return {str(k): str(v or "") for k, v in value.items()}
    return {"": str(value)} if value not in (None, "") else {}


def _field_changes(old: Mapping, new: Mapping) -> list[FieldChange]:
    changes: list[FieldChange] = []
    for name in PLAIN_FIELDS:
        before, after = old.get(name), new.get(name)
        if name in TIME_FIELDS:
            # Compare instants, not texts: "+00:00" and "Z" spell the same moment.
            if parse_instant(before) != parse_instant(after):
                changes.append(FieldChange(name, local_time(before, old.get("timezone")),
                                           local_time(after, new.get("timezone"))))
        elif before != after:
            changes.append(FieldChange(name, before, after))
    for name in TRANSLATED_FIELDS:
        before, after = _translations(old.get(name)), _translations(new.get(name))
        for language in sorted(set(before) | set(after)):
            if before.get(language, "") != after.get(language, ""):
                changes.append(FieldChange(name, before.get(language, ""), after.get(language, ""), language))
    order = {name: i for i, name in enumerate(FIELD_ORDER)}
    return sorted(changes, key=lambda c: (order.get(c.field, len(order)), c.language))


def _by_uid(rows: Iterable[Mapping]) -> dict[str, Mapping]:
    out: dict[str, Mapping] = {}
    for row in rows or ():
        if isinstance(row, Mapping) and row.get("uid"):
            out[str(row["uid"])] = row
    return out


def diff_snapshots(old: Iterable[Mapping], new: Iterable[Mapping]) -> ProgrammeDiff:
    """What changed from the snapshot ``old`` to the snapshot ``new``: activities added, removed and changed,
    ordered by date (the new date for a changed activity), with the changed fields of each."""
    before, after = _by_uid(old), _by_uid(new)
    entries: list[ActivityChange] = []
    unchanged = 0
    for uid, row in after.items():
        zone = row.get("timezone")
        start, end = local_time(row.get("start"), zone), local_time(row.get("end"), zone)
        if uid not in before:
            entries.append(ActivityChange(ADDED, uid, row, None, start, end))
            continue
        changes = _field_changes(before[uid], row)
        if changes:
            entries.append(ActivityChange(CHANGED, uid, row, before[uid], start, end, tuple(changes)))
        else:
            unchanged += 1
    for uid, row in before.items():
        if uid not in after:
            zone = row.get("timezone")
            entries.append(ActivityChange(REMOVED, uid, row, row, local_time(row.get("start"), zone),
                                          local_time(row.get("end"), zone)))
    far_future = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    entries.sort(key=lambda e: (e.start or far_future, e.uid))
    counts = {kind: sum(1 for e in entries if e.change == kind) for kind in (ADDED, REMOVED, CHANGED)}
    return ProgrammeDiff(tuple(entries), unchanged, counts)
