"""Whatever a plan holds, every writer writes it, and whatever JSON arrives, the canonical reader refuses it cleanly.

A fixed, small budget with derandomised examples so that the suite is fast and stable; ``make bench``
runs the same checks for longer (``benchmarks/bench_fuzz_writers.py``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from openpyxl import load_workbook

from actionplan.core import canonical
from actionplan.core.characters import clean_plan
from actionplan.core.errors import PlanError
from actionplan.core.plan import Plan
from actionplan.core.writing import write_plan
from actionplan.core.writing.progress_report import render_progress_report

from .plan_strategies import hostile_documents, hostile_json_texts, plans

# Shrinking long Unicode paragraphs takes minutes; the failing example is reported as generated.
FAST = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
# WeasyPrint takes about a second a plan; reading JSON takes milliseconds.
SLOW = settings(FAST, max_examples=3)
MANY = settings(FAST, max_examples=60)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TODAY = date(2020, 6, 1)


def assert_no_formula(xlsx: bytes) -> None:
    """No cell of the workbook is a formula, or text a spreadsheet would take as one when edited."""
    for sheet in load_workbook(io.BytesIO(xlsx)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)), cell.value


def assert_no_formula_in_csv(data: bytes) -> None:
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


def check_writers(plan: Plan) -> None:
    """Every writer but the PDF ones writes the plan, and what it writes is safe and reads back."""
    assert write_plan(plan, "docx")
    assert write_plan(plan, "html")
    assert_no_formula(write_plan(plan, "xlsx"))
    assert_no_formula_in_csv(write_plan(plan, "csv"))
    assert canonical.loads(write_plan(plan, "json").decode("utf-8")) == clean_plan(plan)
    assert render_progress_report(plan, "docx", today=TODAY)
    assert_no_formula(render_progress_report(plan, "xlsx", today=TODAY))


def check_pdf_writers(plan: Plan) -> None:
    assert write_plan(plan, "pdf").startswith(b"%PDF-")
    assert render_progress_report(plan, "pdf", today=TODAY).startswith(b"%PDF-")


def check_canonical_round_trip(plan: Plan) -> None:
    text = canonical.dumps(plan)
    canonical.validate(json.loads(text))
    assert canonical.loads(text) == clean_plan(plan)


def check_refusal(load: Callable[[], Plan]) -> bool:
    """A plan, or the documented refusal (PlanError with one short line for the person); True when refused."""
    try:
        plan = load()
    except PlanError as error:
        message = str(error)
    else:
        assert isinstance(plan, Plan)
        return False
    assert "\n" not in message
    assert len(message) < 400
    return True


@FAST
@given(plan=plans)
def test_every_writer_writes_any_plan(plan: Plan) -> None:
    check_writers(plan)


@SLOW
@given(plan=plans)
def test_the_pdf_writers_write_any_plan(plan: Plan) -> None:
    check_pdf_writers(plan)


@MANY
@given(plan=plans)
def test_canonical_json_round_trips_any_plan(plan: Plan) -> None:
    check_canonical_round_trip(plan)


@MANY
@given(document=hostile_documents)
def test_any_json_document_is_a_plan_or_refused(document: Any) -> None:
    check_refusal(lambda: canonical.loads(json.dumps(document), source="fuzzed.json"))


@MANY
@given(text=hostile_json_texts)
def test_any_text_given_as_json_is_a_plan_or_refused(text: str) -> None:
    check_refusal(lambda: canonical.loads(text, source="fuzzed.json"))
