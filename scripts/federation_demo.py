"""Two federated Hemicycle instances on loopback: Kazakhstan's on :8001, Belgium's on :8002 (``make federation-demo``).

    uv run python scripts/federation_demo.py              # set up (first time), pair, serve both; Ctrl-C stops both
    uv run python scripts/federation_demo.py run kz federation-programme list     # a command on one side
    uv run python scripts/federation_demo.py reset        # forget both databases (the keys stay)

Each side lives in var/federation/<side>/ (git-ignored): its own SQLite database and its own Ed25519 key
(var/federation/<side>/key, mode 600, made by ``hemicycle federation-keygen``; it reaches the server only through
HEMICYCLE_FEDERATION_KEY in the environment). Both load the demo world, seen from their own side
(HEMICYCLE_OWN_PARLIAMENT=kz or be), pin each other's public key and serve with ``hemicycle serve`` (granian).
KZ_PORT and BE_PORT change the ports.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hemicycle.cooperation.tests.fed_instances import Instance, wait_for  # noqa: E402
from hemicycle.core.ids import derived_public_id  # noqa: E402

ROOT = REPO / "var" / "federation"


def instances() -> dict[str, Instance]:
    kz = Instance("Kazakhstan", var_dir=ROOT / "kz", port=int(os.environ.get("KZ_PORT", "8001")),
                  instance_id="kz.hemicycle.localhost", own_parliament="kz", workers=2)
    be = Instance("Belgium", var_dir=ROOT / "be", port=int(os.environ.get("BE_PORT", "8002")),
                  instance_id="be.hemicycle.localhost", own_parliament="be", workers=2)
    return {"kz": kz, "be": be}


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def say(text: str = "") -> None:
    print(text, flush=True)


def feed_entry(instance: Instance, programme_uuid: str, uid: str) -> dict:
    """SEQUENCE, STATUS and LOCATION of one event in the instance's public programme feed."""
    status, text = instance.get(f"/calendars/programmes/{programme_uuid}.ics")
    if status != 200:
        return {}
    lines = text.replace("\r\n ", "").splitlines()
    entry, inside = {}, False
    for line in lines:
        if line == "BEGIN:VEVENT":
            entry, inside = {}, True
        elif line == "END:VEVENT" and inside:
            if entry.get("UID") == uid:
                return entry
            inside = False
        elif inside and ":" in line:
            name, _, value = line.partition(":")
            entry.setdefault(name.split(";")[0], value)
    return {}


def up() -> None:
    sides = instances()
    kz, be = sides["kz"], sides["be"]
    for instance in sides.values():
        if not port_is_free(instance.port):
            sys.exit(f"Port {instance.port} is taken: stop what runs there, or set KZ_PORT / BE_PORT.")
    for side, instance in sides.items():
        say(f"== {instance.name} ({side}): {instance.var_dir.relative_to(REPO)}")
        instance.keygen()
        instance.run("migrate", "--noinput", "--verbosity", "0")
        loaded = instance.run("load-demo", "--no-legislation").stdout.strip().splitlines()
        say("   " + loaded[0])
        if side == "kz":
            accounts = "\n".join("   " + line for line in loaded[1:] if line.strip())
        say("   " + instance.run("federation-demo-setup").stdout.strip())
    kz.pair_with(be, name="Belgian Federal Parliament", organization="be-parliament")
    be.pair_with(kz, name="Parliament of Kazakhstan", organization="kz-parliament")
    say("== Paired: each instance pinned the other's public key.")

    try:
        for instance in sides.values():
            instance.start()
        for instance in sides.values():
            instance.run("federation-sync", check=False)  # whatever waited from an earlier run
        demonstrate(kz, be)
        say("")
        say(accounts.strip() and "Demo staff accounts (on both instances):\n" + accounts)
        say("\nCtrl-C stops both.")
        while all(instance.process and instance.process.poll() is None for instance in sides.values()):
            time.sleep(0.5)
        say("A server stopped; stopping the other.")
    except KeyboardInterrupt:
        say("\nStopping both instances …")
    finally:
        # A terminal's Ctrl-C reaches us twice (directly, and forwarded by `uv run`): the second must not cut
        # the stopping short and leave a server behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for instance in sides.values():
            instance.stop()
        say("Both stopped.")


