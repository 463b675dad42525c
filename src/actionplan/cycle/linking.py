"""Linking recommendations to the earlier ones they repeat: by the ref a report states, or as a person confirms."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from actionplan.accounts.models import User
from actionplan.core.repeats import LikelyRepeat, find_ref, likely_repeats
from actionplan.cycle.models import FollowUpOutcome, RepeatLink
from actionplan.monitoring.dashboard import figures_changed
from actionplan.storage.models import ActionPlan, Establishment, Recommendation
from actionplan.storage.signals import recommendations_replaced


def when(plan: ActionPlan) -> date:
    """The day that places a plan's inspection in the establishment's cycle: the report's publication, else the
    fieldwork, else the day the plan was recorded (a plan read without dates is taken as the latest)."""
    inspection = plan.inspection
    return (
        inspection.report_published
        or inspection.fieldwork_end
        or inspection.fieldwork_start
        or plan.submitted
        or plan.created.date()
    )


def in_order(plans: Sequence[ActionPlan]) -> list[ActionPlan]:
    """Plans of one establishment, the earliest inspection first (their inspections read with them)."""
    return sorted(plans, key=lambda plan: (when(plan), plan.pk))


def establishment_plans(establishment: Establishment | int) -> list[ActionPlan]:
    """Every plan of an establishment, in the order of its inspections."""
    return in_order(
        list(ActionPlan.objects.filter(inspection__establishment=establishment).select_related("inspection"))
    )


def link_stated(establishment_id: int) -> int:
    """Link every recommendation whose report states the one it repeats to that recommendation of the previous
    plan, where that plan is stored and has the ref; how many links were made. Safe to run again."""
    plans = establishment_plans(establishment_id)
    before = {later.pk: earlier.pk for earlier, later in itertools.pairwise(plans)}
    rows = list(Recommendation.objects.filter(plan__in=plans).values("pk", "plan_id", "ref", "repeated_from"))
    refs: dict[int, dict[str, int]] = {}
    for row in rows:
        refs.setdefault(row["plan_id"], {})[row["ref"]] = row["pk"]
    stating = [row for row in rows if row["repeated_from"] and row["plan_id"] in before]
    if not stating:
        return 0
    existing = RepeatLink.objects.filter(recommendation__in=[row["pk"] for row in stating])
    taken = set(existing.exclude(how=RepeatLink.How.REJECTED).values_list("recommendation", flat=True))
    pairs = set(existing.values_list("recommendation", "earlier"))
    made = []
    for row in stating:
        earlier = find_ref(row["repeated_from"], refs.get(before[row["plan_id"]], {}))
        if earlier is None or row["pk"] in taken or (row["pk"], earlier) in pairs:
            continue
        made.append(RepeatLink(recommendation_id=row["pk"], earlier_id=earlier, how=RepeatLink.How.STATED))
    RepeatLink.objects.bulk_create(made)
    if made:
        figures_changed()
    return len(made)


def _plan_stored(sender: Any, plan: ActionPlan, **kwargs: Any) -> None:
    link_stated(plan.inspection.establishment_id)


def _recommendation_saved(sender: Any, instance: Recommendation, created: bool, **kwargs: Any) -> None:
    if instance.repeated_from and not kwargs.get("raw"):
        link_stated(instance.plan.inspection.establishment_id)


def _changed(**kwargs: Any) -> None:
    figures_changed()


def watch_for_plans() -> None:
    """Link stated repeats whenever a plan's recommendations are stored, in the same transaction; let pages kept
    once rendered (the public's plan page) know when a link or an outcome changes."""
    recommendations_replaced.connect(_plan_stored, dispatch_uid="cycle-link-stated")
    post_save.connect(_recommendation_saved, sender=Recommendation, dispatch_uid="cycle-link-stated-one")
    for model in (RepeatLink, FollowUpOutcome):
        post_save.connect(_changed, sender=model, dispatch_uid=f"cycle-{model.__name__}-saved")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"cycle-{model.__name__}-deleted")


def suggestions(plan: ActionPlan) -> list[LikelyRepeat[int, int]]:
    """The earlier recommendations of the establishment that this plan's recommendations read like, for a person
    to confirm: only for recommendations not linked yet (nor stating a repeat), never a pair rejected before,
    never an earlier recommendation another one already repeats."""
    plans = establishment_plans(plan.inspection.establishment_id)
    earlier_plans = plans[: [each.pk for each in plans].index(plan.pk)]
    if not earlier_plans:
        return []
    rows = list(plan.recommendations.all())
    links = list(RepeatLink.objects.filter(recommendation__in=[row.pk for row in rows]))
    linked = {link.recommendation_id for link in links if link.linked}
    repeated = {link.earlier_id for link in links if link.linked}
    rejected = frozenset((link.recommendation_id, link.earlier_id) for link in links if not link.linked)
    new = {row.pk: row.text for row in rows if row.pk not in linked and not row.repeated_from}
    earlier = {
        row.pk: row.text for row in Recommendation.objects.filter(plan__in=earlier_plans) if row.pk not in repeated
    }
    return likely_repeats(new, earlier, excluded=rejected)


class SuggestionGone(Exception):
    """A suggestion answered is no longer offered: linked or answered meanwhile, or the plans changed."""


@transaction.atomic
def answer_suggestions(plan: ActionPlan, answers: dict[int, tuple[int, bool]], by: User) -> tuple[int, int]:
    """Record a person's answers: for a recommendation, the earlier one offered and whether it repeats it.
    All or nothing; how many were confirmed and how many rejected."""
    offered = {(pair.new, pair.earlier): pair for pair in suggestions(plan)}
    made = []
    for recommendation, (earlier, repeats) in answers.items():
        pair = offered.get((recommendation, earlier))
        if pair is None:
            raise SuggestionGone
        how = RepeatLink.How.CONFIRMED if repeats else RepeatLink.How.REJECTED
        made.append(RepeatLink(recommendation_id=recommendation, earlier_id=earlier, how=how, score=pair.score, by=by))
    RepeatLink.objects.bulk_create(made)
    figures_changed()
    confirmed = sum(link.how == RepeatLink.How.CONFIRMED for link in made)
    return confirmed, len(made) - confirmed
