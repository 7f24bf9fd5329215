"""Size and generation time of a programme's calendar feed with 10,000 activities, as RFC 5545 text and as jCal.

What it measures, median wall-clock and CPU time of ROUNDS runs after one warm-up each:
- engine: ``build_calendar`` / ``build_jcal`` (+ JSON encoding) from 10,000 ready-made events, no database;
- feed: ``programme_feed`` end to end without HTTP: the database query, activities → events, then the text / jCal;
- HTTP: ``GET /calendars/programmes/<uuid>.ics`` (plain, gzipped, and ``?format=jcal``) through the whole Django
  stack with the test client, and a revalidation answered 304 (If-None-Match), which still builds the body to
  compare tags.
Once, for comparison: the same text built with icalendar's own objects and serializer (``to_icalendar``).

A fresh SQLite database in a temporary folder is migrated and filled with one partnership, one programme and
N activities (bulk insert), half in Asia/Almaty and half in Europe/Brussels, over 2025–2026.

    uv run python bench/feeds.py            # or: make bench
    N=20000 ROUNDS=9 uv run python bench/feeds.py
"""

import atexit
import datetime
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

N = int(os.environ.get("N", "10000"))
ROUNDS = int(os.environ.get("ROUNDS", "5"))


def timed(function, rounds=ROUNDS):
    """Median wall-clock and CPU seconds of ``rounds`` calls after one warm-up, and the last result.

    CPU time is this process's own: on a shared, busy machine it says more than the wall clock."""
    result = function()
    wall, cpu = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return (statistics.median(wall), statistics.median(cpu)), result


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    var_dir = tempfile.mkdtemp(prefix="hemicycle-bench-feeds-")
    atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
    os.environ["HEMICYCLE_VAR_DIR"] = var_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "hemicycle.settings"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hemicycle.calendars.feeds import jcal_bytes
    from hemicycle.calendars.ics import build_calendar, build_jcal, to_icalendar
    from hemicycle.cooperation import calendar_selectors as cal
    from hemicycle.cooperation.models import Activity, Partnership, Programme
    from hemicycle.core.ids import new_public_id
    from hemicycle.people.models import Organization

    call_command("migrate", verbosity=0, interactive=False)
    kz = Organization.objects.create(name_en="Parliament of the Republic of Kazakhstan",
                                     name_kk="Қазақстан Республикасының Парламенті", classification="parliament")
    be = Organization.objects.create(name_en="Belgian Federal Parliament", classification="parliament")
    partnership = Partnership.objects.create(title_en="Kazakhstan–Belgium", parliament=kz, counterpart=be)
    programme = Programme.objects.create(partnership=partnership, title_en="Joint calendar of activities 2025–2026",
                                         period_start=datetime.date(2025, 1, 1),
                                         period_end=datetime.date(2026, 12, 31))
    zones = ["Asia/Almaty", "Europe/Brussels"]
    kinds = Activity.Kind.values
    statuses = ["proposed", "agreed", "scheduled", "held", "reported", "postponed", "cancelled"]
    first = datetime.datetime(2025, 1, 6, 5, tzinfo=datetime.UTC)
    step = (datetime.datetime(2026, 12, 20, tzinfo=datetime.UTC) - first) / N
    activities = []
    for i in range(N):
        start = first + step * i
        activities.append(Activity(
            public_id=new_public_id("activity"), uid=f"{uuid.uuid4()}@bench.hemicycle.localhost",
            programme=programme, kind=kinds[i % len(kinds)], start=start, end=start + datetime.timedelta(hours=3),
            timezone=zones[i % 2], organizer=kz if i % 2 == 0 else be, status=statuses[i % len(statuses)],
            sequence=i % 5, title_en=f"Thematic round table no. {i} on water, energy and climate",
            title_kk=f"Су, энергетика және климат жөніндегі № {i} дөңгелек үстел",
            description_en="Members of both parliaments' committees; interpretation in five languages.",
            venue_en="Parliament House" if i % 2 == 0 else "Palace of the Nation",
            city_en="Astana" if i % 2 == 0 else "Brussels"))
    Activity.objects.bulk_create(activities, batch_size=1000)

    events = cal.programme_feed(programme).events
    meta = cal.programme_feed(programme).meta
    url = f"/calendars/programmes/{programme.public_uuid}.ics"
    client = Client()

    rows = []
    seconds, body = timed(lambda: build_calendar(meta, events))
    rows.append(("engine: ICS", seconds, len(body)))
    seconds, body = timed(lambda: jcal_bytes(build_jcal(meta, events)))
    rows.append(("engine: jCal", seconds, len(body)))
    seconds, body = timed(lambda: cal.programme_feed(programme).ics())
    rows.append(("feed: ICS (DB + events)", seconds, len(body)))
    seconds, body = timed(lambda: jcal_bytes(cal.programme_feed(programme).jcal()))
    rows.append(("feed: jCal (DB + events)", seconds, len(body)))
    seconds, response = timed(lambda: client.get(url))
    assert response.status_code == 200
    rows.append(("HTTP GET .ics", seconds, len(response.content)))
    etag = response["ETag"]
    seconds, response = timed(lambda: client.get(url, headers={"Accept-Encoding": "gzip"}))
    assert response["Content-Encoding"] == "gzip"
    rows.append(("HTTP GET .ics, gzip", seconds, len(response.content)))
    seconds, response = timed(lambda: client.get(url + "?format=jcal"))
    assert response.status_code == 200
    rows.append(("HTTP GET ?format=jcal", seconds, len(response.content)))
    seconds, response = timed(lambda: client.get(url, headers={"If-None-Match": etag}))
    assert response.status_code == 304
    rows.append(("HTTP 304 revalidation", seconds, len(response.content)))
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    started = time.process_time()
    reference = to_icalendar(meta, events).to_ical()
    reference_seconds = time.process_time() - started
    assert reference == build_calendar(meta, events)

    print(f"Programme calendar feed, {N} activities (Asia/Almaty and Europe/Brussels, 2025–2026), SQLite; "
          f"median of {ROUNDS} runs after a warm-up")
    print(f"{'what':<28} {'median s':>9} {'CPU s':>7} {'bytes':>11}")
    for label, (seconds, cpu), size in rows:
        print(f"{label:<28} {seconds:>9.3f} {cpu:>7.3f} {size:>11,}")
    print(f"database queries per feed request: {len(queries)}")
    print(f"for comparison, the same ICS with icalendar's objects and serializer: {reference_seconds:.3f} CPU s "
          f"(identical bytes)")


if __name__ == "__main__":
    main()
