"""What a plan's page shows of the inspection cycle: the recommendations it repeats."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from actionplan.accounts.access import plans_for
from actionplan.accounts.models import User
from actionplan.core import plan as core
from actionplan.cycle.models import RepeatLink
from actionplan.storage.models import ActionPlan


def plan_cycle(user: User | AnonymousUser, stored: ActionPlan, plan: core.Plan) -> dict[str, Any]:
    """For the plan page (one query): each recommendation the person reads that repeats an earlier one, linked
    where the earlier plan is stored and theirs to read. What the next inspection found of a recommendation is
    on its own page in the cycle and on the establishment's timeline."""
    shown = {rec.ref for rec in plan.recommendations}
    links = {
        link.recommendation.ref: link
        for link in RepeatLink.objects.filter(
            ~Q(how=RepeatLink.How.REJECTED),
            recommendation__plan=stored,
            earlier__plan__in=plans_for(user).values("pk"),
        ).select_related("recommendation", "earlier__plan__inspection")
        if link.recommendation.ref in shown
    }
    repeats = [
        {"ref": rec.ref, "stated": rec.repeated_from, "link": links.get(rec.ref)}
        for rec in plan.recommendations
        if rec.ref in links or rec.repeated_from
    ]
    return {"repeats": repeats, "establishment": stored.inspection.establishment}
