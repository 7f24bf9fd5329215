"""How long a change takes to reach the partner parliament's instance, pushed and pulled, over loopback.

Two real instances (Kazakhstan's and Belgium's) are prepared in a temporary folder exactly as in the two-instance
test — own SQLite databases and keys, migrated, demo world, paired — and served with ``hemicycle serve``
(granian, one worker each). This process then acts as Kazakhstan's back office on Kazakhstan's database:

- push: ROUNDS changes to one activity (``activity_update``), one after the other. Each is timed from the call
  to the moment Belgium's instance has answered "applied" (the push runs right after the commit: sign, POST,
  Belgium verifies, applies and commits in its own database), then until the change shows in Belgium's public
  programme feed (one more HTTP request that builds the whole feed).
- pull: Belgium's server is stopped, CATCH_UP changes are made on Kazakhstan's side (their pushes fail at once:
  connection refused), Belgium is started again and ``hemicycle federation-sync`` runs on Belgium's side. The
  command prints how long its push + pull took; the wall time includes the command's start-up (Django).
- and, for scale, signing and verifying one envelope (Ed25519 over canonical JSON).

    uv run python bench/federation.py            # or: make bench
    ROUNDS=50 CATCH_UP=200 uv run python bench/federation.py
"""

import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = int(os.environ.get("ROUNDS", "30"))
CATCH_UP = int(os.environ.get("CATCH_UP", "50"))


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return f"median {statistics.median(ordered) * 1000:7.1f} ms   p90 {p90 * 1000:7.1f} ms   (n={len(ordered)})"


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from hemicycle.cooperation.tests.fed_instances import prepare_pair, wait_for

    root = Path(tempfile.mkdtemp(prefix="hemicycle-bench-federation-"))
    kz = be = None
    try:
        started = time.perf_counter()
        kz, be = prepare_pair(root)
        kz.start()
        be.start()
        print(f"two instances prepared and started in {time.perf_counter() - started:.1f} s")

        # This process becomes Kazakhstan's back office.
        os.environ.update(kz.env)
        import django

        django.setup()
        from django.conf import settings

        from hemicycle.calendars import signing
        from hemicycle.calendars.federation import deliver_pending
        from hemicycle.calendars.models import OutboundMessage, Peer
        from hemicycle.cooperation import services
        from hemicycle.cooperation.models import Activity, Programme
        from hemicycle.cooperation.sync import activity_vevent, new_uid, own_parliament, vcalendar

        programme = Programme.objects.get(public_id__startswith="ocd-programme/", partnership__isnull=False)
        programme_uuid = programme.public_uuid
        activity = services.activity_create(
            programme=programme, uid=new_uid(), organizer=own_parliament(), kind=Activity.Kind.ROUND_TABLE,
            title_en="Benchmark round table", start=programme.activities.first().start,
            end=programme.activities.first().end, timezone="Asia/Almaty", status=Activity.Status.AGREED)

        def feed_sequence() -> int | None:
            status, text = be.get(f"/calendars/programmes/{programme_uuid}.ics")
            unfolded = text.replace("\r\n ", "")
            match = re.search(rf"UID:{re.escape(activity.uid)}\r\n(?:.*\r\n)*?SEQUENCE:(\d+)", unfolded)
            return int(match.group(1)) if status == 200 and match else None

        wait_for(lambda: feed_sequence() is not None, timeout=20, what="the benchmark activity on BE")

        # The push normally runs on commit; here it is called right after the commit, so that the local
        # change and the delivery can be timed apart (the sum is what an officer's save waits for).
        settings.FEDERATION_PUSH_ON_COMMIT = False
        peer = Peer.objects.get()
        local, delivery, applied, visible = [], [], [], []
        for n in range(ROUNDS):
            t0 = time.perf_counter()
            activity = services.activity_update(activity=activity, venue_en=f"Hall {n % 2 + 1}")
            t1 = time.perf_counter()
            report = deliver_pending(peer)
            t2 = time.perf_counter()
            assert report.delivered == 1, report
            sequence = activity.sequence
            wait_for(lambda s=sequence: feed_sequence() == s, timeout=20, interval=0.001, what="the change on BE")
            t3 = time.perf_counter()
            local.append(t1 - t0)
            delivery.append(t2 - t1)
            applied.append(t2 - t0)
            visible.append(t3 - t0)
        settings.FEDERATION_PUSH_ON_COMMIT = True
        undelivered = OutboundMessage.objects.filter(delivered_at__isnull=True).count()

        be.stop()
        t0 = time.perf_counter()
        for n in range(CATCH_UP):
            activity = services.activity_update(activity=activity, venue_en=f"Room {n}")
        offline = time.perf_counter() - t0
        be.start()
        t0 = time.perf_counter()
        result = be.run("federation-sync")
        wall = time.perf_counter() - t0
        reported = re.search(r"pulled (\d+) \(([\d.]+) s\)", result.stdout)
        caught_up = feed_sequence() == activity.sequence

        envelope_body = {"from": "kz", "to": "be", "seq": 1, "sent_at": "2025-01-01T00:00:00.000Z",
                         "method": "REQUEST", "uid": activity.uid,
                         "jcal": vcalendar("REQUEST", activity_vevent(activity))}
        key = signing.load_private_key(kz.env["HEMICYCLE_FEDERATION_KEY"])
        rounds = 500
        t0 = time.perf_counter()
        for _ in range(rounds):
            envelope = signing.sign_envelope(envelope_body, key)
        sign = (time.perf_counter() - t0) / rounds
        t0 = time.perf_counter()
        for _ in range(rounds):
            signing.verify_envelope(envelope, kz.public_key)
        verify = (time.perf_counter() - t0) / rounds

        print()
        print(f"Push, one change at a time (ROUNDS={ROUNDS}), Kazakhstan → Belgium over loopback:")
        print(f"  the change here (transaction, outbox, signature)         {summary(local)}")
        print(f"  the push (POST; partner verifies, applies, commits)      {summary(delivery)}")
        print(f"  change made → applied on the partner (push acknowledged) {summary(applied)}")
        print(f"  change made → visible in the partner's programme feed    {summary(visible)}")
        print(f"  messages left undelivered: {undelivered}")
        print(f"Catch-up by pull after an outage (CATCH_UP={CATCH_UP} changes made while Belgium was down, "
              f"{offline / CATCH_UP * 1000:.1f} ms each with the failed push):")
        print(f"  federation-sync on Belgium: {reported.group(1) if reported else '?'} messages in "
              f"{reported.group(2) if reported else '?'} s (push + pull, as the command measures it); "
              f"{wall:.2f} s wall with the command's start-up; caught up: {caught_up}")
        size = len(signing.canonical_json(envelope))
        print(f"Ed25519 over canonical JSON, one {size}-byte envelope: sign {sign * 1e6:.0f} µs, "
              f"verify {verify * 1e6:.0f} µs")
    finally:
        for instance in (kz, be):
            if instance is not None:
                instance.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
