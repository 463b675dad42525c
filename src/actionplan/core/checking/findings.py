"""What the checker reports: findings, plain data that the command line and web pages show alike."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters: errors break the categorisation table, warnings weaken the plan."""

    ERROR = "error"
    WARNING = "warning"
    ADVICE = "advice"


@dataclass(frozen=True)
class Finding:
    """One thing wrong with, or weak in, a plan.

    ``ref`` is None for findings about the whole plan. ``recommendation_index`` and
    ``action_index`` (both counted from 0) and ``part`` (decision, reasons, response, actions,
    owner, target, summary, submitted, ref) let a page point at the place to change,
    even when two recommendations share a ref.
    """

    ref: str | None
    rule: str
    severity: Severity
    message: str
    recommendation_index: int | None = None
    action_index: int | None = None
    part: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """The finding as the command line's ``--json`` prints it."""
        return {"ref": self.ref, "rule": self.rule, "severity": self.severity.value, "message": self.message}
