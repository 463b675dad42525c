"""Every page at the 150- and 600-establishment demo: SQL queries and p50/p95 with the test client (SQLite, throwaway).

With DATABASE_URL set to a PostgreSQL database the same pages are measured there as well (its tables are
dropped and made again, so give it a throwaway database).
"""

from __future__ import annotations

import functools
import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks.databases import demo_estate, on_each_database, ready

ESTATES = (150, 600)
RUNS = 40
# The budget every page keeps at any size of estate (a page reading a whole plan reads its owners too); the plan
# page has a tighter one.
MAX_QUERIES = 15
MAX_PLAN_QUERIES = 12
TARGET_P95 = 0.100


def pages_to_measure() -> list[tuple[str, str, Callable[[], str]]]:
    """(who, page name, its address) for every page a person reads, found in the demo estate."""
    from django.urls import reverse

    from actionplan.accounts.access import own_actions_q
    from actionplan.accounts.models import User
    from actionplan.cycle.models import RepeatLink
    from actionplan.owners.models import Owner
    from actionplan.storage import models

    coordinator = User.objects.get(username="coordinator")
    home_plan = models.ActionPlan.objects.filter(inspection__establishment__memberships__user=coordinator)
    # The coordinator's draft that repeats an earlier plan's recommendations, as the demo's first establishment's
    # does (a demo loaded twice into one database has two drafts there, only one of them linked).
    repeat = (
        RepeatLink.objects.filter(recommendation__plan__in=home_plan.filter(status=models.ActionPlan.Status.DRAFT))
        .order_by("pk")
        .first()
    )
    assert repeat is not None
    draft = repeat.recommendation.plan
    recommendation = draft.recommendations.first()
    assert recommendation is not None
    owner = User.objects.get(username="owner")
    # The published plan on which the owner reports progress.
    action = models.Action.objects.filter(own_actions_q(owner), recommendation__plan__published__isnull=False).last()
    assert action is not None
    published = action.recommendation.plan
    sent_rec = published.recommendations.first()
    assert sent_rec is not None
    establishment = draft.inspection.establishment
    # The post the owner holds, with the actions it owns, handed over by the coordinator.
    post = Owner.objects.filter(holdings__user=owner, establishments=establishment).first()
    assert post is not None
    # An owner in the directory of actions in delivery, as the lists are narrowed to one.
    owning = Owner.objects.filter(action_links__action=action).first()
    assert owning is not None

    earlier = repeat.earlier.plan

    def url(name: str, **kwargs: object) -> Callable[[], str]:
        return lambda: reverse(name, kwargs=kwargs or None)

    return [
        ("public", "home", url("home")),
        ("public", "published", url("published")),
        ("public", "plan (published)", url("plan", plan_id=published.pk)),
        ("coordinator", "home", url("home")),
        ("analyst", "plan", url("plan", plan_id=published.pk)),
        ("coordinator", "drafting:overview", url("drafting:overview", plan_id=draft.pk)),
        ("coordinator", "drafting:add", url("drafting:add", plan_id=draft.pk)),
        (
            "coordinator",
            "drafting:recommendation",
            url("drafting:recommendation", plan_id=draft.pk, rec_id=recommendation.pk),
        ),
        ("coordinator", "owners:match", url("owners:match", plan_id=draft.pk)),
        (
            "coordinator",
            "owners:directory",
            url("owners:directory", establishment_id=draft.inspection.establishment_id),
        ),
        ("analyst", "sign-off", url("sign-off", plan_id=published.pk)),
        ("analyst", "versions", url("versions", plan_id=published.pk)),
        ("analyst", "history", url("history", plan_id=published.pk)),
        ("owner", "monitoring:my-actions", url("monitoring:my-actions")),
        ("owner", "monitoring:action", url("monitoring:action", action_id=action.pk)),
        ("coordinator", "handover:holders", url("handover:holders", owner_id=post.pk)),
        ("analyst", "monitoring:plan-progress", url("monitoring:plan-progress", plan_id=published.pk)),
        ("inspector", "monitoring:judgement", url("monitoring:judgement", recommendation_id=sent_rec.pk)),
        ("analyst", "monitoring:dashboard", url("monitoring:dashboard")),
        ("analyst", "monitoring:dashboard (filtered)", lambda: reverse("monitoring:dashboard") + "?year=2025"),
        (
            "coordinator",
            "monitoring:establishment-dashboard",
            url("monitoring:establishment-dashboard", establishment_id=establishment.pk),
        ),
        ("analyst", "analysis:index", url("analysis:index")),
        *(
            ("analyst", f"analysis:{slug}", url("analysis:analysis", slug=slug))
            for slug in ("not-agreed", "decisions", "delivery", "judgements")
        ),
        (
            "analyst",
            "analysis:delivery (by section)",
            lambda: reverse("analysis:analysis", args=["delivery"]) + "?by=section",
        ),
        (
            "analyst",
            "analysis:not-agreed (by estab.)",
            lambda: reverse("analysis:analysis", args=["not-agreed"]) + "?by=establishment",
        ),
        ("coordinator", "analysis:delivery", url("analysis:analysis", slug="delivery")),
        ("analyst", "analysis:recommendations", url("analysis:recommendations")),
        (
            "analyst",
            "analysis:recommendations (why)",
            lambda: reverse("analysis:recommendations") + "?decision=not_agreed&reason=affordability&judgement=-",
        ),
        ("analyst", "analysis:actions", url("analysis:actions")),
        (
            "analyst",
            "analysis:actions (moved, late)",
            lambda: reverse("analysis:actions") + "?moved=yes&timeliness=late",
        ),
        (
            "analyst",
            "analysis:actions (overdue, owner)",
            lambda: reverse("analysis:actions") + f"?state=overdue&owner=owner-{owning.pk}",
        ),
        ("public", "api-plans", url("api-plans")),
        ("analyst", "api-plan", url("api-plan", plan_id=published.pk)),
        ("analyst", "api-plans (filtered)", lambda: reverse("api-plans") + "?year=2025&status=published"),
        ("analyst", "api-actions (filtered)", lambda: reverse("api-actions") + "?overdue=true&decision=agreed"),
        ("public", "open-data", url("open-data")),
        # The demo's first establishment was inspected before: its draft repeats some of the earlier plan.
        ("public", "cycle:timeline", url("cycle:timeline", establishment_id=establishment.pk)),
        ("coordinator", "cycle:timeline", url("cycle:timeline", establishment_id=establishment.pk)),
        ("inspector", "cycle:timeline", url("cycle:timeline", establishment_id=establishment.pk)),
        ("coordinator", "cycle:repeats", url("cycle:repeats", plan_id=draft.pk)),
        ("analyst", "cycle:recommendation", url("cycle:recommendation", recommendation_id=repeat.recommendation_id)),
        ("public", "cycle:recommendation", url("cycle:recommendation", recommendation_id=repeat.earlier_id)),
        ("inspector", "cycle:follow-up", url("cycle:follow-up", plan_id=earlier.pk)),
        ("analyst", "cycle:repeated", url("cycle:repeated")),
        ("analyst", "cycle:follow-up-analysis", url("cycle:follow-up-analysis")),
        ("analyst", "cycle:repeated-csv", url("cycle:repeated-csv")),
    ]


