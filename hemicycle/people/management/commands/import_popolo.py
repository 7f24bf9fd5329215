"""``hemicycle import-popolo FILE [--source NAME] [--dry-run]``: import a Popolo (EveryPolitician) file."""

import json
import re
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from hemicycle.people.importers.popolo import REPORT_ORDER, PopoloImportError, popolo_import


def default_source(path: Path) -> str:
    """A source name from the file name, so that the same file gets the same public ids without ``--source``.

    ``kazakhstan-mazhilis-ep-popolo-v1.0.json`` gives ``kazakhstan-mazhilis``; EveryPolitician's own layout
    ``data/Kazakhstan/Assembly/ep-popolo-v1.0.json`` gives ``kazakhstan-assembly``.
    """
    stem = path.name.removesuffix(".json")
    stem = re.sub(r"[-_.]?ep-popolo-v[0-9.]+$", "", stem)
    if not stem:
        stem = "-".join(part for part in (path.parent.parent.name, path.parent.name) if part)
    return stem.lower() or "popolo"


class _RollBack(Exception):
    """Raised at the end of a dry run so that the transaction is undone."""


class Command(BaseCommand):
    help = "Import persons, organizations, memberships, posts, areas and events from a Popolo JSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A Popolo JSON file, such as an EveryPolitician ep-popolo-v1.0.json")
        parser.add_argument("--source", help="Short name of where the data comes from; public ids derive from it "
                            "(default: taken from the file name, e.g. kazakhstan-mazhilis)")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, but write nothing")

    def handle(self, *args, file, source=None, dry_run=False, **options):
        path = Path(file)
        data = self.read(path)
        source = source or default_source(path)
        started = time.perf_counter()
        # tqdm writes carriage returns; Django's OutputWrapper would add a newline to each, so use its stream.
        stream = getattr(self.stderr, "_out", sys.stderr)
        with tqdm(total=0, unit="record", file=stream, disable=None, leave=False) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            try:
                with transaction.atomic():
                    report = popolo_import(data=data, source=source, progress=progress)
                    if dry_run:
                        raise _RollBack
            except _RollBack:
                pass
            except PopoloImportError as exc:
                raise CommandError(_("%(file)s: %(path)s: %(reason)s")
                                   % {"file": path, "path": exc.path, "reason": exc.reason}) from exc
        seconds = time.perf_counter() - started
        self.print_report(report, path=path, seconds=seconds, dry_run=dry_run)

    def read(self, path: Path):
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(_("%(file)s: no such file") % {"file": path}) from None
        except OSError as exc:
            raise CommandError(_("%(file)s: cannot be read: %(error)s") % {"file": path, "error": exc.strerror}) \
                from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(_("%(file)s: not UTF-8 text (byte %(at)d)") % {"file": path, "at": exc.start}) \
                from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(_("%(file)s: not valid JSON: %(error)s at line %(line)d, column %(column)d")
                               % {"file": path, "error": exc.msg, "line": exc.lineno, "column": exc.colno}) \
                from None

    def print_report(self, report, *, path: Path, seconds: float, dry_run: bool) -> None:
        title = _("Dry run of %(file)s (source %(source)s): nothing was written") if dry_run else \
            _("Imported %(file)s (source %(source)s)")
        self.stdout.write(title % {"file": path, "source": report.source})
        headers = (_("records"), _("created"), _("updated"), _("unchanged"))
        rows = [(kind, c.created, c.updated, c.unchanged) for kind, c in
                ((kind, report.counts[kind]) for kind in REPORT_ORDER)]
        rows.append((_("total"), report.created, report.updated, report.unchanged))
        width = max(len(str(r[0])) for r in [headers, *rows])
        numbers = max(len(h) for h in headers[1:])
        self.stdout.write(f"{headers[0]:<{width}}  " + "  ".join(f"{h:>{numbers}}" for h in headers[1:]))
        for name, *values in rows:
            self.stdout.write(f"{name:<{width}}  " + "  ".join(f"{v:>{numbers}}" for v in values))
        for note in report.notes:
            self.stdout.write(_("Note: %(note)s") % {"note": note})
        self.stdout.write(_("%(seconds).2f seconds") % {"seconds": seconds})
