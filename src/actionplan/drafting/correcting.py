"""Correcting a recommendation after it was added: changing the report's wording of it, or removing it."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Max

from actionplan.accounts.models import User
from actionplan.core import plan as core
from actionplan.drafting.answers import SavedMeanwhile, claim_revision, differing, last_saved_by
from actionplan.storage.conversion import recommendation_fields
from actionplan.storage.models import ActionPlan, Recommendation
from actionplan.workflow.editing import reopen_for_editing

# The model fields that hold the report's wording, with the names the wording page gives them.
WORDING = {
    "ref": "Number",
    "kind": "Kind",
    "section": "Section",
    "directed_to": "Directed to",
    "concern": "Concern",
    "text": "Recommendation",
    "repeated_from": "Repeated from",
}


def _wording(fields: dict[str, str]) -> list[tuple[str, str]]:
    shown = dict(fields, kind=core.RecommendationKind(fields["kind"]).label)
    return [(label, shown[name]) for name, label in WORDING.items()]


@transaction.atomic
def save_wording(row: Recommendation, loaded_revision: int, worded: core.Recommendation, by: User) -> Recommendation:
    """Save the report's wording if the recommendation is still at the revision the page was loaded at.

    Guarded as an answer is (see save_answer): a save from an out-of-date page raises SavedMeanwhile
    and nothing of it is kept. The answer, the actions and the cross-reference are left as they are.
    """
    reopen_for_editing(row.plan, by)
    claimed, current = claim_revision(row, loaded_revision)
    wanted = {name: value for name, value in recommendation_fields(worded).items() if name in WORDING}
    if not claimed:
        saved = {name: getattr(current, name) for name in WORDING}
        raise SavedMeanwhile(current, differing(_wording(saved), _wording(wanted)), last_saved_by(current))
    for name, value in wanted.items():
        setattr(current, name, value)
    current.save()
    return current


@transaction.atomic
def remove_recommendation(row: Recommendation, by: User) -> None:
    """Remove the recommendation and its actions; the rest keep their order, numbered from 0 again."""
    plan = row.plan
    reopen_for_editing(plan, by)
    row.delete()
    _renumber(plan)


def _renumber(plan: ActionPlan) -> None:
    # Out of the way first, past the highest position, so that no new position collides with an old
    # one (PostgreSQL checks the unique position row by row as it updates).
    rows = plan.recommendations.order_by("position")
    highest = rows.aggregate(highest=Max("position"))["highest"]
    if highest is None:
        return
    pks = list(rows.values_list("pk", flat=True))
    rows.update(position=F("position") + highest + 1)
    for position, pk in enumerate(pks):
        Recommendation.objects.filter(pk=pk).update(position=position)
