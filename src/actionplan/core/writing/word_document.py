"""The plan as a Word document laid out as published: A4 landscape, the six-column table, the counts at the end.

What a reader can rely on (the Word reader reads our documents back by it):

- the plan table is the table whose first row holds the six column headings of ``layout.COLUMN_HEADINGS``;
  that row repeats on every page (``w:tblHeader``);
- a row merged across all six cells is a section row (style ``Plan Section``) or a "Directed to: ..." row
  (style ``Plan Directed To``), and applies to the recommendations below it until the next such row;
- column 2 holds either the recommendation alone, or a "Concern: ..." (or "Priority concern: ...",
  "Key concern: ...") paragraph followed by a "Recommendation: ..." paragraph; a repeated recommendation
  ends "(Repeated recommendation 2.8)" and a cross-reference "(S53)", as published;
- column 4 holds one paragraph per action (style ``Plan Action``) and the response text that is no
  action's (style ``Plan Response``), in the order the response reads; columns 5 and 6 hold exactly as
  many paragraphs as column 4, the owner and target of the action on the same line, empty for response text;
- the last table holds the counts: Agreed, Partly Agreed, Not Agreed, Total.
"""

from __future__ import annotations

import textwrap
from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from actionplan.core.characters import clean_plan
from actionplan.core.plan import Plan, Recommendation
from actionplan.core.writing import layout
from actionplan.core.writing.wording import Wording, default_wording

STYLE_CELL = "Plan Cell"
STYLE_HEADING_CELL = "Plan Column Heading"
STYLE_SECTION = "Plan Section"
STYLE_DIRECTED_TO = "Plan Directed To"
STYLE_REF = "Plan Ref"
STYLE_RECOMMENDATION = "Plan Recommendation"
STYLE_DECISION = "Plan Decision"
STYLE_RESPONSE = "Plan Response"
STYLE_ACTION = "Plan Action"
STYLE_OWNER = "Plan Owner"
STYLE_TARGET = "Plan Target"

