"""Facets: each value counted among the results, choosing values narrows them, several facets at once."""

from __future__ import annotations

from typing import Any

import pytest

from actionplan.core.plan import Decision
from actionplan.search.engine import search
from actionplan.storage import models
from actionplan.workflow.states import freeze_as_stored
from tests.web.search.conftest import first_recommendation, plan_saying, say


@pytest.fixture
def meerkats(estate: Any) -> Any:
    """The word "meerkat" in home's draft (a response and an action) and in the other's draft (a response)."""
    say(estate.draft, "meerkat")
    say(estate.other_draft, "meerkat")
    action = first_recommendation(estate.draft).actions.order_by("position").first()
    action.text = "Count the meerkat enclosure."
    action.status = "in_progress"
    action.save()
    return estate


def _counts(results: Any, name: str) -> dict[str, int]:
    facet = next(facet for facet in results.facets if facet.name == name)
    return {value.label: value.count for value in facet.values}


def test_each_facet_counts_the_results(meerkats: Any) -> None:
    results = search("meerkat", meerkats.people["analyst"])
    assert results.total == 3
    assert _counts(results, "kind") == {"Response": 2, "Action": 1}
    assert _counts(results, "establishment") == {"HMP Homefield": 2, "HMP Otherton": 1}
    assert _counts(results, "inspectorate") == {"HMIP": 3}
    assert _counts(results, "status") == {"In progress": 1}
    home, other = meerkats.draft, meerkats.other_draft
    years = {}
    for plan, count in ((home, 2), (other, 1)):
        year = str(plan.inspection.report_published.year)
        years[year] = years.get(year, 0) + count
    assert _counts(results, "year") == years
    decisions: dict[str, int] = {}
    for plan, count in ((home, 2), (other, 1)):
        label = Decision(first_recommendation(plan).decision).label
        decisions[label] = decisions.get(label, 0) + count
    assert _counts(results, "decision") == decisions
    owner = first_recommendation(home).actions.order_by("position").first().owner
    if owner:
        assert _counts(results, "owner") == {owner: 1}


def test_choosing_values_of_two_facets_narrows_the_results(meerkats: Any) -> None:
    analyst = meerkats.people["analyst"]
    home = search("meerkat", analyst, {"establishment": ["HMP Homefield"]})
    assert home.total == 2
    assert {hit.establishment for hit in home.page} == {"HMP Homefield"}
    # A facet's own values are counted without its own choice, so the other establishment can still be added.
    assert _counts(home, "establishment") == {"HMP Homefield": 2, "HMP Otherton": 1}
    assert _counts(home, "kind") == {"Response": 1, "Action": 1}
    both = search("meerkat", analyst, {"establishment": ["HMP Homefield"], "kind": ["action"]})
    assert both.total == 1
    assert [hit.kind for hit in both.page] == ["action"]
    assert _counts(both, "establishment") == {"HMP Homefield": 1}
    either = search("meerkat", analyst, {"establishment": ["HMP Homefield", "HMP Otherton"]})
    assert either.total == 3


def test_a_value_chosen_that_nothing_has_finds_nothing_and_stays_chosen(meerkats: Any) -> None:
    results = search("meerkat", meerkats.people["analyst"], {"year": ["1999"], "owner": ["<nobody>"]})
    assert results.total == 0
    chosen = {facet.name: [v.value for v in facet.values if v.chosen] for facet in results.facets}
    assert chosen["year"] == ["1999"]
    assert chosen["owner"] == ["<nobody>"]


@pytest.mark.parametrize("year", ["twenty", "²", "9" * 30, "-1"])
def test_a_year_that_is_not_a_year_finds_nothing(meerkats: Any, year: str) -> None:
    assert search("meerkat", meerkats.people["analyst"], {"year": [year]}).total == 0


@pytest.mark.django_db(transaction=True)
def test_counts_kept_between_searches_are_forgotten_when_anything_indexed_changes(estate: Any) -> None:
    """Outside a transaction (as a page is served) the counts are kept; a change makes them count afresh."""
    analyst = estate.people["analyst"]
    say(estate.draft, "wallaby")
    assert search("wallaby", analyst).total == 1
    say(estate.other_draft, "wallaby")
    assert search("wallaby", analyst).total == 2
    action = first_recommendation(estate.draft).actions.order_by("position").first()
    action.status = "cancelled"
    action.save()
    assert _counts(search("wallaby", analyst), "status") == {}
    action.text = "A wallaby walk."
    action.save()
    assert _counts(search("wallaby", analyst), "status") == {"Cancelled": 1}
    action.status = "completed"
    action.save()
    assert _counts(search("wallaby", analyst), "status") == {"Completed": 1}


@pytest.mark.django_db(transaction=True)
def test_counts_kept_are_forgotten_when_a_version_is_frozen(estate: Any) -> None:
    """Freezing a version saves no plan row: the index itself tells the kept counts to go."""
    inspector = estate.people["inspector"]
    plan = plan_saying(estate.other, models.ActionPlan.Status.SENT, seed=31)
    say(plan, "bandicoot")
    assert search("bandicoot", inspector).total == 0
    freeze_as_stored(plan, note="Sent before versions were kept.")
    assert search("bandicoot", inspector).total == 1
