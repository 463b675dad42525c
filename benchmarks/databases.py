"""A benchmark measured on SQLite and, when DATABASE_URL names one, on PostgreSQL: each in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path


def on_each_database(module: str) -> None:
    """Run ``module``'s ``measure_here(database)`` on a throwaway SQLite file and, when DATABASE_URL is a PostgreSQL
    database, there too; each in a process of its own, so that Django is set up for that database alone."""
    postgres = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory() as folder:
        _in_a_process(module, f"sqlite:///{Path(folder) / 'bench.sqlite3'}", "SQLite")
    if postgres.startswith("postgres"):
        _in_a_process(module, postgres, "PostgreSQL")


def _in_a_process(module: str, url: str, database: str) -> None:
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "actionplan.settings.test",
        "REQUEST_LOG": "false",
    }
    code = f"from {module} import measure_here; measure_here({database!r})"
    subprocess.run([sys.executable, "-c", code], env=environment, check=True)


def ready() -> None:
    """Django set up for this process's database (DATABASE_URL), its tables made."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def demo_estate(establishments: int) -> None:
    """The database emptied, what pages keep forgotten, and the demo estate of ``establishments`` loaded.

    On PostgreSQL the tables are then vacuumed and analysed, so that they are measured as a running service reads
    them: rows just written are otherwise marked as committed by the first reads, with autovacuum working beside
    them, which makes the first seconds of measuring several times slower than the rest.
    """
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    from actionplan.storage.demo import load_demo

    call_command("flush", interactive=False, verbosity=0)
    cache.clear()
    load_demo(establishments)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
