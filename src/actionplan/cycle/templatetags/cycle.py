"""Template tags of the inspection cycle: the earlier recommendation one repeats, wherever it is shown in detail."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Q

from actionplan.accounts.access import plans_for
from actionplan.cycle.models import RepeatLink
from actionplan.storage.models import Recommendation

register = template.Library()


@register.inclusion_tag("cycle/repeats_of.html", takes_context=True)
def repeats_of(context: dict[str, Any], recommendation: Recommendation) -> dict[str, Any]:
    """ "Repeats 2.8 from the inspection reported ...", linking to the recommendation's page in the cycle, when
    it repeats a recommendation of a plan the person may read (one query)."""
    link = (
        RepeatLink.objects.filter(
            ~Q(how=RepeatLink.How.REJECTED),
            recommendation=recommendation,
            earlier__plan__in=plans_for(context["request"].user).values("pk"),
        )
        .select_related("earlier__plan__inspection")
        .first()
    )
    return {"link": link, "recommendation": recommendation}
