"""Finding the recommendations a next plan repeats without saying so, on generated estates with known repeats.

Targets: precision 0.9 or more and recall 0.8 or more over 200 establishments' previous and next plans (the
repeats the plans state are linked by their ref, so only the unstated ones are looked for by wording).
"""

from __future__ import annotations

import time

from actionplan.core.generator import generate_cycle
from actionplan.core.repeats import likely_repeats, measure

ESTABLISHMENTS = 200
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.8


def main() -> None:
    found: set[tuple[str, str]] = set()
    known: set[tuple[str, str]] = set()
    seconds = 0.0
    for seed in range(ESTABLISHMENTS):
        cycle = generate_cycle(seed, recommendations=16 + seed % 10, repeated=3 + seed % 6, stated=seed % 3)
        unstated = {
            f"{seed}/{rec.ref}": rec.recommendation for rec in cycle.next.recommendations if rec.ref not in cycle.stated
        }
        earlier = {f"{seed}/{rec.ref}": rec.recommendation for rec in cycle.previous.recommendations}
        started = time.perf_counter()
        offered = likely_repeats(unstated, earlier)
        seconds += time.perf_counter() - started
        found |= {(pair.new, pair.earlier) for pair in offered}
        known |= {(f"{seed}/{new}", f"{seed}/{old}") for new, old in cycle.repeats.items() if new not in cycle.stated}
    measured = measure(found, known)
    print(f"establishments: {ESTABLISHMENTS}, unstated repeats known: {measured.known}, offered: {measured.found}")
    print(f"precision: {measured.precision:.3f} (target {TARGET_PRECISION})")
    print(f"recall: {measured.recall:.3f} (target {TARGET_RECALL})")
    print(f"time: {seconds * 1000 / ESTABLISHMENTS:.2f} ms a plan, {seconds:.2f} s in all")


if __name__ == "__main__":
    main()
