"""Action plan documents built for the reading tests and benchmarks: Word files laid out as published plans, and PDFs.

``plan_docx`` writes a plan as HMPPS publishes them: header lines in capitals, the six-column
landscape table with its header row repeated on every page, section and "Directed to:" rows as
merged cells, one paragraph per action in the response cell with its owner and target beside it,
and the stated summary after the table.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from actionplan.core.plan import (
    Action,
    Decision,
    Inspectorate,
    Plan,
    Reason,
    Recommendation,
    Report,
)
from actionplan.core.targets import Target, parse_target

WIDTHS_CM = [1.5, 5.5, 2.4, 9.9, 3.8, 3.6]
HEADINGS = [
    "1. Rec No",
    "2. Recommendation",
    "3. Agreed/ Partly Agreed/ Not Agreed",
    "4. Response Action Taken/Planned",
    "5. Responsible Owner",
    "6. Target Date",
]
INTRODUCTION = (
    "HM Inspectorate of Prisons (HMIP) and HM Inspectorate of Probation for England and Wales are independent "
    "inspectorates. In response to the report HMPPS / MoJ are required to draft a robust and timely action plan "
    "to address the recommendations. The action plan confirms whether recommendations are agreed, partly agreed "
    "or not agreed (see categorisations below)."
)
DEFINITIONS = [
    ("Term", "Definition", "Additional comment"),
    ("Agreed", "All of the recommendation is agreed with.", "The response should explain how."),
    ("Partly Agreed", "Only part of the recommendation is agreed.", "State which part will be implemented."),
    ("Not Agreed", "The recommendation is not agreed.", "State the reasons why."),
]


def _words(seed: int, count: int) -> str:
    vocabulary = [
        "staff",
        "prisoners",
        "managers",
        "review",
        "monthly",
        "weekly",
        "meeting",
        "safety",
        "learning",
        "wing",
        "records",
        "checks",
        "plan",
        "training",
        "officers",
        "custody",
        "healthcare",
        "education",
        "progress",
        "quality",
        "support",
        "regime",
        "activity",
        "assurance",
    ]
    words = [vocabulary[(seed * 7 + i * 13) % len(vocabulary)] for i in range(count)]
    return " ".join(words).capitalize() + "."


def example_plan() -> Plan:
    """A plan holding what the readers must recognise: sections, concerns, repeats, cross-refs, every decision,
    several paragraphs per response with an owner and target each, a row long enough to cross a page."""

    def action(text: str, owner: str | None, target: str) -> Action:
        return Action(text=text, owner=owner, target=parse_target(target) if target else Target.none())

    key = "Key concerns and recommendations"
    general = "General recommendations"
    # Enough one-line paragraphs, each with its owner and target beside it, for the row to cross a page break.
    long_paragraphs = [f"Step {n}: {_words(n, 5)}" for n in range(1, 25)]
    long_owners = ["Novus/Governor", "Governor", "Head of Learning", None, "Governor", "Novus"] * 4
    long_targets = ["March 2020", "Completed", "Q1 2020", "31st March 2020", "", "End of June 2020"] * 4
    recs = [
        Recommendation(
            ref="S1",
            section=key,
            directed_to="The Governor",
            concern="Too many prisoners said it was easy to get drugs. Testing was predictable.",
            recommendation="Managers should drive a robust drug strategy.",
            decision=Decision.AGREED,
            response="The drug strategy will be rewritten.\n\nSearching will be led by intelligence.",
            actions=[
                action("The drug strategy will be rewritten.", "Governor", "December 2019"),
                action("Searching will be led by intelligence.", "Head of Security", "31/03/2020"),
            ],
        ),
        Recommendation(
            ref="S2",
            section=key,
            directed_to="The Governor",
            concern="Cells designed for one were used for two.",
            recommendation="Cells designed to hold one prisoner should not be used to hold two.",
            repeated_from="2.8",
            decision=Decision.NOT_AGREED,
            reasons=[Reason.AFFORDABILITY],
            response="This is not agreed for reasons of affordability.\n\nNew places are being built.",
            actions=[
                action(
                    "This is not agreed for reasons of affordability.\n\nNew places are being built.",
                    "Prison Estates Transformation Programme",
                    "",
                )
            ],
        ),
        Recommendation(
            ref="S3",
            section=key,
            directed_to="The Governor",
            concern="Education outcomes had declined since the previous inspection.",
            recommendation="The quality of education should be raised quickly.",
            decision=Decision.AGREED,
            response="\n\n".join(long_paragraphs),
            actions=[
                action(text, owner, target)
                for text, owner, target in zip(long_paragraphs, long_owners, long_targets, strict=True)
            ],
        ),
        Recommendation(
            ref="1.8",
            section=general,
            directed_to="The Governor",
            recommendation="Prisoners should be allocated promptly to a purposeful activity.",
            cross_ref="S53",
            decision=Decision.PARTLY_AGREED,
            # The response only suggests its reason: a reader offers it, and states none.
            inferred_reasons=[Reason.AFFORDABILITY],
            response="Partly agreed: funding allows work for some.\n\nAn activity area will open.",
            actions=[
                action(
                    "Partly agreed: funding allows work for some.\n\nAn activity area will open.",
                    "Governor",
                    "Jan 2020",
                )
            ],
        ),
        Recommendation(
            ref="2.10",
            section=general,
            directed_to="The Governor",
            recommendation="The prison should monitor cell call bell response times.",
            decision=Decision.AGREED,
            response="A new cell call system is installed on C and D wings.",
            actions=[action("A new cell call system is installed on C and D wings.", "Governor", "Completed")],
        ),
        Recommendation(
            ref="2.11",
            section=general,
            directed_to="The Governor",
            recommendation="Toilets in all cells should be adequately screened.",
            decision=Decision.NOT_AGREED,
            # The response only suggests its reason: a reader offers it, and states none.
            inferred_reasons=[Reason.AFFORDABILITY],
            response="Not agreed: finance is not available to screen single cells.",
        ),
    ]
    plan = Plan(
        establishment="HMP/YOI Norwich",
        inspectorate=Inspectorate.HMIP.value,
        report=Report(inspection_dates="8-19 July 2019", published=date(2019, 12, 10)),
        submitted=date(2020, 3, 12),
        notes=["Please note: this plan was delayed by the need to consult the healthcare provider."],
        recommendations=recs,
    )
    plan.stated_summary = plan.counted_summary()
    return plan


def _cell_width(cell: object, width_cm: float) -> None:
    cell.width = Cm(width_cm)  # type: ignore[attr-defined]


def _repeat_as_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _fill(cell: object, paragraphs: list[str]) -> None:
    cell.text = paragraphs[0] if paragraphs else ""  # type: ignore[attr-defined]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)  # type: ignore[attr-defined]


def _spaced(items: list[str]) -> list[str]:
    """Paragraphs with a blank paragraph between each, as plans lay out actions."""
    spaced: list[str] = []
    for item in items:
        if spaced:
            spaced.append("")
        spaced.append(item)
    return spaced


def plan_docx(
    plan: Plan,
    path: Path,
    *,
    introduction: bool = True,
    repeat_header: bool = True,
    table: bool = True,
) -> Path:
    """Write ``plan`` as a published plan would look in Word."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(10)
    if introduction:
        document.add_paragraph("INTRODUCTION")
        document.add_paragraph(INTRODUCTION)
        definitions = document.add_table(rows=0, cols=3)
        definitions.style = "Table Grid"
        for values in DEFINITIONS:
            cells = definitions.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
        document.add_paragraph("")
    document.add_paragraph("ACTION PLAN: HMCIP REPORT")
    document.add_paragraph(f"ESTABLISHMENT: {plan.establishment.upper()}")
    if plan.submitted:
        document.add_paragraph(f"Action Plan Submitted {plan.submitted.day} {plan.submitted:%B %Y}")
    if plan.report.inspection_dates:
        document.add_paragraph(f"A Response to the HMIP Inspection {plan.report.inspection_dates}")
    if plan.report.published:
        document.add_paragraph(f"Report Published {plan.report.published.day} {plan.report.published:%B %Y}")
    for note in plan.notes:
        document.add_paragraph(note)
    if table:
        _plan_table(document, plan, repeat_header=repeat_header)
    summary = plan.stated_summary
    if summary is not None and table:
        document.add_paragraph("")
        document.add_paragraph("Recommendations")
        for label, count in (
            ("Agreed", summary.agreed),
            ("Partly Agreed", summary.partly_agreed),
            ("Not Agreed", summary.not_agreed),
            ("Total", summary.total),
        ):
            document.add_paragraph(f"{label} {count}")
    document.save(str(path))
    return path


