"""The ``hemicycle`` console command: Django's management commands, with dashes, and ``serve``.

``hemicycle import-popolo FILE`` runs the ``import_popolo`` management command; ``hemicycle serve`` runs the
production server (granian) on $PORT (8000 by default).
"""

import os
import sys


def manage(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hemicycle.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def serve(args: list[str]) -> None:
    """Run granian on the WSGI app: several worker processes, static files through WhiteNoise."""
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    command = [
        "granian", "--interface", "wsgi", "--host", host, "--port", port, "--workers", workers,
        "--blocking-threads", os.environ.get("GRANIAN_THREADS", "4"),
        "--no-ws", *args, "hemicycle.wsgi:application",
    ]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hemicycle.settings")
    granian = os.path.join(os.path.dirname(sys.executable), "granian")
    os.execv(granian, command)


def main() -> None:
    argv = list(sys.argv)
    if len(argv) > 1 and argv[1] == "serve":
        serve(argv[2:])
        return
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    manage(argv)
