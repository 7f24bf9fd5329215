"""Median time to render the home page and a person page, with the demo world loaded.

What it measures: one request through the whole Django stack (middleware, views, templates, SQLite queries) with
Django's test client, in this process: no network, no server, no browser. A fresh SQLite database in a temporary
folder is migrated and the demo world loaded first; each page is fetched WARMUP times before the timed rounds.

    uv run python bench/pages.py            # or: make bench
    ROUNDS=200 uv run python bench/pages.py
"""

import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = int(os.environ.get("ROUNDS", "100"))
WARMUP = 5


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    var_dir = tempfile.mkdtemp(prefix="hemicycle-bench-")
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

    from hemicycle.demo.world import load_demo_world
    from hemicycle.people.models import Person

    call_command("migrate", verbosity=0, interactive=False)
    load_demo_world()
    person = Person.objects.filter(name__icontains="Vassilenko").first() or Person.objects.first()
    client = Client()
    pages = {"home (en)": "/en/", "home (kk)": "/kk/", "person (en)": person.get_absolute_url(),
             "person (fr)": person.get_absolute_url().replace("/en/", "/fr/", 1)}

    print(f"Hemicycle page rendering, demo world on SQLite, {ROUNDS} rounds after {WARMUP} warm-up requests")
    print(f"{'page':<14} {'median ms':>10} {'p90 ms':>8} {'queries':>8} {'bytes':>8}")
    for label, path in pages.items():
        for _ in range(WARMUP):
            assert client.get(path).status_code == 200, path
        timings = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        p90 = statistics.quantiles(timings, n=10)[-1]
        print(f"{label:<14} {statistics.median(timings):>10.2f} {p90:>8.2f} {len(queries):>8} "
              f"{len(response.content):>8}")


if __name__ == "__main__":
    main()
