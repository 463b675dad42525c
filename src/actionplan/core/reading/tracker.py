"""Read an Excel tracker back into a plan, as exported by the service and then edited by owners in Excel.

Rows are read in the order they stand. A row with a ref already seen adds an action to that
recommendation; a row with a new ref adds a recommendation. A target is taken from "Target as written",
unless "Target date" was changed since export (or holds the only value), in which case the date wins.
Rows that cannot be used are reported as warnings naming the sheet row, never dropped in silence.
Status, Completed on and Why cancelled are the owners' delivery reports and are read with each action.
"Owners (directory)" gives each owner's match in the owner directory, unless the owner text was edited since.
The apostrophe the writer puts before text a spreadsheet would take as a formula is taken off again.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from actionplan.core.errors import PlanError
from actionplan.core.owners import normalise
from actionplan.core.plan import (
    Action,
    ActionOwnerRef,
    ActionStatus,
    Decision,
    Inspectorate,
    Plan,
    Reason,
    Recommendation,
    RecommendationKind,
    Report,
    Summary,
)
from actionplan.core.reading.limits import check_tracker_rows, check_zip
from actionplan.core.reading.outcome import Reading, ReadingWarning
from actionplan.core.targets import Precision, Target, TargetKind, parse_target
from actionplan.core.writing import action_rows as columns
from actionplan.core.writing import excel_tracker as tracker
from actionplan.core.writing.spreadsheet_cells import from_cell_text

_DECISIONS = {
    "agreed": Decision.AGREED,
    "accepted": Decision.AGREED,
    "partly agreed": Decision.PARTLY_AGREED,
    "partly accepted": Decision.PARTLY_AGREED,
    "partially agreed": Decision.PARTLY_AGREED,
    "not agreed": Decision.NOT_AGREED,
    "not accepted": Decision.NOT_AGREED,
    "rejected": Decision.NOT_AGREED,
}
_KINDS = {kind.label.lower(): kind for kind in RecommendationKind}
# Columns past these are never the tracker's; a cell far to the right would otherwise pad every row to it.
_COLUMNS = 100


def _key(heading: Any) -> str:
    return " ".join(str(heading or "").split()).lower()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return _day(value).strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return from_cell_text(str(value)).strip()


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


@dataclass
class _Row:
    """One sheet row, its cells found by heading."""

    number: int
    cells: dict[str, Any]

    def get(self, column: columns.Column | str) -> Any:
        heading = column if isinstance(column, str) else column.heading
        return self.cells.get(_key(heading))

    def text(self, column: columns.Column | str) -> str:
        return _text(self.get(column))

    def warning(self, message: str, text: str = "") -> ReadingWarning:
        return ReadingWarning(f"{tracker.ACTIONS_SHEET} sheet, row {self.number}: {message}", None, text)


def _actions_sheet(workbook: Any, name: str) -> Any:
    if tracker.ACTIONS_SHEET in workbook.sheetnames:
        return workbook[tracker.ACTIONS_SHEET]
    for sheet in workbook.worksheets:
        if any(_key(cell.value) == _key(columns.REF.heading) for cell in sheet[1]):
            return sheet
    raise PlanError(f'no "{tracker.ACTIONS_SHEET}" sheet, and no sheet whose first row has a "Ref" column', source=name)


def _rows(sheet: Any, name: str) -> list[_Row]:
    rows = sheet.iter_rows(max_col=_COLUMNS, values_only=True)
    headings = [_key(value) for value in next(rows, ())]
    for required in (columns.REF, columns.RECOMMENDATION):
        if _key(required.heading) not in headings:
            raise PlanError(f'the first row has no "{required.heading}" column', source=name, where=sheet.title)
    found = []
    for number, values in enumerate(rows, start=2):
        # Counted as they come, blank ones too: a sheet may declare a last row a million rows down.
        check_tracker_rows(number, name=name)
        cells = {heading: value for heading, value in zip(headings, values, strict=False) if heading}
        if any(_text(value) for value in cells.values()):
            found.append(_Row(number, cells))
    return found


def _target(row: _Row, warnings: list[ReadingWarning]) -> Target:
    written = row.text(columns.TARGET_TEXT)
    raw_date = row.get(columns.TARGET_DATE)
    exported = row.get(tracker.EXPORTED_TARGET_DATE)
    target = parse_target(written)
    when: date | None
    if isinstance(raw_date, datetime | date):
        when = _day(raw_date)
    else:
        from_text = parse_target(_text(raw_date))
        when = from_text.date
        if _text(raw_date) and from_text.kind is not TargetKind.DATE:
            warnings.append(
                row.warning("the target date is not a date; the target as written is kept", _text(raw_date))
            )
    if when is None or when == target.date:
        return target
    date_changed = not isinstance(exported, datetime | date) or _day(exported) != when
    if written and not date_changed:
        return target
    return parse_target(when.strftime("%d/%m/%Y"))


_STATUSES = {_key(status.label): status for status in ActionStatus} | {
    _key(status.value): status for status in ActionStatus
}


def _status(row: _Row, warnings: list[ReadingWarning]) -> ActionStatus:
    written = row.text(columns.STATUS)
    if not written:
        return ActionStatus.NOT_STARTED
    found = _STATUSES.get(_key(written))
    if found is None:
        known = ", ".join(status.label for status in ActionStatus)
        warnings.append(row.warning(f"status not understood (use {known}); taken as Not started", written))
        return ActionStatus.NOT_STARTED
    return found


def _completed_on(row: _Row, warnings: list[ReadingWarning]) -> date | None:
    raw = row.get(columns.COMPLETED_ON)
    if isinstance(raw, datetime | date):
        return _day(raw)
    if not _text(raw):
        return None
    target = parse_target(_text(raw))
    if target.precision is Precision.DAY:
        return target.date
    warnings.append(row.warning("the completion date is not a day such as 31/03/2020; it is left out", _text(raw)))
    return None


def _reasons(row: _Row, warnings: list[ReadingWarning]) -> list[Reason]:
    reasons: list[Reason] = []
    for part in row.text(columns.REASONS).replace(";", ",").split(","):
        word = part.strip().lower()
        if not word:
            continue
        try:
            reason = Reason(word)
        except ValueError:
            warnings.append(row.warning("not a reason (commissioning, policy, operational, affordability)", part))
            continue
        if reason not in reasons:
            reasons.append(reason)
    return reasons


def _ref(row: _Row, warnings: list[ReadingWarning]) -> str:
    value = row.get(columns.REF)
    if isinstance(value, float) and not value.is_integer():
        # Excel turned a typed ref into a number; 2.10 would now read 2.1.
        warnings.append(row.warning(f"ref {value} is a number in Excel; type refs such as 2.10 as text"))
    return _text(value)


def _new_recommendation(row: _Row, ref: str, warnings: list[ReadingWarning]) -> Recommendation:
    decision_text = row.text(columns.DECISION)
    decision = _DECISIONS.get(_key(decision_text))
    if decision_text and decision is None:
        warnings.append(row.warning("decision not recognised; left undecided", decision_text))
    kind_text = row.text(columns.KIND)
    kind = _KINDS.get(_key(kind_text), RecommendationKind.RECOMMENDATION)
    if kind_text and _key(kind_text) not in _KINDS:
        warnings.append(row.warning("kind not recognised; read as a recommendation", kind_text))
    recommendation = row.text(columns.RECOMMENDATION)
    if not recommendation:
        warnings.append(row.warning(f"ref {ref} has no recommendation text"))
    return Recommendation(
        ref=ref,
        recommendation=recommendation,
        kind=kind,
        section=row.text(columns.SECTION) or None,
        directed_to=row.text(columns.DIRECTED_TO) or None,
        concern=row.text(columns.CONCERN) or None,
        cross_ref=row.text(columns.CROSS_REF) or None,
        repeated_from=row.text(columns.REPEATED_FROM) or None,
        decision=decision,
        reasons=_reasons(row, warnings),
        response=row.text(columns.RESPONSE),
    )


def _check_same(row: _Row, rec: Recommendation, first_row: int, warnings: list[ReadingWarning]) -> None:
    """Later rows of a recommendation repeat its details; a changed copy is reported, the first row's kept."""
    for column, kept in (
        (columns.RECOMMENDATION, rec.recommendation),
        (columns.DECISION, rec.decision.label if rec.decision else ""),
        (columns.RESPONSE, rec.response),
    ):
        value = row.text(column)
        if value and value != kept:
            message = f"{column.heading.lower()} differs from row {first_row} for ref {rec.ref}; row {first_row} kept"
            warnings.append(row.warning(message, value))


