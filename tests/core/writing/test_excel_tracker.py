"""The Excel tracker: what owners see, the round trip, and reading back a tracker edited in Excel."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from actionplan.core import canonical
from actionplan.core.errors import PlanError
from actionplan.core.generator import generate_plan
from actionplan.core.plan import ActionOwnerRef, ActionStatus, Plan
from actionplan.core.reading import read_plan
from actionplan.core.reading.tracker import read_tracker
from actionplan.core.targets import TargetKind
from actionplan.core.writing.action_rows import COLUMNS, DECISIONS, STATUSES
from actionplan.core.writing.excel_tracker import render_xlsx

from .plans import awkward_plan, generated_plans

HEADINGS = [column.heading for column in COLUMNS]


def _column(heading: str) -> int:
    return HEADINGS.index(heading) + 1


def _edited(plan: Plan) -> tuple[object, object]:
    workbook = load_workbook(io.BytesIO(render_xlsx(plan)))
    return workbook, workbook["Actions"]


def _save(workbook: object) -> bytes:
    out = io.BytesIO()
    workbook.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def test_one_row_per_action_and_one_for_a_recommendation_without_any() -> None:
    plan = awkward_plan()
    sheet = load_workbook(io.BytesIO(render_xlsx(plan)))["Actions"]
    refs = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert refs == ["S34", "S34", "2.10", "3"]
    assert [c.value for c in sheet[1]][: len(HEADINGS)] == HEADINGS


def test_owners_get_a_usable_sheet() -> None:
    workbook = load_workbook(io.BytesIO(render_xlsx(generate_plan(1, recommendations=40))))
    assert workbook.sheetnames == ["Actions", "Summary", "Plan"]
    sheet = workbook["Actions"]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref.startswith("A1:")
    lists = {str(v.sqref)[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {"C": '"' + ",".join(DECISIONS) + '"', "I": '"' + ",".join(STATUSES) + '"'}
    assert sheet.column_dimensions["B"].width == 50
    assert sheet["B2"].alignment.wrap_text
    dated = [row[_column("Target date") - 1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(value, datetime) for value in dated)
    assert sheet.cell(row=1, column=len(COLUMNS) + 1).value == "Owners (directory)"
    assert sheet.column_dimensions[get_column_letter(len(COLUMNS) + 2)].hidden, "the target date at export"
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Total"] == 40


@pytest.mark.parametrize("plan", [*generated_plans(), awkward_plan()], ids=["recs", "flawed", "concerns", "awkward"])
def test_tracker_round_trip_is_lossless(plan: Plan) -> None:
    reading = read_plan(render_xlsx(plan), name="tracker.xlsx")
    assert reading.warnings == []
    assert canonical.dumps(reading.plan) == canonical.dumps(plan)


def test_the_buckley_hall_plan_survives_the_tracker(buckley_hall_text: str) -> None:
    plan = read_plan(buckley_hall_text.encode("utf-8"), name="buckley_hall_2019.txt").plan
    # A tracker carries the reasons the plan states; what a reader only suggested is not part of the plan.
    for rec in plan.recommendations:
        rec.inferred_reasons = []
    assert canonical.dumps(read_tracker(render_xlsx(plan), "t.xlsx").plan) == canonical.dumps(plan)


def test_edits_made_in_excel_come_back() -> None:
    plan = awkward_plan()
    workbook, sheet = _edited(plan)
    owner, when, written = _column("Responsible owner"), _column("Target date"), _column("Target as written")
    sheet.cell(row=2, column=owner, value="Deputy Governor")
    sheet.cell(row=2, column=when, value=datetime(2020, 1, 15))
    sheet.cell(row=3, column=written, value="June 2020")
    sheet.append(["S34", None, None, None, "Visits will be searched.", "Head of Security", "30/09/2020"])
    sheet.append(["4.2", "A new recommendation.", "Agreed", "We agree.", "A new action.", "Governor", None, "Q4 2020"])
    sheet.append([None, None, None, None, "An action nobody placed.", "Governor"])
    reading = read_tracker(_save(workbook), "edited.xlsx")
    s34 = reading.plan.recommendations[0]
    assert s34.actions[0].owner == "Deputy Governor"
    assert (s34.actions[0].target.text, s34.actions[0].target.date) == ("15/01/2020", date(2020, 1, 15))
    assert (s34.actions[1].target.text, s34.actions[1].target.date) == ("June 2020", date(2020, 6, 30))
    assert (s34.actions[2].text, s34.actions[2].target.date) == ("Visits will be searched.", date(2020, 9, 30))
    added = reading.plan.recommendations[-1]
    assert (added.ref, added.recommendation, added.actions[0].target.text) == (
        "4.2",
        "A new recommendation.",
        "Q4 2020",
    )
    assert [str(w) for w in reading.warnings] == ["Actions sheet, row 8: no ref: An action nobody placed. | Governor"]


def test_rows_it_cannot_use_are_reported_by_row() -> None:
    workbook, sheet = _edited(awkward_plan())
    sheet.cell(row=3, column=_column("Recommendation"), value="Changed on the second row")
    sheet.cell(row=5, column=_column("Decision"), value="Maybe")
    sheet.cell(row=4, column=_column("Ref")).value = None
    sheet.append([2.1, "A ref Excel made a number."])
    reading = read_tracker(_save(workbook), "edited.xlsx")
    messages = [w.message for w in reading.warnings]
    assert messages[0].startswith("Actions sheet, row 3: recommendation differs from row 2 for ref S34")
    assert messages[1] == "Actions sheet, row 4: no ref"
    assert messages[2] == "Actions sheet, row 5: decision not recognised; left undecided"
    assert messages[3].startswith("Actions sheet, row 6: ref 2.1 is a number in Excel")
    assert "2.1" in [r.ref for r in reading.plan.recommendations]


def test_a_completed_target_and_a_date_typed_as_text_are_understood() -> None:
    workbook, sheet = _edited(awkward_plan())
    sheet.cell(row=2, column=_column("Target date")).value = None
    sheet.cell(row=2, column=_column("Target as written"), value="Completed")
    sheet.cell(row=3, column=_column("Target date"), value="28/02/2021")
    sheet.cell(row=3, column=_column("Target as written")).value = None
    actions = read_tracker(_save(workbook), "edited.xlsx").plan.recommendations[0].actions
    assert actions[0].target.kind is TargetKind.COMPLETED
    assert actions[1].target.date == date(2021, 2, 28)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a workbook at all", "not an Excel workbook"),
        (b"PK\x03\x04garbage", "not an Excel workbook"),
    ],
)
def test_garbage_is_a_plan_error(data: bytes, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        read_tracker(data, "broken.xlsx")


def test_a_workbook_that_is_no_tracker_is_a_plan_error() -> None:
    workbook, _ = _edited(awkward_plan())
    del workbook["Plan"]
    with pytest.raises(PlanError, match='no "Plan" sheet'):
        read_tracker(_save(workbook), "no-plan.xlsx")
    workbook, sheet = _edited(awkward_plan())
    sheet.delete_cols(1)
    with pytest.raises(PlanError, match='no "Ref" column'):
        read_tracker(_save(workbook), "no-ref.xlsx")


def test_delivery_status_goes_out_and_comes_back() -> None:
    plan = generate_plan(5, recommendations=6)
    first, second = plan.recommendations[0].actions[0], plan.recommendations[1].actions[0]
    first.status, first.completed_on = ActionStatus.COMPLETED, date(2026, 5, 4)
    second.status, second.cancellation_reason = ActionStatus.CANCELLED, "Superseded by the new regime."
    reading = read_tracker(render_xlsx(plan), "tracker.xlsx")
    assert reading.warnings == []
    assert canonical.dumps(reading.plan) == canonical.dumps(plan)


def test_owners_status_edits_are_read_and_nonsense_is_reported() -> None:
    plan = generate_plan(6, recommendations=3)
    workbook, sheet = _edited(plan)
    sheet.cell(row=2, column=_column("Status"), value="in progress")
    sheet.cell(row=3, column=_column("Status"), value="Nearly there")
    sheet.cell(row=3, column=_column("Completed on"), value="sometime")
    out = io.BytesIO()
    workbook.save(out)
    reading = read_tracker(out.getvalue(), "tracker.xlsx")
    actions = [a for rec in reading.plan.recommendations for a in rec.actions]
    assert actions[0].status is ActionStatus.IN_PROGRESS
    assert actions[1].status is ActionStatus.NOT_STARTED
    messages = [w.message for w in reading.warnings]
    assert any(m.startswith("Actions sheet, row 3: status not understood") for m in messages), messages
    assert any("completion date is not a day" in m for m in messages), messages


def _plan_with_matched_owners() -> Plan:
    plan = awkward_plan()
    action = plan.recommendations[0].actions[0]
    action.owner = "Governor and Novus"
    action.owners = [
        ActionOwnerRef("Governor", id=4, name="Governing Governor", kind="post"),
        ActionOwnerRef("Novus"),
    ]
    return plan


def test_matched_owners_survive_the_tracker() -> None:
    plan = _plan_with_matched_owners()
    sheet = load_workbook(io.BytesIO(render_xlsx(plan)))["Actions"]
    assert sheet.cell(row=2, column=len(COLUMNS) + 1).value == "Governor = Governing Governor (post 4)\nNovus"
    reading = read_tracker(render_xlsx(plan), "t.xlsx")
    assert reading.warnings == []
    assert reading.plan.recommendations[0].actions[0].owners == plan.recommendations[0].actions[0].owners
    assert canonical.dumps(reading.plan) == canonical.dumps(plan)


def test_an_owner_changed_in_excel_is_matched_again() -> None:
    workbook, sheet = _edited(_plan_with_matched_owners())
    sheet.cell(row=2, column=_column("Responsible owner")).value = "Head of Safety"  # type: ignore[attr-defined]
    reading = read_tracker(_save(workbook), "t.xlsx")
    action = reading.plan.recommendations[0].actions[0]
    assert action.owners == []
    assert [ref.written for ref in action.owner_refs()] == ["Head of Safety"]
    assert [w.message for w in reading.warnings] == [
        'Actions sheet, row 2: the responsible owner no longer names the owners of "Owners (directory)"; '
        "they are left out and the owner is matched again"
    ]
