"""Page furniture taken out of extracted text, and nothing else."""

from __future__ import annotations

from actionplan.core.reading.furniture import repair, without_furniture


def _kept(text: str) -> list[str]:
    return [line for line in without_furniture(text).replace("\f", "\n").split("\n") if line.strip()]


def test_numbers_alone_inside_a_page_are_kept_and_page_numbers_go() -> None:
    text = (
        "12\nAction Plan: HMP Ashcombe\n\nPriority concerns\n1\nLeaders should act.\nHead of Safety\n2020\n\n"
        "2\nStaff should care.\n3\n\f4\nStaff should listen.\nPage 2 of 2\n"
    )
    assert _kept(text) == [
        "Action Plan: HMP Ashcombe",
        "Priority concerns",
        "1",
        "Leaders should act.",
        "Head of Safety",
        "2020",
        "2",
        "Staff should care.",
        "4",
        "Staff should listen.",
    ]


def test_a_site_s_page_titles_and_transcript_line_go() -> None:
    text = (
        "ACTION PLAN: HMCIP REPORT ESTABLISHMENT\u2026\n\nTranscript of ACTION PLAN: HMCIP REPORT ESTABLISHMENT\u2026\n"
        "Page 1: ACTION PLAN: HMCIP REPORT ESTABLISHMENT\n\nACTION PLAN: HMCIP REPORT\nESTABLISHMENT: HMP Ashcombe\n"
    )
    assert _kept(text) == ["ACTION PLAN: HMCIP REPORT", "ESTABLISHMENT: HMP Ashcombe"]


def test_broken_characters_are_repaired_and_curly_quotes_kept() -> None:
    assert repair("the prison\u00e2\u20ac\u2122s plan") == "the prison\u2019s plan"
    assert repair("INTRODUCTION\u20ac\u00a6") == "INTRODUCTION\u2026"
    assert repair("the prison\u2019s \u201cplan\u201d") == "the prison\u2019s \u201cplan\u201d"
