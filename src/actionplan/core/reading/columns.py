"""Read column-aligned text (``pdftotext -layout``, cells separated by tabs) by cutting its lines into cells.

The table's header row ("1. Rec No   2. Recommendation   ...   6. Target Date") says where each
column starts; it is found again on every page that repeats it, since each page may be laid out
a little differently. A line is cut where two or more spaces (or a tab) separate text, and each
piece goes to the column it starts in. A ref in the first column starts a row; text in the first
column alone is a row that spans the table (a section, "Directed to:", a line of the summary).
A line's number is its position, so that owners, dates and paragraphs keep their places.
"""

from __future__ import annotations

import re

from actionplan.core.reading.actions import Paragraph
from actionplan.core.reading.documents import build_reading
from actionplan.core.reading.header import read_header
from actionplan.core.reading.outcome import Reading
from actionplan.core.reading.plan_table import TableRow
from actionplan.core.reading.recommendations import is_ref
from actionplan.core.reading.wrapping import join_lines

_PIECE = re.compile(r"\S+(?: \S+)*")
_ALIGNED_LINE = re.compile(r"\S(?:\t+| {3,})\S")
_ALIGNED_SHARE = 0.3
_ALIGNED_LEAST = 3
# The words of the table's header row, in any of the forms plans write it.
_HEADER_WORDS = frozenset(
    {
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "rec",
        "no",
        "ref",
        "number",
        "recommendation",
        "recommendations",
        "concern",
        "concerns",
        "agreed",
        "partly",
        "not",
        "accepted",
        "rejected",
        "decision",
        "response",
        "action",
        "actions",
        "taken",
        "planned",
        "responsible",
        "owner",
        "owners",
        "lead",
        "function",
        "policy",
        "target",
        "date",
        "dates",
        "timescale",
        "timescales",
    }
)
_COLUMNS = 6
_RESPONSE, _OWNER, _TARGET = 3, 4, 5
# A piece of text may start a little left of its column's heading.
_SLACK = 2


def is_column_aligned(text: str) -> bool:
    """True when the text is laid out in columns, as ``pdftotext -layout`` gives a table, not cell after cell."""
    filled = [line for line in text.splitlines() if line.strip()]
    aligned = sum(1 for line in filled if _ALIGNED_LINE.search(line.strip()))
    return aligned >= _ALIGNED_LEAST and aligned >= _ALIGNED_SHARE * len(filled) and _has_header(filled)


def _pieces(line: str) -> list[tuple[int, str]]:
    """The pieces of text in a line, each with where it starts: a character, or for tabbed text a cell number."""
    if "\t" in line:
        return [(index, part.strip()) for index, part in enumerate(line.split("\t")) if part.strip()]
    return [(match.start(), match.group()) for match in _PIECE.finditer(line)]


def _words(text: str) -> list[str]:
    # Headings are written with brackets too ("4. Response (Action Taken/Planned)").
    return [w.strip(".:()").lower() for w in re.split(r"[\s/]+", text) if w.strip(".:()")]


def _header_starts(line: str) -> list[int] | None:
    """Where the columns start, when ``line`` is the first line of the table's header row."""
    pieces = _pieces(line)
    words = [w for _, text in pieces for w in _words(text)]
    if len(pieces) != _COLUMNS or not words or not all(w in _HEADER_WORDS for w in words):
        return None
    if not {"response", "owner", "target", "recommendation"} & set(words):
        return None
    return [start for start, _ in pieces]


def _has_header(lines: list[str]) -> bool:
    return any(_header_starts(line) for line in lines)


def _is_header_continuation(line: str) -> bool:
    words = _words(line)
    return bool(words) and all(w in _HEADER_WORDS for w in words)


def is_heading_words(line: str) -> bool:
    """True for a line of the table's column headings, whole or in part ("1. Rec", "No", "6. Target Date")."""
    return _is_header_continuation(line)


def is_header_line(line: str) -> bool:
    """True for the table's whole header row written on one line ("Rec No  Recommendation ... Target date")."""
    words = set(_words(line))
    return _is_header_continuation(line) and len(words & {"recommendation", "response", "owner", "target"}) >= 3


