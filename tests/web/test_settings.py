"""Settings: typed environment values, production refusing to start without secrets, deploy checks clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from actionplan.settings.environment import cache_from_url, env_bool, env_int, env_list

REPO = Path(__file__).resolve().parents[2]


def test_env_bool_reads_the_usual_spellings(monkeypatch) -> None:
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True


def test_bad_values_stop_start_up_with_the_variable_named(monkeypatch) -> None:
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG", False)
    monkeypatch.setenv("COUNT", "ten")
    with pytest.raises(ImproperlyConfigured, match="COUNT must be a whole number"):
        env_int("COUNT", 1)


def test_env_list_splits_on_commas(monkeypatch) -> None:
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=REPO,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _manage("check", DJANGO_SETTINGS_MODULE="actionplan.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_checks_are_clean_with_production_settings() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="actionplan.settings.production",
        SECRET_KEY="k3y-" + "Zq8vR2mX9tL4pW7nB1cF6hJ0sD5gA3eY" * 2,
        ALLOWED_HOSTS="actionplan.example.gov.uk",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_cache_url_picks_a_cache_every_server_can_share(monkeypatch) -> None:
    assert cache_from_url("CACHE_URL", "locmem://")["BACKEND"].endswith("LocMemCache")
    monkeypatch.setenv("CACHE_URL", "db://")
    assert cache_from_url("CACHE_URL", "locmem://") == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "actionplan_cache",
    }
    monkeypatch.setenv("CACHE_URL", "redis://cache.internal:6379/1")
    assert cache_from_url("CACHE_URL", "locmem://") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }
    monkeypatch.setenv("CACHE_URL", "memcached://cache.internal")
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must start with locmem://, db:// or redis://"):
        cache_from_url("CACHE_URL", "locmem://")


def test_an_s3_bucket_moves_files_to_the_object_store() -> None:
    script = "from django.conf import settings; print(settings.STORAGES['default'])"
    result = _manage(
        "shell",
        "-c",
        script,
        DJANGO_SETTINGS_MODULE="actionplan.settings.local",
        S3_BUCKET="actionplan-files",
        S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert result.returncode == 0, result.stderr
    assert "'BACKEND': 'storages.backends.s3.S3Storage'" in result.stdout
    assert "'bucket_name': 'actionplan-files'" in result.stdout
    assert "'endpoint_url': 'http://127.0.0.1:9000'" in result.stdout


def test_postgresql_connections_never_compile_queries_just_in_time() -> None:
    """PostgreSQL's JIT spends more compiling a page's query it guesses costly than the query takes; it is off, and
    options given in DATABASE_URL are kept beside it."""
    shown = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['options'])"
    result = _manage(
        "shell",
        "-c",
        shown,
        DJANGO_SETTINGS_MODULE="actionplan.settings.test",
        DATABASE_URL="postgres://someone@db.example/actionplan?options=-c%20statement_timeout%3D5000",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["-c", "statement_timeout=5000", "-c", "jit=off"]


@pytest.mark.django_db
def test_the_database_in_use_runs_without_jit() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite compiles nothing just in time")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
