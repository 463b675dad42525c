"""Rules about when each action will be done: a target date that is set, understood and plausible."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from actionplan.core.checking.catalogue import finding
from actionplan.core.checking.config import CheckConfig
from actionplan.core.checking.findings import Finding
from actionplan.core.checking.owners import action_label
from actionplan.core.dates import long_date
from actionplan.core.plan import Action, Plan, Recommendation
from actionplan.core.targets import TargetKind

_Found = Callable[[str, str], Finding]

_WRITE_A_DATE = "give the date by which it will be done, such as 'March 2020' or '31/03/2020', or write 'Completed'"


def _years_after(when: date, years: int) -> date:
    try:
        return when.replace(year=when.year + years)
    except ValueError:
        # 29 February has no twin in most years.
        return when.replace(year=when.year + years, day=28)


def check_target(
    plan: Plan, rec: Recommendation, index: int, action_index: int, action: Action, config: CheckConfig
) -> Iterator[Finding]:
    label = action_label(rec.ref, action_index, action)
    target = action.target

    def found(rule_id: str, message: str) -> Finding:
        return finding(
            rule_id, message, ref=rec.ref, recommendation_index=index, action_index=action_index, part="target"
        )

    if target.kind is TargetKind.NONE:
        written = f" ('{target.text}' is not one)" if target.text else ""
        yield found("action-no-target", f"{label} has no target date{written}: {_WRITE_A_DATE}.")
    elif target.kind is TargetKind.UNRECOGNISED:
        yield found("target-unrecognised", f"{label}: the target '{target.text}' is not a date: {_WRITE_A_DATE}.")
    elif target.kind is TargetKind.ONGOING:
        yield found(
            "target-ongoing",
            f"{label}: the target '{target.text}' gives no date by which the action will be in place: give that"
            " date, and say in the action how it will then be kept up (for example 'checked monthly').",
        )
    elif target.kind is TargetKind.DATE and target.date is not None:
        yield from _check_date(plan, label, target.text, target.date, config, found)


def _check_date(
    plan: Plan,
    label: str,
    text: str,
    when: date,
    config: CheckConfig,
    found: _Found,
) -> Iterator[Finding]:
    published = plan.report.published
    if published and when < published:
        yield found(
            "target-before-report",
            f"{label}: the target '{text}' is before the report was published ({long_date(published)}): correct"
            " the date, or write 'Completed' if the action is already done.",
        )
        return
    start, event = (published, "the report was published") if published else (plan.submitted, "the plan was submitted")
    if start and when > _years_after(start, config.target_horizon_years):
        yield found(
            "target-too-far",
            f"{label}: the target '{text}' is more than {config.target_horizon_years} years after {event}"
            f" ({long_date(start)}): set a nearer date for a first step that can be tracked.",
        )
