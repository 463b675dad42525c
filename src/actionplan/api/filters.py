"""The filters of the API's lists, the dashboard's own: read from the query string, checked, and applied.

A bad value is refused with 400 and a message under the parameter's name; a filter only ever narrows what the
caller may read, never widens it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from actionplan.core.plan import Decision
from actionplan.monitoring.delivery import overdue_q
from actionplan.storage.models import Action, ActionPlan, Inspectorate

FIRST_YEAR = 1990
LAST_YEAR = 2100


class _Inspectorate(serializers.CharField):
    """An inspectorate by its short name as plans write it (HMIP), in any case."""

    def to_internal_value(self, data: Any) -> int:
        name = super().to_internal_value(data)
        found = Inspectorate.objects.filter(short_name__iexact=name).values_list("pk", flat=True).first()
        if found is None:
            known = ", ".join(Inspectorate.objects.order_by("short_name").values_list("short_name", flat=True))
            raise ValidationError(f"No inspectorate is called “{name}”. Use one of: {known}.")
        return int(found)


class PlanFilters(serializers.Serializer[Any]):
    """What the list of plans may be narrowed to."""

    establishment = serializers.IntegerField(
        required=False, min_value=1, help_text="The id of an establishment: its plans only."
    )
    inspectorate = _Inspectorate(required=False, help_text="The inspectorate's short name, e.g. HMIP.")
    year = serializers.IntegerField(
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text="The year the inspection report was published.",
    )
    status = serializers.ChoiceField(
        choices=ActionPlan.Status.choices,
        required=False,
        help_text="The status of what you read (the public read published plans only).",
    )


class ActionFilters(PlanFilters):
    """What the list of actions may be narrowed to: the plan's filters, and the action's own."""

    decision = serializers.ChoiceField(
        choices=[decision.value for decision in Decision],
        required=False,
        help_text="The decision on the action's recommendation.",
    )
    section = serializers.CharField(
        required=False, help_text="The plan section the recommendation is under, as the plan writes it (any case)."
    )
    action_status = serializers.ChoiceField(
        choices=Action.Status.choices, required=False, help_text="How far the action has got."
    )
    owner = serializers.CharField(
        required=False, help_text="Words of the owner's name, as the plan writes it or as the owner directory has it."
    )
    overdue = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: only actions still open after their target date; false: only the others.",
    )


def read_filters(request: Request, filters: type[PlanFilters]) -> dict[str, Any]:
    """The filters asked for, checked; a bad one is a 400 naming the parameter and saying what it takes."""
    # Only the parameters given: a list's page number and size are the pagination's.
    asked = {name: request.query_params[name] for name in filters().fields if name in request.query_params}
    found = filters(data=asked)
    found.is_valid(raise_exception=True)
    return {name: value for name, value in found.validated_data.items() if value is not None}


def filter_plans(plans: QuerySet[Any], found: dict[str, Any], prefix: str = "") -> QuerySet[Any]:
    """The plans (or, with ``prefix``, the rows under plans) that match the plan filters found.

    ``status`` is left to the caller: it is the status each person reads, not always the stored one.
    """
    conditions = Q()
    if "establishment" in found:
        conditions &= Q(**{f"{prefix}inspection__establishment": found["establishment"]})
    if "inspectorate" in found:
        conditions &= Q(**{f"{prefix}inspection__inspectorate": found["inspectorate"]})
    if "year" in found:
        conditions &= Q(**{f"{prefix}inspection__report_published__year": found["year"]})
    return plans.filter(conditions)


def filter_actions(actions: QuerySet[Any], found: dict[str, Any], today: date) -> QuerySet[Any]:
    """The actions that match the filters found (the plan's ones through each action's plan)."""
    actions = filter_plans(actions, found, prefix="recommendation__plan__")
    conditions = Q()
    if "status" in found:
        conditions &= Q(recommendation__plan__status=found["status"])
    if "decision" in found:
        conditions &= Q(recommendation__decision=found["decision"])
    if "section" in found:
        conditions &= Q(recommendation__section__iexact=found["section"].strip())
    if "action_status" in found:
        conditions &= Q(status=found["action_status"])
    if "owner" in found:
        words = found["owner"].strip()
        conditions &= Q(pk__in=Action.objects.filter(owner__icontains=words).values("pk")) | Q(
            pk__in=Action.objects.filter(owner_links__owner__name__icontains=words).values("pk")
        )
    if "overdue" in found:
        conditions &= overdue_q(today) if found["overdue"] else ~overdue_q(today)
    return actions.filter(conditions)
