"""The Word document: published layout, structure the Word reader relies on, opens in LibreOffice, reads back."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from actionplan.core.generator import generate_plan
from actionplan.core.plan import Plan
from actionplan.core.reading import read_plan
from actionplan.core.writing import layout
from actionplan.core.writing.progress_report import render_progress_report
from actionplan.core.writing.word_document import STYLE_ACTION, STYLE_RESPONSE, render_docx
from actionplan.core.writing.wording import load_wording

from .plans import awkward_plan, generated_plans
from .roundtrip import assert_same_plan


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _plan_table(document: docx.document.Document) -> docx.table.Table:
    return next(t for t in document.tables if "Rec No" in t.rows[0].cells[0].text)


def test_a4_landscape_with_the_six_columns_repeated_on_every_page() -> None:
    document = _open(render_docx(generate_plan(1, recommendations=40)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    table = _plan_table(document)
    heading = table.rows[0]
    assert [c.text for c in heading.cells] == [f"{n}. {h}" for n, h in enumerate(layout.COLUMN_HEADINGS, 1)]
    assert heading._tr.trPr.find(qn("w:tblHeader")) is not None
    assert document.core_properties.language == "en-GB"


def test_heading_names_establishment_inspection_and_dates() -> None:
    document = _open(render_docx(awkward_plan()))
    text = [p.text for p in document.paragraphs]
    assert text[:6] == [
        "ACTION PLAN: HMCIP REPORT",
        "ESTABLISHMENT: HMP & YOI Ashcombe <Grange>",
        "A Response to the HMIP Inspection 8–19 July 2019",
        "Report Published 5 November 2019",
        "Action Plan Submitted 2 December 2019",
        "This plan was delayed by the move to a new records system.",
    ]


def test_each_action_lines_up_with_its_owner_and_target() -> None:
    plan = generate_plan(5, recommendations=40, flawed=True)
    table = _plan_table(_open(render_docx(plan)))
    rows = {row.cells[0].text: row for row in table.rows[1:] if row.cells[0].text != row.cells[-1].text}
    for rec in plan.recommendations:
        response, owners, targets = (rows[rec.ref].cells[i].paragraphs for i in (3, 4, 5))
        assert len(response) == len(owners) == len(targets)
        actions = [
            (p.text, o.text, t.text)
            for p, o, t in zip(response, owners, targets, strict=True)
            if p.style.name == STYLE_ACTION
        ]
        assert actions == [(a.text, a.owner or "", a.target.text) for a in rec.actions]
        others = [p for p in response if p.style.name == STYLE_RESPONSE]
        assert len(others) + len(actions) == len(response)


def test_section_and_directed_to_rows_span_the_table_and_counts_end_it() -> None:
    plan = awkward_plan()
    document = _open(render_docx(plan))
    table = _plan_table(document)
    merged = [row.cells[0].text for row in table.rows if row.cells[0]._tc is row.cells[5]._tc]
    assert merged[:2] == ["Key concerns and recommendations", "Directed to: The Governor"]
    assert "Priority concerns" in merged
    counts = document.tables[-1]
    assert [[c.text for c in row.cells] for row in counts.rows[1:]] == [
        ["Agreed", "1"],
        ["Partly Agreed", "1"],
        ["Not Agreed", "1"],
        ["Total", "3"],
    ]
    recommendation = next(r for r in table.rows if r.cells[0].text == "S34").cells[1].text
    assert "Concern: Prisoners said <img" in recommendation
    assert (
        "Recommendation: Managers should drive a robust drug strategy. (Repeated recommendation 2.8)" in recommendation
    )


def test_an_organisations_own_wording_replaces_the_introduction(tmp_path: Path) -> None:
    wording = tmp_path / "wording.toml"
    wording.write_text(
        'heading = "About this plan"\nintroduction = ["Our own words."]\n'
        '[[definitions]]\nterm = "Agreed"\nmeaning = "Yes."\nresponse = "How."\n',
        "utf-8",
    )
    document = _open(render_docx(awkward_plan(), wording=load_wording(wording)))
    text = [p.text for p in document.paragraphs]
    assert "About this plan" in text
    assert "Our own words." in text
    assert document.tables[0].rows[1].cells[1].text == "Yes."


@pytest.mark.parametrize("plan", generated_plans(), ids=["recommendations", "flawed", "concerns"])
def test_word_round_trip_keeps_the_plan(plan: Plan) -> None:
    reading = read_plan(render_docx(plan), name="plan.docx")
    assert_same_plan(reading.plan, plan, exact_actions=True)


def test_the_buckley_hall_plan_survives_word(buckley_hall_text: str) -> None:
    plan = read_plan(buckley_hall_text.encode("utf-8"), name="buckley_hall_2019.txt").plan
    assert len(plan.recommendations) == 24
    assert_same_plan(read_plan(render_docx(plan), name="buckley_hall.docx").plan, plan, exact_actions=True)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_document_and_prints_it(tmp_path: Path) -> None:
    plan = generate_plan(1, recommendations=40)
    source = tmp_path / "plan.docx"
    source.write_bytes(render_docx(plan))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with pdfplumber.open(tmp_path / "plan.pdf") as pdf:
        assert 4 <= len(pdf.pages) <= 12
        first, table_page = pdf.pages[0], pdf.pages[1]
        assert first.width > first.height
        assert "ESTABLISHMENT: HMP Ashcombe" in (first.extract_text() or "")
        text = table_page.extract_text() or ""
        assert "1. Rec" in text
        assert "Page 2 of" in text


def test_an_establishment_name_longer_than_word_allows_in_a_title_is_shortened_there() -> None:
    plan = generate_plan(9, recommendations=2)
    plan.establishment = "HMP " + "Ashcombe Grange " * 30
    for data in (render_docx(plan), render_progress_report(plan, "docx", today=date(2020, 1, 1))):
        properties = docx.Document(io.BytesIO(data)).core_properties
        assert len(properties.title) == 255
        assert properties.title.endswith("…")
