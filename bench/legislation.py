"""Bill page, member page and search under load, at 10,000 bills and 1,000,000 individual votes on PostgreSQL.

What it measures: requests per second and latency percentiles of the real server (``hemicycle serve``: granian,
WEB_CONCURRENCY worker processes, DEBUG off, Redis cache) on loopback, driven by CONCURRENCY client threads with
keep-alive connections, for DURATION seconds per page after WARMUP seconds unmeasured:
- a random bill page, in English and in Kazakh (``/en/legislation/bills/<uuid>/``, ``/kk/...``), among all bills;
- a random member page (``/en/people/<uuid>/``) among the 145 members who vote, with their votes and attendance;
- search (``/<lang>/search/?q=<word>``): a word of a bill title, in the title's language (kk, ru, en, fr, nl, de).
Every answer must be 200: other statuses and failed connections are counted, printed, and make the script fail.
Beside the latencies, the CPU milliseconds each request cost the server's processes and its PostgreSQL backends
(from /proc: they hold when other work shares the machine, when requests per second do not), the client's own CPU,
and the number of database queries of each page (Django's test client, in this process).

The data set: the demo world, then BILLS demo bills with about VOTES individual votes among them
(``hemicycle demo-legislation --bills BILLS --votes VOTES``: bills go to their roll-calls of 145 members while
the votes so far are under the budget's share; the others wait in committee), then ``hemicycle
rebuild-search-index`` when that command exists. It is made once in DATABASE_URL's database (created when missing)
and kept: a re-run with the same BILLS and VOTES reuses it (FRESH=1 makes it again; REINDEX=1 rebuilds the index).
A database that this script did not make is never dropped nor filled: it stops and asks for another name.

    uv run python bench/legislation.py            # or: make bench
    DURATION=60 CONCURRENCY=16 uv run python bench/legislation.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/other REDIS_URL=redis://127.0.0.1:6379/1 uv run python ...
    BILLS=1000 VOTES=100000 uv run python bench/legislation.py    # a smaller data set, in its own database
"""

import http.client
import json
import os
import random
import re
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hemicycle_bench")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
BILLS = int(os.environ.get("BILLS", "10000"))
VOTES = int(os.environ.get("VOTES", "1000000"))
DURATION = float(os.environ.get("DURATION", "20"))
WARMUP = float(os.environ.get("WARMUP", "3"))
CONCURRENCY = int(os.environ.get("CONCURRENCY", "8"))
WORKERS = os.environ.get("WEB_CONCURRENCY", "2")
SEED = 1
#: Written on the databases this script makes: it drops no other.
OWNER = "bench/legislation.py"
KNOBS = ("DATABASE_URL", "REDIS_URL", "BILLS", "VOTES", "DURATION", "WARMUP", "CONCURRENCY", "WEB_CONCURRENCY",
         "FRESH", "REINDEX")


def the_command() -> str:
    knobs = " ".join(f"{name}={shlex.quote(os.environ[name])}" for name in KNOBS if name in os.environ)
    return f"{knobs + ' ' if knobs else ''}uv run python bench/legislation.py"


