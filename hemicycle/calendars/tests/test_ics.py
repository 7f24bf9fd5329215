"""The calendar engine on its own (no database): RFC 5545 text and jCal, time zones, and speed."""

import datetime
import json
import time
import zoneinfo

import icalendar
import pytest
import vobject

from hemicycle.calendars import ics
from hemicycle.calendars.ics import (
    CANCELLED,
    CONFIRMED,
    TENTATIVE,
    CalendarEvent,
    CalendarMeta,
    build_calendar,
    build_jcal,
    ical_status,
    jcal_shape_errors,
    to_icalendar,
    vtimezone,
)

UTC = datetime.UTC
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
STAMP = datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
META = CalendarMeta(name="Kazakhstan–Belgium, joint calendar", description="All activities; “both” sides, too",
                    url="https://hemicycle.example/en/cooperation/partnerships/1/",
                    source="https://hemicycle.example/calendars/partnerships/1.ics", language="en")


def event(uid="a@hemicycle.example", tz=ALMATY, start=(2025, 3, 10, 10), hours=2, **fields) -> CalendarEvent:
    begin = datetime.datetime(*start, tzinfo=tz)
    fields.setdefault("summary", "Round table")
    return CalendarEvent(uid=uid, start=begin, end=begin + datetime.timedelta(hours=hours), tzid=str(tz),
                         dtstamp=STAMP, **fields)


def awkward_events() -> list[CalendarEvent]:
    """Text that tests escaping and folding: commas, semicolons, backslashes where lines fold, long Kazakh text,
    quotes and apostrophes in a parameter, every optional property, and none."""
    kazakh = "Қазақстан Республикасы Парламенті Мәжілісінің депутаттары мен Бельгия өкілдерінің кездесуі. "
    return [
        event(summary="Water, energy; climate \\ and more", description=(kazakh * 4) + "\nSecond line\r\nthird",
              location="Parliament House, Astana", status=TENTATIVE, sequence=3,
              created=datetime.datetime(2024, 12, 1, tzinfo=UTC), last_modified=STAMP,
              url="https://hemicycle.example/kk/cooperation/activities/1/", categories=("round table", "a,b"),
              organizer_name="Mazhilis of the Parliament", organizer_uri="https://hemicycle.example/en/bodies/1/",
              language="kk"),
        event(uid="b@hemicycle.example", tz=BRUSSELS, start=(2025, 7, 1, 10), status=CANCELLED,
              summary="x" * 72 + "\\,\\;" + "y" * 80 + "^" * 10, organizer_name='The "Friends" of Kazakhstan',
              organizer_uri="mailto:friends@example.org", description="ends with a backslash \\"),
        event(uid="c@hemicycle.example", tz=BRUSSELS, start=(2026, 1, 20, 10), hours=3, summary="Winter"),
        event(uid="d@hemicycle.example", tz=UTC, start=(2025, 5, 5, 12), summary="A video call in UTC"),
        event(uid="e;odd,uid@hemicycle.example", tz=zoneinfo.ZoneInfo("America/New_York"), start=(2025, 11, 2, 1, 30),
              summary="Ambiguous wall clock: the first 01:30"),
    ]


def parse(data: bytes):
    return icalendar.Calendar.from_ical(data), vobject.readOne(data.decode("utf-8"))


# --- Same bytes as icalendar's own objects ------------------------------------------------------------------------

def test_the_fast_writer_gives_exactly_icalendars_bytes():
    events = awkward_events()
    assert build_calendar(META, events) == to_icalendar(META, events).to_ical()


def test_jcal_is_exactly_icalendars_jcal():
    events = awkward_events()
    assert build_jcal(META, events) == to_icalendar(META, events).to_jcal()


def test_building_twice_gives_the_same_bytes():
    assert build_calendar(META, awkward_events()) == build_calendar(META, awkward_events())


def test_lines_are_folded_at_75_octets_without_breaking_characters_or_escapes():
    data = build_calendar(META, awkward_events())
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # no line ends inside a multi-byte character
    for previous, line in zip(lines, lines[1:], strict=False):
        if line.startswith(b" "):
            assert not previous.endswith((b"\\", b"^")), previous
    calendar, card = parse(data)
    first = calendar.events[0]
    assert str(first["SUMMARY"]) == "Water, energy; climate \\ and more"
    assert str(first["DESCRIPTION"]).endswith("\nSecond line\nthird")
    assert card.vevent.summary.value == "Water, energy; climate \\ and more"
    assert card.vevent.description.value.endswith("\nSecond line\nthird")
    assert str(calendar.events[1]["ORGANIZER"].params["CN"]) == 'The "Friends" of Kazakhstan'


