"""What the checker says about a stored plan, recommendation by recommendation, and each one's task status."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from actionplan.core.checking import Finding, Severity
from actionplan.core.plan import Plan
from actionplan.storage.conversion import load_plan
from actionplan.storage.models import ActionPlan
from actionplan.storage.quality import findings_for

# The tag colour GOV.UK Frontend gives each severity.
_SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "orange", Severity.ADVICE: "blue"}


@dataclass(frozen=True)
class ShownFinding:
    """A finding as a page shows it: its severity as a GOV.UK tag, then its message."""

    severity: str
    classes: str
    message: str


def shown(findings: list[Finding]) -> list[ShownFinding]:
    return [
        ShownFinding(f.severity.value.capitalize(), f"govuk-tag--{_SEVERITY_COLOURS[f.severity]}", f.message)
        for f in findings
    ]


class TaskStatus(Enum):
    NOT_STARTED = ("Not started", "grey")
    HAS_ERRORS = ("Has errors", "red")
    COMPLETED = ("Completed", "green")

    def __init__(self, label: str, colour: str) -> None:
        self.label = label
        self.colour = colour


@dataclass
class Checked:
    """A plan's findings: those about the whole plan, and those of each recommendation by its index."""

    plan: Plan
    whole_plan: list[Finding] = field(default_factory=list)
    by_recommendation: dict[int, list[Finding]] = field(default_factory=dict)

    def of(self, index: int) -> list[Finding]:
        return self.by_recommendation.get(index, [])

    def status(self, index: int) -> tuple[TaskStatus, int]:
        """The task status of a recommendation, and how many errors it has."""
        if self.plan.recommendations[index].decision is None:
            return TaskStatus.NOT_STARTED, 0
        errors = sum(f.severity is Severity.ERROR for f in self.of(index))
        return (TaskStatus.HAS_ERRORS if errors else TaskStatus.COMPLETED), errors


def check_findings(plan: Plan) -> Checked:
    checked = Checked(plan)
    for finding in findings_for(plan):
        if finding.recommendation_index is None:
            checked.whole_plan.append(finding)
        else:
            checked.by_recommendation.setdefault(finding.recommendation_index, []).append(finding)
    return checked


def check_stored(stored: ActionPlan) -> Checked:
    """The findings for a stored plan; recommendation indexes follow the rows' positions."""
    return check_findings(load_plan(stored))


def numbering_findings(checked: Checked) -> list[ShownFinding]:
    """What the checker says of the plan's numbers (a ref missing, or used twice), for a page to show first."""
    every = [*checked.whole_plan, *(f for index in sorted(checked.by_recommendation) for f in checked.of(index))]
    return shown([finding for finding in every if finding.part == "ref"])
