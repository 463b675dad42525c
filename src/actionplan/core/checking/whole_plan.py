"""Rules about the plan as a whole: its numbering, its summary counts and when it was submitted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from actionplan.core.checking.catalogue import finding
from actionplan.core.checking.config import CheckConfig
from actionplan.core.checking.findings import Finding
from actionplan.core.dates import long_date
from actionplan.core.plan import Plan, Summary


def _counts(summary: Summary) -> str:
    return (
        f"Agreed {summary.agreed}, Partly Agreed {summary.partly_agreed}, Not Agreed {summary.not_agreed},"
        f" Total {summary.total}"
    )


def check_summary(plan: Plan) -> Iterator[Finding]:
    stated = plan.stated_summary
    counted = plan.counted_summary()
    if stated is None or stated == counted:
        return
    undecided = counted.total - counted.agreed - counted.partly_agreed - counted.not_agreed
    note = f" ({undecided} without a decision)" if undecided else ""
    yield finding(
        "summary-mismatch",
        f"The summary at the end of the plan says {_counts(stated)}, but the decisions recorded count"
        f" {_counts(counted)}{note}: correct the summary, or the decision that is wrong.",
        part="summary",
    )


def check_submission(plan: Plan, config: CheckConfig) -> Iterator[Finding]:
    published, submitted = plan.report.published, plan.submitted
    if published is None or submitted is None:
        return
    days = (submitted - published).days
    if days > config.submission_deadline_days:
        yield finding(
            "submitted-late",
            f"The plan was submitted on {long_date(submitted)}, {days} days after the report was published on"
            f" {long_date(published)}; plans are due within {config.submission_deadline_days} days. Record the"
            " reason for the delay in the plan's notes.",
            part="submitted",
        )


def check_refs(plan: Plan) -> Iterator[Finding]:
    """Missing and repeated numbers, reported against the recommendation that carries them."""
    counts = Counter(rec.ref.strip() for rec in plan.recommendations)
    seen: set[str] = set()
    for index, rec in enumerate(plan.recommendations):
        ref = rec.ref.strip()
        if not ref:
            yield finding(
                "ref-missing",
                f"Recommendation {index + 1} in the plan ('{rec.recommendation[:60].strip()}') has no number:"
                " give it the number the report uses, such as 'S34' or '2.11'.",
                ref=rec.ref,
                recommendation_index=index,
                part="ref",
            )
        elif counts[ref] > 1 and ref in seen:
            yield finding(
                "ref-duplicate",
                f"{ref} is used for {counts[ref]} recommendations: check this one against the report and give it"
                " its own number.",
                ref=rec.ref,
                recommendation_index=index,
                part="ref",
            )
        seen.add(ref)
