"""Settings come from the environment; production mode is strict about its secret and its cookies.

Each case imports the settings in a fresh interpreter, since settings are read once per process.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from hemicycle.settings import DEFAULT_SECRET_KEY

HEMICYCLE = str(Path(sys.executable).with_name("hemicycle"))

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_REDIRECT_EXEMPT": settings.SECURE_REDIRECT_EXEMPT,
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": settings.CACHES["default"].get("LOCATION", ""),
    "DATABASE_ENGINE": settings.DATABASES["default"]["ENGINE"],
    "DATABASE_NAME": str(settings.DATABASES["default"]["NAME"]),
}))
"""


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Run ``args`` with a clean settings environment plus ``env``; the var directory is a temporary one."""
    base = {key: value for key, value in os.environ.items()
            if key not in {"HEMICYCLE_ENV", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DEBUG", "ALLOWED_HOSTS"}}
    base.update({"DJANGO_SETTINGS_MODULE": "hemicycle.settings", "HEMICYCLE_VAR_DIR": str(tmp_path)}, **env)
    return subprocess.run(args, env=base, capture_output=True, text=True, timeout=120)


def settings_in(tmp_path: Path, **env: str) -> dict:
    result = run([sys.executable, "-c", PRINT_SETTINGS], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("secret", [None, DEFAULT_SECRET_KEY, "short-secret"])
def test_production_refuses_to_start_without_a_real_secret(tmp_path, secret):
    env = {"HEMICYCLE_ENV": "production"}
    if secret is not None:
        env["SECRET_KEY"] = secret

    result = run([HEMICYCLE, "check"], tmp_path, **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_with_a_real_secret_sets_secure_cookies_and_hsts(tmp_path):
    values = settings_in(tmp_path, HEMICYCLE_ENV="production", SECRET_KEY=secrets.token_urlsafe(50),
                         ALLOWED_HOSTS="parliament.example")

    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 180
    assert values["SECURE_SSL_REDIRECT"] is True
    # The load balancer's health check stays on plain HTTP (see test_healthz).
    assert any(re.search(pattern, "healthz") for pattern in values["SECURE_REDIRECT_EXEMPT"])
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["parliament.example"]


def test_production_passes_the_deployment_checks(tmp_path):
    result = run([HEMICYCLE, "check", "--deploy"], tmp_path, HEMICYCLE_ENV="production",
                 SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="parliament.example")

    assert result.returncode == 0, result.stderr
    report = result.stdout + result.stderr
    # HSTS, SSL redirect, secure session and CSRF cookies, secret key, DEBUG, ALLOWED_HOSTS.
    for code in ("W004", "W008", "W009", "W012", "W016", "W018", "W020"):
        assert f"security.{code}" not in report, report


def test_development_defaults_work_out_of_the_box(tmp_path):
    values = settings_in(tmp_path)

    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["DATABASE_ENGINE"] == "django.db.backends.sqlite3"
    assert values["DATABASE_NAME"] == str(tmp_path / "hemicycle.sqlite3")
    assert values["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert "127.0.0.1" in values["ALLOWED_HOSTS"]


def test_database_url_selects_postgresql(tmp_path):
    values = settings_in(tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:5432/hemicycle")

    assert values["DATABASE_ENGINE"] == "django.db.backends.postgresql"
    assert values["DATABASE_NAME"] == "hemicycle"


def test_redis_url_makes_the_cache_redis(tmp_path):
    values = settings_in(tmp_path, REDIS_URL="redis://127.0.0.1:6379/3", HEMICYCLE_ENV="production",
                         SECRET_KEY=secrets.token_urlsafe(50))

    assert values["CACHE_BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert values["CACHE_LOCATION"] == "redis://127.0.0.1:6379/3"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="exercised in CI's PostgreSQL + Redis pass")
def test_the_cache_really_goes_through_redis():
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    key = f"hemicycle-test-{secrets.token_hex(8)}"
    assert isinstance(cache, RedisCache)
    cache.set(key, {"chamber": "Mazhilis"}, 30)
    try:
        assert cache.get(key) == {"chamber": "Mazhilis"}
    finally:
        cache.delete(key)
