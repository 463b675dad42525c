"""The action plan as typed data: a plan, its recommendations (or concerns) and their actions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from actionplan.core.targets import Precision, Target, TargetKind

__all__ = [
    "Action",
    "Decision",
    "Inspectorate",
    "Plan",
    "Precision",
    "Reason",
    "Recommendation",
    "RecommendationKind",
    "Report",
    "Summary",
    "Target",
    "TargetKind",
]


class Decision(StrEnum):
    AGREED = "agreed"
    PARTLY_AGREED = "partly_agreed"
    NOT_AGREED = "not_agreed"

    @property
    def label(self) -> str:
        return {"agreed": "Agreed", "partly_agreed": "Partly Agreed", "not_agreed": "Not Agreed"}[self.value]


class Reason(StrEnum):
    """Why a recommendation is not (fully) agreed: the four categories of the categorisation table."""

    COMMISSIONING = "commissioning"
    POLICY = "policy"
    OPERATIONAL = "operational"
    AFFORDABILITY = "affordability"


class RecommendationKind(StrEnum):
    RECOMMENDATION = "recommendation"
    KEY_CONCERN = "key_concern"
    PRIORITY_CONCERN = "priority_concern"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Inspectorate(StrEnum):
    HMIP = "HMIP"
    HMI_PROBATION = "HMI Probation"


@dataclass
class Action:
    """One thing that will be done, with the person accountable for it and when."""

    text: str
    owner: str | None = None
    target: Target = field(default_factory=Target.none)


@dataclass
class Recommendation:
    """A recommendation (or, since 2022, a key or priority concern) and the answer to it."""

    ref: str
    recommendation: str
    kind: RecommendationKind = RecommendationKind.RECOMMENDATION
    section: str | None = None
    directed_to: str | None = None
    concern: str | None = None
    cross_ref: str | None = None
    repeated_from: str | None = None
    decision: Decision | None = None
    # For Partly Agreed: which part will be implemented, when the plan says so apart from the response.
    agreed_part: str | None = None
    reasons: list[Reason] = field(default_factory=list)
    response: str = ""
    actions: list[Action] = field(default_factory=list)


@dataclass
class Report:
    """The inspection report the plan answers."""

    title: str | None = None
    inspection_dates: str | None = None
    published: date | None = None


@dataclass
class Summary:
    """The decision counts: as stated at the end of a published plan, or as counted."""

    agreed: int = 0
    partly_agreed: int = 0
    not_agreed: int = 0
    total: int = 0


@dataclass
class Plan:
    """An action plan answering one inspection report."""

    establishment: str
    inspectorate: str = Inspectorate.HMIP.value
    report: Report = field(default_factory=Report)
    submitted: date | None = None
    notes: list[str] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    stated_summary: Summary | None = None

    def counted_summary(self) -> Summary:
        """The decision counts as the recommendations give them (undecided ones count in the total only)."""
        counts = Counter(r.decision for r in self.recommendations)
        return Summary(
            agreed=counts[Decision.AGREED],
            partly_agreed=counts[Decision.PARTLY_AGREED],
            not_agreed=counts[Decision.NOT_AGREED],
            total=len(self.recommendations),
        )

    def actions(self) -> list[tuple[Recommendation, Action]]:
        """Every action of the plan in order, with the recommendation it belongs to."""
        return [(rec, action) for rec in self.recommendations for action in rec.actions]
