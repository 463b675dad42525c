"""Delivery for demo plans: some progress, completed and cancelled actions, moved targets and judgements."""

from __future__ import annotations

import random
from datetime import date, timedelta

from actionplan.core.plan import (
    ActionStatus,
    Decision,
    Judgement,
    Plan,
    ProgressLevel,
    ProgressNote,
    TargetChange,
)
from actionplan.core.targets import TargetKind, parse_target

_NOTES = [
    "Staff briefed at the morning meeting; the first wing has started.",
    "Draft procedure written and shared with the senior leadership team for comment.",
    "Contractor appointed; work began this month.",
    "Data for the last quarter reviewed at the safety meeting.",
]
_REASONS = [
    "The contractor could not start until the new financial year.",
    "Staff shortages on the wings delayed training.",
    "The work depends on a national policy that has not yet been published.",
]
_LEVELS = [
    ProgressLevel.GOOD,
    ProgressLevel.REASONABLE,
    ProgressLevel.REASONABLE,
    ProgressLevel.INSUFFICIENT,
    ProgressLevel.NO_MEANINGFUL,
]


def add_delivery(plan: Plan, today: date, *, seed: int) -> None:
    """Give a sent plan's actions plausible delivery as it would stand ``today``."""
    rng = random.Random(seed)  # noqa: S311 - demo data needs repeatable, not secret, randomness
    start = plan.submitted or today
    for rec in plan.recommendations:
        for action in rec.actions:
            target = action.target
            if target.kind is not TargetKind.DATE or target.date is None:
                continue
            if rng.random() < 0.15:
                earlier = target.date - timedelta(days=rng.randint(30, 90))
                action.target_history.append(
                    TargetChange(
                        changed_on=min(earlier - timedelta(days=7), today),
                        previous=parse_target(earlier.strftime("%d/%m/%Y")),
                        reason=rng.choice(_REASONS),
                    )
                )
            roll = rng.random()
            noted = min(start + timedelta(days=rng.randint(10, 60)), today)
            if target.date < today and roll < 0.6:
                done = max(start, min(target.date - timedelta(days=rng.randint(0, 30)), today))
                action.progress.append(ProgressNote(on=noted if noted < done else done, text=rng.choice(_NOTES)))
                action.progress.append(ProgressNote(on=done, text="Completed.", status=ActionStatus.COMPLETED))
                action.status, action.completed_on = ActionStatus.COMPLETED, done
            elif roll < 0.8:
                action.progress.append(ProgressNote(on=noted, text=rng.choice(_NOTES), status=ActionStatus.IN_PROGRESS))
                action.status = ActionStatus.IN_PROGRESS
            elif roll < 0.84:
                action.status, action.cancellation_reason = ActionStatus.CANCELLED, "Superseded by a national change."
        published = plan.report.published
        if published and published + timedelta(days=270) < today and rec.decision is not Decision.NOT_AGREED:
            rec.judgement = Judgement(rng.choice(_LEVELS), published + timedelta(days=270), "Seen at the review.")
