"""Answers that worked elsewhere at the 150- and 600-establishment demo: p50/p95 and queries (SQLite, throwaway).

Each of a draft plan's recommendations is matched in turn: the similar answers alone (scoring in SQL, then the
delivery of the few found), and the whole page that shows them. With DATABASE_URL set to a PostgreSQL database
the same is measured there as well (its tables are dropped and made again, so give it a throwaway database).
"""

from __future__ import annotations

import statistics
import time

from benchmarks.databases import demo_estate, on_each_database, ready

ESTATES = (150, 600)
RUNS = 60
TARGET_P95 = 0.150


def _measure(establishments: int) -> list[tuple[str, str, float, float, float, float]]:
    """(who, what, queries, matches found on average, p50, p95) for the similar answers and for their page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from actionplan.accounts.models import User
    from actionplan.monitoring import clock
    from actionplan.similar.answers import similar_answers
    from actionplan.similar.models import IndexedRecommendation, IndexedTerm
    from actionplan.storage import models

    started = time.perf_counter()
    demo_estate(establishments)
    print(
        f"    loaded in {time.perf_counter() - started:.0f} s: {IndexedRecommendation.objects.count()} recommendations"
        f" indexed, {IndexedTerm.objects.count()} weighed stems"
    )
    rows = []
    for username in ("coordinator", "admin"):
        person = User.objects.get(username=username)
        draft = models.ActionPlan.objects.filter(
            inspection__establishment__memberships__user__username="coordinator",
            status=models.ActionPlan.Status.DRAFT,
        ).first()
        assert draft is not None
        stored = models.ActionPlan.objects.select_related("inspection__establishment").get(pk=draft.pk)
        recommendations = list(stored.recommendations.all())
        today = clock.today()
        times, queries, found = [], [], []
        for turn in range(RUNS):
            row = recommendations[turn % len(recommendations)]
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                answers = similar_answers(person, stored, row, today)
                times.append(time.perf_counter() - start)
            queries.append(len(captured))
            found.append(len(answers))
        cuts = statistics.quantiles(times, n=20)
        rows.append(
            (
                username,
                "similar answers",
                statistics.mean(queries),
                statistics.mean(found),
                statistics.median(times),
                cuts[-1],
            )
        )
        client = Client()
        client.force_login(person)
        paths = [reverse("drafting:recommendation", args=[stored.pk, row.pk]) for row in recommendations]
        assert client.get(paths[0]).status_code == 200  # the first request loads templates
        times, queries = [], []
        for turn in range(RUNS):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                client.get(paths[turn % len(paths)])
                times.append(time.perf_counter() - start)
            queries.append(len(captured))
        cuts = statistics.quantiles(times, n=20)
        rows.append(
            (username, "the page answering one", statistics.mean(queries), 0, statistics.median(times), cuts[-1])
        )
    return rows


def _report(database: str, establishments: int, rows: list[tuple[str, str, float, float, float, float]]) -> None:
    print(f"  {database}, {establishments} establishments ({RUNS} requests each, over a draft's recommendations):")
    print(f"    {'what':<26} {'as':<12} {'queries':>7} {'found':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for who, what, queries, found, p50, p95 in rows:
        verdict = "  OVER TARGET" if what == "similar answers" and p95 > TARGET_P95 else ""
        shown = f"{found:>6.1f}" if what == "similar answers" else f"{'':>6}"
        print(f"    {what:<26} {who:<12} {queries:>7.0f} {shown} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f}{verdict}")
    print(f"    (target: similar answers p95 {TARGET_P95 * 1000:.0f} ms)")


def main() -> None:
    on_each_database("benchmarks.bench_similar")


def measure_here(database: str) -> None:
    """Every estate size on the database of DATABASE_URL (its tables are made, then emptied for each size)."""
    ready()
    for establishments in ESTATES:
        _report(database, establishments, _measure(establishments))


if __name__ == "__main__":
    main()
