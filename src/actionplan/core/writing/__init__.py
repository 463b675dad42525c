"""Writing a plan out: Word, PDF, HTML, the Excel tracker, CSV and canonical JSON, through one dispatch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from actionplan.core import canonical
from actionplan.core.characters import clean_plan
from actionplan.core.errors import PlanError
from actionplan.core.plan import Plan
from actionplan.core.writing.wording import Wording

Writer = Callable[[Plan, Wording | None], bytes]


@dataclass(frozen=True)
class OutputFormat:
    """A format a plan can be written in: its file suffix, its media type, the writer, and its name for people."""

    name: str
    suffix: str
    media_type: str
    writer: Writer
    label: str
    is_text: bool = False


def _docx(plan: Plan, wording: Wording | None) -> bytes:
    from actionplan.core.writing.word_document import render_docx

    return render_docx(plan, wording=wording)


def _pdf(plan: Plan, wording: Wording | None) -> bytes:
    # WeasyPrint takes a second to import: only those who ask for a PDF pay for it.
    from actionplan.core.writing.pdf_document import render_pdf

    return render_pdf(plan, wording=wording)


def _html(plan: Plan, wording: Wording | None) -> bytes:
    from actionplan.core.writing.web_page import render_html

    return render_html(plan, wording=wording).encode("utf-8")


def _xlsx(plan: Plan, wording: Wording | None) -> bytes:
    from actionplan.core.writing.excel_tracker import render_xlsx

    return render_xlsx(plan)


def _csv(plan: Plan, wording: Wording | None) -> bytes:
    from actionplan.core.writing.csv_table import render_csv

    return render_csv(plan)


def _json(plan: Plan, wording: Wording | None) -> bytes:
    # Cleaned as the other formats are, so that the download reads back as the plan it shows.
    return canonical.dumps(clean_plan(plan)).encode("utf-8")


FORMATS: dict[str, OutputFormat] = {
    format.name: format
    for format in (
        OutputFormat(
            "docx",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _docx,
            "Word",
        ),
        OutputFormat("pdf", ".pdf", "application/pdf", _pdf, "PDF"),
        OutputFormat("html", ".html", "text/html; charset=utf-8", _html, "Web page", is_text=True),
        OutputFormat(
            "xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _xlsx, "Excel tracker"
        ),
        OutputFormat("csv", ".csv", "text/csv; charset=utf-8", _csv, "CSV", is_text=True),
        OutputFormat("json", ".json", "application/json", _json, "JSON (open data)", is_text=True),
    )
}


def write_plan(plan: Plan, format: str, *, wording: Wording | None = None) -> bytes:
    """The plan in ``format`` (a key of FORMATS). ``wording`` replaces the introduction where a format has one."""
    try:
        output = FORMATS[format]
    except KeyError:
        raise PlanError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}") from None
    return output.writer(plan, wording)
