"""The plan as an Excel tracker for action owners: one row per action, and the plan's details to read it back.

Sheets: "Actions" (one row per action, see ``action_rows.COLUMNS``; the columns after Status carry plan
details, then "Owners (directory)": each owner as written and the directory's owner it was matched to, and
a hidden last column the target date as exported, so that an edited date can be told from an edited "Target
as written"), "Summary" (the decision counts at export) and "Plan" (the header fields).
Every piece of text is a text cell, never a formula (``append_row``); dates and counts are typed as such.
"""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from actionplan.core.characters import clean_plan
from actionplan.core.plan import Action, ActionOwnerRef, Plan
from actionplan.core.writing.action_rows import (
    COLUMNS,
    COMPLETED_ON,
    DECISION,
    DECISIONS,
    REF,
    STATUS,
    STATUSES,
    TARGET_DATE,
    TARGET_TEXT,
    action_rows,
)
from actionplan.core.writing.spreadsheet_cells import as_cell_text

ACTIONS_SHEET = "Actions"
SUMMARY_SHEET = "Summary"
PLAN_SHEET = "Plan"
EXPORTED_TARGET_DATE = "Target date at export"
DIRECTORY_OWNERS = "Owners (directory)"
# One matched owner in the "Owners (directory)" column: "Governor = Head of Residence (post 12)".
_MATCHED_OWNER = re.compile(r"^(?P<written>.+?) = (?P<name>.+) \((?P<kind>post|organisation) (?P<id>\d+)\)$")

# Plan sheet labels: the reader finds each field by its label.
ESTABLISHMENT = "Establishment"
INSPECTORATE = "Inspectorate"
REPORT_TITLE = "Report title"
INSPECTION_DATES = "Inspection dates"
REPORT_PUBLISHED = "Report published"
SUBMITTED = "Action plan submitted"
NOTE = "Note"
STATED_AGREED = "Stated count: Agreed"
STATED_PARTLY_AGREED = "Stated count: Partly Agreed"
STATED_NOT_AGREED = "Stated count: Not Agreed"
STATED_TOTAL = "Stated count: Total"

DATE_FORMAT = "dd/mm/yyyy"
# Drop-down lists reach this far below the last row, so that rows owners add get them too.
_ROOM_TO_GROW = 500
_HEADING_FILL = PatternFill("solid", fgColor="D9D9D9")
_DETAIL_FILL = PatternFill("solid", fgColor="DDEBF7")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def append_row(sheet: Any, values: list[Any]) -> None:
    """Add a row below the last: text as text cells that no spreadsheet runs as a formula, other values as they are."""
    sheet.append([_text_cell(sheet, value) if isinstance(value, str) else value for value in values])


def _text_cell(sheet: Any, text: str) -> Cell:
    cell = Cell(sheet, value=as_cell_text(text))
    # openpyxl guesses a formula from a leading "="; the apostrophe already prevents that, and the explicit
    # type keeps the cell text whatever it holds.
    cell.data_type = "s"
    return cell


def directory_owners_cell(action: Action | None) -> str:
    """The "Owners (directory)" cell: an owner a line, matched ones with the directory's owner; empty when none is."""
    if action is None or not action.owners:
        return ""
    return "\n".join(
        f"{ref.written} = {ref.name} ({ref.kind} {ref.id})" if ref.resolved else ref.written for ref in action.owners
    )


def read_directory_owners(cell: str) -> list[ActionOwnerRef]:
    """The owners an "Owners (directory)" cell holds, as ``directory_owners_cell`` writes them."""
    owners = []
    for line in cell.splitlines():
        if not line.strip():
            continue
        matched = _MATCHED_OWNER.match(line.strip())
        if matched:
            owners.append(
                ActionOwnerRef(
                    written=matched["written"], id=int(matched["id"]), name=matched["name"], kind=matched["kind"]
                )
            )
        else:
            owners.append(ActionOwnerRef(written=line.strip()))
    return owners


