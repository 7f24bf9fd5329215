"""RFC 5545 calendars, and the same calendars as RFC 7265 jCal, from plain event records (no Django here).

A feed is a ``CalendarMeta`` (name, description, how often to refresh, addresses) and a list of ``CalendarEvent``
records. There are two ways to the text, and they give the same bytes:

- ``to_icalendar`` builds the calendar with icalendar's own objects, property by property. It is the reference,
  and what a caller who wants an ``icalendar.Calendar`` to work on uses.
- ``build_calendar`` writes the same text directly. icalendar's serializer folds every line one character at a
  time: about 3 s for a feed of 10,000 events, too slow to serve. The tests check that both ways give identical
  bytes (and identical jCal), for awkward text as well, so the fast path cannot drift from the reference.

Time zones: every event carries its IANA zone (``tzid``); DTSTART/DTEND are written as wall-clock times with
``TZID=`` and the calendar carries one VTIMEZONE per zone used, built from this machine's tz data (zoneinfo) over
the years the events span. icalendar's ``Timezone.from_tzid`` puts the onset of summer time an hour late (it
writes the new wall-clock time where RFC 5545 wants the old one) and lists later changes as RDATE, which vobject
ignores; so the VTIMEZONE is built here from the exact transition instants, one observance per change, with
icalendar's components, and cached per zone and span.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import functools
import gc
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vDuration, vText, vUri

PRODID = "-//Hemicycle//Hemicycle calendars 1.0//EN"

TENTATIVE = "TENTATIVE"
CONFIRMED = "CONFIRMED"
CANCELLED = "CANCELLED"
STATUSES = frozenset({TENTATIVE, CONFIRMED, CANCELLED})

#: A programme activity's status as a VEVENT STATUS: not yet firm, firm, or called off (kept, so clients remove it).
ACTIVITY_STATUS_TO_ICAL = {
    "proposed": TENTATIVE,
    "postponed": TENTATIVE,
    "agreed": CONFIRMED,
    "scheduled": CONFIRMED,
    "held": CONFIRMED,
    "reported": CONFIRMED,
    "cancelled": CANCELLED,
}

UTC = datetime.UTC
JCAL_MEDIA_TYPE = "application/calendar+json"
ICS_MEDIA_TYPE = "text/calendar"


def ical_status(activity_status: str) -> str:
    """The VEVENT STATUS for an activity status (proposed → TENTATIVE, cancelled → CANCELLED, …)."""
    try:
        return ACTIVITY_STATUS_TO_ICAL[activity_status]
    except KeyError:
        raise ValueError(f"unknown activity status “{activity_status}”") from None


@functools.lru_cache(maxsize=512)
def zone(tzid: str) -> datetime.tzinfo:
    """The tzinfo for an IANA name (cached: ``ZoneInfo`` lookups are not free at 10,000 events)."""
    if tzid == "UTC":
        return UTC
    return zoneinfo.ZoneInfo(tzid)


def _one_line_break(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _require_aware(name: str, value: datetime.datetime | None) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be an aware datetime, got {value!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class CalendarEvent:
    """One VEVENT. Datetimes are aware; ``start``/``end`` are shown as wall-clock times in ``tzid``.

    ``dtstamp`` should change only when the event does (its last change, not "now"), so that an unchanged feed
    gives unchanged bytes and conditional requests work.
    """

    uid: str
    summary: str
    start: datetime.datetime
    end: datetime.datetime
    tzid: str
    dtstamp: datetime.datetime
    description: str = ""
    location: str = ""
    status: str = CONFIRMED
    sequence: int = 0
    created: datetime.datetime | None = None
    last_modified: datetime.datetime | None = None
    url: str = ""
    categories: tuple[str, ...] = field(default=())
    organizer_name: str = ""
    #: The organizer's calendar address (a URI: mailto: or the body's public page); ORGANIZER is left out without.
    organizer_uri: str = ""
    #: Language of SUMMARY, DESCRIPTION and LOCATION (RFC 5646 tag), e.g. "kk".
    language: str = ""

    def __post_init__(self):
        if not self.uid:
            raise ValueError("an event needs a UID")
        for name in ("start", "end", "dtstamp", "created", "last_modified"):
            _require_aware(name, getattr(self, name))
        if self.end < self.start:
            raise ValueError(f"event {self.uid} ends before it starts")
        if self.status not in STATUSES:
            raise ValueError(f"STATUS must be one of {sorted(STATUSES)}, got {self.status!r}")
        if self.sequence < 0:
            raise ValueError("SEQUENCE cannot be negative")
        try:
            zone(self.tzid)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"“{self.tzid}” is not an IANA time zone") from exc
        # One kind of line break, so that the text and the jCal form carry the same characters.
        for name in ("summary", "description", "location"):
            object.__setattr__(self, name, _one_line_break(getattr(self, name)))
        object.__setattr__(self, "categories", tuple(_one_line_break(c) for c in self.categories))


@dataclass(frozen=True, slots=True, kw_only=True)
class CalendarMeta:
    """What a calendar says about itself."""

    name: str
    description: str = ""
    #: How often clients should fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL).
    refresh_interval: datetime.timedelta = datetime.timedelta(hours=1)
    #: The page the calendar belongs to (RFC 7986 URL).
    url: str = ""
    #: Where the feed itself lives (RFC 7986 SOURCE).
    source: str = ""
    #: X-WR-TIMEZONE; left empty, it is the events' zone when they all share one.
    timezone: str = ""
    #: Language of NAME and DESCRIPTION.
    language: str = ""
    prodid: str = PRODID

    def __post_init__(self):
        if self.refresh_interval <= datetime.timedelta(0):
            raise ValueError("the refresh interval must be positive")
        for name in ("name", "description"):
            object.__setattr__(self, name, _one_line_break(getattr(self, name)))


# --- Time zones -------------------------------------------------------------------------------------------------

def _state(tz: datetime.tzinfo, timestamp: int) -> tuple[datetime.timedelta, datetime.timedelta, str]:
    local = datetime.datetime.fromtimestamp(timestamp, tz)
    return local.utcoffset(), local.dst() or datetime.timedelta(0), local.tzname() or ""


def zone_transitions(tzid: str, first: datetime.datetime, last: datetime.datetime):
    """The instants (UTC) between ``first`` and ``last`` where ``tzid`` changes offset, DST flag or name.

    Yields ``(instant, (offset, dst, name) before, (offset, dst, name) after)``. zoneinfo has no public list of
    transitions, so this walks the span a day at a time and bisects each change down to the second.
    """
    tz = zone(tzid)
    step = 86400
    lo_ts, hi_end = int(first.timestamp()), int(last.timestamp())
    lo_state = _state(tz, lo_ts)
    while lo_ts < hi_end:
        hi_ts = min(lo_ts + step, hi_end)
        hi_state = _state(tz, hi_ts)
        if hi_state != lo_state:
            a, b = lo_ts, hi_ts
            while b - a > 1:
                mid = (a + b) // 2
                if _state(tz, mid) == lo_state:
                    a = mid
                else:
                    b = mid
            yield datetime.datetime.fromtimestamp(b, UTC), lo_state, hi_state
        lo_ts, lo_state = hi_ts, hi_state


def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for ``tzid`` valid from 1 January ``first_year`` to 31 December ``last_year`` (local time).

    One observance (STANDARD or DAYLIGHT) per change of offset, each with its own DTSTART: the first says what
    holds on 1 January ``first_year``. Onsets are wall-clock times in the offset being left, as RFC 5545 (3.6.5)
    has it: summer time in Brussels begins at 02:00 (+0100) and ends at 03:00 (+0200). Not RDATE lists: vobject
    (through dateutil) ignores RDATE in a VTIMEZONE, and so do some calendar applications; not RRULEs either,
    which only fit zones whose rules never changed in the span.
    """
    tz = zone(tzid)
    first = datetime.datetime(first_year, 1, 1, tzinfo=tz)
    last = datetime.datetime(last_year + 1, 1, 1, tzinfo=tz)
    offset, dst, name = _state(tz, int(first.timestamp()))
    observances = [(first.replace(tzinfo=None), offset, offset, name, bool(dst))]
    for instant, (before, _, _), (after, after_dst, after_name) in zone_transitions(tzid, first, last):
        observances.append(((instant + before).replace(tzinfo=None), before, after, after_name, bool(after_dst)))
    component = Timezone()
    component.add("TZID", tzid)
    _text_property(component, "X-LIC-LOCATION", tzid)  # clients with their own tz database (Lightning) map it
    for onset, offset_from, offset_to, tzname, is_dst in observances:
        observance = TimezoneDaylight() if is_dst else TimezoneStandard()
        observance.add("DTSTART", onset)
        observance.add("TZNAME", tzname or _offset_text(offset_to))
        observance.add("TZOFFSETFROM", offset_from)
        observance.add("TZOFFSETTO", offset_to)
        component.add_component(observance)
    return component


