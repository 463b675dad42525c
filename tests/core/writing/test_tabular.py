"""Tables written as CSV and Excel files: formula-like text stays text, numbers stay numbers, dates are dates."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from actionplan.core.writing.spreadsheet_cells import from_cell_text
from actionplan.core.writing.tabular import render_table_csv, render_table_xlsx

HEADINGS = ["Action", "Times moved", "Target date"]
ROWS = [['=HYPERLINK("http://x")', 2, date(2026, 3, 31)], ["-1 day\x0bearlier\x07", 0, None]]


def test_csv_cells_that_would_run_as_formulas_are_text() -> None:
    body = render_table_csv(HEADINGS, ROWS)
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [HEADINGS, ['\'=HYPERLINK("http://x")', "2", "2026-03-31"], ["'-1 day\nearlier", "0", ""]]
    assert from_cell_text(rows[1][0]) == '=HYPERLINK("http://x")'


def test_excel_cells_are_text_numbers_and_dates() -> None:
    sheet = load_workbook(io.BytesIO(render_table_xlsx("Actions: late/moved", HEADINGS, ROWS))).active
    assert sheet.title == "Actions latemoved"  # no character a sheet name cannot hold
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0] == tuple(HEADINGS)
    first = sheet["A2"]
    assert first.value == '\'=HYPERLINK("http://x")'
    assert first.data_type == "s"
    assert sheet["B2"].value == 2
    assert sheet["C2"].value.date() == date(2026, 3, 31)
    assert sheet["A3"].value == "'-1 day\nearlier"
