"""Writing the open data download afresh for the 600-establishment demo estate (SQLite, throwaway): seconds, size.

BENCH_ESTABLISHMENTS measures another size of estate. With DATABASE_URL set to a throwaway PostgreSQL database
it is measured there as well.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.databases import demo_estate

ESTABLISHMENTS = int(os.environ.get("BENCH_ESTABLISHMENTS", "600"))
RUNS = 3


def main() -> None:
    # Each database in a process of its own, so that Django is set up for that database alone.
    with tempfile.TemporaryDirectory() as folder:
        _measure_in_a_process(f"sqlite:///{Path(folder) / 'bench.sqlite3'}", "SQLite", folder)
        postgres = os.environ.get("DATABASE_URL", "")
        if postgres.startswith("postgres"):
            _measure_in_a_process(postgres, "PostgreSQL", folder)


def _measure_in_a_process(url: str, database: str, folder: str) -> None:
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "actionplan.settings.test",
        "ACTIONPLAN_OPEN_DATA_DIR": str(Path(folder) / "open-data"),
        "REQUEST_LOG": "false",
        "LOG_LEVEL": "WARNING",
    }
    code = f"from benchmarks.bench_open_data import measure_here; measure_here({database!r})"
    subprocess.run([sys.executable, "-c", code], env=environment, check=True)


def measure_here(database: str) -> None:
    """Load the demo estate into the database of DATABASE_URL (its tables emptied first), then write the download."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from actionplan.accounts.models import User
    from actionplan.storage import models
    from actionplan.workflow import open_data
    from actionplan.workflow.states import make_move

    settings.ACTIONPLAN_OPEN_DATA_DIR = Path(os.environ["ACTIONPLAN_OPEN_DATA_DIR"])
    call_command("migrate", verbosity=0)
    demo_estate(ESTABLISHMENTS)
    open_data.current()  # waits for the download the demo's publications began writing
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        manifest = open_data.rebuild()
        times.append(time.perf_counter() - start)
    sent = models.ActionPlan.objects.filter(status=models.ActionPlan.Status.SENT).first()
    publisher = User.objects.get(username="admin")
    waited = written = None
    if sent is not None:
        start = time.perf_counter()
        make_move(sent, "publish", by=publisher)
        waited = time.perf_counter() - start
        while open_data.current().published == manifest.published:  # current() waits for the writer
            time.sleep(0.05)
        written = time.perf_counter() - start
        manifest = open_data.current()
    client = Client()
    client.get("/open-data/actionplan-published-plans.zip")
    served = []
    for _ in range(20):
        start = time.perf_counter()
        response = client.get("/open-data/actionplan-published-plans.zip", HTTP_IF_NONE_MATCH=f'"{manifest.sha256}"')
        served.append(time.perf_counter() - start)
        assert response.status_code == 304
    print(
        f"  {database}, {ESTABLISHMENTS} establishments: {manifest.plans} published plans, {manifest.actions} actions"
    )
    print(
        f"    written afresh in {statistics.median(times):.1f} s (median of {RUNS}; "
        f"fastest {min(times):.1f} s, slowest {max(times):.1f} s); zip {manifest.size / 1_000_000:.2f} MB"
    )
    if waited is not None and written is not None:
        print(
            f"    publishing a plan returned in {waited * 1000:.0f} ms; "
            f"the download holding it was written {written:.1f} s after the click"
        )
    print(f"    an up-to-date copy checked (304) in {statistics.median(served) * 1000:.1f} ms (median of 20)")


if __name__ == "__main__":
    main()
