"""Delivery in the plan document: optional canonical fields, lossless through the database, implemented counts."""

import copy
import json
from datetime import date

import pytest

from actionplan.core import canonical
from actionplan.core.errors import PlanError
from actionplan.core.generator import generate_plan
from actionplan.core.plan import Action, ActionStatus, Recommendation
from actionplan.storage.conversion import load_plan, save_plan
from tests.core.test_canonical import EXAMPLE

TARGET = {"text": "December 2019", "kind": "date", "date": "2019-12-31", "precision": "month"}


def _with_delivery() -> dict:
    data = copy.deepcopy(EXAMPLE)
    rec = data["recommendations"][0]
    rec["judgement"] = {"level": "reasonable_progress", "judged_on": "2020-06-30", "comment": "Most wings done."}
    action = rec["actions"][0]
    action.update(
        status="completed",
        completed_on="2020-03-02",
        progress=[
            {"on": "2020-01-10", "text": "Started on A wing.", "status": "in_progress"},
            {"on": "2020-03-02", "text": "All wings done.", "status": "completed"},
        ],
        target_history=[
            {
                "changed_on": "2019-12-01",
                "previous": {**TARGET, "text": "October 2019", "date": "2019-10-31"},
                "reason": "Staff shortage.",
            },
            {
                "changed_on": "2019-12-20",
                "previous": {**TARGET, "text": "November 2019", "date": "2019-11-30"},
                "reason": "Contractor late.",
            },
        ],
    )
    rec["actions"].append(
        {"text": "Second", "owner": None, "target": TARGET, "status": "cancelled", "cancellation_reason": "Superseded."}
    )
    return data


def test_a_plan_without_delivery_is_written_as_before() -> None:
    assert canonical.plan_to_dict(canonical.plan_from_dict(EXAMPLE)) == EXAMPLE
    generated = canonical.plan_to_dict(generate_plan(3))
    assert not any(
        {"status", "progress", "target_history"} & set(a) for r in generated["recommendations"] for a in r["actions"]
    )
    assert not any("judgement" in r for r in generated["recommendations"])


def test_delivery_fields_validate_and_read_back() -> None:
    data = _with_delivery()
    plan = canonical.plan_from_dict(data)
    rec = plan.recommendations[0]
    assert rec.judgement is not None
    assert rec.judgement.judged_on == date(2020, 6, 30)
    assert rec.actions[0].status is ActionStatus.COMPLETED
    assert [n.status for n in rec.actions[0].progress] == [ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED]
    assert rec.actions[0].days_slipped() == (date(2019, 12, 31) - date(2019, 10, 31)).days
    assert rec.is_implemented()  # the cancelled action does not count against it
    assert canonical.plan_to_dict(plan) == data


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("actions", 0, "status"), "done"),
        (("judgement", "level"), "some_progress"),
        (("actions", 0, "target_history", 0, "reason"), ""),
    ],
)
def test_bad_delivery_values_are_refused(path: tuple, value: object) -> None:
    data = _with_delivery()
    where = data["recommendations"][0]
    for key in path[:-1]:
        where = where[key]
    where[path[-1]] = value
    with pytest.raises(PlanError):
        canonical.plan_from_dict(data)


@pytest.mark.django_db
def test_delivery_survives_the_database_unchanged() -> None:
    data = _with_delivery()
    stored = save_plan(canonical.plan_from_dict(data))
    assert json.dumps(canonical.plan_to_dict(load_plan(stored)), sort_keys=True) == json.dumps(data, sort_keys=True)


def test_implemented_needs_every_live_action_completed() -> None:
    def rec(*statuses: ActionStatus) -> Recommendation:
        return Recommendation(ref="1", recommendation="x", actions=[Action(text="a", status=s) for s in statuses])

    assert not rec().is_implemented()
    assert not rec(ActionStatus.CANCELLED).is_implemented()
    assert not rec(ActionStatus.COMPLETED, ActionStatus.IN_PROGRESS).is_implemented()
    assert rec(ActionStatus.COMPLETED, ActionStatus.CANCELLED).is_implemented()
