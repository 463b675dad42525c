"""Template tags for monitoring: a plan's delivery beside it, status tags, and the service navigation entries."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from actionplan.core.plan import Plan
from actionplan.storage.models import ActionPlan

register = template.Library()

_TAG_CLASSES = {
    "not_started": "govuk-tag--grey",
    "in_progress": "govuk-tag--blue",
    "completed": "govuk-tag--green",
    "cancelled": "govuk-tag--purple",
}


@register.simple_tag
def status_tag_class(action: Any) -> str:
    """The GOV.UK tag colour for an action: red when overdue, yellow when due soon, else by status."""
    if getattr(action, "is_overdue", False):
        return "govuk-tag--red"
    if getattr(action, "is_due_soon", False):
        return "govuk-tag--yellow"
    return _TAG_CLASSES.get(action.status, "govuk-tag--grey")


@register.simple_tag
def plan_delivery(stored: ActionPlan, plan: Plan, may_view_progress: bool) -> dict[str, Any]:
    """What the plan page shows of delivery: "N of M implemented" and the latest judgement on each recommendation.

    Read from ``plan``, what ``readable_plan`` gives the person: the recommendations of the version they read,
    with delivery as it stands now, never those of a next version being drafted.
    """
    recommendations = plan.recommendations
    return {
        "implementation": plan.implementation(),
        "total": len(recommendations),
        "rows": [(rec, rec.judgement) for rec in recommendations],
        "judged": any(rec.judgement for rec in recommendations),
        "progress_url": reverse("monitoring:plan-progress", args=[stored.pk]) if may_view_progress else None,
    }
