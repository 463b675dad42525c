"""Read a plan from a Word document (.docx): the paragraphs above the table, and the table's rows and cells.

Cells are read from the document's XML, so that merged cells come out as Word shows them: a cell
spanning columns (a section row) once, and a cell merged down into the row below only in its
first row. Each paragraph of a cell stays a paragraph; a line break inside one is a space.
A paragraph's place in its cell (blank paragraphs counted) stands for its position on the page.
Paragraph styles named as our Word writer names them ("Plan Action", "Plan Response", "Plan Owner",
"Plan Target") mark what a paragraph is; a document without them is read by position alone.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from actionplan.core.errors import PlanError
from actionplan.core.reading.actions import Paragraph, Role
from actionplan.core.reading.documents import build_reading
from actionplan.core.reading.header import read_header
from actionplan.core.reading.limits import check_zip
from actionplan.core.reading.outcome import Reading
from actionplan.core.reading.plan_table import TableRow, is_header_row
from actionplan.core.reading.recommendations import is_ref
from actionplan.core.reading.wrapping import tidy

_PARAGRAPH, _TABLE, _CONTROL = qn("w:p"), qn("w:tbl"), qn("w:sdt")
_ROW, _CELL = qn("w:tr"), qn("w:tc")
_TEXT, _TAB, _BREAK, _CARRIAGE = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_SPAN, _MERGE, _VALUE = qn("w:gridSpan"), qn("w:vMerge"), qn("w:val")
_PARAGRAPH_PROPERTIES, _PARAGRAPH_STYLE = qn("w:pPr"), qn("w:pStyle")
_DEFINITIONS = re.compile(r"\bterm\b.*\bdefinition\b", re.I)
_ROLES: dict[str, Role] = {
    "Plan Action": "action",
    "Plan Response": "response",
    "Plan Owner": "owner",
    "Plan Target": "target",
}


def _paragraph_text(paragraph: Any) -> str:
    parts = []
    for node in paragraph.iter(_TEXT, _TAB, _BREAK, _CARRIAGE):
        parts.append(node.text or "" if node.tag == _TEXT else " ")
    return tidy("".join(parts))


def _blocks(parent: Any) -> Iterator[Any]:
    """The paragraphs and tables of the body in document order, also inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (_PARAGRAPH, _TABLE):
            yield child
        elif child.tag == _CONTROL:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _roles(document: Any) -> dict[str, Role]:
    """The roles of the document's paragraph styles, by style id (a paragraph names its style by id)."""
    roles: dict[str, Role] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        role = _ROLES.get(name.get(_VALUE, "") if name is not None else "")
        if role is not None:
            roles[style.get(qn("w:styleId"), "")] = role
    return roles


def _role(paragraph: Any, roles: dict[str, Role]) -> Role | None:
    properties = paragraph.find(_PARAGRAPH_PROPERTIES)
    style = properties.find(_PARAGRAPH_STYLE) if properties is not None else None
    return roles.get(style.get(_VALUE, "")) if style is not None else None


def _cell_paragraphs(cell: Any, roles: dict[str, Role]) -> list[Paragraph]:
    # Word gives no positions; a paragraph's place in its cell, blank ones counted, stands in for one,
    # since plans line owners and targets up with blank paragraphs.
    return [
        Paragraph(text, top=float(index), role=_role(p, roles))
        for index, p in enumerate(cell.iter(_PARAGRAPH))
        if (text := _paragraph_text(p))
    ]


def _table_rows(table: Any, roles: dict[str, Role]) -> list[TableRow]:
    rows = []
    for row in table.iterchildren(_ROW):
        cells: list[list[Paragraph]] = []
        for cell in row.iterchildren(_CELL):
            properties = cell.find(qn("w:tcPr"))
            span, merged_from_above = 1, False
            if properties is not None:
                if (grid_span := properties.find(_SPAN)) is not None:
                    written = grid_span.get(_VALUE, "1")
                    span = max(1, min(int(written), 64)) if written.isdigit() else 1
                if (merge := properties.find(_MERGE)) is not None:
                    merged_from_above = merge.get(_VALUE, "continue") == "continue"
            cells.append([] if merged_from_above else _cell_paragraphs(cell, roles))
            cells.extend([] for _ in range(span - 1))
        rows.append(TableRow(cells=cells))
    return rows


def _is_plan_table(rows: list[TableRow]) -> bool:
    return any(is_header_row(row) or (len(row.cells) > 1 and is_ref(row.cell_text(0))) for row in rows)


def _holds_header(rows: list[TableRow], tables_before: list[list[TableRow]]) -> bool:
    """True for a table before the plan's that is neither the plan's nor the definitions of the decisions."""
    if any(_is_plan_table(table) for table in tables_before) or _is_plan_table(rows):
        return False
    return not (rows and _DEFINITIONS.search(rows[0].text))


def read(data: bytes, name: str) -> Reading:
    """Read a plan from the bytes of a .docx file."""
    check_zip(data, name=name, format="docx")
    try:
        document = Document(io.BytesIO(data))
        body = document.element.body
        roles = _roles(document)
    except Exception:
        # python-docx fails on a damaged package in many ways (missing parts, broken XML, wrong types).
        raise PlanError("the Word document is damaged or not a .docx file", source=name) from None
    before: list[list[str]] = []
    tables: list[list[TableRow]] = []
    after: list[TableRow] = []
    for block in _blocks(body):
        if block.tag == _TABLE:
            rows = _table_rows(block, roles)
            if _holds_header(rows, tables):
                # A table of header details above the plan's (the NOMS "ESTABLISHMENT: | TIMETABLE | DATE" table).
                before.extend([p.text for p in cell] for row in rows for cell in row.cells if cell)
            else:
                tables.append(rows)
            continue
        text = _paragraph_text(block)
        if not text:
            continue
        if any(_is_plan_table(table) for table in tables):
            after.append(TableRow(cells=[[Paragraph(text)]]))
        else:
            before.append([text])
    if after:
        tables.append(after)
    return build_reading(read_header(before), tables, [], source=name)
