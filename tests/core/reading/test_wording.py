"""The words of a plan as the readers understand them: decisions, refs, sections, header details, formats."""

from __future__ import annotations

import pytest

from actionplan.core.errors import PlanError
from actionplan.core.plan import Decision, RecommendationKind
from actionplan.core.reading import read_plan, recognise
from actionplan.core.reading.decisions import decision_at_start, read_decision, summary_count
from actionplan.core.reading.header import read_header, title_case
from actionplan.core.reading.recommendations import ref_line, split_recommendation
from actionplan.core.reading.sections import directed_to, kind_for_section, section_title


@pytest.mark.parametrize(
    ("written", "decision"),
    [
        ("Agreed", Decision.AGREED),
        ("AGREED", Decision.AGREED),
        ("Partly \n\nagreed", Decision.PARTLY_AGREED),
        ("partly Agreed.", Decision.PARTLY_AGREED),
        ("Not\nAgreed", Decision.NOT_AGREED),
        ("Accepted", Decision.AGREED),
        ("Partly Accepted", Decision.PARTLY_AGREED),
        ("Rejected", Decision.NOT_AGREED),
        ("Noted", None),
    ],
)
def test_decisions_in_any_case_and_across_lines(written: str, decision: Decision | None) -> None:
    assert read_decision(written) == decision


def test_decision_opening_a_line() -> None:
    assert decision_at_start("Agreed The new contract is in place.") == ("Agreed", "The new contract is in place.")
    assert decision_at_start("Agreement was reached") is None


@pytest.mark.parametrize(
    ("line", "counted"),
    [("Agreed 21", ("agreed", 21)), ("Partly Agreed: 2", ("partly_agreed", 2)), ("Total 24", ("total", 24))],
)
def test_summary_lines(line: str, counted: tuple[str, int]) -> None:
    assert summary_count(line) == counted


def test_concern_recommendation_repeat_and_cross_ref() -> None:
    parts = split_recommendation(
        "Concern: Cells were shared. Recommendation: Cells should not be shared. (Repeated recommendation 2.8)"
    )
    assert (parts.concern, parts.recommendation, parts.repeated_from) == (
        "Cells were shared.",
        "Cells should not be shared.",
        "2.8",
    )
    older = split_recommendation("Use of force should be proportionate. (S53)")
    assert (older.recommendation, older.cross_ref) == ("Use of force should be proportionate.", "S53")


@pytest.mark.parametrize(
    ("line", "opened"),
    [
        ("S34 Concern: Forty per cent", ("S34", "Concern: Forty per cent")),
        ("5.01 Staff should", ("5.01", "Staff should")),
        ("2.10", ("2.10", "")),
        ("2.5 billion investment", None),
        ("10,000 prison places", None),
    ],
)
def test_lines_that_open_a_row(line: str, opened: tuple[str, str] | None) -> None:
    assert ref_line(line, concern_numbers=False) == opened


def test_sections_and_directed_to() -> None:
    assert section_title("Main recommendations to the Governor") == "Main recommendations to the Governor"
    assert section_title("The governor should review recommendations weekly.") is None
    assert directed_to("Directed to: The governor") == "The governor"
    assert kind_for_section("Priority concerns") is RecommendationKind.PRIORITY_CONCERN
    assert kind_for_section("Key concerns") is RecommendationKind.KEY_CONCERN
    assert kind_for_section("Key concerns and recommendations") is RecommendationKind.RECOMMENDATION


@pytest.mark.parametrize(
    ("written", "cased"),
    [
        ("HMP BUCKLEY HALL", "HMP Buckley Hall"),
        ("HMP/YOI NORWICH", "HMP/YOI Norwich"),
        ("HMYOI COOKHAM WOOD", "HMYOI Cookham Wood"),
        ("IRC HEATHROW", "IRC Heathrow"),
        ("HMP ISLE OF WIGHT", "HMP Isle of Wight"),
        ("HMP Buckley Hall", "HMP Buckley Hall"),
    ],
)
def test_establishment_title_cased_from_capitals(written: str, cased: str) -> None:
    assert title_case(written) == cased


def test_header_details_and_notes() -> None:
    header = read_header(
        [
            ["INTRODUCTION", "HM Inspectorate of Prisons (HMIP) and HM Inspectorate of Probation ..."],
            ["Term Definition Additional comment", "Agreed All of the recommendation is agreed"],
            ["ACTION PLAN: HMCIP REPORT", "ESTABLISHMENT: HMYOI COOKHAM WOOD"],
            ["Action Plan Submitted 14 February 2020"],
            ["A Response to the HMIP Inspection 4-15 November 2019"],
            ["Report Published 21 January 2020"],
            ["This plan was delayed", "by the general election."],
        ]
    )
    assert header.establishment == "HMYOI Cookham Wood"
    assert header.inspectorate == "HMIP"
    assert header.inspection_dates == "4-15 November 2019"
    assert (str(header.submitted), str(header.published)) == ("2020-02-14", "2020-01-21")
    assert header.notes == ["This plan was delayed by the general election."]


def test_probation_inspectorate() -> None:
    header = read_header([["A Response to the HMI Probation Inspection 1-5 June 2021"]])
    assert header.inspectorate == "HMI Probation"


@pytest.mark.parametrize(
    ("data", "format"),
    [
        (b"%PDF-1.7 ...", "pdf"),
        (b'{"schema": "actionplan/1"}', "canonical"),
        (b"ESTABLISHMENT: HMP X", "text"),
    ],
)
def test_format_told_from_content(data: bytes, format: str) -> None:
    assert recognise(data, name="upload") == format


def test_excel_workbook_is_recognised(tmp_path: object) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert recognise(buffer.getvalue(), name="tracker.xlsx") == "xlsx"


def test_canonical_json_reads_through_canonical_loads(samples_dir: object) -> None:
    from actionplan.core import canonical

    text = canonical.dumps(read_plan(b"ESTABLISHMENT: HMP ASHCOMBE\n\n1.1 Cells should be clean.\n", name="t").plan)
    assert read_plan(text.encode(), name="plan.json").plan.establishment == "HMP Ashcombe"
    with pytest.raises(PlanError, match=r"^bad\.json: "):
        read_plan(b'{"schema": "actionplan/2"}', name="bad.json")


OLDER_PLAN = """ACTION PLAN: HMCIP REPORT

ESTABLISHMENT: HMP ASHCOMBE

Rec No  Recommendation  Accepted/Rejected  Response  Owner  Target date
Main recommendations to the Governor

5.01 The use of force should be proportionate. (S53)

Accepted

Staff will be retrained in de-escalation.

Head of Safety

31/03/2016

5.02 Visits should start on time.

Rejected

Staffing levels do not allow an earlier start; this is an operational reason.

Head of Residence

Accepted 1
Rejected 1
Total 2
"""


def test_older_plan_as_plain_text() -> None:
    reading = read_plan(OLDER_PLAN.encode("cp1252"), name="older.txt")
    first, second = reading.plan.recommendations
    assert (first.ref, first.cross_ref, first.decision, first.section) == (
        "5.01",
        "S53",
        Decision.AGREED,
        "Main recommendations to the Governor",
    )
    assert first.recommendation == "The use of force should be proportionate."
    assert [(a.owner, a.target.text) for a in first.actions] == [("Head of Safety", "31/03/2016")]
    assert second.decision is Decision.NOT_AGREED
    assert [(a.owner, a.target.text) for a in second.actions] == [("Head of Residence", "")]
    assert reading.plan.stated_summary is not None
    assert reading.plan.stated_summary.total == 2