def _write_actions(sheet: Any, plan: Plan) -> None:
    headings = [column.heading for column in COLUMNS] + [DIRECTORY_OWNERS, EXPORTED_TARGET_DATE]
    append_row(sheet, headings)
    for column, cell in zip([*COLUMNS, None, None], sheet[1], strict=True):
        cell.font = _BOLD
        cell.alignment = _WRAP
        cell.fill = _DETAIL_FILL if column is None or column.plan_detail else _HEADING_FILL
    for row, action in zip(action_rows(plan), _row_actions(plan), strict=True):
        values = [row[column] for column in COLUMNS]
        append_row(sheet, [*values, directory_owners_cell(action), row[TARGET_DATE]])
    last_row = sheet.max_row
    date_columns = {COLUMNS.index(TARGET_DATE), COLUMNS.index(COMPLETED_ON), len(COLUMNS) + 1}
    for row_cells in sheet.iter_rows(min_row=2, max_row=last_row):
        for index, cell in enumerate(row_cells):
            cell.alignment = _WRAP
            if index in date_columns:
                cell.number_format = DATE_FORMAT

    letters = {column: get_column_letter(index) for index, column in enumerate(COLUMNS, start=1)}
    exported = get_column_letter(len(COLUMNS) + 2)
    for column, letter in letters.items():
        sheet.column_dimensions[letter].width = column.width
    sheet.column_dimensions[get_column_letter(len(COLUMNS) + 1)].width = 40
    for letter in (letters[TARGET_DATE], letters[COMPLETED_ON], exported):
        sheet.column_dimensions[letter].number_format = DATE_FORMAT
    # Refs such as 2.10 must stay text: typed into a number cell, Excel would make them 2.1.
    for letter in (letters[REF], letters[TARGET_TEXT]):
        sheet.column_dimensions[letter].number_format = "@"
    sheet.column_dimensions[exported].hidden = True

    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
    reach = last_row + _ROOM_TO_GROW
    for column, choices in ((DECISION, DECISIONS), (STATUS, STATUSES)):
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.heading,
            error=f"Choose one of: {', '.join(choices)}.",
        )
        validation.add(f"{letters[column]}2:{letters[column]}{reach}")
        sheet.add_data_validation(validation)
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def _row_actions(plan: Plan) -> list[Action | None]:
    """The action of each row ``action_rows`` gives: None for a recommendation without actions."""
    none: list[Action | None] = [None]
    return [action for rec in plan.recommendations for action in (rec.actions or none)]


def _write_summary(sheet: Any, plan: Plan) -> None:
    counted = plan.counted_summary()
    append_row(sheet, ["Decision", "Recommendations"])
    append_row(sheet, ["Agreed", counted.agreed])
    append_row(sheet, ["Partly Agreed", counted.partly_agreed])
    append_row(sheet, ["Not Agreed", counted.not_agreed])
    undecided = counted.total - counted.agreed - counted.partly_agreed - counted.not_agreed
    if undecided:
        append_row(sheet, ["No decision yet", undecided])
    append_row(sheet, ["Total", counted.total])
    append_row(sheet, [])
    append_row(sheet, ["Actions", len(plan.actions())])
    append_row(sheet, ["Counted when the tracker was exported; rows added since are not counted."])
    for cell in (*sheet[1], sheet.cell(row=sheet.max_row - 2, column=1)):
        cell.font = _BOLD
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 18


def _write_plan(sheet: Any, plan: Plan) -> None:
    rows: list[tuple[str, str | date | int | None]] = [
        (ESTABLISHMENT, plan.establishment),
        (INSPECTORATE, plan.inspectorate),
        (REPORT_TITLE, plan.report.title),
        (INSPECTION_DATES, plan.report.inspection_dates),
        (REPORT_PUBLISHED, plan.report.published),
        (SUBMITTED, plan.submitted),
    ]
    rows.extend((NOTE, note) for note in plan.notes)
    if plan.stated_summary:
        stated = plan.stated_summary
        rows.extend(
            [
                (STATED_AGREED, stated.agreed),
                (STATED_PARTLY_AGREED, stated.partly_agreed),
                (STATED_NOT_AGREED, stated.not_agreed),
                (STATED_TOTAL, stated.total),
            ]
        )
    append_row(sheet, ["Field", "Value"])
    for label, value in rows:
        append_row(sheet, [label, value])
        if isinstance(value, date):
            sheet.cell(row=sheet.max_row, column=2).number_format = DATE_FORMAT
    append_row(sheet, [])
    sheet.append(
        [
            "About this tracker",
            f"The blue columns of the {ACTIONS_SHEET} sheet and this sheet hold the plan's details, so that the "
            "tracker can be read back into the service. Add a row with an existing ref to add an action to that "
            "recommendation, or with a new ref to add a recommendation.",
        ]
    )
    for cell in (*sheet[1], sheet.cell(row=sheet.max_row, column=1)):
        cell.font = _BOLD
    sheet.cell(row=sheet.max_row, column=2).alignment = _WRAP
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90


def render_xlsx(plan: Plan) -> bytes:
    """The plan as an .xlsx tracker."""
    workbook = Workbook()
    actions = workbook.active
    actions.title = ACTIONS_SHEET
    plan = clean_plan(plan)
    _write_actions(actions, plan)
    _write_summary(workbook.create_sheet(SUMMARY_SHEET), plan)
    _write_plan(workbook.create_sheet(PLAN_SHEET), plan)
    workbook.properties.title = f"Action plan tracker: {plan.establishment}"
    workbook.properties.creator = "actionplan"
    workbook.properties.language = "en-GB"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
