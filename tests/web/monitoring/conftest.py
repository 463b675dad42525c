"""A fixed today for monitoring, and a sent plan whose first action the owner owns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from actionplan.monitoring import clock
from actionplan.storage import models
from tests.web.conftest import Estate
from tests.web.factories import held_post

TODAY = date(2026, 3, 15)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@dataclass
class Delivery:
    estate: Estate
    action: models.Action
    plan: models.ActionPlan


@pytest.fixture
def delivery(estate: Estate, today: date) -> Delivery:
    """The sent plan of the home establishment; its first action owned by "owner" and due in ten days."""
    action = (
        models.Action.objects.filter(recommendation__plan=estate.sent)
        .order_by("recommendation__position", "position")
        .first()
    )
    assert action is not None
    held_post(estate.people["owner"], action)
    action.target_kind, action.target_text, action.target_date, action.target_precision = (
        "date",
        "25/03/2026",
        date(2026, 3, 25),
        "day",
    )
    action.save()
    return Delivery(estate, action, estate.sent)