def _offset_text(offset: datetime.timedelta) -> str:
    sign = "-" if offset < datetime.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


@functools.lru_cache(maxsize=256)
def _vtimezone_cached(tzid: str, first_year: int, last_year: int) -> tuple[bytes, list]:
    component = vtimezone(tzid, first_year, last_year)
    return component.to_ical(), component.to_jcal()


def _zone_spans(events: Sequence[CalendarEvent]) -> dict[str, tuple[int, int]]:
    """For every zone used (UTC aside), the first and last local year of its events."""
    spans: dict[str, list[int]] = {}
    for event in events:
        if event.tzid == "UTC":
            continue
        tz = zone(event.tzid)
        first = event.start.astimezone(tz).year
        last = event.end.astimezone(tz).year
        span = spans.get(event.tzid)
        if span is None:
            spans[event.tzid] = [first, last]
        else:
            span[0] = min(span[0], first)
            span[1] = max(span[1], last)
    return {tzid: (span[0], span[1]) for tzid, span in sorted(spans.items())}


def _x_wr_timezone(meta: CalendarMeta, spans: dict[str, tuple[int, int]]) -> str:
    if meta.timezone:
        return meta.timezone
    return next(iter(spans)) if len(spans) == 1 else ""


# --- The reference: icalendar's objects -------------------------------------------------------------------------
# Properties are added in icalendar's canonical order (its `to_ical()` sorts them so), so that its jCal, which keeps
# the order properties were added in, matches ours too.

