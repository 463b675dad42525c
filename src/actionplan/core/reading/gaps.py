"""The fields a reading left empty, named, so that a person checks only those against the original."""

from __future__ import annotations

from actionplan.core.plan import Plan
from actionplan.core.reading.documents import NOT_STATED
from actionplan.core.targets import TargetKind


def unread_fields(plan: Plan) -> list[tuple[str | None, list[str]]]:
    """The fields not read: the plan's own (ref None) first, then each recommendation's, leaving out those with none."""
    found: list[tuple[str | None, list[str]]] = []
    own = [
        name
        for name, missing in (
            ("establishment", plan.establishment == NOT_STATED),
            ("inspection dates", not plan.report.inspection_dates),
            ("report published", plan.report.published is None),
            ("plan submitted", plan.submitted is None),
        )
        if missing
    ]
    if own:
        found.append((None, own))
    for rec in plan.recommendations:
        missing = []
        if not rec.recommendation and not rec.concern:
            missing.append("recommendation")
        if rec.decision is None:
            missing.append("decision")
        if not rec.response:
            missing.append("response")
        for number, action in enumerate(rec.actions, start=1):
            if not action.owner:
                missing.append(f"action {number} owner")
            if action.target.kind in (TargetKind.NONE, TargetKind.UNRECOGNISED):
                missing.append(f"action {number} target")
        if missing:
            found.append((rec.ref, missing))
    return found
