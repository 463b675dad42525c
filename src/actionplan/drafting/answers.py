"""Saving the answer to one recommendation, so that two people drafting at once never overwrite each other silently."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Max

from actionplan.accounts.models import User
from actionplan.core import plan as core
from actionplan.core.targets import parse_target
from actionplan.storage.conversion import action_fields, save_owners
from actionplan.storage.models import Action, Recommendation
from actionplan.workflow.editing import reopen_for_editing


@dataclass(frozen=True)
class DraftedAction:
    """An action as the form holds it: its row when it was loaded from one, and what it now says."""

    id: int | None
    action: core.Action


@dataclass(frozen=True)
class Answer:
    """The part of a recommendation its page edits: the decision, the reasons, the response and the actions."""

    decision: str = ""
    reasons: list[str] = field(default_factory=list)
    agreed_part: str = ""
    response: str = ""
    actions: list[DraftedAction] = field(default_factory=list)

    @classmethod
    def saved(cls, row: Recommendation) -> Answer:
        return cls(
            decision=row.decision,
            reasons=list(row.reasons),
            agreed_part=row.agreed_part,
            response=row.response,
            actions=[
                DraftedAction(
                    action.pk,
                    core.Action(text=action.text, owner=action.owner or None, target=parse_target(action.target_text)),
                )
                for action in row.actions.all()
            ],
        )


@dataclass(frozen=True)
class Difference:
    """One field that someone else saved differently from what this person tried to save."""

    field: str
    theirs: str
    yours: str


def _decision_label(value: str) -> str:
    return core.Decision(value).label if value else "No decision"


def _rows(answer: Answer) -> list[tuple[str, str]]:
    rows = [
        ("Decision", _decision_label(answer.decision)),
        ("Reasons", ", ".join(r.capitalize() for r in sorted(answer.reasons)) or "None"),
        ("Which part is agreed", answer.agreed_part),
        ("Response", answer.response),
    ]
    for number, drafted in enumerate(answer.actions, start=1):
        action = drafted.action
        rows += [
            (f"Action {number}: what will be done", action.text),
            (f"Action {number}: responsible owner", action.owner or ""),
            (f"Action {number}: target date", action.target.text),
        ]
    return rows


def differences(theirs: Answer, yours: Answer) -> list[Difference]:
    """Field by field, where the saved answer and this person's differ (an action one side lacks shows blank)."""
    return differing(_rows(theirs), _rows(yours))


def differing(theirs: list[tuple[str, str]], yours: list[tuple[str, str]]) -> list[Difference]:
    """Of two lists of (field, value), the fields whose values differ, in order; a field one side lacks is blank."""
    saved, tried = dict(theirs), dict(yours)
    names = list(saved) + [name for name in tried if name not in saved]
    return [
        Difference(name, saved.get(name, ""), tried.get(name, ""))
        for name in names
        if saved.get(name, "") != tried.get(name, "")
    ]


class SavedMeanwhile(Exception):
    """Someone saved the recommendation after this person opened it; nothing of theirs was saved."""

    def __init__(self, current: Recommendation, changes: list[Difference], by: User | None) -> None:
        super().__init__(f"{current.ref} was saved by someone else meanwhile")
        self.current = current
        self.changes = changes
        self.by = by


def last_saved_by(row: Recommendation) -> User | None:
    latest = row.history.order_by("-history_date").first()
    return latest.history_user if latest else None


def claim_revision(row: Recommendation, loaded_revision: int) -> tuple[bool, Recommendation]:
    """Raise the revision if it is still the one the form was loaded at: (whether it was, the row as it now is).

    The revision is compared and raised in one UPDATE, so of two people saving at once exactly one
    claims it. Whoever does not must raise SavedMeanwhile, so that their transaction is undone.
    """
    claimed = Recommendation.objects.filter(pk=row.pk, revision=loaded_revision).update(revision=F("revision") + 1)
    return bool(claimed), Recommendation.objects.get(pk=row.pk)


@transaction.atomic
def save_answer(row: Recommendation, loaded_revision: int, answer: Answer, by: User) -> Recommendation:
    """Save the answer if the recommendation is still at the revision the form was loaded at.

    Of two people saving at once exactly one wins (see claim_revision); the other gets SavedMeanwhile,
    with what differs, and the whole transaction (returning the plan to draft included) is undone.
    """
    reopen_for_editing(row.plan, by)
    claimed, current = claim_revision(row, loaded_revision)
    if not claimed:
        raise SavedMeanwhile(current, differences(Answer.saved(current), answer), last_saved_by(current))
    current.decision = answer.decision
    current.reasons = answer.reasons
    current.agreed_part = answer.agreed_part
    current.response = answer.response
    current.save()
    _save_actions(current, answer.actions)
    return current


def _save_actions(row: Recommendation, drafted: list[DraftedAction]) -> None:
    """Make the actions these, in this order; an action that keeps its row keeps how its delivery is going."""
    existing = {action.pk: action for action in row.actions.all()}
    kept = {d.id for d in drafted if d.id in existing}
    for pk, action in existing.items():
        if pk not in kept:
            action.delete()
    # Out of the way first, past the highest position, so that no new order collides with an old one
    # (PostgreSQL checks the unique position row by row as it updates).
    highest = row.actions.aggregate(highest=Max("position"))["highest"]
    row.actions.update(position=F("position") + (highest or 0) + 1)
    saved = []
    for position, draft in enumerate(drafted):
        stored = existing[draft.id] if draft.id in kept else Action(recommendation=row)
        for name, value in action_fields(draft.action).items():
            setattr(stored, name, value)
        stored.position = position
        stored.save()
        saved.append((stored, draft.action))
    # The owner text is split and matched as a plan read from a document is; owners kept keep their match.
    save_owners(row.plan.inspection.establishment, saved)
