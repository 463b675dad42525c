"""Search at the 600-establishment demo: the search page's SQL queries and p50/p95, on SQLite and PostgreSQL.

Each reader searches for common words (thousands of matches), a phrase and a rare word, with and without
facets chosen. With DATABASE_URL set to a PostgreSQL database the same searches are measured there as well (its
tables are dropped and made again, so give it a throwaway database).
"""

from __future__ import annotations

import functools
import re
import statistics
import time
from typing import Any
from urllib.parse import urlencode

from benchmarks.databases import demo_estate, on_each_database, ready

ESTABLISHMENTS = 600
RUNS = 40
MAX_QUERIES = 15
TARGET_P95 = 0.100

# (who, page, what is asked): the public on the published plans' search, everyone else on their own.
SEARCHES: list[tuple[str, str, dict[str, Any]]] = [
    ("public", "search-published", {"q": "drugs"}),
    ("public", "search-published", {"q": "prisoners"}),
    ("analyst", "search", {"q": "prisoners"}),
    ("analyst", "search", {"q": "education", "kind": "action", "status": "completed"}),
    ("analyst", "search", {"q": '"illicit drugs"', "year": "2025"}),
    ("analyst", "search", {"q": "prisoners", "page": "40"}),
    ("inspector", "search", {"q": "staff"}),
    ("coordinator", "search", {"q": "prisoners"}),
    ("coordinator", "search", {"q": "mathematics teaching", "decision": "agreed"}),
    ("owner", "search", {"q": "zebra"}),
]


def _count(queries: list[str], execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    queries.append(sql)
    return execute(sql, params, many, context)


def _timed(client: Any, path: str, runs: int, *, forget: bool) -> list[float]:
    """Each request's time; with ``forget``, the search's kept counts and order are forgotten before each one
    (as any change to a plan makes them be), the rest of what pages keep (compiled components) is not."""
    from actionplan.monitoring.dashboard import figures_changed

    times = []
    for _ in range(runs):
        if forget:
            figures_changed()
        start = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - start)
    return times


Row = tuple[str, str, int, int, float, float, float]


def _measure() -> tuple[int, list[Row], list[float], list[float]]:
    """Each search of SEARCHES on the estate stored: what it found, its queries, p50 and p95 counted afresh
    (nothing kept), p95 asked again (the counts kept); and every time, afresh and again."""
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from actionplan.accounts.models import User
    from actionplan.monitoring.dashboard import figures_changed
    from actionplan.search.models import SearchEntry

    rows = []
    afresh: list[float] = []
    again: list[float] = []
    for who, page, asked in SEARCHES:
        client = Client()
        if who != "public":
            client.force_login(User.objects.get(username=who))
        path = f"{reverse(page)}?{urlencode(asked)}"
        answer = client.get(path)
        assert answer.status_code == 200, f"{path} as {who}"
        counted = re.search(r"(\d+) results? for", answer.content.decode())
        assert counted is not None, f"{path} as {who}: no count of results"
        queries: list[str] = []
        figures_changed()
        with connection.execute_wrapper(functools.partial(_count, queries)):
            client.get(path)
        cold = _timed(client, path, RUNS, forget=True)
        warm = _timed(client, path, RUNS, forget=False)
        afresh += cold
        again += warm
        cuts = statistics.quantiles(cold, n=20)
        p95_again = statistics.quantiles(warm, n=20)[-1]
        rows.append((who, path, int(counted.group(1)), len(queries), statistics.median(cold), cuts[-1], p95_again))
    return SearchEntry.objects.count(), rows, afresh, again


def _report(database: str, entries: int, rows: list[Row], afresh: list[float], again: list[float]) -> None:
    print(f"  {database}, {ESTABLISHMENTS} establishments, {entries} entries indexed ({RUNS} requests a search):")
    print(f"    {'search':<60} {'as':<12} {'found':>6} {'queries':>7} {'p50 ms':>7} {'p95 ms':>7} {'again p95':>9}")
    for who, path, found, queries, p50, p95, p95_again in rows:
        verdict = "" if queries <= MAX_QUERIES and p95 <= TARGET_P95 else "  OVER TARGET"
        print(
            f"    {path:<60} {who:<12} {found:>6} {queries:>7} {p50 * 1000:>7.1f} {p95 * 1000:>7.1f}"
            f" {p95_again * 1000:>9.1f}{verdict}"
        )
    for label, times in (("counted afresh", afresh), ("asked again (counts kept)", again)):
        overall = statistics.quantiles(times, n=20)[-1]
        verdict = "" if overall <= TARGET_P95 else "  OVER TARGET"
        print(f"    every search, {label}: p95 {overall * 1000:.1f} ms{verdict}")
    print(f"    (budget: {MAX_QUERIES} queries a page; p95 {TARGET_P95 * 1000:.0f} ms)")


def main() -> None:
    on_each_database("benchmarks.bench_search")


def measure_here(database: str) -> None:
    """The searches on the database of DATABASE_URL (its tables are made, then emptied)."""
    ready()
    demo_estate(ESTABLISHMENTS)
    _report(database, *_measure())


if __name__ == "__main__":
    main()
