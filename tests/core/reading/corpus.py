"""Generated plans in every published layout, through every channel a plan reaches the reader by, with their truth.

Each layout of the published plans (the official one, the 2018-2022 cover page, NOMS 2014-2016, the
2017-2018 numbered headings) is written as Word by the project's own writer, its layout's words put in
afterwards. The Word file goes to PDF through LibreOffice, the PDF to text through poppler's ``pdftotext``
with and without ``-layout``, the plain text through a document-sharing site's page titles and broken
characters, and the first pages through ``pdftoppm`` and OCR. ``field_accuracy`` compares what the reader
gives with the plan that was written, field by field.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from docx import Document

from actionplan.core.generator import generate_plan
from actionplan.core.plan import Decision, Plan, Recommendation
from actionplan.core.writing.layout import detail_lines
from actionplan.core.writing.word_document import render_docx

LAYOUTS = ("official", "cover", "noms", "numbered")
TEXT_CHANNELS = ("layout", "plain", "noise")
CHANNELS = ("word", "pdf", *TEXT_CHANNELS)
# The accuracy each channel must reach, from the reader's own documents to OCR of a scan.
FLOORS = {"word": 0.995, "pdf": 0.995, "layout": 0.97, "plain": 0.97, "noise": 0.97, "scan": 0.90}

_NOMS_DECISIONS = {
    Decision.AGREED: "Accepted",
    Decision.PARTLY_AGREED: "Partly Accepted",
    Decision.NOT_AGREED: "Rejected",
}
_NOMS_HEADINGS = [
    "1. Rec. No.",
    "2. Recommendation",
    "3. Accepted/ Rejected",
    "4. Response Action Taken/Planned",
    "5. Function Responsible/ Policy Lead",
    "6. Target Date",
]
_INLINE_DEFINITIONS = (
    "The action plan confirms whether recommendations are agreed, partly agreed or not agreed. Agreed: all of the"
    " recommendation is agreed with, can be achieved and is affordable. Partly Agreed: only part of the"
    " recommendation is agreed with, achievable, affordable and will be implemented. Not Agreed: the"
    " recommendation is not agreed and will not be implemented."
)
_COVER_NOTE = "Actions with future target dates may be delayed due to Covid-19 recovery."


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def truth(layout: str, seed: int, recommendations: int = 8) -> Plan:
    """The plan a layout's document is written from: what the reader must give back."""
    plan = generate_plan(
        seed, recommendations=recommendations, published=date(2015, 3, 1) + timedelta(days=97 * seed % 2400)
    )
    if layout == "noms":
        for number, rec in enumerate(plan.recommendations, start=1):
            rec.ref = f"5.{number * 3:02d}"
            rec.concern = None
            rec.section = "Main recommendations to the Governor"
            rec.directed_to = None
            rec.cross_ref = f"S{number + 10}" if number % 3 == 1 else None
            rec.repeated_from = None
    elif layout == "numbered":
        plan.report = replace(plan.report, inspection_dates=None)
    elif layout == "cover":
        plan.notes = [_COVER_NOTE]
    return plan


def _set_text(paragraph: Any, text: str) -> None:
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    if paragraph.runs:
        paragraph.runs[0].text = text
    else:
        paragraph.add_run(text)


def _cover_lines(plan: Plan) -> list[str]:
    submitted, published = plan.submitted, plan.report.published
    assert submitted is not None
    assert published is not None
    return [
        f"Action Plan: {plan.establishment}",
        f"Action Plan Submitted {_ordinal(submitted.day)} {submitted:%B %Y}",
        f"A Response to the HMIP Inspection {plan.report.inspection_dates or ''}".strip(),
        f"Report Published {published:%d/%m/%Y}",
        *plan.notes,
    ]


def _noms_lines(plan: Plan) -> list[str]:
    submitted, published = plan.submitted, plan.report.published
    assert submitted is not None
    assert published is not None
    return [
        "ACTION PLAN: HMCIP REPORT",
        f"ESTABLISHMENT: {plan.establishment.upper()}",
        "TIMETABLE DATE STATUS OF THIS RETURN",
        f"Full unannounced inspection {plan.report.inspection_dates}",
        f"Report published {published.day} {published:%B %Y}",
        f"Action Plan Submitted {submitted.day} {submitted:%B %Y}",
        "Attached",
    ]


