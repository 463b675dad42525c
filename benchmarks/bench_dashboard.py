"""The estate dashboard over 150 establishments: SQL queries per page and p95 response time (SQLite, throwaway)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

ESTABLISHMENTS = 150
RUNS = 30
# Seconds an analyst waits for the estate dashboard, and its query budget.
TARGET_P95 = 1.0
MAX_QUERIES = 15


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DJANGO_SETTINGS_MODULE"] = "actionplan.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from actionplan.accounts.models import User
        from actionplan.storage.demo import load_demo

        call_command("migrate", verbosity=0)
        load_demo(ESTABLISHMENTS)
        client = Client()
        client.force_login(User.objects.get(username="analyst"))
        client.get("/dashboard/")  # the first request pays for template loading, as a server does once
        queries: list[str] = []

        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            queries.append(sql)
            return execute(sql, params, many, context)

        # Counted by a wrapper: each request resets Django's own query log.
        with connection.execute_wrapper(count):
            client.get("/dashboard/")
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get("/dashboard/")
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
        p95 = statistics.quantiles(times, n=20)[-1]
        verdict = "within target" if p95 <= TARGET_P95 and len(queries) <= MAX_QUERIES else "OVER TARGET"
        print(f"  {ESTABLISHMENTS} establishments: {len(queries)} queries (budget {MAX_QUERIES})")
        print(
            f"  p95 {p95:.3f} s, median {statistics.median(times):.3f} s over {RUNS} runs "
            f"(target {TARGET_P95:.1f} s)  {verdict}"
        )


if __name__ == "__main__":
    main()
