"""``hemicycle federation-programme``: a shared programme's activities from the command line.

For operators, the federation demo and the two-instance test: list and show activities, create, change and
cancel ours (the change goes to the partner), propose a change to the partner's (COUNTER), accept or decline the
partner's proposals, agree and countersign a version. ``--json`` prints machine-readable output.

Times are wall-clock times in the activity's own time zone (``2026-03-02T10:00``) unless they carry an offset.

    hemicycle federation-programme list
    hemicycle federation-programme update <uid> venue_en="Akorda" start=2026-03-02T11:00
    hemicycle federation-programme counter <uid> start=2025-11-21T10:00 end=2025-11-21T13:00 --note "A morning?"
    hemicycle federation-programme proposals
    hemicycle federation-programme accept <id>
"""

import datetime
import json
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hemicycle.cooperation import services, sync
from hemicycle.cooperation.models import Activity, ActivityProposal, Programme


def find_programme(value: str | None) -> Programme:
    programmes = Programme.objects.select_related("partnership")
    if value:
        programme = programmes.filter(public_id=value).first() or programmes.filter(
            public_id__endswith=f"/{value}").first()
    else:
        shared = [p for p in programmes.order_by("-period_start") if sync.peers_for_programme(p)]
        programme = shared[0] if shared else programmes.order_by("-period_start").first()
    if programme is None:
        raise CommandError(f"No programme {value or ''}".strip() + ".")
    return programme


def find_activity(uid: str) -> Activity:
    activity = Activity.objects.select_related("programme", "organizer").filter(uid=uid).first() or \
        Activity.objects.select_related("programme", "organizer").filter(public_id__endswith=f"/{uid}").first()
    if activity is None:
        raise CommandError(f"No activity {uid}.")
    return activity


def parse_time(text: str, zone: str) -> datetime.datetime:
    value = datetime.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zoneinfo.ZoneInfo(zone))
    return value


def parse_assignments(pairs: list[str], zone: str) -> dict:
    changes = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise CommandError(f"“{pair}” is not FIELD=VALUE.")
        changes[name] = value
    zone = changes.get("timezone", zone)
    for name in ("start", "end", "embargo_until"):
        if name in changes:
            changes[name] = parse_time(changes[name], zone)
    if "is_published" in changes:
        changes["is_published"] = changes["is_published"].lower() in {"1", "true", "yes"}
    return changes


def describe(activity: Activity) -> dict:
    return {
        "uid": activity.uid, "public_id": activity.public_id, "programme": activity.programme.public_id,
        "sequence": activity.sequence, "status": activity.status, "kind": activity.kind,
        "organizer": activity.organizer.public_id, "organizer_name": str(activity.organizer),
        "title": {code: getattr(activity, f"title_{code}") or "" for code in sync.LANGS},
        "start": activity.local_start.isoformat(), "end": activity.local_end.isoformat(),
        "timezone": activity.timezone, "venue_en": activity.venue_en or "", "city_en": activity.city_en or "",
        "proposals": [{"id": p.pk, "status": p.status, "changes": p.changes} for p in activity.proposals.all()],
    }


def describe_proposal(proposal: ActivityProposal) -> dict:
    return {"id": proposal.pk, "activity": proposal.activity.uid, "proposed_by": proposal.proposed_by.public_id,
            "proposed_by_name": str(proposal.proposed_by), "status": proposal.status, "changes": proposal.changes,
            "note": proposal.note}