def _numbered_lines(plan: Plan) -> list[str]:
    submitted, published = plan.submitted, plan.report.published
    assert submitted is not None
    assert published is not None
    return [
        "ACTION PLAN: HMCIP REPORT",
        f"ESTABLISHMENT: {plan.establishment}",
        f"Action Plan Submitted: {submitted.day} {submitted:%B %Y}",
        f"Report Published: {published.day} {published:%B %Y}",
    ]


def word(layout: str, plan: Plan) -> bytes:
    """The plan as a Word file in ``layout``: the project's Word writer, then the layout's own words."""
    document = Document(io.BytesIO(render_docx(plan)))
    paragraphs = document.paragraphs
    # The writer starts with two heading lines, the detail lines, then the notes.
    written = 2 + len(detail_lines(plan)) + len(plan.notes)
    lines = {"cover": _cover_lines, "noms": _noms_lines, "numbered": _numbered_lines}.get(layout)
    if lines is not None:
        first, *rest = paragraphs[:written]
        for paragraph in rest:
            paragraph._p.getparent().remove(paragraph._p)
        _set_text(first, lines(plan)[0])
        last = first._p
        for line in lines(plan)[1:]:
            added = document.add_paragraph(line)._p
            last.addnext(added)
            last = added
    definitions, table = document.tables[0], document.tables[1]
    if layout == "numbered":
        anchor = definitions._tbl.getprevious()
        definitions._tbl.getparent().remove(definitions._tbl)
        anchor.addnext(document.add_paragraph(_INLINE_DEFINITIONS)._p)
    if layout == "noms":
        for cell, heading in zip(table.rows[0].cells, _NOMS_HEADINGS, strict=True):
            _set_text(cell.paragraphs[0], heading)
        for row in table.rows[1:]:
            cells = row.cells
            if len({id(c._tc) for c in cells}) < len(cells):
                continue
            for decision, words in _NOMS_DECISIONS.items():
                if cells[2].text.strip() == decision.label:
                    _set_text(cells[2].paragraphs[0], words)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_pdfs(documents: list[Path], folder: Path) -> list[Path]:
    """LibreOffice's PDFs of Word files (one run for all), as an establishment would publish them."""
    command = shutil.which("soffice")
    assert command is not None
    profile = f"-env:UserInstallation=file://{folder}/lo-profile"
    options = [command, "--headless", profile, "--convert-to", "pdf", "--outdir", str(folder)]
    subprocess.run([*options, *map(str, documents)], check=True, capture_output=True, timeout=300)
    return [folder / f"{document.stem}.pdf" for document in documents]


@dataclass(frozen=True)
class Corpus:
    """Each layout's plan and the files it was written to, by channel."""

    folder: Path
    plans: dict[str, Plan]

    def path(self, layout: str, channel: str) -> Path:
        suffix = {"word": "docx", "pdf": "pdf"}.get(channel, f"{channel}.txt")
        return self.folder / f"{layout}.{suffix}"


def build(folder: Path, *, seed: int = 5) -> Corpus:
    """Write every layout's plan through every channel into ``folder``."""
    plans = {layout: truth(layout, seed + number) for number, layout in enumerate(LAYOUTS)}
    documents = []
    for layout, plan in plans.items():
        document = folder / f"{layout}.docx"
        document.write_bytes(word(layout, plan))
        documents.append(document)
    corpus = Corpus(folder, plans)
    for layout, pdf in zip(LAYOUTS, to_pdfs(documents, folder), strict=True):
        plain = pdftotext(pdf, layout=False)
        corpus.path(layout, "layout").write_text(pdftotext(pdf, layout=True), "utf-8")
        corpus.path(layout, "plain").write_text(plain, "utf-8")
        corpus.path(layout, "noise").write_text(with_site_noise(plain, plans[layout]), "utf-8")
    return corpus


def pdftotext(pdf: Path, *, layout: bool) -> str:
    command = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True, timeout=60).stdout.decode("utf-8")


def _broken(text: str) -> str:
    """Characters as a site that took UTF-8 for Windows-1252 shows them."""
    return text.replace("\u2019", "\u00e2\u20ac\u2122").replace("\u2026", "\u00e2\u20ac\u00a6")


def with_site_noise(text: str, plan: Plan) -> str:
    """Plain text as copied from a document-sharing site: page titles, the cover run together, broken characters."""
    pages = text.split("\f")
    title = " ".join(pages[0].split()[:14])
    cover = " ".join(line for line in _cover_lines(plan)[:4])
    noisy = [f"{title}\u2026\n\n{len(pages) * 7}\n{cover}\n\nTranscript of {title}\u2026\n"]
    for number, page in enumerate(pages, start=1):
        if page.strip():
            noisy.append(f"\nPage {number}: {title}\n\n{page}")
    return _broken("".join(noisy))


