"""Every quality finding of a plan as the sign-off page lists it: grouped by recommendation, each with a link."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import Truncator

from actionplan.core.checking import Finding, Severity
from actionplan.drafting.tasks import ShownFinding, shown
from actionplan.storage.models import ActionPlan


@dataclass(frozen=True)
class FindingGroup:
    """The findings of one recommendation (``ref`` None: of the plan as a whole), and where to correct them."""

    anchor: str
    heading: str
    findings: list[ShownFinding]
    errors: int
    link: str | None


def grouped_findings(stored: ActionPlan, findings: list[Finding], *, may_edit: bool) -> list[FindingGroup]:
    """The plan's findings, those about the whole plan first, then each recommendation's in the plan's order.

    Those who may edit the plan get a link to each recommendation's page; others its anchor on this page.
    """
    rows = list(stored.recommendations.all())  # in the plan's order, as the findings count them
    whole = [f for f in findings if f.recommendation_index is None]
    by_index: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.recommendation_index is not None:
            by_index.setdefault(finding.recommendation_index, []).append(finding)
    groups = []
    if whole:
        link = reverse("drafting:overview", args=[stored.pk]) if may_edit else None
        groups.append(FindingGroup("findings-plan", "The plan as a whole", shown(whole), _errors(whole), link))
    for index in sorted(by_index):
        row = rows[index]
        link = reverse("drafting:recommendation", args=[stored.pk, row.pk]) if may_edit else None
        heading = f"{row.ref}: {Truncator(row.text).chars(80)}"
        groups.append(
            FindingGroup(f"findings-{index + 1}", heading, shown(by_index[index]), _errors(by_index[index]), link)
        )
    return groups


def _errors(findings: list[Finding]) -> int:
    return sum(f.severity is Severity.ERROR for f in findings)