def _owners(row: _Row, owner: str, warnings: list[ReadingWarning]) -> list[ActionOwnerRef]:
    """The owners of the "Owners (directory)" column, unless the owner text was changed since export."""
    owners = tracker.read_directory_owners(row.text(tracker.DIRECTORY_OWNERS))
    written = normalise(owner)
    if owners and not all(normalise(ref.written) in written for ref in owners):
        warnings.append(
            row.warning(
                f'the responsible owner no longer names the owners of "{tracker.DIRECTORY_OWNERS}"; '
                "they are left out and the owner is matched again",
                owner,
            )
        )
        return []
    return owners


def _plan_fields(workbook: Any, name: str) -> dict[str, list[Any]]:
    if tracker.PLAN_SHEET not in workbook.sheetnames:
        raise PlanError(
            f'no "{tracker.PLAN_SHEET}" sheet: export the tracker again from the service, or add a '
            f'"{tracker.PLAN_SHEET}" sheet with an "{tracker.ESTABLISHMENT}" row',
            source=name,
        )
    fields: dict[str, list[Any]] = {}
    for label, value, *_ in workbook[tracker.PLAN_SHEET].iter_rows(min_row=2, max_col=2, values_only=True):
        if label is not None and value is not None:
            fields.setdefault(_key(label), []).append(value)
    return fields


