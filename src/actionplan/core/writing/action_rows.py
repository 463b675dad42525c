"""One row per action: the columns the Excel tracker and the CSV file share, and what goes in them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from actionplan.core.plan import Action, ActionStatus, Plan, Recommendation

STATUSES = tuple(status.label for status in ActionStatus)
DECISIONS = ("Agreed", "Partly Agreed", "Not Agreed")


@dataclass(frozen=True)
class Column:
    heading: str
    width: int
    plan_detail: bool = False


REF = Column("Ref", 8)
RECOMMENDATION = Column("Recommendation", 50)
DECISION = Column("Decision", 14)
RESPONSE = Column("Response", 60)
ACTION = Column("Action", 60)
OWNER = Column("Responsible owner", 24)
TARGET_DATE = Column("Target date", 13)
TARGET_TEXT = Column("Target as written", 16)
STATUS = Column("Status", 13)
COMPLETED_ON = Column("Completed on", 13)
CANCELLATION_REASON = Column("Why cancelled", 30)
KIND = Column("Kind", 16, plan_detail=True)
SECTION = Column("Section", 28, plan_detail=True)
DIRECTED_TO = Column("Directed to", 18, plan_detail=True)
CONCERN = Column("Concern", 50, plan_detail=True)
CROSS_REF = Column("Cross-reference", 14, plan_detail=True)
REPEATED_FROM = Column("Repeated recommendation", 14, plan_detail=True)
REASONS = Column("Reasons", 22, plan_detail=True)

COLUMNS = (
    REF,
    RECOMMENDATION,
    DECISION,
    RESPONSE,
    ACTION,
    OWNER,
    TARGET_DATE,
    TARGET_TEXT,
    STATUS,
    COMPLETED_ON,
    CANCELLATION_REASON,
    KIND,
    SECTION,
    DIRECTED_TO,
    CONCERN,
    CROSS_REF,
    REPEATED_FROM,
    REASONS,
)

Cell = str | date | None


def status(action: Action | None) -> str:
    """The action's delivery status as owners report it (Not started until someone says otherwise)."""
    return action.status.label if action else ""


def _row(rec: Recommendation, action: Action | None) -> dict[Column, Cell]:
    # Every row repeats its recommendation's details, so that a sorted or filtered sheet still says
    # which recommendation each action answers.
    return {
        REF: rec.ref,
        RECOMMENDATION: rec.recommendation,
        DECISION: rec.decision.label if rec.decision else "",
        RESPONSE: rec.response,
        ACTION: action.text if action else "",
        OWNER: (action.owner or "") if action else "",
        TARGET_DATE: action.target.date if action else None,
        TARGET_TEXT: action.target.text if action else "",
        STATUS: status(action),
        COMPLETED_ON: action.completed_on if action else None,
        CANCELLATION_REASON: (action.cancellation_reason or "") if action else "",
        KIND: rec.kind.label,
        SECTION: rec.section or "",
        DIRECTED_TO: rec.directed_to or "",
        CONCERN: rec.concern or "",
        CROSS_REF: rec.cross_ref or "",
        REPEATED_FROM: rec.repeated_from or "",
        REASONS: ", ".join(reason.value for reason in rec.reasons),
    }


def action_rows(plan: Plan) -> list[dict[Column, Cell]]:
    """A row for every action, and one for each recommendation that has none, so that no recommendation is lost."""
    rows: list[dict[Column, Cell]] = []
    for rec in plan.recommendations:
        actions: list[Action | None] = list(rec.actions) or [None]
        rows.extend(_row(rec, action) for action in actions)
    return rows
