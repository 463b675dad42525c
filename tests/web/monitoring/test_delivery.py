"""Overdue, due soon, moved targets and implemented counts, on a fixed day."""

from datetime import date, timedelta

import pytest

from actionplan.core import plan as core
from actionplan.core.plan import TO_IMPLEMENT
from actionplan.core.targets import parse_target
from actionplan.monitoring.delivery import implemented_counts
from actionplan.monitoring.models import TrackedAction
from actionplan.monitoring.progress import move_target
from actionplan.storage import models
from actionplan.storage.conversion import load_plan
from tests.web.monitoring.conftest import TODAY

pytestmark = pytest.mark.django_db


def _set(action: models.Action, target: date | None, status: str = "not_started") -> None:
    action.target_kind = "date" if target else "ongoing"
    action.target_date = target
    action.status = status
    action.save()


def test_overdue_and_due_soon_follow_the_target_and_today(delivery) -> None:
    actions = list(models.Action.objects.filter(recommendation__plan=delivery.plan)[:7])
    _set(actions[0], TODAY - timedelta(days=1))  # overdue
    _set(actions[1], TODAY)  # due today: not overdue yet, due soon
    _set(actions[2], TODAY + timedelta(days=30))  # due soon, last day of the window
    _set(actions[3], TODAY + timedelta(days=31))  # neither
    _set(actions[4], TODAY - timedelta(days=40), "completed")  # done: never overdue
    _set(actions[5], TODAY - timedelta(days=40), "cancelled")
    _set(actions[6], None)  # "Ongoing": no date to be late against
    tracked = TrackedAction.objects.filter(pk__in=[a.pk for a in actions])
    assert set(tracked.overdue(TODAY).values_list("pk", flat=True)) == {actions[0].pk}
    assert set(tracked.due_soon(TODAY).values_list("pk", flat=True)) == {actions[1].pk, actions[2].pk}
    annotated = {a.pk: (a.is_overdue, a.is_due_soon) for a in tracked.with_delivery(TODAY)}
    assert annotated[actions[0].pk] == (True, False)
    assert annotated[actions[1].pk] == (False, True)
    assert annotated[actions[3].pk] == (False, False)
    # A day later, what was due today is overdue.
    assert actions[1].pk in set(tracked.overdue(TODAY + timedelta(days=1)).values_list("pk", flat=True))


def test_moved_targets_keep_the_old_date_and_count_the_slip(delivery) -> None:
    action = delivery.action
    owner = delivery.estate.people["coordinator"]
    move_target(action, parse_target("April 2026"), reason="Contractor delayed", by=owner, today=TODAY)
    change = move_target(action, parse_target("30/06/2026"), reason="Funding late", by=owner, today=TODAY)
    assert change.previous_date == date(2026, 4, 30)
    assert change.days_moved == 61
    action.refresh_from_db()
    assert action.target_date == date(2026, 6, 30)
    loaded = load_plan(delivery.plan).recommendations[0].actions[0]
    assert [c.reason for c in loaded.target_history] == ["Contractor delayed", "Funding late"]
    assert loaded.days_slipped() == (date(2026, 6, 30) - date(2026, 3, 25)).days


def test_implemented_counts_in_sql_agree_with_the_core(delivery) -> None:
    recs = list(models.Recommendation.objects.filter(plan=delivery.plan).order_by("position"))
    first, second, third = recs[:3]
    first.actions.update(status="completed", completed_on=TODAY)
    second.actions.update(status="completed", completed_on=TODAY)
    second.actions.filter(pk=second.actions.first().pk).update(status="cancelled")
    third.actions.update(status="cancelled")
    in_sql = {r.pk: r.implemented for r in implemented_counts(models.Recommendation.objects.filter(plan=delivery.plan))}
    plan = load_plan(delivery.plan)
    in_core = {row.pk: rec.is_implemented() for row, rec in zip(recs, plan.recommendations, strict=True)}
    assert in_sql == in_core
    assert in_sql[first.pk] is True
    assert in_sql[third.pk] is False  # every action cancelled: nothing was implemented
    decided = {row.pk: rec.decision for row, rec in zip(recs, plan.recommendations, strict=True)}
    agreed = [pk for pk, decision in decided.items() if decision in TO_IMPLEMENT]
    assert plan.implementation().implemented == sum(in_core[pk] for pk in agreed)
    assert isinstance(plan.recommendations[0].actions[0].status, core.ActionStatus)
