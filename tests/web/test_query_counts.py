"""Every page reads the database a fixed number of times, whatever the size of the estate.

The pages are those `make bench` times (benchmarks/bench_pages.py), counted at 15 establishments and again with
60 more: the counts must be the same, at most 16 a page and 12 for the plan page. Each request is counted cold,
with nothing cached.
"""

from __future__ import annotations

from typing import Any

import pytest
from benchmarks.bench_pages import MAX_PLAN_QUERIES, MAX_QUERIES, pages_to_measure
from django.core.cache import cache
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Concat
from django.test import Client
from django.test.utils import CaptureQueriesContext

from actionplan.accounts.models import User
from actionplan.storage.demo import load_demo


def _counts() -> dict[tuple[str, str], int]:
    counts = {}
    for who, name, address in pages_to_measure():
        client = Client()
        if who != "public":
            client.force_login(User.objects.get(username=who))
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address())
        assert response.status_code == 200, f"{name} as {who}"
        counts[(who, name)] = len(queries)
    return counts


# Committed and then truncated rather than rolled back, as the other large-estate test does.
@pytest.mark.django_db(transaction=True)
def test_query_counts_are_flat_from_a_small_estate_to_a_bigger_one() -> None:
    load_demo(15)
    small = _counts()
    # The demo accounts are made again for the bigger estate; the first ones step aside.
    User.objects.update(username=Concat("username", Value("-before")))
    load_demo(60)
    bigger = _counts()
    assert bigger == small
    over: list[Any] = [
        (page, count)
        for page, count in bigger.items()
        if count > (MAX_PLAN_QUERIES if page[1].startswith("plan") else MAX_QUERIES)
    ]
    assert over == []
