"""Fuzzing every reader for longer than the suite does: runs, refusals (PlanError) and crashes per reader."""

from __future__ import annotations

import logging
import time
import warnings

from tests.core.reading.fuzzing import TARGETS, Tally, fuzz

# A few minutes in all on a small machine; the suite runs a few dozen of each.
EXAMPLES = {"text": 2000, "pasted": 4000, "pdf": 300, "docx": 700, "xlsx": 700, "json": 1500}


def main() -> None:
    # Damaged files make pdfminer log on every run; the tally is what counts.
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    total = Tally()
    for target in TARGETS:
        tally = Tally()
        started = time.perf_counter()
        with warnings.catch_warnings():
            # Damaged files make the parsing libraries warn on every run; the tally is what counts.
            warnings.simplefilter("ignore")
            fuzz(target, examples=EXAMPLES[target], tally=tally)
        took = time.perf_counter() - started
        crashes = sum(tally.crashes.values())
        print(f"{target}: {tally.runs} runs, {tally.refusals} refused, {crashes} crashes in {took:.1f}s")
        for kind, count in sorted(tally.crashes.items()):
            print(f"    {count} x {kind}")
        total.runs += tally.runs
        total.refusals += tally.refusals
        for kind, count in tally.crashes.items():
            total.crashes[kind] = total.crashes.get(kind, 0) + count
    print(f"all readers: {total.runs} runs, {total.refusals} refused, {sum(total.crashes.values())} crashes")