def _text_property(component, name: str, value: str, language: str = "") -> None:
    # vText explicitly: icalendar takes NAME and X-WR-* for unknown properties and would write them unescaped.
    component.add(name, vText(value), parameters={"LANGUAGE": language} if language else None)


def calendar_component(meta: CalendarMeta, spans: dict[str, tuple[int, int]]) -> Calendar:
    """The VCALENDAR with its own properties and VTIMEZONEs, no events (icalendar objects)."""
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", meta.prodid)
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    if meta.description:
        _text_property(calendar, "DESCRIPTION", meta.description, meta.language)
        _text_property(calendar, "X-WR-CALDESC", meta.description)
    _text_property(calendar, "NAME", meta.name, meta.language)
    _text_property(calendar, "X-WR-CALNAME", meta.name)
    calendar.add("REFRESH-INTERVAL", vDuration(meta.refresh_interval, params={"VALUE": "DURATION"}))
    if meta.source:
        calendar.add("SOURCE", vUri(meta.source))
    if meta.url:
        calendar.add("URL", vUri(meta.url))
    calendar.add("X-PUBLISHED-TTL", vDuration(meta.refresh_interval))
    wr_timezone = _x_wr_timezone(meta, spans)
    if wr_timezone:
        _text_property(calendar, "X-WR-TIMEZONE", wr_timezone)
    for tzid, (first_year, last_year) in spans.items():
        calendar.add_component(vtimezone(tzid, first_year, last_year))
    return calendar


