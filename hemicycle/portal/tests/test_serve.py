"""`hemicycle serve` starts the production server (granian), on $PORT, and answers /healthz."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
HEMICYCLE = str(BIN / "hemicycle")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(tmp_path: Path, **extra: str) -> dict:
    """A demo environment on a fresh SQLite database in ``tmp_path`` (never the suite's PostgreSQL)."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "HEMICYCLE_ENV", "SECRET_KEY", "PORT", "HOST"}}
    env.update({"HEMICYCLE_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "hemicycle.settings",
                "WEB_CONCURRENCY": "1", "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}"}, **extra)
    return env


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> urllib.response.addinfourl:
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode} before answering")
        try:
            return urllib.request.urlopen(url, timeout=5)
        except urllib.error.HTTPError:
            raise  # the server answered, with an error status: that is for the test to judge
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last_error = exc
            time.sleep(0.25)
    raise AssertionError(f"no answer from {url} within {timeout}s: {last_error}")


def stop(process: subprocess.Popen) -> str:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    return process.stdout.read() if process.stdout else ""


@pytest.fixture
def migrated(tmp_path):
    result = subprocess.run([HEMICYCLE, "migrate", "--noinput"], env=server_env(tmp_path),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path


def test_serve_runs_granian_on_port_from_the_environment(migrated):
    port = free_port()
    process = subprocess.Popen([HEMICYCLE, "serve"], env=server_env(migrated, PORT=str(port)),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        response = wait_for(f"http://127.0.0.1:{port}/healthz", process)
        assert response.status == 200
        assert json.loads(response.read()) == {"status": "ok", "database": "ok"}
        # `hemicycle serve` replaces itself with granian: the process we started is granian, not runserver.
        cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes().split(b"\0")
        assert any(part.endswith(b"granian") for part in cmdline), cmdline
        assert b"hemicycle.wsgi:application" in cmdline

        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=10)
        assert page.status == 200
        assert "Content-Security-Policy" in page.headers
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/hemicycle/site.css", timeout=10)
        assert css.status == 200 and css.headers["Content-Type"].startswith("text/css")
    finally:
        output = stop(process)
    assert process.returncode is not None, output


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    port = free_port()
    env = server_env(tmp_path, PORT=str(port), DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
                     CONN_MAX_AGE="0")
    process = subprocess.Popen([HEMICYCLE, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    try:
        with pytest.raises(urllib.error.HTTPError) as caught:
            wait_for(f"http://127.0.0.1:{port}/healthz", process)
        assert caught.value.code == 503
        assert json.loads(caught.value.read())["status"] == "unavailable"
    finally:
        stop(process)