@dataclass
class Accuracy:
    """How many of a plan's fields a reading gave as written, and which it did not."""

    right: int = 0
    total: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, name: str, expected: object, found: object) -> None:
        self.total += 1
        if _same(expected, found):
            self.right += 1
        else:
            self.wrong.append(f"{name}: expected {expected!r}, read {found!r}")


def _same(expected: object, found: object) -> bool:
    if isinstance(expected, str) or isinstance(found, str):
        return " ".join(str(expected or "").split()) == " ".join(str(found or "").split())
    return expected == found


HEADER_FIELDS = ("establishment", "inspectorate", "inspection_dates", "published", "submitted", "notes")


def header_values(plan: Plan) -> dict[str, object]:
    return {
        "establishment": plan.establishment,
        "inspectorate": plan.inspectorate,
        "inspection_dates": plan.report.inspection_dates,
        "published": plan.report.published,
        "submitted": plan.submitted,
        "notes": plan.notes,
    }


def _recommendation_fields(rec: Recommendation) -> dict[str, object]:
    fields: dict[str, object] = {
        "recommendation": rec.recommendation,
        "concern": rec.concern,
        "cross_ref": rec.cross_ref,
        "repeated_from": rec.repeated_from,
        "section": rec.section,
        "directed_to": rec.directed_to,
        "decision": rec.decision,
        "response": re.sub(r"\s+", " ", rec.response),
    }
    for number, action in enumerate(rec.actions, start=1):
        fields[f"action {number}"] = action.text
        fields[f"action {number} owner"] = action.owner
        fields[f"action {number} target"] = action.target.text
    return fields


def field_accuracy(expected: Plan, found: Plan, *, header_only: bool = False) -> Accuracy:
    """Every header field and every field of every recommendation and action, compared; extra ones count wrong."""
    accuracy = Accuracy()
    read_header = header_values(found)
    for name, value in header_values(expected).items():
        accuracy.add(name, value, read_header[name])
    if header_only:
        return accuracy
    by_ref = {rec.ref: rec for rec in found.recommendations}
    for rec in expected.recommendations:
        accuracy.add(f"{rec.ref} ref", rec.ref, rec.ref if rec.ref in by_ref else None)
        match = by_ref.pop(rec.ref, None)
        read_fields = _recommendation_fields(match) if match else {}
        for name, value in _recommendation_fields(rec).items():
            accuracy.add(f"{rec.ref} {name}", value, read_fields.get(name))
    for extra in by_ref:
        accuracy.add("extra recommendation", None, extra)
    return accuracy


def scan(pdf: Path, folder: Path, *, pages: int = 2) -> Path:
    """The first pages of a PDF as a scan: rasterised by pdftoppm, put back together as a PDF of images only."""
    import img2pdf

    prefix = folder / f"{pdf.stem}-page"
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-f", "1", "-l", str(pages), "-png", str(pdf), str(prefix)],
        check=True,
        timeout=120,
    )
    scanned = folder / f"{pdf.stem}-scan.pdf"
    scanned.write_bytes(img2pdf.convert(sorted(str(p) for p in folder.glob(f"{prefix.name}-*.png"))))
    return scanned


def on_first_pages(plan: Plan, pdf: Path, *, pages: int = 2) -> Plan:
    """The plan cut to what its first pages show whole: the header and the rows that start and end on them."""
    shown = subprocess.run(
        ["pdftotext", "-f", "1", "-l", str(pages), str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode("utf-8")
    lines = {line.strip() for line in shown.splitlines()}
    started = [rec for rec in plan.recommendations if rec.ref in lines]
    return replace(plan, recommendations=started[:-1])


def cover_only(document: bytes) -> bytes:
    """A layout's Word file cut to its cover and introduction: the plan table and the summary after it taken out."""
    word_file = Document(io.BytesIO(document))
    # The definitions table ("Term | Definition | ...") belongs to the introduction; every other table goes.
    for table in word_file.tables:
        if table.rows[0].cells[0].text.strip() != "Term":
            table._tbl.getparent().remove(table._tbl)
    out = io.BytesIO()
    word_file.save(out)
    return out.getvalue()
