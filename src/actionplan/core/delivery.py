"""Delivery carried onto an approved plan: the wording as approved, how far each action has got as it is now."""

from __future__ import annotations

import copy
from collections import defaultdict

from actionplan.core.plan import Action, Plan


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
        unmatched: dict[str, list[Action]] = defaultdict(list)
        for action in now.actions:
            unmatched[action.text].append(action)
        for action in rec.actions:
            if unmatched[action.text]:
                _take_delivery(action, unmatched[action.text].pop(0))
    return shown


def _take_delivery(action: Action, source: Action) -> None:
    action.status = source.status
    action.completed_on = source.completed_on
    action.cancellation_reason = source.cancellation_reason
    action.progress = copy.deepcopy(source.progress)
