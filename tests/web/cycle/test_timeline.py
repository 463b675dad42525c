"""The inspection cycle of an establishment: its inspections in order, each plan as the person reads it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplan.core.generator import generate_plan
from actionplan.storage import models
from actionplan.storage.conversion import save_plan
from actionplan.workflow.states import freeze_as_stored
from tests.web.cycle.conftest import TwoInspections

pytestmark = pytest.mark.django_db


def _items(page: str) -> list[str]:
    return re.findall(r'<li class="moj-timeline__item" id="inspection-(\d+)">', page)


def test_the_timeline_lists_the_inspections_latest_first_with_decisions_and_delivery(
    client: Any, two_inspections: TwoInspections
) -> None:
    two = two_inspections
    client.force_login(two.people["coordinator"])
    page = client.get(reverse("cycle:timeline", args=[two.establishment.pk])).content.decode()
    assert _items(page) == [str(two.next.inspection.pk), str(two.previous.inspection.pk)]
    assert '<ol class="moj-timeline govuk-list"' in page
    summary = two.cycle.previous.counted_summary()
    assert (
        f"{summary.total} recommendations: Agreed {summary.agreed}, Partly Agreed {summary.partly_agreed}, "
        f"Not Agreed {summary.not_agreed}"
    ) in page
    actions = models.Action.objects.filter(recommendation__plan=two.previous)
    assert f"0 of {actions.count()} actions completed" in page
    # The stated repeat of the next plan is counted on it.
    assert "Recommendations repeated from an earlier inspection: 1" in page


def test_the_public_reads_only_published_versions(client: Any, two_inspections: TwoInspections) -> None:
    two = two_inspections
    # A recommendation added to the published plan's next draft is not the public's to read, nor counted for them.
    models.Recommendation.objects.create(plan=two.previous, position=99, ref="9.9", text="Added since.")
    page = client.get(reverse("cycle:timeline", args=[two.establishment.pk])).content.decode()
    assert _items(page) == [str(two.previous.inspection.pk)]
    assert f"{len(two.cycle.previous.recommendations)} recommendations:" in page
    client.force_login(two.people["analyst"])
    page = client.get(reverse("cycle:timeline", args=[two.establishment.pk])).content.decode()
    assert f"{len(two.cycle.previous.recommendations) + 1} recommendations:" in page


def test_an_establishment_with_nothing_to_read_is_not_found(client: Any, two_inspections: TwoInspections) -> None:
    two = two_inspections
    url = reverse("cycle:timeline", args=[two.people["outsider"].memberships.get().establishment_id])
    assert client.get(url).status_code == 404
    client.force_login(two.people["outsider"])
    assert client.get(reverse("cycle:timeline", args=[999999])).status_code == 404


def test_the_timeline_reads_the_database_a_fixed_number_of_times(client: Any, two_inspections: TwoInspections) -> None:
    two = two_inspections

    def count(who: str) -> int:
        client.force_login(two.people[who]) if who != "public" else client.logout()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("cycle:timeline", args=[two.establishment.pk])).status_code == 200
        return len(queries)

    before = {who: count(who) for who in ("public", "inspector", "analyst", "coordinator")}
    for seed in (21, 22, 23):
        plan = generate_plan(seed, recommendations=8, establishment=two.establishment.name)
        freeze_as_stored(
            save_plan(plan, establishment=two.establishment, status=models.ActionPlan.Status.PUBLISHED), note="."
        )
    after = {who: count(who) for who in ("public", "inspector", "analyst", "coordinator")}
    assert max(after.values()) <= 15
    # The people who read plans as they are now cost nothing more for more inspections.
    assert after["analyst"] == before["analyst"]
    assert after["coordinator"] == before["coordinator"]


def test_the_published_plans_link_each_establishments_timeline(client: Any, two_inspections: TwoInspections) -> None:
    two = two_inspections
    page = client.get(reverse("published")).content.decode()
    timeline = reverse("cycle:timeline", args=[two.establishment.pk])
    assert f'href="{timeline}"' in page
    assert client.get(timeline).status_code == 200