def _column(start: int, starts: list[int]) -> int:
    column = 0
    for index, begins in enumerate(starts):
        if start + _SLACK >= begins:
            column = index
    return column


class _Rows:
    """Lines cut into cells, gathered into table rows; one row per page's part of a table row."""

    def __init__(self) -> None:
        self.rows: list[TableRow] = []
        self.lines: list[list[tuple[int, str]]] | None = None
        self.page = 1

    def start(self, page: int) -> None:
        self.close()
        self.lines = [[] for _ in range(_COLUMNS)]
        self.page = page

    def add(self, number: int, cells: dict[int, str]) -> None:
        if self.lines is None:
            self.start(self.page)
        assert self.lines is not None
        for column, text in cells.items():
            self.lines[column].append((number, text))

    def span(self, text: str, page: int) -> None:
        self.close()
        self.rows.append(TableRow(cells=[[Paragraph(text, page)]], page=page))

    def close(self) -> None:
        if self.lines is not None and any(self.lines):
            cells = [self._paragraphs(c) for c in self.lines]
            cells[_RESPONSE] = self._paragraphs(self.lines[_RESPONSE], at=self._beside_starts(cells))
            self.rows.append(TableRow(cells=cells, page=self.page))
        self.lines = None

    @staticmethod
    def _beside_starts(cells: list[list[Paragraph]]) -> set[int]:
        """The lines where an owner or a target starts: a response paragraph beside two of them is two actions."""
        return {int(p.top) for column in (_OWNER, _TARGET) for p in cells[column] if p.top is not None}

    def _paragraphs(self, lines: list[tuple[int, str]], *, at: set[int] | None = None) -> list[Paragraph]:
        """A column's lines as paragraphs: a skipped line starts a new one, and so does a line in ``at``."""
        paragraphs: list[Paragraph] = []
        group: list[str] = []
        first = last = 0
        for number, text in lines:
            if group and (number > last + 1 or number in (at or set())):
                paragraphs.append(Paragraph(join_lines(group), self.page, float(first)))
                group = []
            if not group:
                first = number
            group.append(text)
            last = number
        if group:
            paragraphs.append(Paragraph(join_lines(group), self.page, float(first)))
        return paragraphs


def read_columns(text: str, *, name: str) -> Reading:
    """Read a plan from column-aligned text."""
    front: list[list[str]] = [[]]
    rows = _Rows()
    starts: list[int] | None = None
    in_header = tabbed = False
    for page_index, page_text in enumerate(text.replace("\r\n", "\n").split("\f")):
        page = page_index + 1
        if rows.lines is not None:
            rows.start(page)
        for number, line in enumerate(page_text.split("\n")):
            if found := _header_starts(line):
                starts, in_header, tabbed = found, True, "\t" in line
                continue
            if in_header and _is_header_continuation(line):
                continue
            in_header = False
            if starts is None:
                if line.strip():
                    front[-1].append(line.strip())
                elif front[-1]:
                    front.append([])
                continue
            pieces = _pieces(line)
            if not pieces:
                continue
            cells: dict[int, str] = {}
            for start, piece in pieces:
                # In tab-separated text a piece's place is its cell number; a line without tabs is one cell.
                column = (min(start, _COLUMNS - 1) if "\t" in line else 0) if tabbed else _column(start, starts)
                if column == 0 and is_ref(cells.get(0, "")):
                    # The ref column holds the ref alone: text after it on a line squeezed left is the recommendation.
                    column = 1
                cells[column] = f"{cells[column]} {piece}" if column in cells else piece
            first = cells.get(0, "")
            if first and is_ref(first):
                rows.start(page)
                rows.add(number, cells)
            elif first and len(cells) == 1:
                rows.span(" ".join(piece for _, piece in pieces), page)
            else:
                rows.add(number, cells)
    rows.close()
    return build_reading(read_header([p for p in front if p]), [rows.rows], [], source=name)
