"""Writing a 40-recommendation plan: Word, PDF, Excel tracker, HTML, CSV and JSON, median of several runs."""

from __future__ import annotations

import statistics
import time

from actionplan.core.generator import generate_plan
from actionplan.core.writing import write_plan

# Seconds a person waits for a download of a plan of 40 recommendations; None: no target set.
TARGETS: dict[str, float | None] = {
    "docx": 0.3,
    "pdf": 3.0,
    "xlsx": 0.3,
    "html": None,
    "csv": None,
    "json": None,
}
RUNS = 7


def main() -> None:
    plan = generate_plan(1, recommendations=40)
    for format in TARGETS:
        write_plan(plan, format)  # the first run pays for imports and caches, which a server pays once
    for format, target in TARGETS.items():
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            write_plan(plan, format)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        verdict = "" if target is None else ("  within target" if median <= target else "  OVER TARGET")
        shown = "-" if target is None else f"{target:.1f} s"
        print(f"  {format:<5} median {median:7.3f} s   target {shown:>6}{verdict}")


if __name__ == "__main__":
    main()
