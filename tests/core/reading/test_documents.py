"""Word and PDF plans built by the tests read back exactly, and so does their column-aligned text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from actionplan.core import canonical
from actionplan.core.reading import read_plan
from tests.core.reading.conftest import beside_plan
from tests.core.reading.plan_documents import example_plan


def _same(path: Path, expected: object) -> None:
    reading = read_plan(path)
    assert canonical.plan_to_dict(reading.plan) == canonical.plan_to_dict(expected)  # type: ignore[arg-type]
    assert reading.warnings == []


def test_word_plan_reads_exactly(documents: Path) -> None:
    _same(documents / "example.docx", example_plan())


def test_pdf_plan_reads_exactly(pdfs: Path) -> None:
    _same(pdfs / "example.pdf", example_plan())


def test_pdf_rows_cross_pages(pdfs: Path) -> None:
    import pdfplumber

    with pdfplumber.open(pdfs / "example.pdf") as pdf:
        assert len(pdf.pages) >= 3
        first_cells = [row[0] for page in pdf.pages for table in page.extract_tables() for row in table]
    # A row carried on to a new page starts with an empty first cell: the reader stitched it back.
    assert "" in first_cells or None in first_cells


def test_pdf_without_repeated_header_row_reads_exactly(pdfs: Path) -> None:
    _same(pdfs / "unrepeated.pdf", example_plan())


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_introduction_and_definitions_alone_hold_no_recommendations(documents: Path, pdfs: Path, suffix: str) -> None:
    folder = documents if suffix == "docx" else pdfs
    reading = read_plan(folder / f"introduction.{suffix}")
    assert reading.plan.recommendations == []
    assert reading.plan.establishment == "HMP/YOI Norwich"
    assert [w.message for w in reading.warnings] == ["no recommendations found"]


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_owners_pair_with_the_paragraph_they_sit_beside(documents: Path, pdfs: Path, suffix: str) -> None:
    folder = documents if suffix == "docx" else pdfs
    _same(folder / f"beside.{suffix}", beside_plan())


def test_header_details(documents: Path) -> None:
    plan = read_plan(documents / "example.docx").plan
    assert plan.establishment == "HMP/YOI Norwich"
    assert plan.submitted is not None
    assert plan.submitted.isoformat() == "2020-03-12"
    assert plan.report.inspection_dates == "8-19 July 2019"
    assert plan.report.published is not None
    assert plan.report.published.isoformat() == "2019-12-10"
    assert plan.notes == ["Please note: this plan was delayed by the need to consult the healthcare provider."]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_column_aligned_text_reads_exactly(pdfs: Path, tmp_path: Path) -> None:
    text = tmp_path / "example.txt"
    subprocess.run(["pdftotext", "-layout", str(pdfs / "example.pdf"), str(text)], check=True)
    _same(text, example_plan())


def test_tab_separated_text_reads() -> None:
    rows = [
        "ESTABLISHMENT: HMP ASHCOMBE",
        "",
        "Rec No\tRecommendation\tAgreed/Not Agreed\tResponse\tResponsible Owner\tTarget Date",
        "General recommendations",
        "1.2\tCells should be clean.\tAccepted\tCleaning is checked weekly.\tGovernor\tQ2 2016",
        "1.3\tVisits should start on time.\tRejected\tStaffing does not allow it.\t\t",
    ]
    reading = read_plan("\n".join(rows).encode(), name="pasted.txt")
    first, second = reading.plan.recommendations
    assert reading.plan.establishment == "HMP Ashcombe"
    assert (first.ref, first.decision, first.section) == ("1.2", "agreed", "General recommendations")
    assert [(a.owner, a.target.text) for a in first.actions] == [("Governor", "Q2 2016")]
    assert (second.decision, second.actions) == ("not_agreed", [])