def _count(queries: list[str], execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    queries.append(sql)
    return execute(sql, params, many, context)


def _measure(establishments: int) -> list[tuple[str, str, int, float, float]]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from actionplan.accounts.models import User

    demo_estate(establishments)
    rows = []
    for who, name, address in pages_to_measure():
        client = Client()
        if who != "public":
            client.force_login(User.objects.get(username=who))
        path = address()
        assert client.get(path).status_code == 200, f"{name} as {who}"  # the first request loads templates
        queries: list[str] = []
        count = functools.partial(_count, queries)
        # Counted by a wrapper: each request resets Django's own query log. The count is the cold one:
        # the request after the estate was first read, before anything was cached.
        cache.clear()
        with connection.execute_wrapper(count):
            client.get(path)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            client.get(path)
            times.append(time.perf_counter() - start)
        cuts = statistics.quantiles(times, n=20)
        rows.append((who, name, len(queries), statistics.median(times), cuts[-1]))
    return rows


def _report(database: str, establishments: int, rows: list[tuple[str, str, int, float, float]]) -> None:
    print(f"  {database}, {establishments} establishments ({RUNS} requests a page after a first one):")
    print(f"    {'page':<36} {'as':<12} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for who, name, queries, p50, p95 in rows:
        budget = MAX_PLAN_QUERIES if name.startswith("plan") else MAX_QUERIES
        verdict = "" if queries <= budget and p95 <= TARGET_P95 else "  OVER TARGET"
        print(f"    {name:<36} {who:<12} {queries:>7} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f}{verdict}")
    print(f"    (budget: {MAX_QUERIES} queries, the plan page {MAX_PLAN_QUERIES}; p95 {TARGET_P95 * 1000:.0f} ms)")


def main() -> None:
    on_each_database("benchmarks.bench_pages")


def measure_here(database: str) -> None:
    """Every estate size on the database of DATABASE_URL (its tables are made, then emptied for each size)."""
    ready()
    for establishments in ESTATES:
        _report(database, establishments, _measure(establishments))


if __name__ == "__main__":
    main()
