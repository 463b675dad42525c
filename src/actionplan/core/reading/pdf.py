"""Read a plan from a PDF with ruled tables: pdfplumber finds the tables, and each character is put in its cell.

Characters are placed in cells once, page by page, so that every cell keeps its paragraphs and
where each starts: owners and target dates are then paired with the response paragraph they
sit beside. Text outside the tables (the header details above, the stated summary below) is
read as lines.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import median
from typing import Any

import pdfplumber

from actionplan.core.errors import PlanError
from actionplan.core.reading.actions import Paragraph
from actionplan.core.reading.decisions import summary_count
from actionplan.core.reading.documents import build_reading
from actionplan.core.reading.header import read_header
from actionplan.core.reading.outcome import Reading
from actionplan.core.reading.plan_table import TableRow, is_header_row
from actionplan.core.reading.recommendations import is_ref
from actionplan.core.reading.wrapping import join_lines

# Characters whose tops differ by less than this share of their size sit on one line.
_SAME_LINE = 0.4
# A gap between lines wider than this many line heights starts a new paragraph.
_PARAGRAPH_GAP = 1.45
# A gap between characters wider than this share of their size is a space the PDF does not write.
_WORD_GAP = 0.2
_LINE_PITCH = 1.2
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d+\s+of\s+\d+\s*$|^\s*page\s+\d+\s*$", re.I)


@dataclass
class _Cell:
    bbox: tuple[float, float, float, float]
    chars: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Table:
    rows: list[list[_Cell | None]]
    tops: list[float]
    bbox: tuple[float, float, float, float]

    def cell_at(self, x: float, y: float) -> _Cell | None:
        index = bisect_right(self.tops, y) - 1
        if index < 0:
            return None
        for cell in self.rows[index]:
            if cell is not None and cell.bbox[0] <= x <= cell.bbox[2] and cell.bbox[1] <= y <= cell.bbox[3]:
                return cell
        return None


def _lines(chars: Iterable[dict[str, Any]]) -> list[tuple[float, str]]:
    """Characters as lines of text, top to bottom, each with its top."""
    ordered = sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"]))
    lines: list[list[dict[str, Any]]] = []
    for char in ordered:
        if lines and abs(char["top"] - lines[-1][0]["top"]) <= _SAME_LINE * char["size"]:
            lines[-1].append(char)
        else:
            lines.append([char])
    result = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        text, previous = "", None
        for char in line:
            if previous is not None and char["x0"] - previous["x1"] > _WORD_GAP * char["size"]:
                text += " "
            text += char["text"]
            previous = char
        if text.strip():
            result.append((line[0]["top"], text))
    return result


def _line_groups(chars: list[dict[str, Any]], pitch: float) -> list[tuple[float, list[str]]]:
    """Lines grouped into paragraphs where a blank line or more separates them, each with its top in lines."""
    groups: list[tuple[float, list[str]]] = []
    last = 0.0
    for top, text in _lines(chars):
        if not groups or top - last > _PARAGRAPH_GAP * pitch:
            groups.append((top / pitch, []))
        groups[-1][1].append(text)
        last = top
    return groups


def _paragraphs(chars: list[dict[str, Any]], page: int, pitch: float) -> list[Paragraph]:
    """The paragraphs of a cell, each with where it starts."""
    return [Paragraph(join_lines(lines), page, top) for top, lines in _line_groups(chars, pitch)]


def _tables(page: Any) -> list[_Table]:
    tables = []
    for found in page.find_tables():
        rows = []
        for row in found.rows:
            rows.append([_Cell(tuple(bbox)) if bbox is not None else None for bbox in row.cells])
        tops = [min(c.bbox[1] for c in row if c is not None) if any(row) else 0.0 for row in rows]
        order = sorted(range(len(rows)), key=lambda i: tops[i])
        tables.append(_Table([rows[i] for i in order], [tops[i] for i in order], tuple(found.bbox)))
    return tables


@dataclass(frozen=True)
class _Block:
    """A paragraph outside the tables: its page, its top (in lines) and its lines."""

    page: int
    top: float
    lines: list[str]


def _page(page: Any, number: int) -> tuple[list[tuple[list[TableRow], list[_Block]]], list[_Block]]:
    """The tables of a page, each as rows of cells and as blocks of lines, and the paragraphs outside them."""
    chars = [c for c in page.chars if c.get("upright", True)]
    tables = _tables(page)
    outside: list[dict[str, Any]] = []
    for char in chars:
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        for table in tables:
            x0, top, x1, bottom = table.bbox
            if x0 <= x <= x1 and top <= y <= bottom:
                cell = table.cell_at(x, y)
                if cell is not None:
                    cell.chars.append(char)
                break
        else:
            outside.append(char)
    pitch = _LINE_PITCH * (median(c["size"] for c in chars) if chars else 10.0)
    found = []
    for table in tables:
        rows = [
            TableRow(
                cells=[_paragraphs(cell.chars, number, pitch) if cell is not None else [] for cell in row],
                page=number,
            )
            for row in table.rows
        ]
        found.append((_spanning(rows), [_row_block(row, number, pitch) for row in table.rows if any(row)]))
    blocks = [_Block(number, top, lines) for top, lines in _line_groups(outside, pitch)]
    return found, blocks


def _row_block(row: list[_Cell | None], number: int, pitch: float) -> _Block:
    """A table row as lines, for a table above the plan's that holds header details: the first lines of
    its cells side by side ("Term Definition Additional comment"), then the rest of each cell."""
    cells = [[line for _, group in _line_groups(cell.chars, pitch) for line in group] for cell in row if cell]
    top = min(cell.bbox[1] for cell in row if cell) / pitch
    first = " ".join(lines[0] for lines in cells if lines)
    return _Block(number, top, [first, *(line for lines in cells for line in lines[1:])] if first else [])


def _spanning(rows: list[TableRow]) -> list[TableRow]:
    """Rows whose only cell spans the table (section rows) as rows of one cell."""
    result = []
    for row in rows:
        filled = [cell for cell in row.cells if cell]
        if len(row.cells) > 1 and len(filled) == 1 and row.cells[0] and not is_ref(row.cell_text(0)):
            result.append(TableRow(cells=[row.cells[0]], page=row.page))
        else:
            result.append(row)
    return result


def _is_plan_table(rows: list[TableRow]) -> bool:
    return any(is_header_row(row) or (len(row.cells) > 1 and is_ref(row.cell_text(0))) for row in rows)


def _open(data: bytes, name: str) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as error:
        # pdfminer reports a password it cannot supply in several ways, all naming it.
        described = f"{error.__class__.__name__} {error!r}".lower()
        if "password" in described or "encrypt" in described:
            raise PlanError("the PDF is protected by a password; save an unprotected copy", source=name) from None
        raise PlanError("the PDF is damaged and cannot be opened", source=name) from None


def read(data: bytes, name: str) -> Reading:
    """Read a plan from the bytes of a PDF."""
    document = _open(data, name)
    tables: list[list[TableRow]] = []
    outside: list[tuple[_Block, bool]] = []
    pages = 0
    seen_text = False
    try:
        for number, page in enumerate(document.pages, start=1):
            pages = number
            found, blocks = _page(page, number)
            page_tables = [rows for rows, _ in found]
            seen_text = seen_text or bool(blocks) or any(row.text for table in page_tables for row in table)
            plan_started = any(_is_plan_table(t) for t in tables)
            on_page = [(block, plan_started or _below_plan(block, page_tables)) for block in blocks]
            for rows, table_blocks in found:
                if plan_started or _is_plan_table(rows):
                    tables.append(rows)
                    plan_started = True
                else:
                    # Tables above the plan's (the definitions, a box of header details) are read as header text.
                    on_page.extend((block, False) for block in table_blocks)
            outside.extend(sorted(on_page, key=lambda placed: placed[0].top))
            # pdfplumber keeps every page's parsed objects until told otherwise; a long plan would hold them all.
            page.close()
    except PlanError:
        raise
    except Exception:
        raise PlanError("the PDF is damaged and its pages cannot be read", source=name) from None
    finally:
        document.close()
    if not seen_text:
        raise PlanError("the PDF has no text to read (a scanned image?); use the original document", source=name)
    furniture = _running_lines([block for block, _ in outside], pages)
    before: list[list[str]] = []
    after: list[TableRow] = []
    for block, below in outside:
        lines = [line for line in block.lines if _shape(line) not in furniture and not _PAGE_NUMBER.search(line)]
        if not lines:
            continue
        if not below:
            before.append(lines)
            continue
        counts = [line for line in lines if summary_count(line)]
        rest = [line for line in lines if not summary_count(line)]
        after.extend(TableRow(cells=[[Paragraph(line, block.page, block.top)]], page=block.page) for line in counts)
        if rest:
            after.append(TableRow(cells=[[Paragraph(join_lines(rest), block.page, block.top)]], page=block.page))
    if after:
        tables.append(after)
    return build_reading(read_header(before), tables, [], source=name)


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))


def _running_lines(blocks: list[_Block], pages: int) -> set[str]:
    """Running headers and footers: lines, numbers aside, that come back on most pages. They are page furniture."""
    if pages < 2:
        return set()
    seen: dict[str, set[int]] = {}
    for block in blocks:
        for line in block.lines:
            seen.setdefault(_shape(line), set()).add(block.page)
    return {shape for shape, on in seen.items() if len(on) >= 2 and len(on) > pages / 2}


def _below_plan(block: _Block, tables: list[list[TableRow]]) -> bool:
    """True when text on the page where the plan table starts lies below that table's first row."""
    for table in tables:
        if _is_plan_table(table):
            tops = [p.top for row in table for cell in row.cells for p in cell if p.top is not None]
            return bool(tops) and block.top > min(tops)
    return False