def event_component(event: CalendarEvent) -> Event:
    """One VEVENT as an icalendar object."""
    component = Event()
    tz = zone(event.tzid)
    _text_property(component, "SUMMARY", event.summary, event.language)
    component.add("DTSTART", event.start.astimezone(tz).replace(microsecond=0))
    component.add("DTEND", event.end.astimezone(tz).replace(microsecond=0))
    component.add("DTSTAMP", event.dtstamp.astimezone(UTC).replace(microsecond=0))
    component.add("UID", event.uid)
    component.add("SEQUENCE", event.sequence)
    if event.categories:
        component.add("CATEGORIES", list(event.categories))
    if event.created:
        component.add("CREATED", event.created.astimezone(UTC).replace(microsecond=0))
    if event.description:
        _text_property(component, "DESCRIPTION", event.description, event.language)
    if event.last_modified:
        component.add("LAST-MODIFIED", event.last_modified.astimezone(UTC).replace(microsecond=0))
    if event.location:
        _text_property(component, "LOCATION", event.location, event.language)
    if event.organizer_uri:
        organizer = vCalAddress(event.organizer_uri)
        if event.organizer_name:
            organizer.params["CN"] = event.organizer_name
        component.add("ORGANIZER", organizer)
    component.add("STATUS", event.status)
    if event.url:
        component.add("URL", vUri(event.url))
    return component


def to_icalendar(meta: CalendarMeta, events: Iterable[CalendarEvent]) -> Calendar:
    """The whole calendar as icalendar objects: ``to_icalendar(m, e).to_ical() == build_calendar(m, e)``."""
    events = list(events)
    calendar = calendar_component(meta, _zone_spans(events))
    for event in events:
        calendar.add_component(event_component(event))
    return calendar


# --- The fast path: the same text, written directly -------------------------------------------------------------

