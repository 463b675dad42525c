"""Delivery carried onto an approved plan, and what of delivery is shown to those who may not see progress."""

from __future__ import annotations

import copy
from collections import defaultdict

from actionplan.core.plan import Action, Plan, Recommendation


def with_current_delivery(approved: Plan, current: Plan) -> Plan:
    """The approved plan, its actions showing how delivery stands now.

    The wording stays as approved; only delivery (status, completion, cancellation, progress notes,
    the inspectorate's judgement) comes from the plan as it is now. An action takes the delivery of
    the current action of the same recommendation with the same wording, so a redrafted action keeps
    its approved delivery until the new wording is approved.
    """
    shown = copy.deepcopy(approved)
    current_by_ref = {rec.ref: rec for rec in current.recommendations}
    for rec in shown.recommendations:
        now = current_by_ref.get(rec.ref)
        if now is None:
            continue
        rec.judgement = copy.deepcopy(now.judgement)
        for action, index in zip(rec.actions, matching_actions(rec, now), strict=True):
            if index is not None:
                _take_delivery(action, now.actions[index])
    return shown


def matching_actions(approved: Recommendation, current: Recommendation) -> list[int | None]:
    """For each approved action, the position of the current action that carries its delivery, if one does.

    The current action with the same wording, taken in order, so that two actions worded alike keep theirs.
    An approved action redrafted since has none; a current action that no approved one takes is new.
    """
    unmatched: dict[str, list[int]] = defaultdict(list)
    for index, action in enumerate(current.actions):
        unmatched[action.text].append(index)
    return [unmatched[action.text].pop(0) if unmatched[action.text] else None for action in approved.actions]


def _take_delivery(action: Action, source: Action) -> None:
    action.status = source.status
    action.completed_on = source.completed_on
    action.cancellation_reason = source.cancellation_reason
    action.progress = copy.deepcopy(source.progress)


def without_progress_notes(plan: Plan) -> Plan:
    """The plan as shown to someone who may not see progress: how far each action has got, not what was said.

    Action status, completion dates and the inspectorate's judgement level stay (they make "N of M
    implemented"); progress notes, cancellation reasons, the record of moved targets and judgement comments go.
    """
    shown = copy.deepcopy(plan)
    for rec in shown.recommendations:
        if rec.judgement is not None:
            rec.judgement.comment = ""
        for action in rec.actions:
            action.progress = []
            action.cancellation_reason = None
            action.target_history = []
    return shown