def _field_date(fields: dict[str, list[Any]], label: str) -> date | None:
    value = fields.get(_key(label), [None])[0]
    if isinstance(value, datetime | date):
        return _day(value)
    return parse_target(_text(value)).date if value is not None else None


def _stated_summary(fields: dict[str, list[Any]]) -> Summary | None:
    labels = (tracker.STATED_AGREED, tracker.STATED_PARTLY_AGREED, tracker.STATED_NOT_AGREED, tracker.STATED_TOTAL)
    values = [fields.get(_key(label), [None])[0] for label in labels]
    if not all(isinstance(value, int | float) for value in values):
        return None
    return Summary(*(int(value) for value in values))


def _plan(fields: dict[str, list[Any]], name: str) -> Plan:
    establishment = _text(fields.get(_key(tracker.ESTABLISHMENT), [None])[0])
    if not establishment:
        raise PlanError(f'the "{tracker.PLAN_SHEET}" sheet names no establishment', source=name)

    def text(label: str) -> str | None:
        return _text(fields.get(_key(label), [None])[0]) or None

    return Plan(
        establishment=establishment,
        inspectorate=text(tracker.INSPECTORATE) or Inspectorate.HMIP.value,
        report=Report(
            title=text(tracker.REPORT_TITLE),
            inspection_dates=text(tracker.INSPECTION_DATES),
            published=_field_date(fields, tracker.REPORT_PUBLISHED),
        ),
        submitted=_field_date(fields, tracker.SUBMITTED),
        notes=[_text(note) for note in fields.get(_key(tracker.NOTE), [])],
        stated_summary=_stated_summary(fields),
    )


def read_tracker(data: bytes, name: str) -> Reading:
    """Read an .xlsx tracker; PlanError when it is no workbook or not a tracker."""
    check_zip(data, name=name, format="xlsx")
    try:
        # Read-only mode streams the sheets instead of building every cell, and never opens pictures.
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as error:
        raise PlanError(f"not an Excel workbook that can be read ({error.__class__.__name__})", source=name) from None
    try:
        return _read_workbook(workbook, name)
    finally:
        workbook.close()


def _read_workbook(workbook: Any, name: str) -> Reading:
    plan = _plan(_plan_fields(workbook, name), name)
    warnings: list[ReadingWarning] = []
    first_rows: dict[str, int] = {}
    by_ref: dict[str, Recommendation] = {}
    for row in _rows(_actions_sheet(workbook, name), name):
        ref = _ref(row, warnings)
        if not ref:
            warnings.append(row.warning("no ref", " | ".join(_text(v) for v in row.cells.values() if _text(v))))
            continue
        rec = by_ref.get(ref)
        if rec is None:
            rec = by_ref[ref] = _new_recommendation(row, ref, warnings)
            first_rows[ref] = row.number
            plan.recommendations.append(rec)
        else:
            _check_same(row, rec, first_rows[ref], warnings)
        text, owner = row.text(columns.ACTION), row.text(columns.OWNER)
        target = _target(row, warnings)
        if text or owner or target.kind is not TargetKind.NONE:
            rec.actions.append(
                Action(
                    text=text,
                    owner=owner or None,
                    target=target,
                    status=_status(row, warnings),
                    completed_on=_completed_on(row, warnings),
                    cancellation_reason=row.text(columns.CANCELLATION_REASON) or None,
                    owners=_owners(row, owner, warnings),
                )
            )
    return Reading(plan, warnings)
