"""Delivery carried onto an approved plan, and what of it is shown without the progress permission."""

from __future__ import annotations

import copy
from datetime import date

from actionplan.core.delivery import with_current_delivery, without_progress_notes
from actionplan.core.plan import (
    Action,
    ActionStatus,
    Judgement,
    Plan,
    ProgressLevel,
    ProgressNote,
    Recommendation,
    TargetChange,
)
from actionplan.core.targets import parse_target


def _approved() -> Plan:
    return Plan(
        establishment="HMP Testwood",
        recommendations=[
            Recommendation(
                ref="1.1",
                recommendation="Improve induction.",
                response="Agreed: induction will be reviewed.",
                actions=[Action("Review induction."), Action("Train staff.")],
            ),
            Recommendation(ref="1.2", recommendation="Reduce violence.", actions=[Action("Audit incidents.")]),
        ],
    )


def test_the_approved_wording_stays_and_delivery_is_brought_up_to_date() -> None:
    approved = _approved()
    current = copy.deepcopy(approved)
    current.recommendations[0].response = "A redraft nobody approved."
    reviewed, trained = current.recommendations[0].actions
    reviewed.status, reviewed.completed_on = ActionStatus.COMPLETED, date(2026, 3, 1)
    reviewed.progress = [ProgressNote(date(2026, 3, 1), "Done.", ActionStatus.COMPLETED)]
    trained.text, trained.status = "Train every member of staff.", ActionStatus.IN_PROGRESS
    current.recommendations[0].judgement = Judgement(ProgressLevel.GOOD, date(2026, 4, 1), "Well done.")

    shown = with_current_delivery(approved, current)

    rec = shown.recommendations[0]
    assert rec.response == "Agreed: induction will be reviewed."
    assert [a.text for a in rec.actions] == ["Review induction.", "Train staff."]
    assert rec.actions[0].status is ActionStatus.COMPLETED
    assert rec.actions[0].progress[0].text == "Done."
    assert rec.actions[1].status is ActionStatus.NOT_STARTED, "a redrafted action keeps its approved delivery"
    assert rec.judgement is not None
    assert rec.judgement.level is ProgressLevel.GOOD
    assert approved.recommendations[0].actions[0].status is ActionStatus.NOT_STARTED, "the approved plan is unchanged"


def test_a_recommendation_removed_since_approval_keeps_its_approved_delivery() -> None:
    approved = _approved()
    current = copy.deepcopy(approved)
    del current.recommendations[1]
    shown = with_current_delivery(approved, current)
    assert [rec.ref for rec in shown.recommendations] == ["1.1", "1.2"]


def test_without_progress_notes_keeps_how_far_each_action_has_got() -> None:
    plan = _approved()
    action = plan.recommendations[0].actions[0]
    action.status, action.completed_on = ActionStatus.CANCELLED, date(2026, 3, 1)
    action.cancellation_reason = "Replaced by a national scheme."
    action.progress = [ProgressNote(date(2026, 3, 1), "Stopped.", ActionStatus.CANCELLED)]
    action.target_history = [TargetChange(date(2026, 2, 1), parse_target("January 2026"), "Staff shortage.")]
    plan.recommendations[0].judgement = Judgement(ProgressLevel.REASONABLE, date(2026, 4, 1), "Some way to go.")

    shown = without_progress_notes(plan)

    stripped = shown.recommendations[0].actions[0]
    assert (stripped.status, stripped.completed_on) == (ActionStatus.CANCELLED, date(2026, 3, 1))
    assert stripped.cancellation_reason is None
    assert stripped.progress == []
    assert stripped.target_history == []
    judgement = shown.recommendations[0].judgement
    assert judgement is not None
    assert (judgement.level, judgement.comment) == (ProgressLevel.REASONABLE, "")
    assert action.progress, "the plan given is unchanged"
