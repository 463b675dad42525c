"""Matching a stored 600-action plan's owners against a 2,000-owner directory, and its Match owners page.

Targets: storing the plan with its owners matched in 2 s or less, matching it again in 0.5 s or less, both in a
fixed number of queries; the Match owners page for 120 owner names waiting in 0.5 s or less.
"""

from __future__ import annotations

import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DIRECTORY_SIZE = 2000
ACTIONS = 600
WAITING = 120
TARGET_STORE = 2.0
TARGET_MATCH = 0.5
TARGET_PAGE = 0.5


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        environment = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "actionplan.settings.test",
        }
        code = "from benchmarks.bench_owner_matching import measure_here; measure_here()"
        subprocess.run([sys.executable, "-c", code], env=environment, check=True)


def _count(queries: list[str], execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    queries.append(sql)
    return execute(sql, params, many, context)


def _verdict(seconds: float, target: float) -> str:
    return "" if seconds <= target else "  OVER TARGET"


def measure_here() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from actionplan.accounts.models import User
    from actionplan.core import plan as core
    from actionplan.owners.matching import count_unmatched, match_stored_plan
    from actionplan.owners.models import OtherName, Owner
    from actionplan.storage import models
    from actionplan.storage.conversion import inspectorate_for, save_plan

    call_command("migrate", verbosity=0)
    establishment = models.Establishment.objects.create(name="HMP Benchmark", inspectorate=inspectorate_for("HMIP"))
    owners = Owner.objects.bulk_create(Owner(name=f"Head of Area {number}") for number in range(DIRECTORY_SIZE))
    serves = Owner.establishments.through
    serves.objects.bulk_create(serves(owner_id=owner.pk, establishment_id=establishment.pk) for owner in owners)
    OtherName.objects.bulk_create(
        OtherName(owner=owner, text=f"Area {number} lead", normalised=f"area {number} lead")
        for number, owner in enumerate(owners)
    )
    # Joint owners, other names, and owners the directory does not know (which wait on the page).
    texts = [
        f"Head of Area {n}/Area {n + 1} lead" if n % 3 else f"Head of Unknown {n // 3 % WAITING}"
        for n in range(ACTIONS)
    ]
    recommendations = [
        core.Recommendation(
            ref=str(number),
            recommendation="Do better.",
            actions=[core.Action(text="Act.", owner=text) for text in texts[number * 6 : number * 6 + 6]],
        )
        for number in range(ACTIONS // 6)
    ]
    plan = core.Plan(establishment=establishment.name, recommendations=recommendations)

    started = time.perf_counter()
    stored = save_plan(plan, establishment=establishment)
    store = time.perf_counter() - started
    queries: list[str] = []
    times = []
    for _ in range(5):
        queries.clear()
        started = time.perf_counter()
        with connection.execute_wrapper(functools.partial(_count, queries)):
            match_stored_plan(stored)
        times.append(time.perf_counter() - started)
    again = statistics.median(times)
    waiting = count_unmatched(stored)

    admin = User.objects.create_user(username="bench-admin", is_superuser=True, is_staff=True)  # an administrator
    client = Client()
    client.force_login(admin)
    url = reverse("owners:match", kwargs={"plan_id": stored.pk})
    assert client.get(url).status_code == 200
    page_queries: list[str] = []
    with connection.execute_wrapper(functools.partial(_count, page_queries)):
        client.get(url)
    page_times = []
    for _ in range(5):
        started = time.perf_counter()
        client.get(url)
        page_times.append(time.perf_counter() - started)
    page = statistics.median(page_times)

    print(f"  {ACTIONS} actions, {DIRECTORY_SIZE} owners in the directory, {waiting} owner names waiting:")
    print(
        f"    store the plan, owners matched   {store:6.2f} s (target {TARGET_STORE} s){_verdict(store, TARGET_STORE)}"
    )
    print(
        f"    match it again                   {again:6.2f} s, {len(queries)} queries "
        f"(target {TARGET_MATCH} s){_verdict(again, TARGET_MATCH)}"
    )
    print(
        f"    Match owners page                {page:6.2f} s, {len(page_queries)} queries "
        f"(target {TARGET_PAGE} s){_verdict(page, TARGET_PAGE)}"
    )


if __name__ == "__main__":
    main()
