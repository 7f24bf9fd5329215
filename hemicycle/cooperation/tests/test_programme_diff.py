"""The readable difference between two programme versions (pure: no database)."""

import datetime

from hemicycle.cooperation import programme_diff as d
from hemicycle.cooperation.programme_times import (
    parse_quarter_key,
    quarter_key,
    quarters_between,
    utc_offset_label,
    zone_abbreviation,
    zone_city,
)

LANGS = ("kk", "ru", "en", "fr", "nl", "de")


def row(uid, *, start="2025-05-12T08:00:00+00:00", end="2025-05-12T10:00:00+00:00", zone="Europe/Brussels",
        status="scheduled", kind="round_table", title=None, venue=None, city=None, organizer="ocd-organization/be",
        sequence=0):
    def texts(values):
        return {code: (values or {}).get(code, "") for code in LANGS}

    return {"uid": uid, "kind": kind, "start": start, "end": end, "timezone": zone, "status": status,
            "sequence": sequence, "title": texts(title or {"en": f"Activity {uid}"}), "venue": texts(venue),
            "city": texts(city), "organizer": organizer}


def test_identical_snapshots_have_no_difference():
    snapshot = [row("a"), row("b", start="2025-06-01T08:00:00+00:00", end="2025-06-01T09:00:00+00:00")]

    diff = d.diff_snapshots(snapshot, [dict(r) for r in snapshot])

    assert diff.is_empty
    assert diff.unchanged == 2
    assert diff.counts == {"added": 0, "removed": 0, "changed": 0}


def test_added_removed_and_changed_are_found_by_uid_and_ordered_by_date():
    old = [row("a", start="2025-03-01T08:00:00+00:00", end="2025-03-01T09:00:00+00:00"),
           row("b", start="2025-04-01T08:00:00+00:00", end="2025-04-01T09:00:00+00:00"),
           row("c", start="2025-09-01T08:00:00+00:00", end="2025-09-01T09:00:00+00:00")]
    new = [row("c", start="2025-02-01T08:00:00+00:00", end="2025-02-01T09:00:00+00:00", sequence=1),
           row("b", start="2025-04-01T08:00:00+00:00", end="2025-04-01T09:00:00+00:00"),
           row("z", start="2025-07-01T08:00:00+00:00", end="2025-07-01T09:00:00+00:00")]

    diff = d.diff_snapshots(old, new)

    assert [(e.change, e.uid) for e in diff.entries] == [(d.CHANGED, "c"), (d.REMOVED, "a"), (d.ADDED, "z")]
    assert diff.unchanged == 1
    assert diff.counts == {"added": 1, "removed": 1, "changed": 1}


def test_a_moved_activity_shows_old_and_new_times_in_its_own_zone():
    old = [row("a", start="2025-05-12T08:00:00+00:00", end="2025-05-12T10:00:00+00:00")]
    new = [row("a", start="2025-05-13T07:00:00+00:00", end="2025-05-13T09:00:00+00:00", sequence=1)]

    (entry,) = d.diff_snapshots(old, new).entries

    start = next(c for c in entry.changes if c.field == "start")
    assert (start.old.hour, start.old.day, start.new.hour, start.new.day) == (10, 12, 9, 13)  # CEST wall clock
    assert start.old.utcoffset() == datetime.timedelta(hours=2)
    assert [c.field for c in entry.changes] == ["start", "end"]  # SEQUENCE is not a reader's change


def test_same_instant_written_differently_is_no_change():
    old = [row("a", start="2025-05-12T08:00:00+00:00")]
    new = [row("a", start="2025-05-12T10:00:00+02:00")]

    assert d.diff_snapshots(old, new).is_empty


def test_a_zone_change_shows_times_in_the_old_and_the_new_zone():
    old = [row("a", start="2025-05-12T05:00:00+00:00", end="2025-05-12T07:00:00+00:00", zone="Asia/Almaty")]
    new = [row("a", start="2025-05-12T08:00:00+00:00", end="2025-05-12T10:00:00+00:00", zone="Europe/Brussels")]

    (entry,) = d.diff_snapshots(old, new).entries

    changes = {c.field: c for c in entry.changes}
    assert changes["timezone"].old == "Asia/Almaty" and changes["timezone"].new == "Europe/Brussels"
    # Both read 10:00 on their own clocks: Astana (UTC+5) before, Brussels (UTC+2) after.
    assert changes["start"].old.hour == 10 and changes["start"].new.hour == 10
    assert changes["start"].old.utcoffset() == datetime.timedelta(hours=5)


