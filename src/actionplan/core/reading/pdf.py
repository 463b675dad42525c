"""Read a plan from a PDF with ruled tables: pdfplumber finds the tables, and each character is put in its cell.

Characters are placed in cells once, page by page, so that every cell keeps its paragraphs and
where each starts: owners and target dates are then paired with the response paragraph they
sit beside. Only lines and shapes that show on the page rule the tables; a white background
painted behind the page's content would otherwise be taken for the table's frame. A row cut by
a page break may lose the rule on the side of the break: at the foot of a page its side rules
still run down past the table's last closed row, and at the top of the next page its text sits
above the first rule, lined up with the columns of the table on the page before. Both parts are
read as rows of the table. Text outside the tables (the header details above, the stated summary
below) is read as lines.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTRect

from actionplan.core.errors import PlanError
from actionplan.core.reading import scans
from actionplan.core.reading.actions import Paragraph
from actionplan.core.reading.decisions import summary_count
from actionplan.core.reading.documents import build_reading
from actionplan.core.reading.header import read_header
from actionplan.core.reading.limits import check_pdf, check_pdf_page
from actionplan.core.reading.outcome import Reading, ReadingWarning
from actionplan.core.reading.plan_table import TableRow, is_header_row
from actionplan.core.reading.recommendations import is_ref
from actionplan.core.reading.sections import directed_to, section_title
from actionplan.core.reading.text import read_text
from actionplan.core.reading.wrapping import join_lines

# Characters whose tops differ by less than this share of their size sit on one line.
_SAME_LINE = 0.4
# A gap between lines wider than this many line heights starts a new paragraph.
_PARAGRAPH_GAP = 1.45
# A gap between characters wider than this share of their size is a space the PDF does not write.
_WORD_GAP = 0.2
_LINE_PITCH = 1.2
# Text of a row cut at the top of a page starts within this many line heights of the first rule,
# and its lines follow one another no further apart; page headers stand further off.
_OPEN_ROW_GAP = 2.5
# Rules and text this close (in points) to a column's edge belong to it, as pdfplumber snaps lines.
_RULE_TOLERANCE = 3.0
# What OCR gives for a table's ruled lines, and for a column heading's number ("1." to "6.").
_OCR_RULE = re.compile(r"[|\[\]!]+")
_OCR_HEADINGS = range(1, 7)
_OCR_HEADING = re.compile(r"[1-6]\.")
_OCR_SUMMARY_REF = re.compile(r"^[$\u00a7](?=\d{1,3}$)")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d+\s+of\s+\d+\s*$|^\s*page\s+\d+\s*$", re.I)


# The left and right of each column of a table.
_Columns = list[tuple[float, float]]


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

    def columns(self) -> _Columns:
        """The left and right of each column: those of the row with the most cells."""
        widest = max(self.rows, key=lambda row: sum(cell is not None for cell in row), default=[])
        return [(cell.bbox[0], cell.bbox[2]) for cell in widest if cell is not None]

    def add_row(self, row: list[_Cell | None], *, first: bool) -> None:
        top = min(cell.bbox[1] for cell in row if cell is not None)
        if first:
            self.rows.insert(0, row)
            self.tops.insert(0, top)
        else:
            self.rows.append(row)
            self.tops.append(top)


def _char_lines(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into lines, top to bottom, each line left to right."""
    ordered = sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"]))
    lines: list[list[dict[str, Any]]] = []
    for char in ordered:
        if lines and abs(char["top"] - lines[-1][0]["top"]) <= _SAME_LINE * char["size"]:
            lines[-1].append(char)
        else:
            lines.append([char])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def _words(line: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The characters of a line grouped into words where a gap separates them."""
    words: list[list[dict[str, Any]]] = []
    for char in line:
        if words and char["x0"] - words[-1][-1]["x1"] <= _WORD_GAP * char["size"]:
            words[-1].append(char)
        else:
            words.append([char])
    return words


def _lines(chars: Iterable[dict[str, Any]]) -> list[tuple[float, str]]:
    """Characters as lines of text, top to bottom, each with its top."""
    result = []
    for line in _char_lines(chars):
        text = " ".join("".join(char["text"] for char in word) for word in _words(line))
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


def _is_white(color: Any) -> bool:
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(v, (int, float)) for v in color):
        return False
    # Grey and RGB white are all ones; CMYK white is all zeros.
    return all(v == 0 for v in color) if len(color) == 4 else all(v == 1 for v in color)


def _drawn(shape: Any) -> bool:
    """True for a line or shape that shows on white paper: stroked, or filled with a colour."""
    return bool(shape.stroke or (shape.fill and not _is_white(shape.non_stroking_color)))


def _objects(page: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The page's upright characters, and the vertical and horizontal edges of the lines and shapes that show.

    Taken straight from pdfminer's layout: pdfplumber's own ``chars`` and ``edges`` turn every attribute of
    every object into Python values first, which costs more than the rest of reading the plan together.
    The edges keep what pdfplumber's table finder reads of them; a rule must be a point long or more.
    """
    left, top_of_page = page.mediabox[0], page.mediabox[1] + page.height
    chars: list[dict[str, Any]] = []
    vertical: list[dict[str, Any]] = []
    horizontal: list[dict[str, Any]] = []

    def edge(x0: float, x1: float, top: float, bottom: float) -> None:
        found = {
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "doctop": page.initial_doctop + top,
            "width": x1 - x0,
            "height": bottom - top,
        }
        if x0 == x1 and bottom - top >= 1:
            vertical.append({**found, "orientation": "v", "object_type": "curve_edge"})
        elif top == bottom and x1 - x0 >= 1:
            horizontal.append({**found, "orientation": "h", "object_type": "curve_edge"})

    def walk(objects: Iterable[Any]) -> None:
        for obj in objects:
            if isinstance(obj, LTContainer):
                walk(obj)
            elif isinstance(obj, LTChar):
                if obj.upright:
                    x0, x1, top = obj.x0 + left, obj.x1 + left, top_of_page - obj.y1
                    text = obj.get_text()
                    chars.append(
                        {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + obj.height, "size": obj.size}
                    )
            elif isinstance(obj, LTCurve) and _drawn(obj):
                if isinstance(obj, LTRect):
                    x0, x1, top, bottom = obj.x0 + left, obj.x1 + left, top_of_page - obj.y1, top_of_page - obj.y0
                    edge(x0, x1, top, top)
                    edge(x0, x1, bottom, bottom)
                    edge(x0, x0, top, bottom)
                    edge(x1, x1, top, bottom)
                    continue
                points = [(x + left, top_of_page - y) for x, y in obj.pts]
                for (ax, ay), (bx, by) in pairwise(points):
                    edge(min(ax, bx), max(ax, bx), min(ay, by), max(ay, by))

    walk(page.layout)
    return chars, vertical, horizontal


def _tables(page: Any, vertical: list[dict[str, Any]], horizontal: list[dict[str, Any]]) -> list[_Table]:
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vertical,
        "explicit_horizontal_lines": horizontal,
    }
    tables = []
    for found in page.find_tables(settings):
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