def demonstrate(kz: Instance, be: Instance) -> None:
    listing = json.loads(kz.run("federation-programme", "--json", "list").stdout)
    programme_uuid = listing["programme"].split("/", 1)[1]
    kz_parliament = derived_public_id("organization", scheme="hemicycle-demo", source_id="kz-parliament")
    open_ = [a for a in listing["activities"] if a["status"] not in ("held", "reported", "cancelled")]
    own = [a for a in open_ if a["organizer"] == kz_parliament]
    partner = [a for a in open_ if a["organizer"] != kz_parliament]
    prog = f"/calendars/programmes/{programme_uuid}.ics"
    page = f"/en/cooperation/programmes/{programme_uuid}/"
    say("")
    say(f"Kazakhstan  {kz.url}{page}")
    say(f"            feed {kz.url}{prog}")
    say(f"Belgium     {be.url}{page}")
    say(f"            feed {be.url}{prog}")
    say("Back office: /en/admin/ on either — federation: /en/admin/calendars/ (peers, inbox, outbox), the "
        "partner's proposals: /en/admin/cooperation/activityproposal/")
    if not own:
        return
    activity = own[0]
    uid = activity["uid"]
    venue = "Akorda" if activity["venue_en"] != "Akorda" else "Parliament House"
    before = feed_entry(be, programme_uuid, uid)
    started = time.perf_counter()
    kz.run("federation-programme", "update", uid, f"venue_en={venue}")
    after = wait_for(lambda: (e := feed_entry(be, programme_uuid, uid)) and e.get("SEQUENCE") != before.get(
        "SEQUENCE") and e, timeout=20, what="the change on Belgium's instance")
    say("")
    say(f"Demonstration: on Kazakhstan's instance, “{activity['title']['en']}” moved to {venue}.")
    say(f"  Belgium's feed, before: SEQUENCE {before.get('SEQUENCE', '?')}, LOCATION {before.get('LOCATION', '')}")
    say(f"  Belgium's feed, after:  SEQUENCE {after.get('SEQUENCE')}, LOCATION {after.get('LOCATION', '')}"
        f"  ({time.perf_counter() - started:.1f} s including the command's start-up)")
    run = "uv run python scripts/federation_demo.py run"
    say("")
    say("Try it yourself, in another terminal:")
    say(f"  {run} kz federation-programme list")
    say(f"  {run} kz federation-programme update {uid} start={activity['start'][:11]}15:00 "
        f"end={activity['end'][:11]}17:00")
    say(f"  curl -s {be.url}{prog} | grep -B3 -A12 'UID:{uid}'")
    if partner:
        other = partner[0]
        say("A change Belgium proposes to an activity Kazakhstan organizes (COUNTER), decided in Astana:")
        say(f"  {run} be federation-programme counter {uid} venue_en=\"Embassy of Belgium\" --note \"Closer for us\"")
        say(f"  {run} kz federation-programme proposals")
        say(f"  {run} kz federation-programme accept <id>     (or decline <id>)")
        say(f"Belgium's own activities change on Belgium's side, e.g. {run} be federation-programme update "
            f"{other['uid']} venue_en=\"Egmont Palace\"")
    say(f"  {run} kz federation-status")
    say(f"Stop one side and bring it back: it catches up with `{run} be federation-sync`.")


def run(side: str, args: list[str]) -> None:
    sides = instances()
    if side not in sides:
        sys.exit("run kz … or run be …")
    instance = sides[side]
    instance.keygen()
    result = subprocess.run([str(Path(sys.executable).with_name("hemicycle")), *args], env=instance.env, cwd=REPO)
    sys.exit(result.returncode)


def reset() -> None:
    for side in ("kz", "be"):
        for path in (ROOT / side).glob("hemicycle.sqlite3*"):
            path.unlink()
    say("Both databases removed (keys kept); `make federation-demo` builds them again.")


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    args = sys.argv[1:]
    if not args or args[0] == "up":
        up()
    elif args[0] == "run" and len(args) >= 3:
        run(args[1], args[2:])
    elif args[0] == "reset":
        reset()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
