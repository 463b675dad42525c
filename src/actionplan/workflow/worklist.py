"""The approver's worklist: the plans waiting for this person's approval, the most urgent first."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Max, Q, QuerySet
from django.urls import reverse

from actionplan.accounts.access import PERMISSIONS, Permission, plans_for, roles_of
from actionplan.accounts.models import User
from actionplan.storage.models import ActionPlan

Status = ActionPlan.Status


def may_approve_somewhere(user: User | AnonymousUser) -> bool:
    """Whether the permission table lets any role this person holds approve plans at all (approvers and admins)."""
    return bool(roles_of(user) & PERMISSIONS[Permission.APPROVE_PLAN].keys())


def waiting_for_approval(user: User | AnonymousUser) -> QuerySet[ActionPlan]:
    """The plans submitted for approval that this person may approve, each with when it was submitted.

    The due date is the report's publication plus the submission days, so the earliest report comes first;
    plans with no publication date come last, then the longest waiting.
    """
    return (
        plans_for(user, Permission.APPROVE_PLAN)
        .filter(status=Status.SUBMITTED_FOR_APPROVAL)
        .annotate(
            submitted_for_approval=Max(
                "transitions__at", filter=Q(transitions__to_status=Status.SUBMITTED_FOR_APPROVAL)
            )
        )
        .order_by(F("inspection__report_published").asc(nulls_last=True), "submitted_for_approval", "pk")
    )


def navigation(user: User | AnonymousUser) -> list[dict[str, object]]:
    """The worklist's entry in the service navigation, for those who may approve."""
    return [{"text": "To approve", "href": reverse("worklist")}] if may_approve_somewhere(user) else []
