"""Real Hemicycle instances as separate processes, for the two-instance test, the benchmark and the demo.

An ``Instance`` is a folder (its own SQLite database and key), an environment, and — once started — a
``hemicycle serve`` process (granian) on a loopback port. Commands run as subprocesses with that environment,
exactly as an operator would run them. Every wait is bounded; ``stop`` ends the server's whole process group.
"""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
HEMICYCLE = str(Path(sys.executable).with_name("hemicycle"))
COMMAND_TIMEOUT = 180


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, *, timeout: float = 20.0, interval: float = 0.1, what: str = "condition"):
    """Call ``check`` until it returns something truthy; AssertionError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = check()
        if last:
            return last
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what} (last: {last!r})")
        time.sleep(interval)


class Instance:
    def __init__(self, name: str, *, var_dir: Path, port: int, instance_id: str, own_parliament: str,
                 seed: str | None = None, workers: int = 1):
        self.name = name
        self.var_dir = Path(var_dir)
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self.port = port
        self.instance_id = instance_id
        self.own_parliament = own_parliament
        self.process: subprocess.Popen | None = None
        self.key_file = self.var_dir / "key"
        self.public_key = ""
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "PYTEST_CURRENT_TEST"}}
        env.update({
            "DJANGO_SETTINGS_MODULE": "hemicycle.settings", "HEMICYCLE_VAR_DIR": str(self.var_dir),
            "HEMICYCLE_INSTANCE_ID": instance_id, "FEDERATION_INSTANCE_HOST": instance_id,
            "HEMICYCLE_OWN_PARLIAMENT": own_parliament, "HOST": "127.0.0.1", "PORT": str(port),
            "SITE_URL": self.url, "WEB_CONCURRENCY": str(workers), "FEDERATION_PUSH_TIMEOUT": "3",
            "PYTHONUNBUFFERED": "1",
        })
        self.env = env
        if seed:
            self.set_key(seed)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def set_key(self, seed: str) -> None:
        from hemicycle.calendars.signing import public_key_b64

        self.env["HEMICYCLE_FEDERATION_KEY"] = seed
        self.public_key = public_key_b64(seed)

    def keygen(self) -> None:
        """Generate this instance's key with ``hemicycle federation-keygen`` (kept in its folder) or reuse it."""
        if not self.key_file.exists():
            self.run("federation-keygen", "--write", str(self.key_file))
        self.set_key(self.key_file.read_text().strip())

    # Commands -------------------------------------------------------------------------------------------------

    def run(self, *args: str, check: bool = True, timeout: float = COMMAND_TIMEOUT) -> subprocess.CompletedProcess:
        result = subprocess.run([HEMICYCLE, *args], env=self.env, cwd=REPO, capture_output=True, text=True,
                                timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"[{self.name}] hemicycle {' '.join(args)} failed ({result.returncode}):\n"
                                 f"{result.stdout}\n{result.stderr}")
        return result

    def programme_json(self, *args: str, check: bool = True):
        result = self.run("federation-programme", "--json", *args, check=check)
        return json.loads(result.stdout) if result.returncode == 0 else None

    def pair_with(self, other: "Instance", *, name: str, organization: str) -> None:
        self.run("federation-pair", "--name", name, "--instance-id", other.instance_id, "--url", other.url,
                 "--public-key", other.public_key, "--organization", organization)

    # Server ---------------------------------------------------------------------------------------------------

    def start(self, *, timeout: float = 60.0) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        log = open(self.var_dir / "server.log", "ab")  # noqa: SIM115 — handed to the child, closed in stop()
        self._log = log
        self.process = subprocess.Popen([HEMICYCLE, "serve"], env=self.env, cwd=REPO, stdout=log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for(self.healthy, timeout=timeout, interval=0.2, what=f"{self.name} to answer on {self.url}")
        except AssertionError:
            self.stop()
            raise AssertionError(f"{self.name} did not start; its log:\n{self.log_tail()}") from None

    def healthy(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"{self.name} exited ({self.process.returncode}); its log:\n{self.log_tail()}")
        status, _ = self.get("/healthz", timeout=1)
        return status == 200

    def stop(self, *, timeout: float = 15.0) -> None:
        """End the server: SIGTERM to its process group, SIGKILL if it lingers."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=timeout)
        # granian's workers share the group: make sure none outlives it.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            self._log.close()

    def log_tail(self, lines: int = 40) -> str:
        path = self.var_dir / "server.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def get(self, path: str, *, timeout: float = 5.0) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:  # noqa: S310 — loopback
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")
        except (urllib.error.URLError, OSError):
            return 0, ""


def prepare_pair(root: Path, *, kz_port: int | None = None, be_port: int | None = None,
                 accounts: bool = False) -> tuple[Instance, Instance]:
    """Kazakhstan's and Belgium's instances under ``root``: keys, migrated, demo world, set up and paired."""
    kz = Instance("Kazakhstan", var_dir=root / "kz", port=kz_port or free_port(),
                  instance_id="kz.hemicycle.localhost", own_parliament="kz")
    be = Instance("Belgium", var_dir=root / "be", port=be_port or free_port(),
                  instance_id="be.hemicycle.localhost", own_parliament="be")

    def prepare(instance: Instance) -> None:
        instance.keygen()
        instance.run("migrate", "--noinput", "--verbosity", "0")
        instance.run("load-demo", "--no-legislation", *(() if accounts else ("--no-accounts",)))
        instance.run("federation-demo-setup")

    # The two instances have nothing in common until they pair: prepare them side by side.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(prepare, kz), pool.submit(prepare, be)]:
            future.result()
    kz.pair_with(be, name="Belgian Federal Parliament", organization="be-parliament")
    be.pair_with(kz, name="Parliament of Kazakhstan", organization="kz-parliament")
    return kz, be
