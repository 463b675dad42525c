"""Hostile files read within the service's budget: how long each took to refuse, and the child's peak memory."""

from __future__ import annotations

from tests.core.reading.test_hostile_files import HOSTILE

from actionplan.core.reading.budget import Budget, run_within_budget
from actionplan.core.reading.limits import ReadingLimits

TARGET = Budget(seconds=10, megabytes=300)
# Every limit lifted, to show what the budget alone does with the same files.
LIFTED = ReadingLimits(
    expanded_mb=100_000,
    compression_ratio=10**9,
    zip_members=10**9,
    pdf_pages=10**9,
    pdf_objects=10**9,
    pdf_page_content_mb=100_000,
    text_mb=100_000,
    line_characters=10**9,
    json_depth=10**9,
    tracker_rows=10**9,
    recommendations=10**9,
    plan_text_mb=100_000,
)


def main() -> None:
    print(f"target: each refused within {TARGET.seconds:g} s and {TARGET.megabytes} MB, by its limit")
    for name, make, limit, _ in HOSTILE:
        data = make()
        ran = run_within_budget(data, name=name, budget=TARGET)
        peak = f"{ran.peak_mb:.0f} MB" if ran.peak_mb is not None else "not reported"
        refused_by = getattr(ran.error, "limit", None)
        met = ran.stopped is None and refused_by == limit
        print(
            f"{name} ({len(data) / 1024:.0f} KB): refused by {refused_by} in {ran.seconds:.2f} s,"
            f" peak {peak}{'' if met else ', MISSED'}"
        )
        lifted = run_within_budget(data, name=name, within=LIFTED, budget=TARGET)
        outcome = f"stopped by the {lifted.stopped} budget" if lifted.stopped else f"ended ({lifted.error or 'read'})"
        print(f"    with no limits: {outcome} after {lifted.seconds:.2f} s")
