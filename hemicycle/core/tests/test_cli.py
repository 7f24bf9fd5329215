"""The `hemicycle` console command: management commands with dashes, and `serve`."""

import subprocess
import sys
from pathlib import Path

import pytest

from hemicycle import cli

HEMICYCLE = str(Path(sys.executable).with_name("hemicycle"))


@pytest.fixture
def calls(monkeypatch):
    """What `hemicycle` would hand to Django's command line (recorded instead of run)."""
    seen: list[list[str]] = []
    monkeypatch.setattr(cli, "manage", seen.append)
    return seen


@pytest.mark.parametrize("argv, expected", [
    (["hemicycle", "import-popolo", "kz-data.json"], ["hemicycle", "import_popolo", "kz-data.json"]),
    (["hemicycle", "load-demo", "--no-accounts"], ["hemicycle", "load_demo", "--no-accounts"]),
    (["hemicycle", "migrate", "--run-syncdb"], ["hemicycle", "migrate", "--run-syncdb"]),
    (["hemicycle", "--version"], ["hemicycle", "--version"]),
    (["hemicycle"], ["hemicycle"]),
])
def test_dashes_in_the_command_name_become_underscores_and_nothing_else_changes(calls, monkeypatch, argv,
                                                                                  expected):
    monkeypatch.setattr(sys, "argv", argv)

    cli.main()

    assert calls == [expected]


@pytest.mark.parametrize("command, name", [("import-popolo", "import_popolo"), ("load-demo", "load_demo"),
                                           ("remove-stale-contenttypes", "remove_stale_contenttypes")])
def test_dashed_commands_run_for_real(tmp_path, command, name):
    result = subprocess.run([HEMICYCLE, command, "--help"], capture_output=True, text=True, timeout=120,
                            env={"PATH": str(Path(sys.executable).parent), "HEMICYCLE_VAR_DIR": str(tmp_path)})

    assert result.returncode == 0, result.stderr
    assert f"usage: hemicycle {name}" in result.stdout


def test_an_unknown_command_fails_and_says_so(tmp_path):
    result = subprocess.run([HEMICYCLE, "no-such-thing"], capture_output=True, text=True, timeout=120,
                            env={"PATH": str(Path(sys.executable).parent), "HEMICYCLE_VAR_DIR": str(tmp_path)})

    assert result.returncode != 0
    assert "Unknown command: 'no_such_thing'" in result.stderr