_FONT = "Arial"
_CELL_SIZE = Pt(10)
_LINE = Pt(12)
_GAP = Pt(6)
_PAGE_MARGIN = Mm(15)
_CELL_MARGIN = Mm(1.9)
_WIDTHS = (Mm(18), Mm(66), Mm(24), Mm(92), Mm(35), Mm(32))
# Characters of 10pt Arial per line in a cell of each width: the layout estimates how many lines a
# paragraph takes, so that each owner and target can start level with its action as in a published plan.
_CHARS_PER_MM = 0.6
# Word's document properties (title, author) hold at most 255 characters.
_PROPERTY_CHARS = 255
_GREY = "D9D9D9"
_LIGHT_GREY = "F2F2F2"


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _add_styles(document: Any) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(11)
    # The document language, so that Word checks spelling in British English and screen readers speak it so.
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    rpr.append(lang)
    heading = styles["Heading 1"]
    # The template's heading takes its font from the theme, which would override the name set here.
    fonts = heading.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    heading.font.name = _FONT
    heading.font.size = Pt(14)
    heading.font.color.rgb = RGBColor(0, 0, 0)
    cell = styles.add_style(STYLE_CELL, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = _CELL_SIZE
    cell.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    cell.paragraph_format.line_spacing = _LINE
    cell.paragraph_format.space_before = Pt(0)
    cell.paragraph_format.space_after = Pt(0)
    for name, bold in (
        (STYLE_HEADING_CELL, True),
        (STYLE_SECTION, True),
        (STYLE_DIRECTED_TO, True),
        (STYLE_REF, True),
        (STYLE_RECOMMENDATION, False),
        (STYLE_DECISION, False),
        (STYLE_RESPONSE, False),
        (STYLE_ACTION, False),
        (STYLE_OWNER, False),
        (STYLE_TARGET, False),
    ):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = cell
        style.font.bold = bold


def property_text(text: str) -> str:
    """Text for a document property such as the title, shortened to what Word allows."""
    return text if len(text) <= _PROPERTY_CHARS else text[: _PROPERTY_CHARS - 1] + "…"


def _style(paragraph: Any, name: str) -> None:
    # Setting the style id directly: python-docx looks a style up by name at every use, which made
    # styling the paragraphs most of the time a plan took to write.
    paragraph._p.style = name.replace(" ", "")


def _write(paragraph: Any, text: str, *, label: str | None = None) -> None:
    if label:
        paragraph.add_run(f"{label}: ").bold = True
    lines = text.split("\n")
    run = paragraph.add_run(lines[0])
    for line in lines[1:]:
        run.add_break()
        run.add_text(line)


def _lines(text: str, width: Any) -> int:
    chars = max(8, int((width - 2 * _CELL_MARGIN) / Mm(1) * _CHARS_PER_MM))
    return sum(max(1, len(textwrap.wrap(line, chars))) for line in text.split("\n"))


def _field(paragraph: Any, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _set_up_page(document: Any, plan: Plan) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _PAGE_MARGIN)
    footer = section.footer.paragraphs[0]
    _style(footer, STYLE_CELL)
    footer.paragraph_format.tab_stops.add_tab_stop(Mm(267), WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run(f"{plan.establishment}: action plan\tPage ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _write_heading(document: Any, plan: Plan) -> None:
    for text in (layout.title_line(plan), layout.establishment_line(plan)):
        run = document.add_paragraph().add_run(text)
        run.bold = True
        run.font.size = Pt(14)
    for line in layout.detail_lines(plan):
        document.add_paragraph(line)
    for note in plan.notes:
        document.add_paragraph(note)


def _write_introduction(document: Any, wording: Wording) -> None:
    document.add_heading(wording.heading, level=1)
    for paragraph in wording.introduction:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=3)
    table.style = document.styles["Table Grid"]
    for cell, heading in zip(table.rows[0].cells, ("Term", "Definition", "What the response must give"), strict=True):
        _style(cell.paragraphs[0], STYLE_HEADING_CELL)
        cell.paragraphs[0].add_run(heading)
        _shade(cell, _GREY)
    _repeat_as_heading(table.rows[0])
    for definition in wording.definitions:
        cells = table.add_row().cells
        for cell, text, style in (
            (cells[0], definition.term, STYLE_HEADING_CELL),
            (cells[1], definition.meaning, STYLE_CELL),
            (cells[2], definition.response, STYLE_CELL),
        ):
            _style(cell.paragraphs[0], style)
            cell.paragraphs[0].add_run(text)
    table.autofit = False
    for column, width in zip(table.columns, (Mm(35), Mm(100), Mm(132)), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _repeat_as_heading(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        properties.append(element)


def _merged_row(document: Any, table: Any, text: str, style: str, fill: str) -> None:
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    _style(merged.paragraphs[0], style)
    # A section or "Directed to" row belongs with the recommendation under it, never alone at a page foot.
    merged.paragraphs[0].paragraph_format.keep_with_next = True
    _write(merged.paragraphs[0], text)
    _shade(merged, fill)


def _write_recommendation(document: Any, table: Any, rec: Recommendation) -> None:
    ref, recommendation, decision, response, owners, targets = table.add_row().cells
    _style(ref.paragraphs[0], STYLE_REF)
    _write(ref.paragraphs[0], rec.ref)
    for index, part in enumerate(layout.recommendation_parts(rec)):
        paragraph = recommendation.paragraphs[0] if index == 0 else recommendation.add_paragraph()
        _style(paragraph, STYLE_RECOMMENDATION)
        if index:
            paragraph.paragraph_format.space_before = _GAP
        _write(paragraph, part.text, label=part.label)
    _style(decision.paragraphs[0], STYLE_DECISION)
    _write(decision.paragraphs[0], layout.decision_text(rec))

    paragraphs = layout.response_paragraphs(rec)
    for index, item in enumerate(paragraphs):
        action = item.action
        texts = (
            (response, item.text, STYLE_ACTION if action else STYLE_RESPONSE, _WIDTHS[3]),
            (owners, (action.owner or "") if action else "", STYLE_OWNER, _WIDTHS[4]),
            (targets, action.target.text if action else "", STYLE_TARGET, _WIDTHS[5]),
        )
        height = max(_lines(text, width) for _, text, _, width in texts)
        last = index == len(paragraphs) - 1
        for cell, text, style, width in texts:
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            _style(paragraph, style)
            if not last:
                # Pad each paragraph to the height of the tallest of its line, so the next action, owner
                # and target start level, as published plans do with blank lines.
                paragraph.paragraph_format.space_after = _GAP + _LINE * (height - _lines(text, width))
            _write(paragraph, text)


def _write_plan_table(document: Any, plan: Plan) -> None:
    table = document.add_table(rows=1, cols=len(layout.COLUMN_HEADINGS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for number, (cell, heading) in enumerate(zip(table.rows[0].cells, layout.COLUMN_HEADINGS, strict=True), 1):
        _style(cell.paragraphs[0], STYLE_HEADING_CELL)
        _write(cell.paragraphs[0], f"{number}. {heading}")
        _shade(cell, _GREY)
    _repeat_as_heading(table.rows[0])
    for row in layout.table_rows(plan):
        if row.section:
            _merged_row(document, table, row.section, STYLE_SECTION, _LIGHT_GREY)
        elif row.directed_to:
            _merged_row(document, table, f"Directed to: {row.directed_to}", STYLE_DIRECTED_TO, _LIGHT_GREY)
        elif row.recommendation:
            _write_recommendation(document, table, row.recommendation)
    for column, width in zip(table.columns, _WIDTHS, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _write_summary(document: Any, plan: Plan) -> None:
    document.add_paragraph()
    table = document.add_table(rows=1, cols=2)
    table.style = document.styles["Table Grid"]
    heading = table.rows[0].cells[0].merge(table.rows[0].cells[1])
    _style(heading.paragraphs[0], STYLE_HEADING_CELL)
    heading.paragraphs[0].add_run("Recommendations")
    _shade(heading, _GREY)
    for label, count in layout.summary_rows(plan):
        cells = table.add_row().cells
        for cell, text, width in ((cells[0], label, Mm(45)), (cells[1], str(count), Mm(20))):
            _style(cell.paragraphs[0], STYLE_HEADING_CELL if label == "Total" else STYLE_CELL)
            cell.paragraphs[0].add_run(text)
            cell.width = width


def render_docx(plan: Plan, *, wording: Wording | None = None) -> bytes:
    """The plan as a .docx file."""
    plan = clean_plan(plan)
    document: Any = Document()
    _add_styles(document)
    document.core_properties.title = property_text(f"Action plan: {plan.establishment}")
    document.core_properties.language = "en-GB"
    document.core_properties.author = property_text(plan.establishment)
    _set_up_page(document, plan)
    _write_heading(document, plan)
    _write_introduction(document, wording or default_wording())
    document.add_page_break()
    _write_plan_table(document, plan)
    _write_summary(document, plan)
    out = BytesIO()
    document.save(out)
    return out.getvalue()
