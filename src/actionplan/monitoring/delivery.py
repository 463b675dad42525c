"""Where an action stands against its target on a given day: overdue and due soon, worked out here and only here."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import models
from django.db.models import BooleanField, Count, ExpressionWrapper, Q

from actionplan.core.targets import TargetKind
from actionplan.storage.models import Action

Status = Action.Status
OPEN = [Status.NOT_STARTED, Status.IN_PROGRESS]
DUE_SOON_DAYS = 30


def _dated_and_open(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": OPEN, f"{prefix}target_kind": TargetKind.DATE.value})


def overdue_q(today: date, prefix: str = "") -> Q:
    """An action is overdue when it is still open and the last day its target allows has passed."""
    return _dated_and_open(prefix) & Q(**{f"{prefix}target_date__lt": today})


def due_soon_q(today: date, days: int = DUE_SOON_DAYS, prefix: str = "") -> Q:
    """Open, and its target falls between today and ``days`` from today (both included)."""
    return _dated_and_open(prefix) & Q(
        **{f"{prefix}target_date__gte": today, f"{prefix}target_date__lte": today + timedelta(days=days)}
    )


class ActionQuerySet(models.QuerySet[Action]):
    def overdue(self, today: date) -> ActionQuerySet:
        return self.filter(overdue_q(today))

    def due_soon(self, today: date, days: int = DUE_SOON_DAYS) -> ActionQuerySet:
        return self.filter(due_soon_q(today, days))

    def with_delivery(self, today: date, days: int = DUE_SOON_DAYS) -> ActionQuerySet:
        """Each action annotated ``is_overdue`` and ``is_due_soon`` for ``today``."""
        return self.annotate(
            is_overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField()),
            is_due_soon=ExpressionWrapper(due_soon_q(today, days), output_field=BooleanField()),
        )


def implemented_counts(recommendations: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """Recommendations annotated as ``Recommendation.is_implemented`` in the core decides, for counting in SQL.

    Implemented: at least one action that is not cancelled, and every such action completed.
    """
    return recommendations.annotate(
        live_actions=Count("actions", filter=~Q(actions__status=Status.CANCELLED)),
        completed_actions=Count("actions", filter=Q(actions__status=Status.COMPLETED)),
    ).annotate(
        implemented=ExpressionWrapper(
            Q(live_actions__gt=0) & Q(live_actions=models.F("completed_actions")), output_field=BooleanField()
        )
    )
