"""Read a plan from plain text: text extracted from a PDF (cells one after another) or column-aligned text.

Extracted text gives the cells of a table row one after another, column by column, and a row
that crosses a page break carries on after the break, again column by column. The reader
works from the structure such text keeps:

- a ref at the start of a line opens a row ("S34 Concern: ...", "1.8 Prisoners should ...");
- the recommendation column is narrow, the response column wide: the width of a line says
  which column it belongs to when the order alone does not;
- a decision word (Agreed, Partly / agreed, Not Agreed, Accepted, Rejected) ends the
  recommendation and starts the response;
- after the response come the owners and the target dates: short lines that do not end a
  sentence, and date-shaped lines;
- after a page break, an unfinished recommendation or response carries on.

Column-aligned text (``pdftotext -layout``, or text with tab-separated cells) is cut into
cells at the columns the table's header row sets, and read as a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum, auto
from itertools import zip_longest

from actionplan.core.errors import PlanError
from actionplan.core.reading import columns, furniture
from actionplan.core.reading.actions import Paragraph
from actionplan.core.reading.decisions import OPENING_WORDS, decision_at_start, summary_count
from actionplan.core.reading.documents import build_reading
from actionplan.core.reading.header import read_header
from actionplan.core.reading.limits import check_text, check_text_size
from actionplan.core.reading.outcome import Reading
from actionplan.core.reading.plan_table import TableRow
from actionplan.core.reading.recommendations import is_complete, ref_line
from actionplan.core.reading.sections import directed_to, section_title
from actionplan.core.reading.wrapping import ends_sentence, join_lines, tidy
from actionplan.core.targets import looks_like_target

_HEADER_START = re.compile(
    r"(?:1\.?\s*)?(?:rec(?:ommendation)?\.?(?:\s*(?:no|ref|number)\.?)?|ref(?:erence)?\.?|no\.?|1\.)", re.I
)
_HEADER_END = re.compile(r".*\b(?:target|timescales?|date|by\s+when)\b.*", re.I)
_HEADER_MIDDLE = re.compile(r"\b(?:response|owner)\b", re.I)
# A column-heading block is a run of short lines: longer lines are the table's content.
_HEADER_LINE_WORDS = 5
_HEADER_LINES = 40
# Response lines fill the wide column; a line shorter than this share of the widest lines is narrow.
_NARROW_SHARE = 0.6
_SECTION_LINES = 3
# In text where a row's columns run together on each line, a decision follows the recommendation's last sentence,
# and an owner and target follow the response's.
_DECISION_INSIDE = re.compile(
    r"(?<=[.!?)])\s+(?=(?:Partly\s+[Aa]greed|Not\s+[Aa]greed|Agreed|Partly\s+[Aa]ccepted|Accepted|Rejected)\s+[A-Z])"
)
_OWNER_AFTER_SENTENCE = re.compile(r"(?<=[.!?])\s+(?P<tail>[A-Z][^.!?]*)$")
_OWNER_TAIL = 60
_NOT_APPLICABLE = re.compile(r"n\s*/\s*a", re.I)


@dataclass(frozen=True)
class Line:
    """A line of text with its page, and whether a paragraph break comes before it."""

    text: str
    page: int
    breaks: bool


def lines_of(text: str) -> list[Line]:
    """The lines of extracted text with their pages and paragraph breaks.

    A form feed starts a page, and so does a run of empty lines longer than the text uses
    between paragraphs. Some extractors put an empty line after every line ("double spacing"):
    there a line holding only spaces breaks a paragraph, and an empty line breaks one only
    after lines that followed each other directly.
    """
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = [i for i, line in enumerate(raw) if line.strip()]
    followed_by_empty = sum(1 for i in filled if i + 1 < len(raw) and raw[i + 1] == "")
    double_spaced = bool(filled) and followed_by_empty / len(filled) > 0.6
    page_run = 2 if double_spaced else 3
    found: list[Line] = []
    page, empties, spaces, gap_before_last = 1, 0, False, 1
    for raw_line in raw:
        pieces = raw_line.split("\f")
        for index, piece in enumerate(pieces):
            if index:
                page, empties, spaces = page + 1, 0, True
            if piece == "":
                empties += 1
                continue
            if not piece.strip():
                spaces = True
                if empties >= page_run:
                    page = page + 1
                empties = 0
                continue
            if empties >= page_run:
                page, spaces = page + 1, True
            breaks = spaces or (empties > 0 and (not double_spaced or gap_before_last == 0))
            if not found or found[-1].page != page:
                breaks = True
            found.append(Line(tidy(piece), page, breaks))
            gap_before_last, empties, spaces = empties, 0, False
    return found


def split_owner_target(text: str, *, narrow: float) -> tuple[str, str] | None:
    """A short line holding an owner and a target side by side ("Novus/Governor March 2020")."""
    if len(text) > narrow or ends_sentence(text):
        return None
    words = text.split(" ")
    for size in range(min(4, len(words) - 1), 0, -1):
        tail = " ".join(words[-size:])
        if looks_like_target(tail):
            return " ".join(words[:-size]), tail
    return None


class _State(Enum):
    RECOMMENDATION = auto()
    RESPONSE = auto()
    OWNERS = auto()
    CONTINUED = auto()


@dataclass
class _Segment:
    """One page's part of a table row."""

    page: int
    ref: str = ""
    recommendation: list[Line] = field(default_factory=list)
    decision: str = ""
    response: list[Line] = field(default_factory=list)
    owners_and_targets: list[Line] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.ref or self.recommendation or self.decision or self.response or self.owners_and_targets)


