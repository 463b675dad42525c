"""Putting recommendations into a draft: one at a time, a pasted list, or the recommendations of an uploaded plan."""

from __future__ import annotations

import dataclasses

from django.db import transaction
from django.db.models import F, Max

from actionplan.accounts.models import User
from actionplan.core import plan as core
from actionplan.storage.conversion import action_fields, recommendation_fields, save_owners, written_delivery
from actionplan.storage.models import Action, ActionPlan, Recommendation
from actionplan.workflow.editing import reopen_for_editing


def refs_in(stored: ActionPlan) -> set[str]:
    return set(stored.recommendations.values_list("ref", flat=True))


def _append(stored: ActionPlan, recommendations: list[core.Recommendation]) -> list[Recommendation]:
    # Rows are saved one by one (not in bulk) so that each is recorded in its history with the person.
    last = stored.recommendations.aggregate(last=Max("position"))["last"]
    start = 0 if last is None else last + 1
    rows = []
    actions = []
    for offset, rec in enumerate(recommendations):
        row = Recommendation.objects.create(plan=stored, position=start + offset, **recommendation_fields(rec))
        for position, action in enumerate(rec.actions):
            created = Action.objects.create(
                recommendation=row, position=position, **action_fields(action), **written_delivery(action)
            )
            actions.append((created, action))
        rows.append(row)
    save_owners(stored.inspection.establishment, actions)
    return rows


@transaction.atomic
def add_recommendations(stored: ActionPlan, recommendations: list[core.Recommendation], by: User) -> int:
    """Add these at the end of the plan, leaving out any whose ref the plan has already; how many were added."""
    reopen_for_editing(stored, by)
    taken = refs_in(stored)
    new = [rec for rec in recommendations if rec.ref not in taken]
    _append(stored, new)
    return len(new)


def _replaced_positions(refs: list[str], uploaded: list[core.Recommendation]) -> list[int | None]:
    """For each uploaded recommendation, the position (in ``refs``) of the draft's one it replaces, None if added.

    The first of the draft's recommendations with a ref is replaced, and only once: a second uploaded one
    with the same ref is added.
    """
    first: dict[str, int] = {}
    for position, ref in enumerate(refs):
        first.setdefault(ref, position)
    return [first.pop(rec.ref, None) for rec in uploaded]


def as_taken_in(plan: core.Plan, uploaded: list[core.Recommendation]) -> tuple[core.Plan, list[int]]:
    """The plan as taking in ``uploaded`` would leave it, and where each uploaded recommendation then stands.

    What the upload page checks, so that it shows the findings the plan will have once the file is taken in.
    """
    recommendations = list(plan.recommendations)
    where = []
    for rec, position in zip(uploaded, _replaced_positions([r.ref for r in recommendations], uploaded), strict=True):
        if position is None:
            recommendations.append(rec)
            position = len(recommendations) - 1
        else:
            recommendations[position] = rec
        where.append(position)
    return dataclasses.replace(plan, recommendations=recommendations), where


@transaction.atomic
def take_in_uploaded(stored: ActionPlan, recommendations: list[core.Recommendation], by: User) -> tuple[int, int]:
    """Take in the recommendations of an uploaded plan: (how many replaced ones of the same ref, how many added).

    An uploaded plan is the fuller answer (a draft kept in Word, a tracker owners filled in), so a
    recommendation with a ref the draft has replaces it whole, answer and actions included; its
    revision goes up, so that a form opened on the old one is refused. The rest are added at the end;
    the draft's recommendations the file does not mention stay as they are.
    """
    reopen_for_editing(stored, by)
    rows = list(stored.recommendations.order_by("position"))
    positions = _replaced_positions([row.ref for row in rows], recommendations)
    replaced, new, actions = 0, [], []
    for rec, position in zip(recommendations, positions, strict=True):
        if position is None:
            new.append(rec)
            continue
        row = rows[position]
        Recommendation.objects.filter(pk=row.pk).update(revision=F("revision") + 1)
        row.refresh_from_db()
        for name, value in recommendation_fields(rec).items():
            setattr(row, name, value)
        row.save()
        for stored_action in row.actions.all():
            stored_action.delete()
        for position, action in enumerate(rec.actions):
            created = Action.objects.create(
                recommendation=row, position=position, **action_fields(action), **written_delivery(action)
            )
            actions.append((created, action))
        replaced += 1
    save_owners(stored.inspection.establishment, actions)
    _append(stored, new)
    return replaced, len(new)
