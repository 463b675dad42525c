"""Fuzzing the writers and the canonical JSON for longer than the test suite does: runs, refusals and crashes."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from tests.core.plan_strategies import hostile_documents, hostile_json_texts, plans
from tests.core.test_fuzz_writers import check_canonical_round_trip, check_pdf_writers, check_refusal, check_writers

from actionplan.core import canonical


def _load_document(document: Any) -> bool:
    return check_refusal(lambda: canonical.loads(json.dumps(document), source="fuzzed.json"))


def _load_text(text: str) -> bool:
    return check_refusal(lambda: canonical.loads(text, source="fuzzed.json"))


# (what is fuzzed, the values, the check, how many runs): three to five minutes in all on one busy core.
# A check returns True for the documented refusal; any exception it lets out is a crash.
CAMPAIGNS: list[tuple[str, st.SearchStrategy[Any], Callable[[Any], bool | None], int]] = [
    ("Word, HTML, tracker, CSV, JSON, progress report", plans, check_writers, 100),
    ("PDF and progress report PDF", plans, check_pdf_writers, 6),
    ("canonical dumps, validate and loads", plans, check_canonical_round_trip, 300),
    ("canonical loads: hostile documents", hostile_documents, _load_document, 500),
    ("canonical loads: hostile JSON text", hostile_json_texts, _load_text, 500),
]


def _campaign(strategy: st.SearchStrategy[Any], check: Callable[[Any], bool | None], runs: int) -> Counter[str]:
    outcomes: Counter[str] = Counter()

    @settings(
        max_examples=runs,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: Any) -> None:
        outcomes["runs"] += 1
        try:
            outcomes["refusals"] += bool(check(value))
        except Exception as error:
            first_line = (str(error).splitlines() or [""])[0][:80]
            outcomes[f"crash: {error.__class__.__name__}: {first_line}"] += 1

    run()
    return outcomes


def main() -> None:
    for name, strategy, check, runs in CAMPAIGNS:
        start = time.perf_counter()
        outcomes = _campaign(strategy, check, runs)
        crashes = {key: count for key, count in outcomes.items() if key.startswith("crash")}
        print(
            f"  {name:<48} runs {outcomes['runs']:4}   refusals {outcomes['refusals']:4}   "
            f"crashes {sum(crashes.values()):3}   {time.perf_counter() - start:6.1f} s"
        )
        for key, count in sorted(crashes.items()):
            print(f"      {count:4} x {key}")


if __name__ == "__main__":
    main()