def _plan_table(document: object, plan: Plan, *, repeat_header: bool) -> None:
    table = document.add_table(rows=1, cols=6)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS_CM, strict=True):
        column.width = Cm(width)
    for cell, heading, width in zip(table.rows[0].cells, HEADINGS, WIDTHS_CM, strict=True):
        cell.text = heading
        _cell_width(cell, width)
    if repeat_header:
        _repeat_as_header(table.rows[0])
    section = directed = None
    for rec in plan.recommendations:
        if rec.section != section:
            section, directed = rec.section, None
            _merged_row(table, rec.section or "")
        if rec.directed_to != directed:
            directed = rec.directed_to
            _merged_row(table, f"Directed to: {rec.directed_to}")
        cells = table.add_row().cells
        for cell, width in zip(cells, WIDTHS_CM, strict=True):
            _cell_width(cell, width)
        recommendation = rec.recommendation
        if rec.repeated_from:
            recommendation += f" (Repeated recommendation {rec.repeated_from})"
        if rec.cross_ref:
            recommendation += f" ({rec.cross_ref})"
        _fill(cells[0], [rec.ref])
        _fill(
            cells[1],
            [f"Concern: {rec.concern}", f"Recommendation: {recommendation}"] if rec.concern else [recommendation],
        )
        _fill(cells[2], [rec.decision.label if rec.decision else ""])
        paragraphs = rec.response.split("\n\n")
        _fill(cells[3], _spaced(paragraphs))
        owners, targets = _beside(paragraphs, rec.actions)
        _fill(cells[4], _spaced(owners))
        _fill(cells[5], _spaced(targets))


