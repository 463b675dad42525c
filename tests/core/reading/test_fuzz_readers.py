"""Every reader, fuzzed with inputs made from real plan files: nothing but PlanError escapes."""

from __future__ import annotations

import pytest

from tests.core.reading.fuzzing import TARGETS, fuzz

# A short fixed budget keeps the suite fast; `make bench` (bench_fuzz_readers) runs far more.
EXAMPLES = {"text": 40, "pasted": 60, "pdf": 12, "docx": 25, "xlsx": 25, "json": 40}


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_reader_raises_nothing_but_plan_error(target: str) -> None:
    fuzz(target, examples=EXAMPLES[target])