def _escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping, exactly as icalendar does it (line breaks of any kind become \\n)."""
    return (value.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _param_value(value: str, quote_if: str = "") -> str:
    """A parameter value with RFC 6868 escaping, double-quoted when it must be (as icalendar does it)."""
    quote = any(char in value for char in quote_if)
    value = value.replace("^", "^^").replace("\r\n", "^n").replace("\n", "^n").replace("\r", "^n")
    value = value.replace('"', "^'")
    if quote or any(char in value for char in ",;:’"):
        return f'"{value}"'
    return value


def _fold(line: str) -> bytes:
    """Fold a content line at 74 octets, never inside a UTF-8 sequence nor right after an escaping backslash or
    caret (continuation lines begin with one space) — byte for byte what icalendar writes."""
    data = line.encode("utf-8")
    if len(data) < 75:
        return data
    parts = []
    start, size = 0, len(data)
    while size - start > 74:
        cut = start + 74
        while data[cut] & 0xC0 == 0x80:  # inside a multi-byte character: cut before it
            cut -= 1
        if data[cut - 1] in b"\\^" and cut - 1 > start:
            cut -= 1
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def _utc_text(value: datetime.datetime) -> str:
    value = value.astimezone(UTC)
    return (f"{value.year:04d}{value.month:02d}{value.day:02d}T"
            f"{value.hour:02d}{value.minute:02d}{value.second:02d}Z")


def _local_text(value: datetime.datetime, tz: datetime.tzinfo) -> str:
    value = value.astimezone(tz)
    return (f"{value.year:04d}{value.month:02d}{value.day:02d}T"
            f"{value.hour:02d}{value.minute:02d}{value.second:02d}")


def _duration_text(value: datetime.timedelta) -> str:
    return vDuration(value).to_ical().decode("ascii")


def _lang(language: str) -> str:
    return f";LANGUAGE={_param_value(language)}" if language else ""


def _event_lines(event: CalendarEvent) -> list[str]:
    lang = _lang(event.language)
    if event.tzid == "UTC":
        dtstart, dtend = f"DTSTART:{_utc_text(event.start)}", f"DTEND:{_utc_text(event.end)}"
    else:
        tz, tzid = zone(event.tzid), _param_value(event.tzid)
        dtstart = f"DTSTART;TZID={tzid}:{_local_text(event.start, tz)}"
        dtend = f"DTEND;TZID={tzid}:{_local_text(event.end, tz)}"
    lines = ["BEGIN:VEVENT", f"SUMMARY{lang}:{_escape_text(event.summary)}", dtstart, dtend,
             f"DTSTAMP:{_utc_text(event.dtstamp)}", f"UID:{_escape_text(event.uid)}", f"SEQUENCE:{event.sequence}"]
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(_escape_text(category) for category in event.categories))
    if event.created:
        lines.append(f"CREATED:{_utc_text(event.created)}")
    if event.description:
        lines.append(f"DESCRIPTION{lang}:{_escape_text(event.description)}")
    if event.last_modified:
        lines.append(f"LAST-MODIFIED:{_utc_text(event.last_modified)}")
    if event.location:
        lines.append(f"LOCATION{lang}:{_escape_text(event.location)}")
    if event.organizer_uri:
        cn = ";CN=" + _param_value(event.organizer_name, quote_if=" '") if event.organizer_name else ""
        lines.append(f"ORGANIZER{cn}:{event.organizer_uri}")
    lines.append(f"STATUS:{event.status}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("END:VEVENT")
    return lines


def _header_lines(meta: CalendarMeta, spans: dict[str, tuple[int, int]]) -> list[str]:
    lang = _lang(meta.language)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_escape_text(meta.prodid)}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    if meta.description:
        lines += [f"DESCRIPTION{lang}:{_escape_text(meta.description)}",
                  f"X-WR-CALDESC:{_escape_text(meta.description)}"]
    lines += [f"NAME{lang}:{_escape_text(meta.name)}", f"X-WR-CALNAME:{_escape_text(meta.name)}",
              f"REFRESH-INTERVAL;VALUE=DURATION:{_duration_text(meta.refresh_interval)}"]
    if meta.source:
        lines.append(f"SOURCE:{meta.source}")
    if meta.url:
        lines.append(f"URL:{meta.url}")
    lines.append(f"X-PUBLISHED-TTL:{_duration_text(meta.refresh_interval)}")
    wr_timezone = _x_wr_timezone(meta, spans)
    if wr_timezone:
        lines.append(f"X-WR-TIMEZONE:{_escape_text(wr_timezone)}")
    return lines


def build_calendar(meta: CalendarMeta, events: Iterable[CalendarEvent]) -> bytes:
    """The calendar as RFC 5545 text (UTF-8, CRLF line ends, folded), events in the order given."""
    events = list(events)
    spans = _zone_spans(events)
    chunks = [_fold(line) for line in _header_lines(meta, spans)]
    for tzid, (first_year, last_year) in spans.items():
        chunks.append(_vtimezone_cached(tzid, first_year, last_year)[0].rstrip(b"\r\n"))
    for event in events:
        chunks.extend(_fold(line) for line in _event_lines(event))
    chunks.append(b"END:VCALENDAR")
    chunks.append(b"")
    return b"\r\n".join(chunks)


# --- jCal (RFC 7265) ---------------------------------------------------------------------------------------------

def _jcal_utc(value: datetime.datetime) -> str:
    return value.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def _jcal_local(value: datetime.datetime, tz: datetime.tzinfo) -> str:
    return value.astimezone(tz).replace(microsecond=0, tzinfo=None).isoformat()


def _jcal_event(event: CalendarEvent) -> list:
    lang = {"language": event.language} if event.language else {}
    if event.tzid == "UTC":
        dtstart = ["dtstart", {}, "date-time", _jcal_utc(event.start)]
        dtend = ["dtend", {}, "date-time", _jcal_utc(event.end)]
    else:
        tz = zone(event.tzid)
        dtstart = ["dtstart", {"tzid": event.tzid}, "date-time", _jcal_local(event.start, tz)]
        dtend = ["dtend", {"tzid": event.tzid}, "date-time", _jcal_local(event.end, tz)]
    props = [["summary", dict(lang), "text", event.summary], dtstart, dtend,
             ["dtstamp", {}, "date-time", _jcal_utc(event.dtstamp)], ["uid", {}, "text", event.uid],
             ["sequence", {}, "integer", event.sequence]]
    if event.categories:
        props.append(["categories", {}, "text", *event.categories])
    if event.created:
        props.append(["created", {}, "date-time", _jcal_utc(event.created)])
    if event.description:
        props.append(["description", dict(lang), "text", event.description])
    if event.last_modified:
        props.append(["last-modified", {}, "date-time", _jcal_utc(event.last_modified)])
    if event.location:
        props.append(["location", dict(lang), "text", event.location])
    if event.organizer_uri:
        params = {"cn": event.organizer_name} if event.organizer_name else {}
        props.append(["organizer", params, "cal-address", event.organizer_uri])
    props.append(["status", {}, "text", event.status])
    if event.url:
        props.append(["url", {}, "uri", event.url])
    return ["vevent", props, []]


def _jcal_header(meta: CalendarMeta, spans: dict[str, tuple[int, int]]) -> list:
    lang = {"language": meta.language} if meta.language else {}
    props = [["version", {}, "text", "2.0"], ["prodid", {}, "text", meta.prodid],
             ["calscale", {}, "text", "GREGORIAN"], ["method", {}, "text", "PUBLISH"]]
    if meta.description:
        props += [["description", dict(lang), "text", meta.description],
                  ["x-wr-caldesc", {}, "text", meta.description]]
    props += [["name", dict(lang), "text", meta.name], ["x-wr-calname", {}, "text", meta.name],
              ["refresh-interval", {}, "duration", _duration_text(meta.refresh_interval)]]
    if meta.source:
        props.append(["source", {}, "uri", meta.source])
    if meta.url:
        props.append(["url", {}, "uri", meta.url])
    props.append(["x-published-ttl", {}, "duration", _duration_text(meta.refresh_interval)])
    wr_timezone = _x_wr_timezone(meta, spans)
    if wr_timezone:
        props.append(["x-wr-timezone", {}, "text", wr_timezone])
    return props


@contextlib.contextmanager
def _gc_paused():
    """Pause the cycle collector while building ~100,000 small lists: it would otherwise walk the whole heap (a
    feed view holds thousands of model instances) again and again, doubling the time. Nothing built here is a
    cycle; collection resumes right after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_jcal(meta: CalendarMeta, events: Iterable[CalendarEvent]) -> list:
    """The calendar as jCal (RFC 7265): ``["vcalendar", [properties…], [components…]]``, ready for ``json.dumps``.

    The same content as ``build_calendar``; ``to_icalendar(m, e).to_jcal() == build_jcal(m, e)``.
    """
    events = list(events)
    spans = _zone_spans(events)
    with _gc_paused():
        components = [copy.deepcopy(_vtimezone_cached(tzid, first, last)[1])
                      for tzid, (first, last) in spans.items()]
        components.extend(_jcal_event(event) for event in events)
    return ["vcalendar", _jcal_header(meta, spans), components]


