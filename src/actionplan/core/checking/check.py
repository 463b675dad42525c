"""Check a plan against every rule: the findings the command line and web pages show."""

from __future__ import annotations

from collections import Counter

from actionplan.core.checking.config import CheckConfig
from actionplan.core.checking.decisions import check_decision
from actionplan.core.checking.findings import Finding, Severity
from actionplan.core.checking.owners import check_owner
from actionplan.core.checking.timescales import check_target
from actionplan.core.checking.whole_plan import check_refs, check_submission, check_summary
from actionplan.core.checking.wording import check_wording
from actionplan.core.plan import Decision, Plan


def check_plan(plan: Plan, config: CheckConfig | None = None) -> list[Finding]:
    """Every finding for ``plan``: findings about the whole plan first, then by recommendation in plan order."""
    config = config or CheckConfig.default()
    findings = [*check_summary(plan), *check_submission(plan, config), *check_refs(plan)]
    for index, rec in enumerate(plan.recommendations):
        findings.extend(check_decision(rec, index, config))
        # A not agreed recommendation promises nothing, so what it lists is not held to owners and dates.
        if rec.decision is Decision.NOT_AGREED:
            continue
        for action_index, action in enumerate(rec.actions):
            findings.extend(check_owner(rec, index, action_index, action, config))
            findings.extend(check_target(plan, rec, index, action_index, action, config))
            findings.extend(check_wording(rec, index, action_index, action, config))
    findings.sort(key=lambda f: -1 if f.recommendation_index is None else f.recommendation_index)
    return [f for f in findings if config.is_enabled(f.rule)]


def totals(findings: list[Finding]) -> str:
    """The totals line: "3 errors, 5 warnings, 2 advice"."""
    counts = Counter(f.severity for f in findings)
    errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
    return (
        f"{errors} {'error' if errors == 1 else 'errors'}, {warnings} {'warning' if warnings == 1 else 'warnings'},"
        f" {counts[Severity.ADVICE]} advice"
    )