# --- Calendar properties ------------------------------------------------------------------------------------------

def test_calendar_properties():
    data = build_calendar(META, awkward_events()).decode()
    for line in ("VERSION:2.0", f"PRODID:{ics.PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                 "NAME;LANGUAGE=en:Kazakhstan–Belgium\\, joint calendar",
                 "X-WR-CALNAME:Kazakhstan–Belgium\\, joint calendar",
                 "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H",
                 "SOURCE:https://hemicycle.example/calendars/partnerships/1.ics"):
        assert f"\r\n{line}\r\n" in data, line
    assert "X-WR-TIMEZONE" not in data  # the events are in several zones
    calendar, card = parse(data.encode())
    assert calendar["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=1)
    assert card.contents["refresh-interval"][0].params["VALUE"] == ["DURATION"]
    assert card.contents["x-published-ttl"][0].value == "PT1H"


def test_refresh_interval_and_one_zone():
    meta = CalendarMeta(name="Daily", refresh_interval=datetime.timedelta(days=1, minutes=30))
    data = build_calendar(meta, [event()]).decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:P1DT30M\r\n" in data
    assert "X-PUBLISHED-TTL:P1DT30M\r\n" in data
    assert "X-WR-TIMEZONE:Asia/Almaty\r\n" in data  # all events in one zone
    assert "X-WR-TIMEZONE:Europe/Brussels\r\n" in build_calendar(
        CalendarMeta(name="x", timezone="Europe/Brussels"), [event()]).decode()
    with pytest.raises(ValueError):
        CalendarMeta(name="never", refresh_interval=datetime.timedelta(0))


def test_an_empty_calendar_is_still_a_calendar():
    data = build_calendar(META, [])
    calendar, card = parse(data)
    assert calendar.events == [] and calendar.timezones == []
    assert card.name == "VCALENDAR"
    assert jcal_shape_errors(build_jcal(META, [])) == []


# --- Events -------------------------------------------------------------------------------------------------------

def test_event_properties_and_statuses():
    calendar, card = parse(build_calendar(META, awkward_events()))
    first, second = calendar.events[0], calendar.events[1]
    assert str(first["UID"]) == "a@hemicycle.example"
    assert first["DTSTAMP"].dt == STAMP
    assert first["SEQUENCE"] == 3
    assert str(first["STATUS"]) == "TENTATIVE"
    assert str(second["STATUS"]) == "CANCELLED"
    assert first["LAST-MODIFIED"].dt == STAMP
    assert str(first["URL"]) == "https://hemicycle.example/kk/cooperation/activities/1/"
    assert first["SUMMARY"].params["LANGUAGE"] == "kk"
    assert list(first.categories) == ["round table", "a,b"]
    assert str(first["ORGANIZER"]) == "https://hemicycle.example/en/bodies/1/"
    assert str(calendar.events[4]["UID"]) == "e;odd,uid@hemicycle.example"
    vevents = card.vevent_list
    assert [ev.uid.value for ev in vevents][:3] == ["a@hemicycle.example", "b@hemicycle.example",
                                                    "c@hemicycle.example"]
    assert all(ev.dtstamp.value == STAMP for ev in vevents)
    assert vevents[1].status.value == "CANCELLED"
    assert vevents[0].sequence.value == "3"


def test_activity_statuses_map_to_vevent_statuses():
    assert {status: ical_status(status) for status in ics.ACTIVITY_STATUS_TO_ICAL} == {
        "proposed": TENTATIVE, "postponed": TENTATIVE, "agreed": CONFIRMED, "scheduled": CONFIRMED,
        "held": CONFIRMED, "reported": CONFIRMED, "cancelled": CANCELLED}
    with pytest.raises(ValueError):
        ical_status("imagined")


def test_events_are_checked():
    with pytest.raises(ValueError, match="aware"):
        CalendarEvent(uid="x", summary="x", start=datetime.datetime(2025, 1, 1), end=datetime.datetime(2025, 1, 1),
                      tzid="UTC", dtstamp=STAMP)
    with pytest.raises(ValueError, match="ends before"):
        event(hours=-1)
    with pytest.raises(ValueError, match="STATUS"):
        event(status="MAYBE")
    with pytest.raises(ValueError, match="IANA"):
        CalendarEvent(uid="x", summary="x", start=STAMP, end=STAMP, tzid="Mars/Olympus_Mons", dtstamp=STAMP)
    with pytest.raises(ValueError, match="UID"):
        event(uid="")
    assert event(categories=["a", "b"]).categories == ("a", "b")


# --- Time zones ---------------------------------------------------------------------------------------------------

def vevent_utc_times(data: bytes) -> dict[str, tuple]:
    """{UID: (start, end)} in UTC, read by icalendar and by vobject; both must agree."""
    calendar, card = parse(data)
    by_icalendar = {str(ev["UID"]): (ev.start.astimezone(UTC), ev.end.astimezone(UTC)) for ev in calendar.events}
    by_vobject = {ev.uid.value: (ev.dtstart.value.astimezone(UTC), ev.dtend.value.astimezone(UTC))
                  for ev in card.vevent_list}
    assert by_icalendar == by_vobject
    return by_icalendar


def test_wall_clock_times_in_each_zone():
    events = [event(uid="almaty"), event(uid="summer", tz=BRUSSELS, start=(2025, 7, 1, 10)),
              event(uid="winter", tz=BRUSSELS, start=(2026, 1, 20, 10))]
    data = build_calendar(META, events)
    text = data.decode()
    assert "DTSTART;TZID=Asia/Almaty:20250310T100000\r\n" in text
    assert "DTSTART;TZID=Europe/Brussels:20250701T100000\r\n" in text
    assert "DTSTART;TZID=Europe/Brussels:20260120T100000\r\n" in text
    times = vevent_utc_times(data)
    assert times["almaty"][0] == datetime.datetime(2025, 3, 10, 5, tzinfo=UTC)
    assert times["summer"][0] == datetime.datetime(2025, 7, 1, 8, tzinfo=UTC)
    assert times["winter"][0] == datetime.datetime(2026, 1, 20, 9, tzinfo=UTC)
    assert times["winter"][1] == datetime.datetime(2026, 1, 20, 11, tzinfo=UTC)


def test_vobject_reads_times_through_our_vtimezones():
    """vobject knows no IANA zone: it builds its tzinfo from the VTIMEZONE, so this checks our VTIMEZONE."""
    _, card = parse(build_calendar(META, [event(), event(uid="b", tz=BRUSSELS, start=(2025, 7, 1, 10))]))
    tzinfos = {ev.dtstart.value.tzinfo for ev in card.vevent_list}
    assert all(type(tz).__name__ != "ZoneInfo" for tz in tzinfos)


def test_a_vtimezone_for_every_tzid_and_none_for_utc():
    calendar, _ = parse(build_calendar(META, awkward_events()))
    used = {ev["DTSTART"].params.get("TZID") for ev in calendar.events} | {
        ev["DTEND"].params.get("TZID") for ev in calendar.events}
    used.discard(None)
    assert used == {"Asia/Almaty", "Europe/Brussels", "America/New_York"}
    assert sorted(tz.tz_name for tz in calendar.timezones) == sorted(used)
    assert calendar.get_missing_tzids() == set()


def test_almaty_is_utc_plus_five_in_2025_and_2026():
    data = build_calendar(META, [event(start=(2025, 3, 10, 10)), event(uid="late", start=(2026, 11, 5, 10))])
    calendar, card = parse(data)
    (almaty,) = calendar.timezones
    offsets = {(sub["TZOFFSETFROM"].td, sub["TZOFFSETTO"].td) for sub in almaty.walk() if sub.name in (
        "STANDARD", "DAYLIGHT")}
    assert offsets == {(datetime.timedelta(hours=5), datetime.timedelta(hours=5))}
    assert "TZOFFSETTO:+0500" in data.decode() and "+0600" not in data.decode()
    vobject_zone = card.vtimezone.gettzinfo()
    for month in range(1, 13):
        for year in (2025, 2026):
            moment = datetime.datetime(year, month, 15, 10, tzinfo=vobject_zone)
            assert moment.utcoffset() == datetime.timedelta(hours=5)


def test_the_2024_change_in_almaty():
    """Kazakhstan moved from UTC+6 to UTC+5 at 00:00 on 1 March 2024 (clocks went back to 23:00 on 29 February)."""
    zone = vtimezone("Asia/Almaty", 2024, 2025)
    change = [sub for sub in zone.walk("STANDARD") if sub["TZOFFSETFROM"].td != sub["TZOFFSETTO"].td]
    assert len(change) == 1
    assert change[0]["DTSTART"].dt == datetime.datetime(2024, 3, 1, 0, 0)
    assert change[0]["TZOFFSETFROM"].td == datetime.timedelta(hours=6)
    assert change[0]["TZOFFSETTO"].td == datetime.timedelta(hours=5)
    tz = zone.to_tz()
    assert datetime.datetime(2024, 2, 29, 12, tzinfo=tz).utcoffset() == datetime.timedelta(hours=6)
    assert datetime.datetime(2024, 3, 1, 12, tzinfo=tz).utcoffset() == datetime.timedelta(hours=5)


def test_brussels_summer_time_starts_at_two_and_ends_at_three():
    component = vtimezone("Europe/Brussels", 2025, 2026)
    onsets = [(sub.name, sub["DTSTART"].dt, sub["TZOFFSETFROM"].td.seconds // 3600,
               sub["TZOFFSETTO"].td.seconds // 3600) for sub in component.subcomponents]
    assert onsets == [
        ("STANDARD", datetime.datetime(2025, 1, 1, 0, 0), 1, 1),
        ("DAYLIGHT", datetime.datetime(2025, 3, 30, 2, 0), 1, 2),
        ("STANDARD", datetime.datetime(2025, 10, 26, 3, 0), 2, 1),
        ("DAYLIGHT", datetime.datetime(2026, 3, 29, 2, 0), 1, 2),
        ("STANDARD", datetime.datetime(2026, 10, 25, 3, 0), 2, 1),
    ]
    # One observance per change, no RDATE lists: vobject (dateutil) and some applications ignore RDATE there.
    assert b"RDATE" not in component.to_ical()


@pytest.mark.parametrize("tzid", ["Europe/Brussels", "Asia/Almaty", "America/New_York", "Australia/Lord_Howe",
                                  "Asia/Kathmandu", "Europe/Dublin", "America/Sao_Paulo", "Africa/Casablanca"])
def test_vtimezones_agree_with_the_tz_database_hour_by_hour(tzid):
    """Every hour of 2024–2026, as read back by icalendar and by vobject from the VTIMEZONE, has the offset the
    tz database gives. Wall-clock times that do not exist or happen twice are skipped: they have no one answer."""
    tz = zoneinfo.ZoneInfo(tzid)
    component = vtimezone(tzid, 2024, 2026)
    wrapped = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + component.to_ical().decode() + "END:VCALENDAR\r\n"
    readers = [component.to_tz(), vobject.readOne(wrapped).vtimezone.gettzinfo()]
    moment = datetime.datetime(2024, 1, 1, 0, 30)
    while moment.year < 2027:
        aware = moment.replace(tzinfo=tz)
        round_trip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
        other_fold = moment.replace(fold=1, tzinfo=tz)
        if round_trip == moment and aware.utcoffset() == other_fold.utcoffset():
            for reader in readers:
                assert moment.replace(tzinfo=reader).utcoffset() == aware.utcoffset(), (tzid, moment, reader)
        moment += datetime.timedelta(hours=1)


def test_vtimezone_span_follows_the_events():
    data = build_calendar(META, [event(start=(2025, 3, 1, 10)), event(uid="b", start=(2027, 6, 1, 10))]).decode()
    assert "DTSTART:20250101T000000" in data
    short = build_calendar(META, [event()]).decode()
    assert short.count("BEGIN:VTIMEZONE") == 1


# --- jCal ---------------------------------------------------------------------------------------------------------

def test_jcal_has_the_rfc_7265_shape():
    jcal = build_jcal(META, awkward_events())
    assert jcal_shape_errors(jcal) == []
    json.dumps(jcal)
    name, properties, components = jcal
    assert name == "vcalendar"
    assert ["method", {}, "text", "PUBLISH"] in properties
    assert ["refresh-interval", {}, "duration", "PT1H"] in properties
    assert ["x-published-ttl", {}, "duration", "PT1H"] in properties
    assert [component[0] for component in components] == ["vtimezone"] * 3 + ["vevent"] * 5
    first = components[3][1]
    assert ["dtstart", {"tzid": "Asia/Almaty"}, "date-time", "2025-03-10T10:00:00"] in first
    assert ["dtstamp", {}, "date-time", "2025-01-02T03:04:05Z"] in first
    assert ["sequence", {}, "integer", 3] in first
    assert ["categories", {}, "text", "round table", "a,b"] in first
    utc_event = components[6][1]
    assert ["dtstart", {}, "date-time", "2025-05-05T12:00:00Z"] in utc_event
    almaty_zone = components[1]
    assert almaty_zone[1][0] == ["tzid", {}, "text", "Asia/Almaty"]
    assert ["tzoffsetto", {}, "utc-offset", "+05:00"] in almaty_zone[2][0][1]


def test_jcal_round_trips_to_the_same_events():
    events = awkward_events()
    from_jcal = icalendar.Component.from_jcal(json.loads(json.dumps(build_jcal(META, events))))
    from_text = icalendar.Calendar.from_ical(build_calendar(META, events))

    def summary(calendar):
        return [(str(ev["UID"]), str(ev["SUMMARY"]), ev.start.astimezone(UTC), ev.end.astimezone(UTC),
                 int(ev["SEQUENCE"]), str(ev["STATUS"]), ev["DTSTAMP"].dt, str(ev.get("DESCRIPTION", "")))
                for ev in calendar.walk("VEVENT")]

    assert summary(from_jcal) == summary(from_text)
    assert len(summary(from_jcal)) == len(events)
    # Whole events and time zone observances come back identical. (The calendar's own lines differ in form only:
    # going back to text, icalendar adds VALUE=TEXT to x-properties and drops REFRESH-INTERVAL's VALUE=DURATION.)
    for kind in ("VEVENT", "STANDARD", "DAYLIGHT"):
        assert [c.to_ical() for c in from_jcal.walk(kind)] == [c.to_ical() for c in from_text.walk(kind)]


def test_the_shape_check_finds_mistakes():
    assert jcal_shape_errors(["vcalendar", [], []]) == []
    assert jcal_shape_errors(["VCALENDAR", [], []])
    assert jcal_shape_errors(["vcalendar", [["dtstart", {}, "date-time"]], []])
    assert jcal_shape_errors(["vcalendar", [["dtstart", {"VALUE": "DATE"}, "date", "2025-01-01"]], []])
    assert jcal_shape_errors(["vcalendar", [["x", {}, "weird", 1]], []])
    assert jcal_shape_errors(["vevent", [], []])
    assert jcal_shape_errors("BEGIN:VCALENDAR")


# --- Speed --------------------------------------------------------------------------------------------------------

def test_ten_thousand_events_build_quickly():
    zones = [ALMATY, BRUSSELS]
    events = [event(uid=f"{i}@hemicycle.example", tz=zones[i % 2], start=(2025, 1, 1, 9), hours=2,
                    summary=f"Activity number {i}, with a comma", description="Kind: round table\nVenue: Astana",
                    location="Parliament House, Astana", sequence=i % 4, last_modified=STAMP,
                    url=f"https://hemicycle.example/en/cooperation/activities/{i}/", categories=("round table",),
                    organizer_name="Mazhilis", organizer_uri="https://hemicycle.example/en/bodies/1/",
                    language="en")
              for i in range(10_000)]
    started = time.perf_counter()
    data = build_calendar(META, events)
    ics_seconds = time.perf_counter() - started
    started = time.perf_counter()
    body = json.dumps(build_jcal(META, events), ensure_ascii=False).encode()
    jcal_seconds = time.perf_counter() - started
    assert data.count(b"BEGIN:VEVENT") == 10_000 and len(body) > len(data) / 2
    # ~0.3 s each on a laptop; the bound leaves room for a slow CI machine.
    assert ics_seconds < 3 and jcal_seconds < 3, (ics_seconds, jcal_seconds)