class Command(BaseCommand):
    help = "List, create, change, cancel and counter-propose activities of a shared programme; decide proposals."
    requires_system_checks = []  # a quick operator command; `hemicycle check` runs them

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Machine-readable output")
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help="The programme's activities")
        listing.add_argument("--programme", help="Public id or UUID (default: the shared programme)")
        actions.add_parser("show", help="One activity").add_argument("uid")
        create = actions.add_parser("create", help="Create an activity we organize")
        create.add_argument("--programme")
        create.add_argument("--title", required=True, help="Title in English")
        create.add_argument("--kind", default=Activity.Kind.ROUND_TABLE, choices=Activity.Kind.values)
        create.add_argument("--start", required=True)
        create.add_argument("--end", required=True)
        create.add_argument("--timezone", required=True, help="IANA zone, e.g. Asia/Almaty")
        create.add_argument("--venue", default="")
        create.add_argument("--city", default="")
        create.add_argument("--status", default=Activity.Status.PROPOSED, choices=Activity.Status.values)
        create.add_argument("--organizer", help="Public id or demo key (default: HEMICYCLE_OWN_PARLIAMENT)")
        update = actions.add_parser("update", help="Change an activity we organize: FIELD=VALUE …")
        update.add_argument("uid")
        update.add_argument("changes", nargs="+")
        update.add_argument("--note", default="")
        actions.add_parser("cancel", help="Cancel an activity we organize").add_argument("uid")
        counter = actions.add_parser("counter", help="Propose a change to the partner's activity: FIELD=VALUE …")
        counter.add_argument("uid")
        counter.add_argument("changes", nargs="+")
        counter.add_argument("--note", default="")
        proposals = actions.add_parser("proposals", help="Proposed changes")
        proposals.add_argument("--status", default="", choices=["", *ActivityProposal.Status.values])
        actions.add_parser("accept", help="Accept a partner's proposal").add_argument("id", type=int)
        actions.add_parser("decline", help="Decline a partner's proposal").add_argument("id", type=int)
        sign = actions.add_parser("countersign", help="Agree the programme as it is now (if needed) and sign it")
        sign.add_argument("--programme")
        versions = actions.add_parser("versions", help="The programme's versions and their signatures")
        versions.add_argument("--programme")

    def out(self, options, data, text):
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) if options["json"] else text)

    def handle(self, *args, **options):
        try:
            getattr(self, f"do_{options['action']}")(options)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc

    def do_list(self, options):
        programme = find_programme(options["programme"])
        rows = [describe(a) for a in programme.activities.select_related("organizer", "programme")]
        self.out(options, {"programme": programme.public_id, "activities": rows}, "\n".join(
            f"{r['uid']}  SEQ {r['sequence']:<3} {r['status']:<10} {r['start'][:16]} {r['timezone']:<16} "
            f"{r['organizer_name'][:28]:<28} {r['title']['en']}" for r in rows) or "No activities.")

    def do_show(self, options):
        data = describe(find_activity(options["uid"]))
        self.out(options, data, json.dumps(data, ensure_ascii=False, indent=1))

    def do_create(self, options):
        programme = find_programme(options["programme"])
        organizer = sync.resolve_organization(options["organizer"] or "") or sync.own_parliament()
        if organizer is None:
            raise CommandError("Say who organizes it: --organizer, or set HEMICYCLE_OWN_PARLIAMENT.")
        activity = services.activity_create(
            programme=programme, organizer=organizer, kind=options["kind"],
            title_en=options["title"], start=parse_time(options["start"], options["timezone"]),
            end=parse_time(options["end"], options["timezone"]), timezone=options["timezone"],
            venue_en=options["venue"], city_en=options["city"], status=options["status"])
        self.out(options, describe(activity), f"Created {activity.uid} (SEQUENCE {activity.sequence}).")

    def do_update(self, options):
        activity = find_activity(options["uid"])
        if sync.organizer_peer(activity) is not None:
            raise CommandError("The partner organizes this activity: propose the change with `counter`.")
        changes = parse_assignments(options["changes"], activity.timezone)
        activity = services.activity_update(activity=activity, note=options["note"], **changes)
        self.out(options, describe(activity), f"Updated {activity.uid}: SEQUENCE {activity.sequence}.")

    def do_cancel(self, options):
        activity = find_activity(options["uid"])
        if sync.organizer_peer(activity) is not None:
            raise CommandError("The partner organizes this activity: only it can cancel it.")
        activity = services.activity_cancel(activity=activity)
        self.out(options, describe(activity), f"Cancelled {activity.uid}: SEQUENCE {activity.sequence}.")

    def do_counter(self, options):
        activity = find_activity(options["uid"])
        changes = parse_assignments(options["changes"], activity.timezone)
        proposal = sync.activity_counter(activity=activity, changes=changes, note=options["note"])
        self.out(options, describe_proposal(proposal), f"Proposed to the organizer as proposal #{proposal.pk}.")

    def do_proposals(self, options):
        proposals = ActivityProposal.objects.select_related("activity", "proposed_by").order_by("pk")
        if options["status"]:
            proposals = proposals.filter(status=options["status"])
        rows = [describe_proposal(p) for p in proposals]
        self.out(options, rows, "\n".join(
            f"#{r['id']} {r['status']:<9} {r['activity']} by {r['proposed_by_name']}: {r['changes']}" for r in rows)
            or "No proposals.")

    def _proposal(self, options) -> ActivityProposal:
        proposal = ActivityProposal.objects.filter(pk=options["id"]).first()
        if proposal is None:
            raise CommandError(f"No proposal #{options['id']}.")
        return proposal

    def do_accept(self, options):
        proposal = sync.proposal_accept(proposal=self._proposal(options))
        self.out(options, describe_proposal(proposal), f"Accepted proposal #{proposal.pk}.")

    def do_decline(self, options):
        proposal = sync.proposal_decline(proposal=self._proposal(options))
        self.out(options, describe_proposal(proposal), f"Declined proposal #{proposal.pk}.")

    def do_countersign(self, options):
        programme = find_programme(options["programme"])
        digest = services.snapshot_digest(services.programme_snapshot(programme))
        version = programme.versions.filter(digest=digest, status__in=("agreed", "amended")).order_by(
            "-number").first() or services.programme_agree(programme=programme)
        version = sync.programme_version_countersign(version=version)
        self.out(options, {"version": version.number, "digest": version.digest,
                           "signatures": sync.version_signatures(version)},
                 f"Signed version {version.number} ({version.digest[:12]}…); sent to the partner.")

    def do_versions(self, options):
        programme = find_programme(options["programme"])
        rows = [{"version": v.number, "status": v.status, "digest": v.digest,
                 "signatures": sync.version_signatures(v), "countersigned": v.is_countersigned}
                for v in programme.versions.all()]
        self.out(options, rows, "\n".join(
            f"v{r['version']} {r['status']:<8} {r['digest'][:12]}… ours: {r['signatures']['ours']} "
            f"partner: {r['signatures']['partner']}" for r in rows) or "No versions.")
