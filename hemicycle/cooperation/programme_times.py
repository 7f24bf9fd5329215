"""How an activity's time is told to a reader (pure: no Django): the zone's city, abbreviation and UTC offset,
and the calendar quarter an activity falls in.

An activity is shown at the wall-clock time it has where it happens ("10:00–12:00 Astana time (UTC+5)"), with
the offset so that a reader elsewhere can convert it. The offset comes from the tz data for that very moment,
so a zone that changed its rules (Asia/Almaty moved to UTC+5 on 1 March 2024) reads right on both sides of the
change.
"""

from __future__ import annotations

import datetime


def utc_offset_label(moment: datetime.datetime) -> str:
    """"UTC+5", "UTC+5:30", "UTC−3" or "UTC" for an aware datetime."""
    offset = moment.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"  # a real minus sign: read as "minus", not as a hyphen
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_abbreviation(moment: datetime.datetime) -> str:
    """The zone's abbreviation at ``moment`` ("CEST") when the tz data has a real one; "" for numeric ones
    ("+05"), which would only repeat the offset."""
    name = moment.tzname() or ""
    return name if name.isalpha() and name.upper() != "UTC" else ""


def zone_city(zone_name: str) -> str:
    """The place an IANA zone is named after: "Asia/Almaty" → "Almaty", "America/Argentina/Buenos_Aires" →
    "Buenos Aires"."""
    return (zone_name or "UTC").rsplit("/", 1)[-1].replace("_", " ")


def quarter_of(day: datetime.date) -> tuple[int, int]:
    """(year, quarter) of a date."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_key(day: datetime.date) -> str:
    """"2025-Q3": the value quarter filters and CSV files use."""
    year, quarter = quarter_of(day)
    return f"{year}-Q{quarter}"


def parse_quarter_key(key: str) -> tuple[int, int] | None:
    """(year, quarter) from "2025-Q3", or None when ``key`` is not one."""
    try:
        year_text, quarter_text = (key or "").upper().split("-Q")
        year, quarter = int(year_text), int(quarter_text)
    except ValueError:
        return None
    return (year, quarter) if 1 <= quarter <= 4 and 1 <= year <= 9999 else None


def quarters_between(first: datetime.date, last: datetime.date) -> list[tuple[int, int]]:
    """Every (year, quarter) from the one of ``first`` to the one of ``last``, both included."""
    if last < first:
        first, last = last, first
    year, quarter = quarter_of(first)
    end = quarter_of(last)
    out = []
    while (year, quarter) <= end:
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out
