"""A small estate built by hand, whose every figure is known: two signed-off plans and a draft that is never counted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from actionplan.accounts.models import Role, User
from actionplan.monitoring.models import ProgressJudgement, TargetChange
from actionplan.storage import models
from tests.web.factories import EstablishmentFactory, InspectorateFactory, UserFactory

Status = models.ActionPlan.Status


@dataclass
class HandBuilt:
    alpha: models.Establishment
    beta: models.Establishment
    gamma: models.Establishment
    people: dict[str, User]
    actions: dict[str, models.Action]


def _plan(establishment: models.Establishment, published: date, status: str) -> models.ActionPlan:
    inspection = models.Inspection.objects.create(
        establishment=establishment, inspectorate=establishment.inspectorate, report_published=published
    )
    return models.ActionPlan.objects.create(
        inspection=inspection, establishment_as_written=establishment.name, status=status
    )


def _rec(plan: models.ActionPlan, position: int, section: str, decision: str, reasons: list[str]) -> Any:
    return models.Recommendation.objects.create(
        plan=plan,
        position=position,
        ref=f"1.{position}",
        section=section,
        text=f"Recommendation {position} of {plan.establishment_as_written}",
        decision=decision,
        reasons=reasons,
    )


def _action(rec: Any, position: int, owner: str, target: date, status: str, completed: date | None = None) -> Any:
    return models.Action.objects.create(
        recommendation=rec,
        position=position,
        text=f"=Action {position} of {rec.ref}",  # text a spreadsheet would run, were it not written as text
        owner=owner,
        target_text=f"{target:%d/%m/%Y}",
        target_kind="date",
        target_date=target,
        status=status,
        completed_on=completed,
    )


def _moved(action: Any, changed_on: date, before: date, after: date) -> None:
    TargetChange.objects.create(
        action=action,
        changed_on=changed_on,
        previous_text=f"{before:%d/%m/%Y}",
        previous_kind="date",
        previous_date=before,
        new_text=f"{after:%d/%m/%Y}",
        new_date=after,
        reason="Staff shortages.",
    )


@pytest.fixture
def hand_built(db: None) -> HandBuilt:
    hmip = InspectorateFactory()
    probation = InspectorateFactory(short_name="HMI Probation", name="HM Inspectorate of Probation")
    alpha = EstablishmentFactory(name="HMP Alpha", inspectorate=hmip)
    beta = EstablishmentFactory(name="HMP Beta", inspectorate=hmip)
    gamma = EstablishmentFactory(name="Probation Gamma", inspectorate=probation)

    a = _plan(alpha, date(2024, 3, 1), Status.SENT)
    safety_agreed = _rec(a, 1, "Safety", "agreed", [])
    a1 = _action(safety_agreed, 1, "Governor", date(2024, 6, 30), "completed", date(2024, 5, 1))
    a2 = _action(safety_agreed, 2, "Head of Safety", date(2024, 6, 30), "completed", date(2024, 8, 1))
    _moved(a2, date(2024, 5, 1), date(2024, 5, 31), date(2024, 6, 30))
    safety_partly = _rec(a, 2, "Safety", "partly_agreed", ["policy", "affordability"])
    a3 = _action(safety_partly, 1, "Governor/Head of Safety", date(2024, 12, 31), "not_started")
    _moved(a3, date(2024, 6, 1), date(2024, 6, 30), date(2024, 9, 30))
    _moved(a3, date(2024, 9, 1), date(2024, 9, 30), date(2024, 12, 31))
    refused = _rec(a, 3, "Education", "not_agreed", ["affordability"])
    ProgressJudgement.objects.create(recommendation=refused, level="good_progress", judged_on=date(2025, 1, 10))
    _rec(a, 4, "Education", "not_agreed", [])

    b = _plan(beta, date(2025, 2, 1), Status.APPROVED)
    education = _rec(b, 1, "Education", "partly_agreed", ["operational"])
    b1 = _action(education, 1, "Governor", date(2025, 3, 31), "completed", date(2025, 3, 1))
    unsectioned = _rec(b, 2, "", "agreed", [])
    ProgressJudgement.objects.create(
        recommendation=unsectioned, level="insufficient_progress", judged_on=date(2025, 6, 1)
    )
    ProgressJudgement.objects.create(
        recommendation=unsectioned, level="reasonable_progress", judged_on=date(2025, 12, 1)
    )

    draft = _plan(gamma, date(2025, 5, 1), Status.DRAFT)
    _rec(draft, 1, "Education", "not_agreed", ["policy"])

    people = {
        "analyst": UserFactory(username="analyst", role=Role.ANALYST),
        "coordinator": UserFactory(username="coordinator", role=Role.COORDINATOR, establishments=[beta]),
        "inspector": UserFactory(username="inspector", role=Role.INSPECTORATE, inspectorate=hmip),
    }
    return HandBuilt(alpha, beta, gamma, people, {"a1": a1, "a2": a2, "a3": a3, "b1": b1})
