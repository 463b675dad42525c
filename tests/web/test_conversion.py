"""Core plans go into the database and come back unchanged."""

import json
from datetime import date

import pytest
from django.db import IntegrityError
from django.db.models import Prefetch

from actionplan.core import canonical
from actionplan.core.generator import generate_plan
from actionplan.monitoring.models import ProgressJudgement, ProgressUpdate
from actionplan.owners.models import ActionOwner
from actionplan.storage import models
from actionplan.storage.conversion import load_plan, plan_as_read, save_plan
from tests.core.test_canonical import EXAMPLE

pytestmark = pytest.mark.django_db


def _round_trip(data: dict) -> dict:
    stored = save_plan(canonical.plan_from_dict(data))
    return canonical.plan_to_dict(load_plan(stored))


def test_the_schema_example_round_trips_unchanged() -> None:
    assert _round_trip(EXAMPLE) == EXAMPLE


@pytest.mark.parametrize("seed", range(6))
def test_generated_plans_round_trip_unchanged(seed: int) -> None:
    original = canonical.plan_to_dict(generate_plan(seed, recommendations=25, flawed=True))
    # An action the plan writes as "Completed" is stored as completed, whatever delivery the file left out.
    for rec in original["recommendations"]:
        for action in rec["actions"]:
            if action["target"]["kind"] == "completed" and action.get("status", "not_started") == "not_started":
                action["status"] = "completed"
    assert json.dumps(_round_trip(original), sort_keys=True) == json.dumps(original, sort_keys=True)


def test_every_optional_field_survives() -> None:
    data = json.loads(json.dumps(EXAMPLE))
    data["report"] = {"title": "Report on HMP Example", "inspection_dates": "8-19 July 2019", "published": "2019-10-01"}
    data["submitted"] = "2019-11-20"
    data["notes"] = ["Submission was delayed by the pandemic.", "Second note."]
    data["stated_summary"] = None
    rec = data["recommendations"][0]
    rec.update(
        kind="priority_concern",
        cross_ref="S53",
        repeated_from="2.8",
        decision="partly_agreed",
        agreed_part="Screens will be fitted in double cells.",
        reasons=["affordability", "policy"],
    )
    rec["actions"].append(
        {"text": "", "owner": None, "target": {"text": "", "kind": "none", "date": None, "precision": None}}
    )
    assert _round_trip(data) == data


def test_a_plan_is_saved_whole_or_not_at_all() -> None:
    plan = generate_plan(3, recommendations=5)
    plan.recommendations[-1].actions[0].text = None  # type: ignore[assignment]  # the last row written fails
    with pytest.raises(IntegrityError):
        save_plan(plan)
    assert models.ActionPlan.objects.count() == 0
    assert models.Recommendation.objects.count() == 0


def test_loading_a_plan_takes_a_fixed_number_of_queries(django_assert_num_queries) -> None:
    stored = save_plan(generate_plan(4, recommendations=30))
    with django_assert_num_queries(7):
        load_plan(stored)


def _held(plan: models.ActionPlan) -> list[tuple[object, ...]]:
    """Everything a plan read holds, row by row, in order: read from what is left on it."""
    return [
        (
            row.pk,
            [judgement.pk for judgement in row.judgements.all()],
            [
                (
                    action.pk,
                    [(link.pk, link.owner.name if link.owner else None) for link in action.owner_links.all()],
                    [update.pk for update in action.progress_updates.all()],
                    [change.pk for change in action.target_changes.all()],
                )
                for action in row.actions.all()
            ],
        )
        for row in plan.recommendations.all()
    ]


def test_a_plan_read_holds_its_rows_as_prefetch_related_leaves_them(django_assert_num_queries) -> None:
    """plan_as_read leaves what the plan holds on it by hand: the same rows in the same order as prefetch_related,
    each row's parent set, and a parent asked for more still reads only its own rows."""
    stored = save_plan(generate_plan(9, recommendations=12), status=models.ActionPlan.Status.PUBLISHED)
    for row in stored.recommendations.order_by("position")[:3]:
        ProgressJudgement.objects.create(recommendation=row, level="good_progress", judged_on=date(2026, 5, 1))
        for action in row.actions.all():
            ProgressUpdate.objects.create(action=action, on=date(2026, 4, 1), note="Begun.")
    read = models.ActionPlan.objects.select_related("inspection__inspectorate").get(pk=stored.pk)
    with django_assert_num_queries(6):
        as_read = plan_as_read(read)
    assert as_read == load_plan(stored)
    prefetched = models.ActionPlan.objects.prefetch_related(
        "recommendations__judgements",
        Prefetch("recommendations__actions__owner_links", queryset=ActionOwner.objects.select_related("owner")),
        "recommendations__actions__progress_updates",
        "recommendations__actions__target_changes",
    ).get(pk=stored.pk)
    with django_assert_num_queries(0):
        assert _held(read) == _held(prefetched)
        rows = list(read.recommendations.all())
        assert all(row.plan is read for row in rows)
        assert all(action.recommendation is row for row in rows for action in row.actions.all())
    first = rows[0]
    assert list(first.actions.order_by("-position")) == list(reversed(first.actions.all()))
    assert first.actions.count() == len(first.actions.all()) < models.Action.objects.count()
