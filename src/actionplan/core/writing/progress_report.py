"""A plan's progress report: each recommendation's decision, actions, status, latest update and judgement.

Written as Word, PDF or Excel from the core plan and its delivery fields, with the plan writers' own helpers;
its Excel cells are text cells that no spreadsheet runs as formulas, as in the tracker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any

from markupsafe import Markup, escape

from actionplan.core.characters import clean_plan
from actionplan.core.dates import long_date
from actionplan.core.errors import PlanError
from actionplan.core.plan import Action, Plan, Recommendation
from actionplan.core.writing import layout


@dataclass(frozen=True)
class ReportFormat:
    name: str
    suffix: str
    media_type: str


REPORT_FORMATS = {
    report.name: report
    for report in (
        ReportFormat("docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ReportFormat("pdf", ".pdf", "application/pdf"),
        ReportFormat("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )
}

HEADINGS = (
    "Ref",
    "Recommendation",
    "Decision",
    "Implemented",
    "Judgement",
    "Action",
    "Owner",
    "Target date",
    "Target moved",
    "Status",
    "Latest update",
)


@dataclass(frozen=True)
class ProgressRow:
    """One action of a recommendation (or the recommendation alone when it has none), as the report shows it."""

    ref: str
    recommendation: str
    decision: str
    implemented: str
    judgement: str
    action: str
    owner: str
    target: str
    target_moved: str
    status: str
    latest_update: str

    def cells(self) -> tuple[str, ...]:
        return (
            self.ref,
            self.recommendation,
            self.decision,
            self.implemented,
            self.judgement,
            self.action,
            self.owner,
            self.target,
            self.target_moved,
            self.status,
            self.latest_update,
        )


def judgement_text(rec: Recommendation) -> str:
    if rec.judgement is None:
        return "Not yet judged"
    text = f"{rec.judgement.level.label} ({long_date(rec.judgement.judged_on)})"
    return f"{text}: {rec.judgement.comment}" if rec.judgement.comment else text


def status_text(action: Action) -> str:
    text = action.status.label
    if action.completed_on:
        text += f" on {long_date(action.completed_on)}"
    if action.cancellation_reason:
        text += f": {action.cancellation_reason}"
    return text


def moved_text(action: Action) -> str:
    """How often the target moved and how far: "Moved twice, 61 days later" (empty when it never moved)."""
    times = len(action.target_history)
    if not times:
        return ""
    counted = {1: "once", 2: "twice"}.get(times, f"{times} times")
    slipped = action.days_slipped()
    return f"Moved {counted}, {slipped} days later" if slipped else f"Moved {counted}"


def latest_update_text(action: Action) -> str:
    if not action.progress:
        return ""
    note = action.progress[-1]
    return f"{long_date(note.on)}: {note.text}"


def progress_rows(plan: Plan) -> list[ProgressRow]:
    rows = []
    for rec in plan.recommendations:
        implemented = "Implemented" if rec.is_implemented() else "Not implemented"
        actions: list[Action | None] = list(rec.actions) or [None]
        for action in actions:
            rows.append(
                ProgressRow(
                    ref=rec.ref,
                    recommendation=layout.recommendation_text(rec),
                    decision=layout.decision_text(rec),
                    implemented=implemented,
                    judgement=judgement_text(rec),
                    action=action.text if action else "No actions",
                    owner=(action.owner or "") if action else "",
                    target=action.target.text if action else "",
                    target_moved=moved_text(action) if action else "",
                    status=status_text(action) if action else "",
                    latest_update=latest_update_text(action) if action else "",
                )
            )
    return rows


def title(plan: Plan) -> str:
    return f"Progress report: {plan.establishment}"


def summary_line(plan: Plan, today: date) -> str:
    return (
        f"At {long_date(today)}: {plan.implemented_count()} of {len(plan.recommendations)} recommendations implemented."
    )


def _docx(plan: Plan, today: date) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    from actionplan.core.writing import word_document as word

    document: Any = Document()
    word._add_styles(document)
    document.core_properties.title = word.property_text(title(plan))
    document.core_properties.language = "en-GB"
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12))
    document.add_heading(title(plan), level=1)
    for line in [*layout.detail_lines(plan), summary_line(plan, today)]:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=len(HEADINGS))
    table.style = document.styles["Table Grid"]
    for cell, heading in zip(table.rows[0].cells, HEADINGS, strict=True):
        word._style(cell.paragraphs[0], word.STYLE_HEADING_CELL)
        cell.paragraphs[0].add_run(heading)
        word._shade(cell, word._GREY)
    word._repeat_as_heading(table.rows[0])
    for row in progress_rows(plan):
        for cell, text in zip(table.add_row().cells, row.cells(), strict=True):
            word._style(cell.paragraphs[0], word.STYLE_CELL)
            cell.paragraphs[0].add_run(text).font.size = Pt(8)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def render_html(plan: Plan, today: date) -> str:
    """The report as one standalone, accessible HTML page (what the PDF is printed from)."""
    from actionplan.core.writing.web_page import stylesheet

    head = "".join(f'<th scope="col" class="govuk-table__header">{escape(h)}</th>' for h in HEADINGS)
    body = "".join(
        '<tr class="govuk-table__row">'
        + "".join(f'<td class="govuk-table__cell">{escape(text)}</td>' for text in row.cells())
        + "</tr>"
        for row in progress_rows(plan)
    )
    details = "".join(f'<p class="govuk-body">{escape(line)}</p>' for line in layout.detail_lines(plan))
    page = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{escape(title(plan))}</title><style>{stylesheet()}"
        "@page { size: A4 landscape; margin: 12mm; } .govuk-table__cell, .govuk-table__header { font-size: 8pt; }"
        f'</style></head><body><main class="app-width-container"><h1 class="govuk-heading-l">{escape(title(plan))}</h1>'
        f'{details}<p class="govuk-body">{escape(summary_line(plan, today))}</p>'
        f'<table class="govuk-table"><caption class="govuk-visually-hidden">Progress on each action</caption>'
        f'<thead class="govuk-table__head"><tr class="govuk-table__row">{head}</tr></thead>'
        f'<tbody class="govuk-table__body">{body}</tbody></table></main></body></html>'
    )
    return str(Markup(page))  # noqa: S704 - every piece of plan text above is escaped


def _pdf(plan: Plan, today: date) -> bytes:
    from weasyprint import HTML

    from actionplan.core.writing.pdf_document import PackageAssetFetcher, assets_folder

    document = HTML(
        string=render_html(plan, today), base_url=assets_folder().as_uri() + "/", url_fetcher=PackageAssetFetcher()
    )
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def _xlsx(plan: Plan, today: date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from actionplan.core.writing import excel_tracker as tracker

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Progress"
    tracker.append_row(sheet, list(HEADINGS))
    for cell in sheet[1]:
        cell.font = tracker._BOLD
        cell.fill = tracker._HEADING_FILL
        cell.alignment = tracker._WRAP
    for row in progress_rows(plan):
        tracker.append_row(sheet, list(row.cells()))
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = tracker._WRAP
    for index, width in enumerate((8, 50, 14, 16, 30, 50, 24, 14, 20, 20, 50), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADINGS))}{sheet.max_row}"
    about = workbook.create_sheet("About")
    for line in [title(plan), *layout.detail_lines(plan), summary_line(plan, today)]:
        tracker.append_row(about, [line])
    workbook.properties.title = title(plan)
    workbook.properties.language = "en-GB"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


_WRITERS = {"docx": _docx, "pdf": _pdf, "xlsx": _xlsx}


def render_progress_report(plan: Plan, format: str, *, today: date) -> bytes:
    """The progress report in ``format`` (a key of REPORT_FORMATS), as it stands on ``today``."""
    if format not in _WRITERS:
        raise PlanError(f"unknown progress report format {format!r}; choose one of {', '.join(REPORT_FORMATS)}")
    return _WRITERS[format](clean_plan(plan), today)
