"""Linking recommendations to the earlier ones they repeat: by the ref a report states, or as a person confirms."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from actionplan.accounts.models import User
from actionplan.core.repeats import LikelyRepeat, find_ref, likely_repeats
from actionplan.cycle.models import FollowUpOutcome, RepeatLink
from actionplan.monitoring.dashboard import figures_changed
from actionplan.storage.models import ActionPlan, Establishment, Recommendation
from actionplan.storage.signals import recommendations_replaced, recommendations_replacing


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


def _carried_over(sender: Any, plan: ActionPlan, **kwargs: Any) -> Callable[[list[Recommendation]], None] | None:
    """What the cycle holds on a plan's recommendations about to be replaced (the repeats a person confirmed or
    rejected, either way round, and the follow-up outcomes recorded), to be held again on the new row of the same
    ref. A ref the new rows do not have takes what was held on it away with it."""
    old = dict(Recommendation.objects.filter(plan=plan).values_list("pk", "ref"))
    if not old:
        return None
    repeating = list(RepeatLink.objects.filter(recommendation__in=old))
    repeated = list(RepeatLink.objects.filter(earlier__in=old).exclude(recommendation__in=old))
    outcomes = list(FollowUpOutcome.objects.filter(recommendation__in=old))
    if not (repeating or repeated or outcomes):
        return None

    def hold_again(rows: list[Recommendation]) -> None:
        new: dict[str, int] = {}
        for row in rows:
            new.setdefault(row.ref, row.pk)  # the first of a ref written twice, as links by ref are made
        links: dict[tuple[int, int], RepeatLink] = {}
        linked: set[int] = set()  # recommendations given their one earlier recommendation
        for link, recommendation, earlier in [
            *((link, new.get(old[link.recommendation_id]), link.earlier_id) for link in repeating),
            *((link, link.recommendation_id, new.get(old[link.earlier_id])) for link in repeated),
        ]:
            if recommendation is None or earlier is None or (recommendation, earlier) in links:
                continue
            if link.linked:
                if recommendation in linked:
                    continue
                linked.add(recommendation)
            links[recommendation, earlier] = _copy(link, recommendation_id=recommendation, earlier_id=earlier)
        held: dict[int, FollowUpOutcome] = {}
        for outcome in outcomes:
            if (pk := new.get(old[outcome.recommendation_id])) is not None:
                held.setdefault(pk, _copy(outcome, recommendation_id=pk))
        _made_again(list(links.values()))
        _made_again(list(held.values()))
        figures_changed()

    return hold_again


def _made_again(rows: list[Any]) -> None:
    """Write these copies as when their originals were made: creating them stamps them now."""
    if not rows:
        return
    manager = type(rows[0]).objects
    times = [row.at for row in rows]
    manager.bulk_create(rows)
    for row, at in zip(rows, times, strict=True):
        row.at = at
    manager.bulk_update(rows, ["at"])


def _copy(row: Any, **changed: int) -> Any:
    """A new row like ``row`` (who made it and when kept), with ``changed``."""
    kept = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields if not field.primary_key}
    return type(row)(**{**kept, **changed})


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
    recommendations_replacing.connect(_carried_over, dispatch_uid="cycle-carried-over")
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