def _beside(paragraphs: list[str], actions: list[Action]) -> tuple[list[str], list[str]]:
    """Owners and targets placed beside the paragraph each belongs to (a blank where a paragraph has none)."""
    owners = [""] * len(paragraphs)
    targets = [""] * len(paragraphs)
    for number, action in enumerate(actions):
        index = paragraphs.index(action.text) if action.text in paragraphs else min(number, len(paragraphs) - 1)
        owners[index] = action.owner or ""
        targets[index] = action.target.text
    last = max((i for i in range(len(paragraphs)) if owners[i] or targets[i]), default=-1)
    return owners[: last + 1], targets[: last + 1]


def _merged_row(table: object, text: str) -> None:
    cells = table.add_row().cells  # type: ignore[attr-defined]
    merged = cells[0].merge(cells[-1])
    merged.text = text


def soffice() -> str | None:
    return shutil.which("soffice")


def to_pdf(docx: Path, folder: Path, *, options: str = "") -> Path:
    """Convert a Word file to PDF with LibreOffice, as an establishment would before publishing."""
    command = soffice()
    assert command is not None
    target = "pdf" + (f":writer_pdf_Export:{options}" if options else "")
    subprocess.run(
        [
            command,
            "--headless",
            f"-env:UserInstallation=file://{folder}/lo-profile",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = folder / (docx.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice did not write {pdf}"
    return pdf
