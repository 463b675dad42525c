"""Fuzzing every reader with hypothesis: real files the writers make, mutated, and what reading them gave.

Each target is a strategy of readings to try (a reader and its input). ``fuzz`` runs one target for a
number of examples: in the suite every exception other than PlanError (the documented refusal) fails
the test; the benchmark tallies runs, refusals and crashes instead.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplan.core import canonical
from actionplan.core.errors import PlanError
from actionplan.core.generator import generate_plan
from actionplan.core.reading import read_plan
from actionplan.core.reading.pasted import read_pasted
from actionplan.core.writing.excel_tracker import render_xlsx
from actionplan.core.writing.pdf_document import render_pdf
from actionplan.core.writing.word_document import render_docx

Attempt = Callable[[], object]


@cache
def _plan_files() -> dict[str, bytes]:
    plan = generate_plan(5, recommendations=4)
    return {
        "docx": render_docx(plan),
        "xlsx": render_xlsx(plan),
        "pdf": render_pdf(plan),
        "canonical": canonical.dumps(plan).encode("utf-8"),
    }


def _reading(data: bytes, format: str = "auto") -> Attempt:
    return lambda: read_plan(data, format=format, name="fuzzed")


_PLAN_LINES = [
    "ACTION PLAN: HMCIP REPORT",
    "ESTABLISHMENT: HMP Fuzzton",
    "S1 Concern: staff were not trained.",
    "1.8 Prisoners should have work.",
    "Recommendation: it should be done.",
    "Agreed",
    "Partly",
    "agreed",
    "Not Agreed",
    "Rejected",
    "Governor",
    "Head of Learning March 2020",
    "31/03/2020",
    "Q1 2020",
    "Completed",
    "Directed to: The Governor",
    "General recommendations",
    "Priority concerns",
    "(Repeated recommendation 2.8)",
    "Total 3",
    "Agreed 2",
    "1. Rec No\t2. Recommendation\t3. Agreed\t4. Response\t5. Owner\t6. Target Date",
    "",
    " ",
    "\f",
    "\t",
]
_LINES = st.lists(st.one_of(st.sampled_from(_PLAN_LINES), st.text(max_size=80)), max_size=60)


def _text_attempts() -> st.SearchStrategy[Attempt]:
    encodings = st.sampled_from(["utf-8", "utf-16", "cp1252"])
    return st.builds(
        lambda lines, encoding: _reading("\n".join(lines).encode(encoding, "replace"), "text"), _LINES, encodings
    )


def _pasted_attempts() -> st.SearchStrategy[Attempt]:
    return st.builds(lambda lines: lambda: read_pasted("\n".join(lines)), _LINES)


_EDITS = st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=12)


def _mutated(data: bytes, edits: list[tuple[int, int]], cut: int, splice: bytes) -> bytes:
    changed = bytearray(data)
    for position, value in edits:
        changed[position % len(changed)] = value
    if splice:
        changed[len(changed) // 2 : len(changed) // 2] = splice
    return bytes(changed[: max(1, len(changed) - cut)])


def _pdf_attempts() -> st.SearchStrategy[Attempt]:
    return st.builds(
        lambda edits, cut, splice: _reading(_mutated(_plan_files()["pdf"], edits, cut, splice)),
        _EDITS,
        st.integers(0, 20_000),
        st.binary(max_size=64),
    )


@dataclass(frozen=True)
class _PartChange:
    """A change to one part of an Office file: its bytes edited or cut, or the part left out or doubled."""

    part: int
    how: str
    edits: list[tuple[int, int]] = field(default_factory=list)
    cut: int = 0


def _changed_office_file(data: bytes, change: _PartChange) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        members = original.infolist()
        chosen = members[change.part % len(members)]
        for member in members:
            content = original.read(member)
            if member is not chosen:
                copy.writestr(member.filename, content)
            elif change.how == "edit":
                copy.writestr(member.filename, _mutated(content, change.edits, change.cut, b""))
            elif change.how == "double":
                copy.writestr(member.filename, content)
                copy.writestr(f"{member.filename}.copy", content + content)
    return out.getvalue()


def _office_attempts(format: str) -> st.SearchStrategy[Attempt]:
    changes = st.builds(
        _PartChange,
        part=st.integers(min_value=0),
        how=st.sampled_from(["edit", "edit", "edit", "drop", "double"]),
        edits=_EDITS,
        cut=st.integers(0, 400),
    )
    return st.builds(lambda change: _reading(_changed_office_file(_plan_files()[format], change)), changes)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_DROP = object()


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_places(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_places(item, (*path, index)))
    return found


def _changed_json(changes: list[tuple[int, Any]]) -> bytes:
    document = json.loads(_plan_files()["canonical"])
    for place, value in changes:
        places = _places(document)[1:]
        if not places:
            break
        *parent_path, last = places[place % len(places)]
        parent = document
        for step in parent_path:
            parent = parent[step]
        if value is _DROP:
            del parent[last]
        else:
            parent[last] = value
    return json.dumps(document).encode("utf-8")


def _json_attempts() -> st.SearchStrategy[Attempt]:
    changes = st.lists(st.tuples(st.integers(min_value=0), _JSON_VALUES | st.just(_DROP)), min_size=1, max_size=4)
    return st.builds(lambda chosen: _reading(_changed_json(chosen)), changes)


TARGETS: dict[str, Callable[[], st.SearchStrategy[Attempt]]] = {
    "text": _text_attempts,
    "pasted": _pasted_attempts,
    "pdf": _pdf_attempts,
    "docx": lambda: _office_attempts("docx"),
    "xlsx": lambda: _office_attempts("xlsx"),
    "json": _json_attempts,
}


@dataclass
class Tally:
    """What a fuzzing run gave: readings tried, refused with PlanError, and crashes (anything else), by kind."""

    runs: int = 0
    refusals: int = 0
    crashes: dict[str, int] = field(default_factory=dict)


def _try(attempt: Attempt, tally: Tally | None) -> None:
    try:
        attempt()
    except PlanError as error:
        message = str(error)
        assert "\n" not in message
        assert message.startswith("fuzzed: ")
        if tally is not None:
            tally.refusals += 1
    except Exception as error:
        if tally is None:
            raise
        kind = f"{error.__class__.__name__}: {str(error)[:80]}"
        tally.crashes[kind] = tally.crashes.get(kind, 0) + 1
    if tally is not None:
        tally.runs += 1


def fuzz(target: str, *, examples: int, tally: Tally | None = None) -> None:
    """Try ``examples`` readings of ``target``: a crash fails the run, or is counted in ``tally`` when given."""

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=tally is None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(attempt=TARGETS[target]())
    def run(attempt: Attempt) -> None:
        _try(attempt, tally)

    run()