def _page(
    page: Any, number: int, columns_before: _Columns | None
) -> tuple[list[tuple[list[TableRow], list[_Block], _Columns]], list[_Block]]:
    """The tables of a page, each as rows of cells, as blocks of lines and with its columns, and the
    paragraphs outside them. ``columns_before`` are those of the plan table on an earlier page, if any."""
    chars, vertical, horizontal = _objects(page)
    tables = _tables(page, vertical, horizontal)
    outside: list[dict[str, Any]] = []
    for char in chars:
        x, y = _centre(char)
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
    outside = _read_cut_rows(tables, outside, vertical, columns_before, pitch)
    found = []
    for table in tables:
        rows = [
            TableRow(
                cells=[_paragraphs(cell.chars, number, pitch) if cell is not None else [] for cell in row],
                page=number,
            )
            for row in table.rows
        ]
        blocks = [_row_block(row, number, pitch) for row in table.rows if any(row)]
        found.append((_spanning(rows), blocks, table.columns()))
    blocks = [_Block(number, top, lines) for top, lines in _line_groups(outside, pitch)]
    return found, blocks


def _centre(char: dict[str, Any]) -> tuple[float, float]:
    return (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2


def _read_cut_rows(
    tables: list[_Table],
    outside: list[dict[str, Any]],
    vertical: list[dict[str, Any]],
    columns_before: _Columns | None,
    pitch: float,
) -> list[dict[str, Any]]:
    """Add to the page's tables the parts of rows cut by a page break that lie outside them; the characters left."""
    if not tables:
        return outside
    last = max(tables, key=lambda table: table.bbox[3])
    columns = last.columns()
    foot = _foot_of_cut_row(last.bbox[3], columns, vertical)
    if foot is not None:
        left, right, bottom = columns[0][0], columns[-1][1], last.bbox[3]
        below = [c for c in outside if left <= _centre(c)[0] <= right and bottom < _centre(c)[1] <= foot]
        if below:
            last.add_row(_cut_row(columns, below, bottom, foot), first=False)
            outside = [c for c in outside if not bottom < _centre(c)[1] <= foot or not left <= _centre(c)[0] <= right]
    if columns_before:
        first = min(tables, key=lambda table: table.bbox[1])
        above = _head_of_cut_row(outside, columns_before, first.bbox[1], pitch)
        if above:
            first.add_row(_cut_row(columns_before, above, min(c["top"] for c in above), first.bbox[1]), first=True)
            taken = {id(c) for c in above}
            outside = [c for c in outside if id(c) not in taken]
    return outside


def _foot_of_cut_row(bottom: float, columns: _Columns, vertical: list[dict[str, Any]]) -> float | None:
    """Where the side rules of a row cut at the foot of the page end, when they run on below the table's last rule."""
    reach = []
    for x in sorted({edge for column in columns for edge in column}):
        end = bottom
        for rule in sorted((r for r in vertical if abs(r["x0"] - x) <= _RULE_TOLERANCE), key=lambda r: r["top"]):
            if rule["top"] <= end + _RULE_TOLERANCE and rule["bottom"] > end:
                end = rule["bottom"]
        if end > bottom + _RULE_TOLERANCE:
            reach.append(end)
    # One rule running on may be a margin line; a row's sides are two or more.
    return max(reach) if len(reach) >= 2 else None


def _head_of_cut_row(
    outside: list[dict[str, Any]], columns: _Columns, top: float, pitch: float
) -> list[dict[str, Any]]:
    """The lines just above a page's first table that line up with the columns, read upwards until one does not."""
    taken: list[dict[str, Any]] = []
    edge = top
    for line in reversed(_char_lines(c for c in outside if c["bottom"] <= top + _RULE_TOLERANCE)):
        if edge - line[0]["top"] > _OPEN_ROW_GAP * pitch or not _lines_up(line, columns):
            break
        taken.extend(line)
        edge = line[0]["top"]
    return taken


def _lines_up(line: list[dict[str, Any]], columns: _Columns) -> bool:
    """True when every word of the line lies within one column."""
    return all(
        any(
            left - _RULE_TOLERANCE <= word[0]["x0"] and word[-1]["x1"] <= right + _RULE_TOLERANCE
            for left, right in columns
        )
        for word in _words(line)
    )


def _cut_row(columns: _Columns, chars: list[dict[str, Any]], top: float, bottom: float) -> list[_Cell | None]:
    """A row of one cell per column holding the characters that lie in it."""
    row: list[_Cell | None] = [_Cell((left, top, right, bottom)) for left, right in columns]
    for char in chars:
        x = _centre(char)[0]
        cell = next((c for c in row if c is not None and c.bbox[0] <= x <= c.bbox[2]), None)
        if cell is not None:
            cell.chars.append(char)
    return row


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
    """Read a plan from the bytes of a PDF; a scan with no text layer through OCR, where it is installed."""
    try:
        return _read(data, name)
    except _NoText:
        # OCR's text has no ruled table to find: it is read as text laid out in columns.
        recognised = _laid_out_text(scans.with_text_layer(data, name=name), name)
        try:
            reading = read_text(recognised, name=name)
        except PlanError:
            raise PlanError(
                "the PDF has no text layer (a scanned image) and OCR found no action plan in it", source=name
            ) from None
    reading.plan.notes.append(scans.OCR_NOTE)
    reading.warnings.insert(0, ReadingWarning(scans.OCR_NOTE))
    return reading


def _laid_out_text(data: bytes, name: str) -> str:
    """The text OCR put on the pages, each table line cut into tab-separated cells at the columns its headings set.

    OCR keeps where each word stands but not the table's rules (they are part of the image, and come back
    as stray bars): the numbered column headings ("1. Rec No ... 6. Target Date") say where columns start.
    """
    document = _open(data, name)
    try:
        return "\f".join(_ocr_page_text(page) for page in document.pages)
    finally:
        document.close()


def _ocr_page_text(page: Any) -> str:
    words = [w for w in page.extract_words() if not _OCR_RULE.fullmatch(w["text"])]
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= _SAME_LINE * (word["bottom"] - word["top"]):
            lines[-1].append(word)
        else:
            lines.append([word])
    starts: list[float] | None = None
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        numbers = [w["x0"] for w in line if _OCR_HEADING.fullmatch(w["text"])]
        if len(numbers) == len(_OCR_HEADINGS):
            starts = numbers
        whole = " ".join(w["text"] for w in line)
        if starts is None or section_title(whole) or directed_to(whole):
            # A section or "Directed to" row spans the table: its words cross the columns.
            out.append(whole)
            continue
        cells: list[list[str]] = [[] for _ in starts]
        for word in line:
            column = max((i for i, x in enumerate(starts) if word["x0"] + _RULE_TOLERANCE * 2 >= x), default=0)
            cells[column].append(word["text"])
        first = " ".join(cells[0])
        # OCR reads the S of a summary ref as a dollar or section sign ("$30").
        cells[0] = [_OCR_SUMMARY_REF.sub("S", first)] if first else []
        out.append("\t".join(" ".join(cell) for cell in cells))
    return "\n".join(out)


class _NoText(Exception):
    """The PDF's pages hold no text: a scan."""


def _read(data: bytes, name: str) -> Reading:
    document = _open(data, name)
    tables: list[list[TableRow]] = []
    outside: list[tuple[_Block, bool]] = []
    pages = 0
    seen_text = False
    # The columns of the plan table read last, for a row cut at the top of the next page.
    columns: _Columns | None = None
    try:
        check_pdf(document, name=name)
        for number, page in enumerate(document.pages, start=1):
            pages = number
            check_pdf_page(page, number=number, name=name)
            found, blocks = _page(page, number, columns)
            page_tables = [rows for rows, _, _ in found]
            seen_text = seen_text or bool(blocks) or any(row.text for table in page_tables for row in table)
            plan_started = any(_is_plan_table(t) for t in tables)
            on_page = [(block, plan_started or _below_plan(block, page_tables)) for block in blocks]
            for rows, table_blocks, table_columns in found:
                if plan_started or _is_plan_table(rows):
                    tables.append(rows)
                    plan_started = True
                    columns = table_columns
                else:
                    # Tables above the plan's (the definitions, a box of header details) are read as header text.
                    on_page.extend((block, False) for block in table_blocks)
            outside.extend(sorted(on_page, key=lambda placed: placed[0].top))
            # pdfplumber keeps every page's parsed objects until told otherwise; a long plan would hold them all.
            page.close()
    except (PlanError, _NoText):
        raise
    except Exception:
        raise PlanError("the PDF is damaged and its pages cannot be read", source=name) from None
    finally:
        document.close()
    if not seen_text:
        raise _NoText
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