def database_ensure(url: str, wanted: dict) -> dict:
    """The note kept on the database of ``url`` about its data set (as its COMMENT); ``{}`` when the database is
    new. A database this script made whose data set is not the one wanted, or is unfinished (or FRESH=1), is
    dropped and created again: faster than deleting a million rows. Any other database is left alone."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            row = conn.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                               [name]).fetchone()
            try:
                note = json.loads(row[0] or "{}") if row else {}
            except ValueError:
                note = {}
            if row and note.get("made_by") != OWNER:
                sys.exit(f"bench/legislation.py: the database {name} exists and was not made by this script; it "
                         f"leaves it alone. Name another one in DATABASE_URL.")
            stale = note.get("wanted") != wanted or not note.get("generated_in")
            if row and (os.environ.get("FRESH") == "1" or stale):
                print(f"dropping database {name}: its data set is not the one wanted here, or unfinished", flush=True)
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
                row, note = None, {}
            if not row:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                    sql.Identifier(name), sql.Literal(json.dumps({"made_by": OWNER}))))
                print(f"created database {name}", flush=True)
    except psycopg.OperationalError as exc:
        sys.exit(f"bench/legislation.py needs PostgreSQL at {parts.hostname}:{parts.port or 5432} ({exc}).")
    return note


def redis_check(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        sys.exit(f"bench/legislation.py needs Redis at {url} ({exc}).")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the data set ---------------------------------------------------------------------------------------------

def dataset_ensure(note: dict, wanted: dict) -> dict:
    """Migrate, load the demo world, generate the bills and votes and index them, unless that was done already."""
    from django.core.management import call_command, get_commands
    from django.db import connection

    from hemicycle.legislation.demo import generate_demo_legislation
    from hemicycle.legislation.models import Bill, Vote

    call_command("migrate", verbosity=0, interactive=False)
    made_now = False
    if not note.get("generated_in"):
        from hemicycle.demo.world import load_demo_world

        load_demo_world()
        print(f"generating {BILLS:,} bills with about {VOTES:,} votes (hemicycle demo-legislation --bills {BILLS} "
              f"--votes {VOTES} --seed {SEED}) …", flush=True)
        started = time.perf_counter()
        counts = generate_demo_legislation(bills=BILLS, votes=VOTES, seed=SEED)
        note = {"made_by": OWNER, "wanted": wanted, "generated_in": round(time.perf_counter() - started, 1),
                "counts": counts}
        made_now = True
    reindex = made_now or os.environ.get("REINDEX") == "1" or not note.get("indexed_in")
    if reindex and "rebuild_search_index" in get_commands():
        print("hemicycle rebuild-search-index …", flush=True)
        started = time.perf_counter()
        call_command("rebuild_search_index", verbosity=0)
        note["indexed_in"] = round(time.perf_counter() - started, 1)
    elif "rebuild_search_index" not in get_commands():
        print("note: no rebuild-search-index command here; search runs on whatever the search page reads")
        note.pop("indexed_in", None)
    with connection.cursor() as cursor:
        if made_now or reindex:
            cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would gather them after a while
        cursor.execute(f"COMMENT ON DATABASE {connection.ops.quote_name(connection.settings_dict['NAME'])} "
                       f"IS %s", [json.dumps(note)])
    note["made_now"] = made_now
    note["bills"] = Bill.objects.count()
    note["votes"] = Vote.objects.count()
    return note


def pages() -> dict[str, list[str]]:
    """The addresses each scenario draws from."""
    from django.conf import settings

    from hemicycle.legislation.models import Bill, Vote
    from hemicycle.people.models import Person

    uuids = [pid.split("/", 1)[1] for pid in Bill.objects.filter(is_published=True).values_list("public_id", flat=True)]
    voters = Vote.objects.values("person_id").distinct()
    members = [pid.split("/", 1)[1] for pid in
               Person.objects.filter(pk__in=voters).values_list("public_id", flat=True)]
    words = set()
    languages = settings.MODELTRANSLATION_LANGUAGES
    for row in Bill.objects.filter(is_demo=True).values(*(f"title_{lang}" for lang in languages))[:2000]:
        for lang in languages:
            for word in re.findall(r"\w{5,}", row[f"title_{lang}"] or ""):
                words.add((lang, word.lower()))
    return {
        "bill page (en)": [f"/en/legislation/bills/{uuid}/" for uuid in uuids],
        "bill page (kk)": [f"/kk/legislation/bills/{uuid}/" for uuid in uuids],
        "member page (en)": [f"/en/people/{uuid}/" for uuid in members],
        "search (6 languages)": [f"/{lang}/search/?{urllib.parse.urlencode({'q': word})}"
                                 for lang, word in sorted(words)],
    }


def query_counts(addresses: dict[str, list[str]]) -> dict[str, int]:
    """Database queries of one request of each page (Django's test client, in this process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for label, urls in addresses.items():
        url = urls[len(urls) // 2]
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[label] = len(queries) if response.status_code == 200 else -response.status_code
    return counts


# --- the server and the load --------------------------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> tuple[int, float] | None:
    """(parent pid, user + system CPU seconds) of a process, from /proc; None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def cpu_seconds(server_pid: int, database: str) -> dict[str, dict[int, float]]:
    """CPU seconds so far of the server's processes (granian and its workers) and of the PostgreSQL backends
    connected to ``database``: what the pages cost the machine, whatever else runs on it."""
    import psycopg

    processes = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _cpu_of(int(entry.name))):
            processes[int(entry.name)] = found
    server, frontier = {server_pid}, [server_pid]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, (ppid, _cpu) in processes.items() if ppid == parent and pid not in server]
        server.update(children)
        frontier.extend(children)
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        backends = {row[0] for row in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [database])}
    return {"server": {pid: processes[pid][1] for pid in server if pid in processes},
            "database": {pid: processes[pid][1] for pid in backends if pid in processes}}


def cpu_spent(before: dict, after: dict) -> dict[str, float]:
    return {side: sum(cpu - before[side].get(pid, 0.0) for pid, cpu in after[side].items()) for side in after}

class Server:
    def __init__(self, port: int, log: Path):
        env = {**os.environ, "DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL, "DEBUG": "0", "HOST": "127.0.0.1",
               "PORT": str(port), "WEB_CONCURRENCY": WORKERS, "HEMICYCLE_ENV": "development"}
        self.port, self.log = port, log
        hemicycle = Path(sys.executable).parent / "hemicycle"
        self.process = subprocess.Popen([str(hemicycle), "serve"], env=env, cwd=ROOT,
                                        stdout=log.open("wb"), stderr=subprocess.STDOUT)

    def wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"hemicycle serve stopped:\n{self.log.read_text()[-3000:]}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        sys.exit(f"hemicycle serve did not answer /healthz in {timeout:.0f} s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def load(port: int, urls: list[str], seconds: float, seed: int) -> dict:
    """CONCURRENCY threads, each on its own keep-alive connection, GET random ``urls`` for ``seconds``."""
    latencies: list[list[float]] = [[] for _ in range(CONCURRENCY)]
    errors: list[dict[str, int]] = [{} for _ in range(CONCURRENCY)]
    deadline = time.perf_counter() + seconds

    def client(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        conn = None
        while time.perf_counter() < deadline:
            url = rng.choice(urls)
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", url, headers={"Accept-Encoding": "identity"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                conn = None
                status = type(exc).__name__
            elapsed = time.perf_counter() - started
            if status == 200:
                latencies[index].append(elapsed)
            else:
                errors[index][str(status)] = errors[index].get(str(status), 0) + 1
                if len(errors[index]) == 1 and sum(errors[index].values()) == 1:
                    print(f"  {status} for {url}", flush=True)

    cpu = time.process_time()
    wall = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - wall
    merged_errors: dict[str, int] = {}
    for found in errors:
        for status, n in found.items():
            merged_errors[status] = merged_errors.get(status, 0) + n
    return {"latencies": sorted(x for chunk in latencies for x in chunk), "errors": merged_errors, "wall": wall,
            "client_cpu": time.process_time() - cpu}


def row(label: str, result: dict) -> str:
    values = result["latencies"]
    n, failed = len(values), sum(result["errors"].values())
    spent = result["spent"]
    per_request = {side: seconds * 1000 / max(n + failed, 1) for side, seconds in spent.items()}
    if n >= 2:
        cuts = statistics.quantiles(values, n=100, method="inclusive")
        p50, p90, p99 = cuts[49] * 1000, cuts[89] * 1000, cuts[98] * 1000
    else:
        p50 = p90 = p99 = float("nan")
    top = values[-1] * 1000 if values else float("nan")
    return (f"{label:<22} {n + failed:>8} {failed:>7} {n / result['wall']:>8.1f} {p50:>8.1f} {p90:>8.1f} "
            f"{p99:>8.1f} {top:>8.1f} {per_request['server']:>7.1f} {per_request['database']:>7.1f} "
            f"{result['client_cpu'] / result['wall'] * 100:>6.0f}%")


def main() -> None:
    sys.path.insert(0, str(ROOT))
    command = the_command()
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/legislation.py measures PostgreSQL: DATABASE_URL must be a postgres:// address.")
    wanted = {"bills": BILLS, "votes": VOTES, "seed": SEED}
    note = database_ensure(DATABASE_URL, wanted)
    redis_check(REDIS_URL)
    os.environ.update(DATABASE_URL=DATABASE_URL, REDIS_URL=REDIS_URL, DJANGO_SETTINGS_MODULE="hemicycle.settings")
    os.environ.setdefault("DEBUG", "0")

    import django

    django.setup()
    data = dataset_ensure(note, wanted)
    addresses = pages()
    counts = query_counts(addresses)
    from django.db import connections

    connections.close_all()

    database = urllib.parse.urlsplit(DATABASE_URL).path.lstrip("/")
    log = Path(tempfile.mkstemp(prefix="hemicycle-bench-legislation-", suffix=".log")[1])
    server = Server(free_port(), log)
    results = {}
    load_before = os.getloadavg()[0]
    try:
        server.wait()
        for number, (label, urls) in enumerate(addresses.items()):
            print(f"{label}: warming up {WARMUP:.0f} s, measuring {DURATION:.0f} s …", flush=True)
            load(server.port, urls, WARMUP, seed=number + 100)
            before = cpu_seconds(server.process.pid, database)
            results[label] = load(server.port, urls, DURATION, seed=number)
            results[label]["spent"] = cpu_spent(before, cpu_seconds(server.process.pid, database))
    finally:
        server.stop()
    load_after = os.getloadavg()[0]

    generated = ("now" if data["made_now"] else "earlier") + f", in {data.get('generated_in', '?')} s"
    indexed = f"; search index rebuilt in {data['indexed_in']} s" if data.get("indexed_in") else ""
    print()
    print(f"Hemicycle under load: {data['bills']:,} bills, {data['votes']:,} individual votes on PostgreSQL "
          f"(generated {generated}{indexed})")
    print(f"hemicycle serve: granian, {WORKERS} workers, DEBUG off, Redis cache; {CONCURRENCY} client threads with "
          f"keep-alive connections on this {os.cpu_count()}-core machine; {DURATION:.0f} s per page after "
          f"{WARMUP:.0f} s of warm-up")
    print(f"command: {command}")
    print(f"load average (1 min) before the first page and after the last: {load_before:.2f}, {load_after:.2f} "
          f"(other work on the machine takes cores from the server)")
    print(f"{'page':<22} {'requests':>8} {'errors':>7} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'app CPU':>7} {'DB CPU':>7} {'client':>7}")
    for label, result in results.items():
        print(row(label, result))
    print("database queries per page: " + ", ".join(f"{label} {n}" for label, n in counts.items()))
    print("app CPU, DB CPU: CPU milliseconds per request of the server's processes and of its PostgreSQL "
          "backends; client: the load generator's own CPU time, as a share of one core")
    failed = {label: r["errors"] for label, r in results.items() if r["errors"]}
    bad_pages = {label: n for label, n in counts.items() if n < 0}
    if failed or bad_pages:
        print(f"FAILED: answers other than 200: {failed or bad_pages}; server log: {log}", file=sys.stderr)
        sys.exit(1)
    log.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
