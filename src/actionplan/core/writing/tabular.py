"""Any table (figures, or a list of rows) as a CSV file or an Excel workbook that a spreadsheet opens safely.

Text is cleaned of characters the files cannot hold and written so that no spreadsheet takes it as a formula
(``spreadsheet_cells``); numbers stay numbers and dates are written as dates (YYYY-MM-DD in the CSV file).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from actionplan.core.characters import clean_text
from actionplan.core.writing.spreadsheet_cells import as_cell_text

Value = str | int | date | None
_DATE_FORMAT = "dd/mm/yyyy"


def _csv_value(value: Value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return as_cell_text(clean_text(value))
    return value


def render_table_csv(headings: Sequence[str], rows: Iterable[Sequence[Value]]) -> bytes:
    """UTF-8 with a byte order mark and CRLF line ends, as Excel expects of a CSV file."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_value(heading) for heading in headings])
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def render_table_xlsx(title: str, headings: Sequence[str], rows: Iterable[Sequence[Value]]) -> bytes:
    """One sheet: a bold heading row, then the rows; written as it goes, so a long list stays small in memory."""
    workbook = Workbook(write_only=True)
    # A sheet's name holds at most 31 characters and none of []:*?/\ .
    sheet = workbook.create_sheet(title="".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet")

    def cell(value: Value, bold: bool = False) -> WriteOnlyCell:
        if isinstance(value, str):
            found = WriteOnlyCell(sheet, value=as_cell_text(clean_text(value)))
            # openpyxl guesses a formula from a leading "="; the explicit type keeps the cell text.
            found.data_type = "s"
        else:
            found = WriteOnlyCell(sheet, value=value)
            if isinstance(value, date):
                found.number_format = _DATE_FORMAT
        if bold:
            found.font = Font(bold=True)
        return found

    sheet.append([cell(heading, bold=True) for heading in headings])
    for row in rows:
        sheet.append([cell(value) for value in row])
    workbook.properties.title = title
    workbook.properties.creator = "actionplan"
    workbook.properties.language = "en-GB"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