@dataclass
class _Row:
    segments: list[_Segment]
    decided: bool = False

    @property
    def segment(self) -> _Segment:
        return self.segments[-1]

    def recommendation_text(self) -> str:
        return join_lines(line.text for s in self.segments for line in s.recommendation)

    def last_response(self) -> str:
        lines = [line.text for s in self.segments for line in s.response]
        return lines[-1] if lines else ""


class _FlowReader:
    """Extracted text, line by line, into table rows."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        widths = sorted(len(line.text) for line in lines) or [0]
        self.narrow = _NARROW_SHARE * widths[int(0.9 * (len(widths) - 1))]
        self.concern_numbers = not any(ref_line(line.text, concern_numbers=False) for line in lines)
        self.last_number = 0
        self.rows: list[TableRow] = []
        self.row: _Row | None = None
        self.state = _State.RECOMMENDATION
        self.page = lines[0].page if lines else 1
        self.loose: list[Line] = []

    def read(self) -> list[TableRow]:
        index = 0
        while index < len(self.lines):
            index = self._line(index)
        self._close()
        self._loose()
        return self.rows

    def _line(self, index: int) -> int:
        line = self.lines[index]
        if line.page != self.page:
            self.page = line.page
            if self.row is not None:
                self.state = _State.CONTINUED
                self.row.segments.append(_Segment(page=line.page))
        if opened := self._ref(line):
            self._close()
            ref, rest = opened
            self.row = _Row([_Segment(page=line.page, ref=ref)])
            self.state = _State.RECOMMENDATION
            if rest and not self._decided_inline(self.row, Line(rest, line.page, False)):
                self.row.segment.recommendation.append(Line(rest, line.page, False))
            return index + 1
        if line.breaks and (used := self._spanning(index)):
            return index + used
        if whom := directed_to(line.text):
            self._close()
            self._span(f"Directed to: {whom}", line.page)
            return index + 1
        if counted := summary_count(line.text):
            self._close()
            self._span(f"{counted[0].replace('_', ' ')} {counted[1]}", line.page)
            return index + 1
        if self.row is None:
            self.loose.append(line)
            return index + 1
        return self._in_row(index, self.row)

    def _ref(self, line: Line) -> tuple[str, str] | None:
        opened = ref_line(line.text, concern_numbers=self.concern_numbers)
        if opened and self.concern_numbers:
            # Concerns are numbered 1, 2, 3: a line opening with another number is text.
            if opened[0] != str(self.last_number + 1):
                return None
            self.last_number += 1
        return opened

    def _spanning(self, index: int) -> int:
        """How many lines a section heading starting at ``index`` takes (0 when there is none there)."""
        for size in range(_SECTION_LINES, 0, -1):
            taken = self.lines[index : index + size]
            if len(taken) < size or any(line.breaks or line.page != taken[0].page for line in taken[1:]):
                continue
            if title := section_title(join_lines(line.text for line in taken)):
                self._close()
                self._span(title, taken[0].page)
                return size
        return 0

    def _in_row(self, index: int, row: _Row) -> int:
        line = self.lines[index]
        segment = row.segment
        if self.state is _State.CONTINUED:
            self.state = self._continued_state(line, row)
        if self.state is _State.RECOMMENDATION:
            if not row.decided and (used := self._decision(index, row)):
                return index + used
            if not row.decided and self._decided_inline(row, line):
                return index + 1
            if len(line.text) > self.narrow:
                self.state = _State.RESPONSE
        if self.state is _State.RESPONSE and (ending := _owner_at_end(line.text)):
            segment.response.append(Line(ending[0], line.page, line.breaks))
            segment.owners_and_targets.append(Line(ending[1], line.page, True))
            self.state = _State.OWNERS
        elif self.state is _State.RECOMMENDATION:
            segment.recommendation.append(line)
        elif self.state is _State.RESPONSE and self._starts_owners(line, row):
            self.state = _State.OWNERS
            segment.owners_and_targets.append(line)
        elif self.state is _State.OWNERS and (len(line.text) <= self.narrow or looks_like_target(line.text)):
            segment.owners_and_targets.append(line)
        else:
            self.state = _State.RESPONSE
            segment.response.append(line)
        return index + 1

    def _continued_state(self, line: Line, row: _Row) -> _State:
        """Which column the first line after a page break carries on."""
        if len(line.text) > self.narrow:
            return _State.RESPONSE
        if not is_complete(row.recommendation_text()) or (not row.decided and decision_at_start(line.text)):
            return _State.RECOMMENDATION
        previous = row.last_response()
        if previous and not ends_sentence(previous) and not self._is_owner_or_target(line):
            return _State.RESPONSE
        return _State.OWNERS

    def _decision(self, index: int, row: _Row) -> int:
        """How many lines the decision opening at ``index`` takes (0 when there is none there)."""
        line = self.lines[index]
        text, used = line.text, 1
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if text.lower() in OPENING_WORDS and following is not None:
            text, used = f"{text} {following.text}", 2
        found = decision_at_start(text)
        if found is None or (used == 2 and found[0].lower() in ("agreed", "accepted")):
            return 0
        words, rest = found
        row.segment.decision = words
        row.decided = True
        self.state = _State.RESPONSE
        if rest:
            row.segment.response.append(Line(rest, line.page, True))
        return used

    def _decided_inline(self, row: _Row, line: Line) -> bool:
        """Read a recommendation and its decision run together on one line ("... every weekday. Agreed A new ...")."""
        found = _DECISION_INSIDE.search(line.text)
        if found is None:
            return False
        decision = decision_at_start(line.text[found.end() :])
        if decision is None:
            return False
        row.segment.recommendation.append(Line(line.text[: found.start()], line.page, line.breaks))
        row.segment.decision, rest = decision
        row.decided = True
        self.state = _State.RESPONSE
        if rest:
            row.segment.response.append(Line(rest, line.page, True))
        return True

    def _is_owner_or_target(self, line: Line) -> bool:
        return _is_target(line.text) or split_owner_target(line.text, narrow=self.narrow) is not None

    def _starts_owners(self, line: Line, row: _Row) -> bool:
        """True when a line after the response is the first owner or target rather than more response."""
        if self._is_owner_or_target(line):
            return True
        text = line.text
        if len(text) > self.narrow or ends_sentence(text) or text[0].islower():
            return False
        return bool(row.last_response())

    def _close(self) -> None:
        row, self.row = self.row, None
        if row is None:
            return
        self.rows.extend(self._table_row(segment) for segment in row.segments if not segment.empty)

    def _table_row(self, segment: _Segment) -> TableRow:
        page = segment.page
        owners, targets = self._owners_and_targets(segment.owners_and_targets)
        owner_cell, target_cell = [], []
        # Synthetic positions keep each owner beside the target written with it.
        for place, (owner, target) in enumerate(zip_longest(owners, targets)):
            if owner:
                owner_cell.append(Paragraph(owner, page, float(place)))
            if target:
                target_cell.append(Paragraph(target, page, float(place)))
        return TableRow(
            cells=[
                [Paragraph(segment.ref, page)] if segment.ref else [],
                [Paragraph(join_lines(line.text for line in segment.recommendation), page)],
                [Paragraph(segment.decision, page)] if segment.decision else [],
                [Paragraph(text, page) for text in _paragraphs(segment.response)],
                owner_cell,
                target_cell,
            ],
            page=page,
        )

    def _owners_and_targets(self, lines: list[Line]) -> tuple[list[str], list[str]]:
        """The owners, and the targets, of one page's part of a row, each in order.

        An owner may take several lines ("Greater / Manchester NHS / Foundation Trust"):
        lines with no paragraph break between them are one owner.
        """
        owners: list[list[str]] = []
        targets: list[str] = []
        open_owner = False
        index = 0
        while index < len(lines):
            line = lines[index]
            following = lines[index + 1] if index + 1 < len(lines) else None
            if _is_target(line.text):
                targets.append(line.text)
                open_owner = False
            elif following and not following.breaks and looks_like_target(f"{line.text} {following.text}"):
                targets.append(f"{line.text} {following.text}")
                open_owner = False
                index += 1
            elif split := split_owner_target(line.text, narrow=self.narrow):
                owner, target = split
                if open_owner and not line.breaks:
                    owners[-1].append(owner)
                else:
                    owners.append([owner])
                targets.append(target)
                open_owner = False
            elif open_owner and not line.breaks:
                owners[-1].append(line.text)
            else:
                owners.append([line.text])
                open_owner = True
            index += 1
        # Owners written one under another with no gap ("Head of Safer Custody" / "Deputy Governor") are one
        # owner each when the targets beside them are as many.
        while len(owners) < len(targets) and (several := next((o for o in owners if len(o) > 1), None)):
            place = owners.index(several)
            owners[place : place + 1] = [[several[0]], several[1:]]
        return [join_lines(owner) for owner in owners], targets

    def _span(self, text: str, page: int) -> None:
        self._loose()
        self.rows.append(TableRow(cells=[[Paragraph(text, page)]], page=page))

    def _loose(self) -> None:
        """Text outside any row goes to the table as rows of its own, so that it is reported, not lost."""
        for group in _groups(self.loose):
            page = group[0].page
            self.rows.append(TableRow(cells=[[Paragraph(join_lines(line.text for line in group), page)]], page=page))
        self.loose = []


def _owner_at_end(text: str) -> tuple[str, str] | None:
    """A response line that ends with its owner and target run on ("... summer term. Head of Regime 31/07/2018")."""
    found = _OWNER_AFTER_SENTENCE.search(text)
    if found is None or split_owner_target(found["tail"], narrow=_OWNER_TAIL) is None:
        return None
    return text[: found.start()], found["tail"]


def _is_target(text: str) -> bool:
    """A target date as column 6 holds it, or "N/A" where a rejected recommendation has none."""
    return looks_like_target(text) or _NOT_APPLICABLE.fullmatch(text) is not None


def _groups(lines: list[Line]) -> list[list[Line]]:
    """Lines gathered into paragraphs at the paragraph breaks."""
    groups: list[list[Line]] = []
    for line in lines:
        if line.breaks or not groups:
            groups.append([])
        groups[-1].append(line)
    return groups


def _paragraphs(lines: list[Line]) -> list[str]:
    return [join_lines(line.text for line in group) for group in _groups(lines)]


def _header_block(lines: list[Line], start: int) -> int:
    """How many lines the column headings starting at ``start`` take (0 when they do not start there)."""
    if columns.is_header_line(lines[start].text):
        return 1
    if not _HEADER_START.fullmatch(lines[start].text):
        return 0
    for end in range(start, min(start + _HEADER_LINES, len(lines))):
        text = lines[end].text
        if len(text.split()) > _HEADER_LINE_WORDS:
            return 0
        if _HEADER_END.fullmatch(text):
            block = " ".join(line.text for line in lines[start : end + 1])
            return end - start + 1 if _HEADER_MIDDLE.search(block) else 0
    return 0


def _table_start(lines: list[Line]) -> int:
    concern_numbers = not any(ref_line(line.text, concern_numbers=False) for line in lines)
    for index, line in enumerate(lines):
        if _header_block(lines, index) or ref_line(line.text, concern_numbers=concern_numbers):
            return index
        if line.breaks and (section_title(line.text) or directed_to(line.text)):
            return index
    return len(lines)


def decode(data: bytes, *, name: str) -> str:
    """The characters of a text file: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PlanError("the file is neither text, PDF nor Word", source=name) from None
    if b"\x00" in data:
        raise PlanError("the file is neither text, PDF nor Word (it holds binary data)", source=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise PlanError("the file is neither text, PDF nor Word", source=name) from None


def read(data: bytes, name: str) -> Reading:
    """Read a plan from the bytes of a text file."""
    check_text_size(data, name=name)
    return read_text(decode(data, name=name), name=name)


def read_text(text: str, *, name: str) -> Reading:
    """Read a plan from text; PlanError naming ``name`` when the text holds no plan."""
    check_text(text, name=name)
    text = furniture.without_furniture(furniture.repair(text))
    if columns.is_column_aligned(text):
        return columns.read_columns(text, name=name)
    lines = lines_of(text)
    start = _table_start(lines)
    front = lines[:start]
    header = read_header([[line.text for line in group] for group in _groups(front)])
    table_lines: list[Line] = []
    index = start
    while index < len(lines):
        if used := _header_block(lines, index):
            index += used
            if index < len(lines):
                following = lines[index]
                lines[index] = Line(following.text, following.page, True)
            continue
        table_lines.append(lines[index])
        index += 1
    rows = _FlowReader(table_lines).read()
    return build_reading(header, [rows], [], source=name)
