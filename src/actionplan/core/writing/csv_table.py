"""The plan's actions as a CSV file that Excel opens as it is: one row per action.

Columns, in order (``CSV_COLUMNS``):

Ref, Recommendation, Decision (Agreed, Partly Agreed, Not Agreed or blank), Response (the whole response,
repeated on each of its actions' rows), Action, Responsible owner, Target date (the last day the target
allows, as YYYY-MM-DD, blank when the target is no date), Target as written, Status (Not started,
In progress, Completed or Cancelled), Completed on (YYYY-MM-DD), Why cancelled, Kind (Recommendation,
Key concern, Priority concern), Section, Directed to, Concern, Cross-reference, Repeated recommendation,
Reasons (commissioning, policy, operational, affordability, comma separated).

A recommendation with no action has one row with the action columns blank. The file is UTF-8 with a
byte order mark and CRLF line ends, which is what Excel expects of a CSV file. Text that a spreadsheet
would take as a formula (starting ``=``, ``+``, ``-``, ``@``) starts with an apostrophe (``spreadsheet_cells``).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from actionplan.core.characters import clean_plan
from actionplan.core.plan import Plan
from actionplan.core.writing.action_rows import COLUMNS, Cell, action_rows
from actionplan.core.writing.spreadsheet_cells import as_cell_text

CSV_COLUMNS = tuple(column.heading for column in COLUMNS)


def _cell(value: Cell) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return as_cell_text(value or "")


def render_csv(plan: Plan) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in action_rows(clean_plan(plan)):
        writer.writerow(_cell(row[column]) for column in COLUMNS)
    return out.getvalue().encode("utf-8-sig")
