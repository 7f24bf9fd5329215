"""``hemicycle import-rollcall FILE --motion TEXT --date WHEN [--bill NUMBER] [--body ID] …``: record a roll-call.

The CSV has a ``person_id`` (or ``name``) column and an ``option`` column; see ``hemicycle.legislation.rollcall``.
On any bad line the command names every problem (line and column) and writes nothing.
"""

import datetime
import zoneinfo
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hemicycle.legislation.models import Amendment, Bill, Sitting, Stage
from hemicycle.legislation.rollcall import RollcallError, rollcall_import
from hemicycle.people.models import Organization


def _pid(kind: str, value: str) -> str:
    return value if value.startswith("ocd-") else f"ocd-{kind}/{value}"


def parse_when(value: str, tz: str) -> datetime.datetime:
    """``2026-03-12`` (noon that day) or ``2026-03-12T11:30`` (wall-clock time in ``tz``) or an aware ISO time."""
    try:
        if len(value) == 10:
            parsed = datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time(12))
        else:
            parsed = datetime.datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date: “{value}” is not a date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM)") from exc
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=zoneinfo.ZoneInfo(tz))
    return parsed


class Command(BaseCommand):
    help = "Record a roll-call vote from a CSV file (person_id or name, option)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV with a person_id (or name) column and an option column")
        parser.add_argument("--motion", required=True, help="What was put to the vote")
        parser.add_argument("--date", required=True, help="YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time of --tz)")
        parser.add_argument("--bill", help="The bill's number or public id")
        parser.add_argument("--amendment", help="The amendment's number (with --bill) or public id")
        parser.add_argument("--stage", help="Code of the bill's stage at which the vote was taken")
        parser.add_argument("--body", help="Public id of the voting body (default: the chamber of the bill, or of "
                            "the sitting)")
        parser.add_argument("--sitting", help="Public id (or uuid) of the sitting")
        parser.add_argument("--result", choices=["pass", "fail"],
                            help="The declared result (default: adopted when yes outnumbers no)")
        parser.add_argument("--tz", default="Asia/Almaty", help="Time zone of --date (default Asia/Almaty)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            csv_text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        bill = amendment = stage = sitting = None
        if options["bill"]:
            value = options["bill"]
            bill = Bill.objects.filter(public_id=_pid("bill", value)).first() if value.startswith("ocd-") else None
            bill = bill or Bill.objects.filter(number=value).order_by("-introduced_on").first()
            if bill is None:
                raise CommandError(f"--bill: no bill “{value}”")
        if options["amendment"]:
            value = options["amendment"]
            found = Amendment.objects.filter(public_id=_pid("amendment", value))
            if bill is not None:
                found = found | Amendment.objects.filter(bill=bill, number=value)
            amendment = found.first()
            if amendment is None:
                raise CommandError(f"--amendment: no amendment “{value}”")
            bill = bill or amendment.bill
        if options["stage"]:
            if bill is None:
                raise CommandError("--stage needs --bill")
            stage = Stage.objects.filter(workflow=bill.bill_type.workflow, code=options["stage"]).first()
            if stage is None:
                raise CommandError(f"--stage: no stage “{options['stage']}” in the bill's workflow")
        if options["sitting"]:
            sitting = Sitting.objects.filter(public_id=_pid("sitting", options["sitting"])).first()
            if sitting is None:
                raise CommandError(f"--sitting: no sitting “{options['sitting']}”")
        if options["body"]:
            organization = Organization.objects.filter(public_id=_pid("organization", options["body"])).first()
            if organization is None:
                raise CommandError(f"--body: no body “{options['body']}”")
        elif sitting is not None:
            organization = sitting.organization
        elif bill is not None:
            organization = bill.chamber
        else:
            raise CommandError("name the voting body with --body (or give --bill or --sitting)")
        start = parse_when(options["date"], options["tz"])
        try:
            event = rollcall_import(organization=organization, motion=options["motion"], start=start,
                                    csv_text=csv_text, by=None, bill=bill, amendment=amendment, stage=stage,
                                    sitting=sitting, result=options["result"])
        except RollcallError as exc:
            raise CommandError("nothing imported:\n" + "\n".join(f"  {p}" for p in exc.problems)) from exc
        self.stdout.write(f"{event.public_id}: {event.get_result_display()} — yes {event.yes_count}, "
                          f"no {event.no_count}, abstain {event.abstain_count}, absent {event.absent_count}")
