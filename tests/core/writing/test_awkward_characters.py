"""Text with control characters, as pasted from Word, is written in every format: a vertical tab is a line break."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from actionplan.core import canonical
from actionplan.core.characters import clean_plan, clean_text, map_texts
from actionplan.core.errors import PlanError
from actionplan.core.generator import generate_plan
from actionplan.core.plan import Plan
from actionplan.core.reading import read_plan
from actionplan.core.reading.tracker import read_tracker
from actionplan.core.writing import FORMATS, write_plan
from actionplan.core.writing.excel_tracker import render_xlsx
from actionplan.core.writing.progress_report import REPORT_FORMATS, render_progress_report
from actionplan.core.writing.word_document import render_docx

# Everything XML 1.0 cannot hold, besides the vertical tab.
NOT_XML = "\x00\x01\x08\x0c\x0e\x1f\ufffe\uffff\ud800"


def test_clean_text_makes_a_vertical_tab_a_line_break_and_leaves_out_what_xml_cannot_hold() -> None:
    assert clean_text("First line\x0bsecond line") == "First line\nsecond line"
    assert clean_text(f"a{NOT_XML}b") == "ab"
    assert clean_text("tab\t, line\n, return\r, Ünïcödé 😀 \x7f\x85") == "tab\t, line\n, return\r, Ünïcödé 😀 \x7f\x85"


def _shift_enter_plan() -> Plan:
    plan = generate_plan(5, recommendations=4)
    rec = plan.recommendations[0]
    rec.response = "The strategy will be rewritten.\x0bIt will be published on the intranet."
    rec.actions[0].text = "The strategy will be rewritten.\x0bIt will be published."
    return plan


def test_a_vertical_tab_is_a_line_break_in_the_tracker() -> None:
    plan = _shift_enter_plan()
    read = read_tracker(render_xlsx(plan), "tracker.xlsx").plan
    assert read.recommendations[0].response == "The strategy will be rewritten.\nIt will be published on the intranet."
    assert read.recommendations[0].actions[0].text == "The strategy will be rewritten.\nIt will be published."


def test_a_vertical_tab_is_a_line_break_in_the_word_document() -> None:
    plan = _shift_enter_plan()
    document = Document(io.BytesIO(render_docx(plan)))
    texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("The strategy will be rewritten.\nIt will be published." in text for text in texts)
    assert all("\x0b" not in text for text in texts)


def test_every_format_is_written_whatever_control_characters_the_text_holds() -> None:
    plan = map_texts(generate_plan(6, recommendations=5), lambda text: f"{NOT_XML}{text}\x0b{NOT_XML}")
    for format in FORMATS:
        assert write_plan(plan, format)
    for format in REPORT_FORMATS:
        assert render_progress_report(plan, format, today=date(2020, 1, 1))
    # The tracker reads cells without the white space around them, so without the line break at the end.
    read = read_tracker(render_xlsx(plan), "tracker.xlsx").plan
    assert read == map_texts(plan, lambda text: clean_text(text).strip())


def test_the_json_download_reads_back_as_the_plan_it_shows() -> None:
    plan = _shift_enter_plan()
    assert "\\u000b" not in write_plan(plan, "json").decode("utf-8")
    assert canonical.loads(write_plan(plan, "json").decode("utf-8")) == clean_plan(plan)


def test_canonical_json_is_cleaned_where_it_is_read() -> None:
    plan = _shift_enter_plan()
    text = canonical.dumps(plan).replace("will be rewritten.", "will be rewritten.\\u0000\\u0007")
    loaded = canonical.loads(text)
    assert loaded == clean_plan(plan)
    assert loaded.recommendations[0].actions[0].text == "The strategy will be rewritten.\nIt will be published."


def test_text_that_cleaning_empties_is_refused_as_empty_text_is() -> None:
    plan = _shift_enter_plan()
    plan.recommendations[0].section = "\x01"
    with pytest.raises(PlanError, match="recommendations/0/section"):
        canonical.loads(canonical.dumps(plan), source="plan.json")


def test_a_word_document_with_a_vertical_tab_reads_back() -> None:
    plan = _shift_enter_plan()
    read = read_plan(render_docx(plan), name="plan.docx").plan
    assert read.recommendations[0].ref == plan.recommendations[0].ref
    assert "It will be published on the intranet." in read.recommendations[0].response