def test_translated_titles_are_listed_only_in_the_languages_that_changed():
    old = [row("a", title={"en": "Round table", "kk": "Дөңгелек үстел", "fr": "Table ronde"})]
    new = [row("a", title={"en": "Round table", "kk": "Дөңгелек үстел (жаңа)", "fr": "Table ronde",
                           "nl": "Rondetafel"})]

    (entry,) = d.diff_snapshots(old, new).entries

    assert [(c.field, c.language, c.old, c.new) for c in entry.changes] == [
        ("title", "kk", "Дөңгелек үстел", "Дөңгелек үстел (жаңа)"),
        ("title", "nl", "", "Rondetafel"),
    ]


def test_status_kind_venue_and_organizer_changes_are_listed_in_reading_order():
    old = [row("a", status="agreed", venue={"en": "Room 1"}, organizer="ocd-organization/kz")]
    new = [row("a", status="cancelled", kind="video_conference", venue={"en": "Online"},
               organizer="ocd-organization/be")]

    (entry,) = d.diff_snapshots(old, new).entries

    assert [c.field for c in entry.changes] == ["kind", "status", "venue", "organizer"]
    assert entry.changes[1].old == "agreed" and entry.changes[1].new == "cancelled"


def test_removed_activity_keeps_its_old_row_and_time():
    old = [row("gone", zone="Asia/Almaty", start="2025-11-05T06:00:00+00:00", end="2025-11-05T08:00:00+00:00",
               title={"en": "Energy", "ru": "Энергетика"})]

    (entry,) = d.diff_snapshots(old, []).entries

    assert entry.change == d.REMOVED
    assert entry.title["ru"] == "Энергетика"
    assert entry.start.hour == 11 and entry.timezone == "Asia/Almaty"


def test_odd_rows_do_not_break_the_diff():
    old = [row("a"), {"no": "uid"}, "junk"]
    new = [row("a", zone="Mars/Olympus_Mons"), {"uid": "b", "start": "not a date"}]

    diff = d.diff_snapshots(old, new)

    added = next(e for e in diff.entries if e.uid == "b")
    assert added.start is None  # sorted last, still listed
    assert diff.entries[-1].uid == "b"
    changed = next(e for e in diff.entries if e.uid == "a")
    assert changed.start.utcoffset() == datetime.timedelta(0)  # an unknown zone reads as UTC


def test_time_labels():
    almaty = datetime.datetime(2025, 5, 12, 10, tzinfo=d.zone_of("Asia/Almaty"))
    almaty_2023 = datetime.datetime(2023, 5, 12, 10, tzinfo=d.zone_of("Asia/Almaty"))
    brussels = datetime.datetime(2025, 1, 12, 10, tzinfo=d.zone_of("Europe/Brussels"))
    kolkata = datetime.datetime(2025, 1, 12, 10, tzinfo=d.zone_of("Asia/Kolkata"))
    new_york = datetime.datetime(2025, 1, 12, 10, tzinfo=d.zone_of("America/New_York"))

    assert utc_offset_label(almaty) == "UTC+5"  # since 1 March 2024
    assert utc_offset_label(almaty_2023) == "UTC+6"
    assert zone_abbreviation(almaty) == ""  # "+05" would only repeat the offset
    assert (zone_abbreviation(brussels), utc_offset_label(brussels)) == ("CET", "UTC+1")
    assert utc_offset_label(kolkata) == "UTC+5:30"
    assert utc_offset_label(new_york) == "UTC−5"
    assert utc_offset_label(datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)) == "UTC"
    assert zone_city("America/Argentina/Buenos_Aires") == "Buenos Aires"


def test_quarters():
    assert quarter_key(datetime.date(2025, 5, 12)) == "2025-Q2"
    assert parse_quarter_key("2025-q4") == (2025, 4)
    assert parse_quarter_key("2025-Q5") is None and parse_quarter_key("soon") is None
    assert quarters_between(datetime.date(2025, 11, 1), datetime.date(2026, 2, 1)) == [(2025, 4), (2026, 1)]