def jcal_shape_errors(jcal) -> list[str]:
    """What is wrong with the shape of a jCal object (RFC 7265 section 3), as readable reasons; empty if nothing.

    Checks structure, not meaning: components are ``[name, [properties], [components]]`` with lower-case names,
    properties are ``[name, {params}, type, value, …]`` with at least one value.
    """
    errors: list[str] = []
    value_types = {"binary", "boolean", "cal-address", "date", "date-time", "duration", "float", "integer",
                   "period", "recur", "text", "time", "uri", "utc-offset", "unknown"}

    def check_component(node, path):
        if not (isinstance(node, list) and len(node) == 3 and isinstance(node[0], str)
                and isinstance(node[1], list) and isinstance(node[2], list)):
            errors.append(f"{path}: a component is [name, [properties], [components]]")
            return
        if node[0] != node[0].lower():
            errors.append(f"{path}: component name {node[0]!r} is not lower case")
        for index, prop in enumerate(node[1]):
            where = f"{path}/{node[0]}[1][{index}]"
            if not (isinstance(prop, list) and len(prop) >= 4 and isinstance(prop[0], str)
                    and isinstance(prop[1], dict) and isinstance(prop[2], str)):
                errors.append(f"{where}: a property is [name, {{params}}, type, value, …]")
                continue
            if prop[0] != prop[0].lower() or any(key != key.lower() for key in prop[1]):
                errors.append(f"{where}: property and parameter names are lower case")
            if "value" in prop[1]:
                errors.append(f"{where}: the VALUE parameter is the type field in jCal, not a parameter")
            if prop[2] not in value_types:
                errors.append(f"{where}: unknown value type {prop[2]!r}")
        for index, child in enumerate(node[2]):
            check_component(child, f"{path}/{node[0]}[2][{index}]")

    check_component(jcal, "")
    if not errors and jcal[0] != "vcalendar":
        errors.append("the top component is not vcalendar")
    return errors
