"""The action plan as typed data: a plan, its recommendations (or concerns) and their actions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from actionplan.core.owners import split_owners
from actionplan.core.targets import Precision, Target, TargetKind

__all__ = [
    "Action",
    "ActionOwnerRef",
    "ActionStatus",
    "Decision",
    "Inspectorate",
    "Judgement",
    "Plan",
    "Precision",
    "ProgressLevel",
    "ProgressNote",
    "Reason",
    "Recommendation",
    "RecommendationKind",
    "Report",
    "Summary",
    "Target",
    "TargetChange",
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


class ActionStatus(StrEnum):
    """How far an action has got, as its owner reports it."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class ProgressLevel(StrEnum):
    """The inspectorate's judgement of progress on a recommendation at its review."""

    NO_MEANINGFUL = "no_meaningful_progress"
    INSUFFICIENT = "insufficient_progress"
    REASONABLE = "reasonable_progress"
    GOOD = "good_progress"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass
class ProgressNote:
    """A dated note on an action's progress, and the status it moved the action to, if it did."""

    on: date
    text: str
    status: ActionStatus | None = None


@dataclass
class TargetChange:
    """A target date that was moved: the target before the change, when, and why."""

    changed_on: date
    previous: Target
    reason: str


@dataclass
class Judgement:
    """The inspectorate's judgement of progress on one recommendation."""

    level: ProgressLevel
    judged_on: date
    comment: str = ""


@dataclass(frozen=True)
class ActionOwnerRef:
    """One owner of an action as the plan writes it and, once matched, the directory's owner it is.

    ``id``, ``name`` and ``kind`` (post or organisation) are empty while the owner waits to be matched.
    """

    written: str
    id: int | None = None
    name: str | None = None
    kind: str | None = None

    @property
    def resolved(self) -> bool:
        return self.id is not None


def written_owners(owner: str | None) -> list[ActionOwnerRef]:
    """The owners an owner text names, in the order written (the first is the lead), none matched yet."""
    return [ActionOwnerRef(written) for written in split_owners(owner)]


@dataclass
class Action:
    """One thing that will be done, with the person accountable for it and when, and how delivery is going.

    ``owner`` is the owner text as the plan writes it, kept for the document. ``owners`` are the owners it
    names once they have been matched to an owner directory; left empty, they are the owner text split
    (``owner_refs``), as a plan read from a document has them.
    """

    text: str
    owner: str | None = None
    target: Target = field(default_factory=Target.none)
    status: ActionStatus = ActionStatus.NOT_STARTED
    completed_on: date | None = None
    cancellation_reason: str | None = None
    progress: list[ProgressNote] = field(default_factory=list)
    # Oldest first; the target in force is ``target``.
    target_history: list[TargetChange] = field(default_factory=list)
    owners: list[ActionOwnerRef] = field(default_factory=list)

    def owner_refs(self) -> list[ActionOwnerRef]:
        """The owners in the order written, the lead first: as matched, or the owner text split."""
        return self.owners or written_owners(self.owner)

    def days_slipped(self) -> int:
        """How many days later the target date is now than the first dated target was (0 if never moved later)."""
        dated = [change.previous.date for change in self.target_history if change.previous.date]
        if not dated or self.target.date is None:
            return 0
        return max(0, (self.target.date - dated[0]).days)


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
    # The reasons stated: ticked by a person, or said in so many words in the response.
    reasons: list[Reason] = field(default_factory=list)
    response: str = ""
    actions: list[Action] = field(default_factory=list)
    # The inspectorate's latest judgement of progress, once it has reviewed the plan.
    judgement: Judgement | None = None
    # Reasons a reader found the response only suggests: offered to the person to tick, never taken as stated.
    inferred_reasons: list[Reason] = field(default_factory=list)

    def is_implemented(self) -> bool:
        """Every action not cancelled is completed (and there is at least one)."""
        live = [action for action in self.actions if action.status is not ActionStatus.CANCELLED]
        return bool(live) and all(action.status is ActionStatus.COMPLETED for action in live)


@dataclass(frozen=True)
class Implementation:
    """ "N of M recommendations implemented": M counts only those agreed or partly agreed, as only they are to be
    implemented; the not agreed are counted beside them, so that the figure never hides them."""

    implemented: int
    agreed: int
    not_agreed: int

    def __str__(self) -> str:
        text = f"{self.implemented} of {self.agreed} recommendations implemented"
        return f"{text} ({self.not_agreed} not agreed)" if self.not_agreed else text


TO_IMPLEMENT = (Decision.AGREED, Decision.PARTLY_AGREED)


def implementation_of(recommendations: list[Recommendation]) -> Implementation:
    """The Implementation of these recommendations (those without a decision yet count in neither figure)."""
    agreed = [rec for rec in recommendations if rec.decision in TO_IMPLEMENT]
    return Implementation(
        implemented=sum(rec.is_implemented() for rec in agreed),
        agreed=len(agreed),
        not_agreed=sum(rec.decision is Decision.NOT_AGREED for rec in recommendations),
    )


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

    def implementation(self) -> Implementation:
        """How many of the recommendations agreed or partly agreed are implemented, the not agreed aside."""
        return implementation_of(self.recommendations)

    def actions(self) -> list[tuple[Recommendation, Action]]:
        """Every action of the plan in order, with the recommendation it belongs to."""
        return [(rec, action) for rec in self.recommendations for action in rec.actions]
