"""The analyses of repeated recommendations and follow-up outcomes: their numbers, chains and CSV files."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from actionplan.accounts.access import reading_of, readings_of
from actionplan.core.generator import generate_plan
from actionplan.cycle.linking import answer_suggestions, suggestions
from actionplan.cycle.models import FollowUpOutcome
from actionplan.storage import models
from actionplan.storage.conversion import save_plan
from tests.web.cycle.conftest import TwoInspections

pytestmark = pytest.mark.django_db


def _rows(response: Any) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_repeat_rate_counts_stated_and_confirmed_repeats_by_year_and_establishment(
    client: Any, two_inspections: TwoInspections
) -> None:
    two = two_inspections
    offered = suggestions(two.next)
    answer_suggestions(two.next, {offered[0].new: (offered[0].earlier, True)}, two.people["analyst"])
    answer_suggestions(two.next, {offered[1].new: (offered[1].earlier, False)}, two.people["analyst"])
    client.force_login(two.people["analyst"])
    page = client.get(reverse("cycle:repeated")).content.decode()
    total = len(two.cycle.previous.recommendations) + len(two.cycle.next.recommendations)
    assert f"2 of {total} (10%)" in page
    assert '<svg class="app-chart" role="img"' in page
    rows = _rows(client.get(reverse("cycle:repeated-csv")))
    assert rows[0] == ["Breakdown", "Group", "Recommendations", "Repeated", "Repeated (per cent)"]
    earlier_year = str(two.previous.inspection.report_published.year)
    later_year = str(two.next.inspection.report_published.year)
    assert ["Year", earlier_year, "10", "0", "0"] in rows
    assert ["Year", later_year, "10", "2", "20"] in rows
    assert ["Establishment", "HMP Ashcombe", "20", "2", "10"] in rows
    assert ["Inspectorate", "HMIP", "20", "2", "10"] in rows


def test_the_longest_chain_runs_back_through_every_inspection(client: Any, two_inspections: TwoInspections) -> None:
    two = two_inspections
    [stated_ref] = two.cycle.stated
    repeated_ref = two.cycle.repeats[stated_ref]
    third = generate_plan(40, recommendations=3, establishment=two.establishment.name, published=date(2027, 1, 1))
    third.recommendations[0].repeated_from = stated_ref
    save_plan(third, establishment=two.establishment)
    client.force_login(two.people["analyst"])
    page = client.get(reverse("cycle:repeated")).content.decode()
    chain = page.split("The longest chains of repeats")[1]
    assert "HMP Ashcombe, 3 inspections:" in chain
    assert (
        chain.index(f">{third.recommendations[0].ref} (2027)<")
        < chain.index(f">{stated_ref} (")
        < chain.index(f">{repeated_ref} (")
    )


def test_follow_up_outcomes_are_counted_by_year_inspectorate_and_section(
    client: Any, two_inspections: TwoInspections
) -> None:
    two = two_inspections
    rows = list(two.previous.recommendations.order_by("position")[:4])
    for row, outcome in zip(rows, ["achieved", "achieved", "partially_achieved", "not_achieved"], strict=True):
        FollowUpOutcome.objects.create(recommendation=row, inspection=two.next.inspection, outcome=outcome)
    client.force_login(two.people["admin"])
    page = client.get(reverse("cycle:follow-up-analysis")).content.decode()
    assert "achieved 2, partially achieved 1, not achieved 1" in page
    csv_rows = _rows(client.get(reverse("cycle:follow-up-csv")))
    year = str(two.previous.inspection.report_published.year)
    assert ["Year", year, "2", "1", "1", "4"] in csv_rows
    assert ["Inspectorate", "HMIP", "2", "1", "1", "4"] in csv_rows
    sections = [row for row in csv_rows if row[0] == "Section"]
    assert sum(int(row[5]) for row in sections) == 4


def test_the_csv_files_never_hold_a_formula(client: Any, two_inspections: TwoInspections) -> None:
    two = two_inspections
    models.Establishment.objects.filter(pk=two.establishment.pk).update(name="=HYPERLINK(1)")
    models.Recommendation.objects.filter(plan=two.previous).update(section="+SUM(A1:A2)")
    FollowUpOutcome.objects.create(
        recommendation=two.previous.recommendations.first(), inspection=two.next.inspection, outcome="achieved"
    )
    client.force_login(two.people["analyst"])
    repeated = _rows(client.get(reverse("cycle:repeated-csv")))
    follow_up = _rows(client.get(reverse("cycle:follow-up-csv")))
    assert ["Establishment", "'=HYPERLINK(1)", "20", "1", "5"] in repeated
    assert any(row[:2] == ["Section", "'+SUM(A1:A2)"] for row in follow_up)
    cells = [cell for row in repeated + follow_up for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


@pytest.mark.parametrize(
    "name", ["cycle:repeated", "cycle:repeated-csv", "cycle:follow-up-analysis", "cycle:follow-up-csv"]
)
def test_the_analyses_are_for_analysts_and_admins(client: Any, two_inspections: TwoInspections, name: str) -> None:
    two = two_inspections
    url = reverse(name)
    assert client.get(url).status_code == 302  # the public: to sign in
    for who in ("coordinator", "inspector", "owner"):
        client.force_login(two.people[who])
        assert client.get(url).status_code == 403
    client.force_login(two.people["analyst"])
    assert client.get(url).status_code == 200


def test_plans_are_read_in_bulk_as_they_are_one_by_one(two_inspections: TwoInspections) -> None:
    two = two_inspections
    plans = [two.previous, two.next]
    for person in [*two.people.values()]:
        assert readings_of(person, plans) == {plan.pk: reading_of(person, plan) for plan in plans}


def test_the_figures_kept_are_counted_again_once_a_repeat_or_an_outcome_is_recorded(
    client: Any, two_inspections: TwoInspections
) -> None:
    two = two_inspections
    client.force_login(two.people["analyst"])
    assert "1 of 20 (5%)" in client.get(reverse("cycle:repeated")).content.decode()
    offered = suggestions(two.next)
    answer_suggestions(two.next, {offered[0].new: (offered[0].earlier, True)}, two.people["analyst"])
    assert "2 of 20 (10%)" in client.get(reverse("cycle:repeated")).content.decode()
    assert (
        "What the next inspection found of 0 earlier"
        in client.get(reverse("cycle:follow-up-analysis")).content.decode()
    )
    FollowUpOutcome.objects.create(
        recommendation=two.previous.recommendations.first(), inspection=two.next.inspection, outcome="achieved"
    )
    assert "found of 1 earlier recommendation:" in client.get(reverse("cycle:follow-up-analysis")).content.decode()
