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

import copy
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum, auto
from itertools import combinations, pairwise, zip_longest
from typing import Literal

from actionplan.core.checking.config import CheckConfig
from actionplan.core.checking.reasons import detect_reasons
from actionplan.core.errors import PlanError
from actionplan.core.plan import Decision
from actionplan.core.reading import columns, furniture
from actionplan.core.reading.actions import Paragraph
from actionplan.core.reading.decisions import OPENING_WORDS, decision_at_start, read_decision, summary_count
from actionplan.core.reading.documents import build_reading
from actionplan.core.reading.header import read_header
from actionplan.core.reading.limits import check_text, check_text_size
from actionplan.core.reading.outcome import Reading
from actionplan.core.reading.plan_table import TableRow
from actionplan.core.reading.recommendations import is_complete, ref_line, split_recommendation
from actionplan.core.reading.sections import directed_to, section_title
from actionplan.core.reading.wrapping import continues, ends_sentence, join_lines, tidy
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
    headings = _first_heading(lines)
    lines = _without_running_titles(lines, min(_table_start(lines), len(lines) if headings is None else headings))
    start = _table_start(lines)
    front = lines[:start]
    header = read_header([[line.text for line in group] for group in _groups(front)])
    headings = _first_heading(lines)
    if headings is not None and (runs := _read_runs(lines[headings:])) is not None:
        front = lines[: min(start, headings)]
        header = read_header([[line.text for line in group] for group in _groups(front)])
        return build_reading(header, [runs], [], source=name)
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


def _without_running_titles(lines: list[Line], start: int) -> list[Line]:
    """The lines without a running title: a line of the cover or introduction (before ``start``) that comes back on
    every page of the table ("HMP Ashcombe: action plan"). Plain text may give it among a page's cells, where it
    would pass for an owner; a cell that stands alone, such as a decision, is the table's own."""
    front = {line.text for line in lines[:start] if not _stands_alone(line.text)}
    table_pages = {line.page for line in lines[start:]}
    pages: dict[str, set[int]] = {}
    for line in lines[start:]:
        if line.text in front:
            pages.setdefault(line.text, set()).add(line.page)
    titles = {text for text, on in pages.items() if len(on) > 1 and on == table_pages}
    if not titles:
        return lines
    kept = lines[:start]
    taken = False
    for line in lines[start:]:
        if line.text in titles:
            taken = True
            continue
        kept.append(Line(line.text, line.page, line.breaks or taken))
        taken = False
    return kept


# Numbered column headings as poppler's plain text gives them, one heading (of one or more lines) at a time.
_FIRST_HEADING = re.compile(r"1\.\s*rec\.?(?:\s*no\.?)?", re.I)
_SECOND_HEADING = re.compile(r"2\.\s*recommendations?", re.I)
_THIRD_HEADING = re.compile(r"3\.(?:\s.*)?", re.I)
_LATER_HEADING = re.compile(r"[3-6]\.(?:\s.*)?")
_LAST_HEADING = re.compile(r"6\.\s*target\s+dates?", re.I)
_HEADING_NO = re.compile(r"no\.?", re.I)
_SUMMARY_TITLE = re.compile(r"recommendations", re.I)
_SUMMARY_LABELS = frozenset(
    {"agreed", "partly agreed", "not agreed", "accepted", "partly accepted", "rejected", "total"}
)
_COUNT = re.compile(r"\d{1,4}")
# Lines of the recommendation column are at most this share of the width of the response column's.
_RECOMMENDATION_SHARE = 0.8
# The response column's longest lines hold at least this many characters on a published plan's page.
_FILLED_RESPONSE = 45
_CONCERN_START = re.compile(r"concern\s*:", re.I)
_RECOMMENDATION_START = re.compile(r"recommendation\s*:", re.I)
_BRACKETED_END = re.compile(r"\s*\([^()]{1,40}\)$")
# Where a page's rows may start in more ways than this, it is not re-divided by its owners.
_MOST_DIVISIONS = 5000
# Words of a response and of its recommendation meet on their first letters.
_STEM = 5
_RUN_ON_SENTENCE = re.compile(r"^[a-z]|[.!?] [a-z]")
_BRACKETED_REF = re.compile(r"\([^()]{1,40}\)")


@dataclass
class _RunRow:
    """A row of the plan table put back together from the column runs of plain text, one page's part of it."""

    ref: str
    recommendation: list[str] = field(default_factory=list)
    decision: str = ""
    response: list[list[str]] = field(default_factory=list)
    owner_lines: list[Line] = field(default_factory=list)
    owners: list[list[str]] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    # The response paragraphs that followed the one before with no gap: poppler ran two rows' cells together there.
    run_on: set[int] = field(default_factory=set)


@dataclass
class _RunPage:
    """One page of a plan table whose columns poppler's plain text gives a run at a time."""

    left: list[Line]
    right: list[Line]


def in_column_runs(text: str) -> bool:
    """True for a plan table as poppler's plain text gives it, the first two columns of a page before the rest."""
    lines = lines_of(furniture.without_furniture(furniture.repair(text)))
    headings = _first_heading(lines)
    return headings is not None and _run_pages(lines[headings:]) is not None


def _first_heading(lines: list[Line]) -> int | None:
    return next((i for i, line in enumerate(lines) if _FIRST_HEADING.fullmatch(line.text)), None)


def _run_pages(lines: list[Line]) -> list[_RunPage] | None:
    """The pages of the table split at their column headings, or None when the text is not laid out so.

    poppler's plain text of a LibreOffice table gives, on each page, the first two columns' headings and
    text, and only then the other columns' headings and text: the refs and recommendations (the left
    run), then the decisions, responses, owners and targets (the right run).
    """
    pages: list[_RunPage] = []
    index = 0
    while index < len(lines):
        if not _FIRST_HEADING.fullmatch(lines[index].text):
            if not pages:
                return None
            pages[-1].right.append(lines[index])
            index += 1
            continue
        index += 1
        if index < len(lines) and _HEADING_NO.fullmatch(lines[index].text):
            index += 1
        left: list[Line] = []
        while index < len(lines) and not _THIRD_HEADING.fullmatch(lines[index].text):
            if not _SECOND_HEADING.fullmatch(lines[index].text):
                left.append(lines[index])
            index += 1
        # Between the other columns' headings (each a block of lines) poppler may give the first decisions.
        # A heading goes on while its last line leaves it open ("Agreed /", "Partly") and on the lines of
        # heading words that follow it directly, unless they are a decision.
        between: list[Line] = []
        heading, open_heading = True, True
        while index < len(lines) and not _LAST_HEADING.fullmatch(lines[index].text):
            line = lines[index]
            text = line.text
            decision = text.lower() in OPENING_WORDS or decision_at_start(text) == (text, "")
            heading = bool(
                _LATER_HEADING.fullmatch(text)
                or open_heading
                or (heading and not line.breaks and not decision and columns.is_heading_words(text))
            )
            open_heading = heading and (text.endswith("/") or text.lower() in OPENING_WORDS or text[-1] == ".")
            if not heading:
                between.append(line)
            index += 1
        if index == len(lines):
            return None
        pages.append(_RunPage(left, between))
        index += 1
    return pages or None


def _split_recommendations(lines: list[str], count: int) -> list[list[str]] | None:
    """The recommendation column's lines cut into ``count`` recommendations, or None when they cannot be."""
    if count == 0:
        return [] if not lines else None
    # A recommendation ends a sentence and the next starts with a capital, but a concern goes on with its
    # recommendation.
    ends = []
    since = 0
    for i, following in enumerate(lines[1:]):
        if _closes(lines[since : i + 1]) and following[:1].isupper() and not _RECOMMENDATION_START.match(following):
            ends.append(i + 1)
            since = i + 1
    if len(ends) < count - 1:
        return None
    ends.sort(key=lambda end: not _CONCERN_START.match(lines[end]))
    starts = [0, *sorted(ends[: count - 1])]
    return [lines[start:end] for start, end in zip(starts, [*starts[1:], len(lines)], strict=True)]


def _closes(lines: list[str]) -> bool:
    """True when lines end a sentence with every bracket closed, also with a ref in brackets after it
    ("... training. (S11)", "... bells. (Repeated recommendation 4.18)")."""
    text = " ".join(lines)
    if text.count("(") != text.count(")"):
        return False
    before = _BRACKETED_END.sub("", text)
    return not before or ends_sentence(before)


def _read_runs(lines: list[Line]) -> list[TableRow] | None:
    """The rows of a plan table from poppler's plain text of a LibreOffice PDF, or None when it is not such text.

    Each column's text keeps its order, so the refs are matched with the recommendations in order, and
    the decisions with the refs. A response, its owners and its targets go to the row whose decision
    came last; a row whose decision came after everything else on the page takes the last paragraph
    and pair of the row before it that has more than one.
    """
    pages = _run_pages(lines)
    if pages is None:
        return None
    seen = Counter(line.text for line in lines)
    for page in pages:
        # The running header comes last in the left run, after the page's recommendations.
        while page.left and seen[page.left[-1].text] > 1 and not ends_sentence(page.left[-1].text):
            page.left.pop()
    _sort_columns(pages)
    rows: list[TableRow] = []
    last: _RunRow | None = None
    for number, page in enumerate(pages, start=1):
        read = _read_run_page(page, last, number)
        if read is None:
            return None
        page_rows, last = read
        rows.extend(page_rows)
    return rows


def _sort_columns(pages: list[_RunPage]) -> None:
    """Move to the other run what poppler gave in the wrong one: a recommendation (narrow lines, or a
    "Concern:", or after a ref) among the responses, a decision or a response (wide lines) among the
    recommendations. The widest lines are the response column's; the recommendation column is narrower.
    """
    prose = sorted(len(line.text) for page in pages for line in page.left + page.right)
    if not prose:
        return
    widest = prose[int(0.95 * (len(prose) - 1))]
    # In a short table no line need fill its column: widths say nothing there.
    measured = widest >= _FILLED_RESPONSE
    narrow = _RECOMMENDATION_SHARE * widest if measured else float("inf")
    for page in pages:
        left: list[Line] = []
        right: list[Line] = []
        for side, lines in (("left", page.left), ("right", page.right)):
            in_summary = after_ref = False
            for paragraph in _run_paragraphs(lines):
                texts = [line.text for line in paragraph]
                first = texts[0]
                if (opened := ref_line(first, concern_numbers=False)) and not opened[1]:
                    left.extend(paragraph)
                    # A ref among the responses has its recommendation after it.
                    after_ref = side == "right"
                    continue
                # The stated summary's labels follow its title, up to "Total"; its counts stay in the right run.
                if _SUMMARY_TITLE.fullmatch(first) or (in_summary and all(t.lower() in _SUMMARY_LABELS for t in texts)):
                    left.extend(paragraph)
                    in_summary = texts[-1].lower() != "total"
                    continue
                in_summary = False
                decision = decision_at_start(first) == (first, "") or first.lower() in OPENING_WORDS
                wide = max(len(text) for text in texts) > narrow
                recommendation = (
                    _CONCERN_START.match(first)
                    or _RECOMMENDATION_START.match(first)
                    or (measured and len(texts) > 1 and not wide and _closes(texts))
                    or (after_ref and not decision and not _is_target(first))
                )
                after_ref = False
                if side == "left":
                    (right if decision or wide else left).extend(paragraph)
                else:
                    (left if recommendation and not decision else right).extend(paragraph)
        page.left, page.right = left, right


def _run_paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Lines gathered into paragraphs: a paragraph ends at a break, or where its text closes a sentence."""
    paragraphs: list[list[Line]] = []
    closed = True
    for line in lines:
        alone = _stands_alone(line.text)
        # A ref in brackets on a line of its own belongs to the recommendation before it ("... bells." / "(S14)").
        closed = closed and not (_BRACKETED_REF.fullmatch(line.text) and not line.breaks and paragraphs)
        if closed or line.breaks or alone:
            paragraphs.append([])
        paragraphs[-1].append(line)
        closed = alone or _closes([each.text for each in paragraphs[-1]])
    return paragraphs


def _finished(lines: list[str]) -> bool:
    """True when a recommendation's lines read as finished, also when a ref in brackets follows its last sentence
    ("... call bells. (Repeated recommendation 1.26)")."""
    text = join_lines(lines)
    return is_complete(_BRACKETED_END.sub("", text) or text)


def _stands_alone(text: str) -> bool:
    """True for a line that is a cell or a heading on its own: a ref, a section, a decision, a target, a count."""
    opened = ref_line(text, concern_numbers=False)
    return bool(
        (opened and not opened[1])
        or section_title(text)
        or directed_to(text)
        or decision_at_start(text) == (text, "")
        or _is_target(text)
        or _COUNT.fullmatch(text)
    )


def _read_run_page(page: _RunPage, before: _RunRow | None, number: int) -> tuple[list[TableRow], _RunRow | None] | None:
    """A page's rows, its sections and stated summary in their places, and the row a next page may carry on;
    None when its runs do not fit together. ``before`` is the last row of the page before, if any."""
    spanning: list[tuple[int, str]] = []
    refs: list[str] = []
    texts: list[str] = []
    labels: list[str] = []
    index = 0
    while index < len(page.left):
        text = page.left[index].text
        index += 1
        if labels or _SUMMARY_TITLE.fullmatch(text):
            if text.lower() in _SUMMARY_LABELS:
                labels.append(text)
            elif not labels:
                labels.append("")
        elif title := section_title(text):
            spanning.append((len(refs), title))
        elif whom := directed_to(text):
            spanning.append((len(refs), f"Directed to: {whom}"))
        elif (opened := ref_line(text, concern_numbers=False)) and not opened[1]:
            refs.append(opened[0])
        else:
            texts.append(text)
    carried: list[str] = []
    if before is not None and not _finished(before.recommendation):
        while texts and not _finished([*before.recommendation, *carried]):
            carried.append(texts.pop(0))
    split = _split_recommendations(texts, len(refs))
    if split is None:
        return None
    continued = _RunRow("", carried) if before is not None else None
    rows = [_RunRow(ref, text) for ref, text in zip(refs, split, strict=True)]
    counts = _answer_rows(page.right, continued, rows, before)
    if counts is None:
        return None
    table: list[TableRow] = []
    parts = [
        row
        for row in [continued]
        if row is not None and (row.recommendation or row.response or row.owners or row.targets)
    ]
    for place, row in enumerate([*parts, *rows]):
        for _, title in [s for s in spanning if s[0] == place - len(parts)]:
            table.append(TableRow(cells=[[Paragraph(title, number)]], page=number))
        table.append(_run_table_row(row, number))
    for _, title in [s for s in spanning if s[0] == len(rows)]:
        table.append(TableRow(cells=[[Paragraph(title, number)]], page=number))
    summary = [label for label in labels if label]
    if len(summary) == len(counts):
        table.extend(
            TableRow(cells=[[Paragraph(f"{label} {count}", number)]], page=number)
            for label, count in zip(summary, counts, strict=True)
        )
    last = rows[-1] if rows else (continued if continued is not None else before)
    if last is not None and before is not None and last is continued:
        last.recommendation = [*before.recommendation, *last.recommendation]
    return table, last


def _answer_rows(
    right: list[Line], continued: _RunRow | None, rows: list[_RunRow], before: _RunRow | None
) -> list[str] | None:
    """Give a page's right run to its rows the way whose rows take the shape of a plan's rows best: in the order
    of its paragraphs, or by its owners where poppler gave the paragraphs out of order."""
    other_continued, other_rows = copy.deepcopy((continued, rows))
    counts = _assign_right_run(right, continued, rows)
    carries = before is not None and bool(before.response) and not ends_sentence(before.response[-1][-1])
    other = _redivide(right, other_continued, other_rows, carries=carries)
    if other is None or (counts is not None and _misfit(other_continued, other_rows) >= _misfit(continued, rows)):
        return counts
    for kept, redone in zip([continued, *rows], [other_continued, *other_rows], strict=True):
        if kept is not None and redone is not None:
            vars(kept).update(vars(redone))
    return other


def _assign_right_run(right: list[Line], continued: _RunRow | None, rows: list[_RunRow]) -> list[str] | None:
    """Give the decisions, response paragraphs and owners of a page's right run to its rows, and the targets to
    the owners in order; the counts of the stated summary left over. None when the run cannot be read so.

    poppler may give a page's last targets, or last decisions, after everything else: each column keeps
    its order, but the columns do not keep step with one another.
    """
    widths = sorted(len(line.text) for line in right) or [0]
    narrow = _NARROW_SHARE * widths[int(0.9 * (len(widths) - 1))]
    current = continued
    decided = 0
    counts: list[str] = []
    targets: list[str] = []
    owner_before = response_before = after_text = False
    index = 0
    while index < len(right):
        line = right[index]
        index += 1
        text = line.text
        follows_response, response_before = response_before, False
        if text.lower() in OPENING_WORDS and index < len(right):
            joined = f"{text} {right[index].text}"
            if (found := decision_at_start(joined)) and not found[1]:
                text = joined
                index += 1
        found = decision_at_start(text)
        if found is not None and not found[1]:
            if decided == len(rows):
                return None
            rows[decided].decision = found[0]
            # Decisions one after another, with nothing between them, come before the first one's response;
            # but after a row's text, the text after them is the last one's.
            after_text = after_text or bool(current is not None and (current.response or current.owner_lines))
            if current is None or current is continued or after_text:
                current = rows[decided]
            decided += 1
            owner_before = False
            continue
        after_text = False
        if _COUNT.fullmatch(text):
            counts.append(text)
            continue
        if _is_target(text):
            targets.append(text)
            owner_before = False
            continue
        if current is None:
            # On the first page, the first row's response may come before its decision.
            if not rows:
                return None
            current = rows[0]
        owner_goes_on = owner_before and not line.breaks and not ends_sentence(text)
        # An owner is short, or stands just before its target.
        before_target = index < len(right) and _is_target(right[index].text)
        owner = (len(text) <= narrow or before_target) and not ends_sentence(text) and not text[0].islower()
        if owner or owner_goes_on:
            # An owner may take two lines ("Head of Learning" / "and Skills").
            current.owner_lines.append(line)
            owner_before = True
            continue
        owner_before = False
        response_before = True
        previous = current.response[-1][-1] if current.response else ""
        # A lead-in ("The part that will be implemented:") is a paragraph of its own when a gap follows it.
        if previous and (continues(previous, text) or not (line.breaks or ends_sentence(previous))):
            current.response[-1].append(text)
        else:
            if follows_response and not line.breaks:
                current.run_on.add(len(current.response))
            current.response.append([text])
    page_rows = [row for row in [continued, *rows] if row is not None]
    _group_owners(page_rows, len(targets))
    _balance(rows)
    _return_lead_ins(page_rows)
    for row in page_rows:
        row.targets, targets = targets[: len(row.owners)], targets[len(row.owners) :]
    if targets and page_rows:
        page_rows[-1].targets.extend(targets)
    return counts


def _group_owners(rows: list[_RunRow], targets: int) -> None:
    """Each row's owner lines as owners: lines that follow one another are one owner, and owners are cut
    where a line starts with a capital while there are fewer owners than targets."""
    for row in rows:
        row.owners = [[line.text for line in group] for group in _groups(row.owner_lines)]
    while sum(len(row.owners) for row in rows) < targets:
        several = next(
            ((row, owner, cut) for row in rows for owner in row.owners if (cut := _second_owner(owner))), None
        )
        if several is None:
            return
        row, owner, cut = several
        place = row.owners.index(owner)
        row.owners[place : place + 1] = [owner[:cut], owner[cut:]]


def _second_owner(lines: list[str]) -> int:
    """Where a second owner starts among an owner's lines (a line opening with a capital), 0 where none does."""
    return next((i for i, text in enumerate(lines[1:], start=1) if text[:1].isupper()), 0)


def _balance(rows: list[_RunRow]) -> None:
    """Rows whose decision came after the rest of the page take their paragraphs and owners from the row before
    them: poppler gave their cells after that row's.

    Where poppler ran the last line of one row's response and the first of the next row's together, with no
    gap, a row starts there; other rows take the giver's last paragraph. Without such places, each row takes
    the last paragraph and owner of the row before it that has more than one owner.
    """
    if _split_repeated(rows) or _share_run_on(rows):
        return
    for place in range(len(rows) - 1, 0, -1):
        row = rows[place]
        if row.owners or not row.decision or read_decision(row.decision) is Decision.NOT_AGREED:
            continue
        giver = next((r for r in reversed(rows[:place]) if len(r.owners) > 1), None)
        if giver is None:
            continue
        row.owners = [giver.owners.pop()]
        if not row.response and len(giver.response) > 1:
            row.response = [giver.response.pop()]


def _split_repeated(rows: list[_RunRow]) -> bool:
    """Split a row whose paragraphs and owners are the same ones twice over, where the page's last decision
    came with no text: two rows answered alike, and poppler gave the second one's decision at the foot of the
    page and its text on from the first's. The rows after them take the text and decision of the row before;
    False where no row is so repeated."""
    if len(rows) < 2 or rows[-1].response or rows[-1].owners:
        return False
    place = next((n for n, row in enumerate(rows[:-1]) if _twice_over(row.response) and _twice_over(row.owners)), None)
    if place is None:
        return False
    late = rows[-1].decision
    for later in range(len(rows) - 1, place + 1, -1):
        before = rows[later - 1]
        rows[later].response, rows[later].owners = before.response, before.owners
        rows[later].decision, rows[later].run_on = before.decision, before.run_on
    first, second = rows[place], rows[place + 1]
    half_response, half_owners = len(first.response) // 2, len(first.owners) // 2
    first.response, second.response = first.response[:half_response], first.response[half_response:]
    first.owners, second.owners = first.owners[:half_owners], first.owners[half_owners:]
    second.decision, second.run_on, first.run_on = late, set(), set()
    return True


def _twice_over(items: list[list[str]]) -> bool:
    """True when ``items`` are the same items twice over."""
    half = len(items) // 2
    return bool(half) and len(items) == 2 * half and items[:half] == items[half:]


def _share_run_on(rows: list[_RunRow]) -> bool:
    """Share out the paragraphs, and owners where they have none, of the row before the page's last rows that
    have no paragraph, cutting its paragraphs where poppler ran rows together; False where the page has no such
    rows or places."""
    # The last row may have text of its own, given after its decision at the foot of the page.
    late = 1
    while late < len(rows) - 1 and not rows[-1 - late].response:
        late += 1
    if late == 1 and (len(rows) < 2 or _has_own_text(rows[-1])):
        return False
    giver, takers = rows[-1 - late], rows[len(rows) - late :]
    paragraphs = len(giver.response)
    cuts = {place for place in giver.run_on if 0 < place < paragraphs}
    if not cuts or len(cuts) > late or paragraphs <= late:
        return False
    # Other rows start at the last paragraphs, but not just after a lead-in, nor at the reasons a partly
    # agreed row gives for the rest: each goes with the paragraph before it. Reasons end a row's response,
    # so a row most likely starts just after them.
    places = [place for place in range(paragraphs - 1, 0, -1) if place not in cuts]
    likely = [place for place in places if _may_start_row(giver.response, place)]
    after_reasons = [place for place in likely if _states_reasons(giver.response[place - 1])]
    ranked = [*after_reasons, *likely, *places]
    cuts.update(list(dict.fromkeys(ranked))[: late - len(cuts)])
    bounds = [0, *sorted(cuts), paragraphs]
    parts = [giver.response[start:end] for start, end in pairwise(bounds)]
    giver.response = parts[0]
    for taker, part in reversed(list(zip(takers, parts[1:], strict=True))):
        taker.response = [*part, *taker.response]
        if taker.owners:
            continue
        wanted = min(_actions_in(taker), len(giver.owners) - 1)
        if wanted > 0:
            taker.owners = giver.owners[-wanted:]
            giver.owners = giver.owners[:-wanted]
    return True


def _has_own_text(row: _RunRow) -> bool:
    """False for a row with no paragraph, or with no owner and only why the previous action plan did not deliver
    it: its actions ran on from the row before."""
    return bool(row.response) and (bool(row.owners) or not all(_explains_previous_plan(p) for p in row.response))


def _explains_previous_plan(paragraph: list[str]) -> bool:
    return bool(CheckConfig.default().repeated_explanation_pattern.search(join_lines(paragraph)))


def _may_start_row(paragraphs: list[list[str]], place: int) -> bool:
    """True when the paragraph at ``place`` may start a row: it follows no lead-in and states no reasons."""
    return not _is_lead_in(paragraphs[place - 1 : place]) and not _states_reasons(paragraphs[place])


def _states_reasons(paragraph: list[str]) -> bool:
    return bool(detect_reasons(join_lines(paragraph))[0])


def _return_lead_ins(rows: list[_RunRow]) -> None:
    """Put back at the head of a partly agreed row the lead-in that opens its response ("The part that will be
    implemented:") where poppler gave it among a later row's paragraphs."""
    for row in rows:
        if read_decision(row.decision) is not Decision.PARTLY_AGREED or _is_lead_in(row.response[:1]):
            continue
        for later in rows[rows.index(row) + 1 :]:
            if read_decision(later.decision) is Decision.PARTLY_AGREED:
                break
            lead_in = next((p for p in later.response if _is_lead_in([p])), None)
            if lead_in is not None:
                later.response.remove(lead_in)
                row.response.insert(0, lead_in)
                break


def _is_lead_in(paragraphs: list[list[str]]) -> bool:
    return bool(paragraphs) and paragraphs[0][-1].endswith(":")


def _actions_in(row: _RunRow) -> int:
    """How many owners a row's response paragraphs call for: one an action, none for a lead-in ending in a
    colon; a partly agreed row's last paragraph says why the rest is not done, and a rejected row has none."""
    decision = read_decision(row.decision)
    if decision is Decision.NOT_AGREED:
        return 0
    actions = sum(
        1 for paragraph in row.response if not _is_lead_in([paragraph]) and not _explains_previous_plan(paragraph)
    )
    if decision is Decision.PARTLY_AGREED:
        actions -= 1
    return max(actions, 1)


def _run_table_row(row: _RunRow, page: int) -> TableRow:
    return TableRow(
        cells=[
            [Paragraph(row.ref, page)] if row.ref else [],
            [Paragraph(join_lines(row.recommendation), page)] if row.recommendation else [],
            [Paragraph(row.decision, page)] if row.decision else [],
            [Paragraph(join_lines(paragraph), page) for paragraph in row.response],
            [Paragraph(join_lines(owner), page, float(place)) for place, owner in enumerate(row.owners)],
            [Paragraph(target, page, float(place)) for place, target in enumerate(row.targets)],
        ],
        page=page,
    )


@dataclass
class _Item:
    """A cell of a page's right run, in the order poppler gave it: a decision, a paragraph, an owner or a target."""

    kind: Literal["decision", "paragraph", "owner", "target"]
    lines: list[str]


@dataclass
class _Unit:
    """A piece a page's rows are cut from, in the table's order: an action (an owner, with the paragraph it answers
    by and the lead-in before it) or, with no owner, a refused row's reasons."""

    owner: list[str] | None
    paragraph: list[str] | None = None
    lead_in: list[str] | None = None
    target: str | None = None


def _right_items(right: list[Line]) -> tuple[list[_Item], list[str]]:
    """A page's right run as decisions, paragraphs, owners and targets in poppler's order, and the summary's
    counts. A paragraph ends with a sentence or a lead-in (what follows a sentence in lower case is the end of a
    paragraph a page break cut off), and owners written one under another are cut apart while there are fewer
    owners than targets."""
    widths = sorted(len(line.text) for line in right) or [0]
    narrow = _NARROW_SHARE * widths[int(0.9 * (len(widths) - 1))]
    items: list[_Item] = []
    counts: list[str] = []
    index = 0
    while index < len(right):
        line = right[index]
        index += 1
        text = line.text
        if text.lower() in OPENING_WORDS and index < len(right):
            joined = f"{text} {right[index].text}"
            if (found := decision_at_start(joined)) and not found[1]:
                text = joined
                index += 1
        found = decision_at_start(text)
        last = items[-1] if items else None
        goes_on = last is not None and not line.breaks
        before_target = index < len(right) and _is_target(right[index].text)
        if found is not None and not found[1]:
            items.append(_Item("decision", [found[0]]))
        elif _COUNT.fullmatch(text):
            counts.append(text)
        elif _is_target(text):
            items.append(_Item("target", [text]))
        elif goes_on and last is not None and last.kind == "owner" and not ends_sentence(text):
            last.lines.append(text)
        elif (len(text) <= narrow or before_target) and not ends_sentence(text) and not text[0].islower():
            items.append(_Item("owner", [text]))
        elif (
            last is not None
            and last.kind == "paragraph"
            and not _is_lead_in([last.lines])
            and not ends_sentence(last.lines[-1])
            and (continues(last.lines[-1], text) or not line.breaks)
        ):
            last.lines.append(text)
        else:
            items.append(_Item("paragraph", [text]))
    targets = sum(1 for item in items if item.kind == "target")
    while sum(1 for item in items if item.kind == "owner") < targets:
        several = [n for n, item in enumerate(items) if item.kind == "owner" and _second_owner(item.lines)]
        if not several:
            break
        # Cut first the owner one of whose parts the page gives as an owner of its own.
        alone = {join_lines(item.lines) for item in items if item.kind == "owner"}
        place = next((n for n in several if alone & set(_owner_parts(items[n].lines))), several[0])
        lines = items[place].lines
        cut = _second_owner(lines)
        items[place : place + 1] = [_Item("owner", lines[:cut]), _Item("owner", lines[cut:])]
    return items, counts


def _owner_parts(lines: list[str]) -> tuple[str, str]:
    """The two owners an owner's lines hold when cut where the second starts."""
    cut = _second_owner(lines)
    return join_lines(lines[:cut]), join_lines(lines[cut:])


def _in_place(items: list[_Item], place: int, *, behind: bool, ahead: bool) -> bool:
    """True when the decision at ``place`` stands where its row starts: an owner or a lead-in follows it before
    the next decision, or it refuses the recommendation and its reasons follow it, or a lead-in or paragraphs
    follow it while no owner before it waits for its paragraph (``behind``: then they are that owner's).

    Where paragraphs wait for their owners before it (``ahead``) and more than one follows it, poppler may have
    put the decision among its row's paragraphs: where the row starts is then left to its owners."""
    refused = read_decision(items[place].lines[0]) is Decision.NOT_AGREED
    paragraphs = 0
    for item in items[place + 1 :]:
        if item.kind == "decision":
            break
        if item.kind == "owner":
            return not (ahead and paragraphs > 1)
        if item.kind == "paragraph":
            if _is_lead_in([item.lines]) and not behind:
                return True
            if refused:
                return _states_reasons(item.lines)
            paragraphs += 1
    return bool(paragraphs) and not behind


@dataclass
class _Division:
    """A page's right run cut into units, with what says where rows start and what goes to rows afterwards."""

    units: list[_Unit] = field(default_factory=list)
    starts: dict[int, str] = field(default_factory=dict)
    late: list[str] = field(default_factory=list)
    late_lead_ins: list[list[str]] = field(default_factory=list)
    reasons: list[list[str]] = field(default_factory=list)
    explanations: list[tuple[list[str], int]] = field(default_factory=list)
    carried: list[list[str]] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


def _divide(items: list[_Item], *, carries: bool) -> _Division | None:
    """The units of a page in the table's order, None where more paragraphs wait than owners. An owner answers
    with the first action paragraph waiting before it; paragraphs still waiting when a decision comes while an
    owner before it has none, or at the page's end, go in order to the owners that had none. A lead-in goes
    before the owner after those that take the paragraphs waiting; ``carries`` when the page may open with the
    end of the paragraph the page before broke off."""
    division = _Division()
    units = division.units
    pending: list[list[str]] = []
    waiting: list[list[str]] = []
    lead_ins: dict[int, list[str]] = {}
    # A target goes to the first owner without one since the last target, or else to the paragraph just before
    # it, where that paragraph waits for an owner; a target left over goes to the first owner without one.
    since: list[_Unit] = []
    targeted: list[tuple[list[str], str]] = []
    loose: list[str] = []
    refused = False
    for place, item in enumerate(items):
        after_refusal, refused = refused, False
        if item.kind == "decision":
            behind = any(unit.owner is not None and unit.paragraph is None for unit in units)
            if behind:
                waiting.extend(pending)
                pending = []
            if _in_place(items, place, behind=behind, ahead=bool(pending)):
                division.starts[len(units) + len(pending)] = item.lines[0]
                refused = read_decision(item.lines[0]) is Decision.NOT_AGREED
            else:
                division.late.append(item.lines[0])
        elif item.kind == "target":
            division.targets.append(item.lines[0])
            waiting_before = items[place - 1].lines if place and items[place - 1].kind == "paragraph" else None
            if since:
                since.pop(0).target = item.lines[0]
                since = []
            elif waiting_before is not None and any(waiting_before is p for p in [*waiting, *pending]):
                targeted.append((waiting_before, item.lines[0]))
            else:
                loose.append(item.lines[0])
        elif item.kind == "owner":
            units.append(_Unit(item.lines, pending.pop(0) if pending else None))
            since.append(units[-1])
        elif carries and not division.carried and item.lines[0][:1].islower():
            division.carried.append(item.lines)
        elif _is_lead_in([item.lines]):
            lead_ins[len(units) + len(pending)] = item.lines
        elif after_refusal and _states_reasons(item.lines):
            units.append(_Unit(None, item.lines))
        elif _states_reasons(item.lines):
            division.reasons.append(item.lines)
        elif _explains_previous_plan(item.lines):
            division.explanations.append((item.lines, len(division.targets)))
        else:
            pending.append(item.lines)
    waiting.extend(pending)
    empty = [unit for unit in units if unit.owner is not None and unit.paragraph is None]
    if len(waiting) > len(empty):
        return None
    for unit, paragraph in zip(empty, waiting, strict=False):
        unit.paragraph = paragraph
    for paragraph, target in targeted:
        filled = next((unit for unit in units if unit.paragraph is paragraph and unit.target is None), None)
        if filled is None:
            loose.append(target)
        else:
            filled.target = target
    for unit in units:
        if unit.owner is not None and unit.target is None and loose:
            unit.target = loose.pop(0)
    for place, lead_in in lead_ins.items():
        if place < len(units):
            units[place].lead_in = lead_in
            division.starts.setdefault(place, "")
        else:
            division.late_lead_ins.append(lead_in)
    return division


def _row_starts(division: _Division, rows: list[_RunRow], *, carries: bool) -> list[int] | None:
    """Where each of a page's rows that has actions starts among its units, None where they cannot all start.

    A row starts at a decision standing in its place, at a lead-in and at a refusal's reasons, and a row
    follows a refusal; a row refused by a decision given elsewhere has no units. The rows whose decisions
    came elsewhere start where the owner changes (one owner usually takes a row's actions), then where no
    row says the same thing twice, then where the actions share the most words with their rows'
    recommendations (a response answers in its recommendation's words), then at the last units."""
    units = division.units
    forced = set(division.starts)
    for place, unit in enumerate(units):
        if unit.owner is None:
            forced.update({place, place + 1} - {len(units)})
    if not carries:
        forced.add(0)
    count = len(rows) - sum(1 for decision in division.late if read_decision(decision) is Decision.NOT_AGREED)
    if not forced or len(forced) > count or len(units) < count:
        return None
    first = min(forced)
    free = [place for place in range(first + 1, len(units)) if place not in forced]
    wanted = count - len(forced)
    if wanted > len(free) or math.comb(len(free), wanted) > _MOST_DIVISIONS:
        return None
    words = [_stems(join_lines(row.recommendation)) for row in rows]
    said = [_stems(join_lines(unit.paragraph or [])) for unit in units]

    def fit(chosen: tuple[int, ...]) -> tuple[bool, int, int, int, tuple[int, ...]]:
        starts = sorted(forced | set(chosen))
        answered = _answers(division, starts, len(rows))
        if answered is None:
            return False, 0, 0, 0, chosen
        changes = sum(1 for place in chosen if not _same_owner(units[place].owner, units[place - 1].owner))
        # A row does not say the same thing twice: two rows answered alike part where the answer comes again.
        repeats = sum(
            len(run) - len({tuple(unit.paragraph or []) for unit in run})
            for run in (units[start:end] for start, end in pairwise([*starts, len(units)]))
        )
        shared = sum(
            len(words[number] & said[place])
            for (number, _), (start, end) in zip(answered[0], pairwise([*starts, len(units)]), strict=True)
            for place in range(start, end)
        )
        return True, changes, -repeats, shared, chosen

    best = max(combinations(free, wanted), key=fit)
    return sorted(forced | set(best))


def _answers(division: _Division, starts: list[int], rows: int) -> tuple[list[tuple[int, str]], dict[int, str]] | None:
    """The number of the row each run of units from ``starts`` answers, with its decision: the decision standing
    where the run starts, else the next decision given elsewhere, passing over the rows refused elsewhere,
    which have no units (given apart, with their decisions). None where the decisions and rows do not come out
    even."""
    late = iter(division.late)
    answers: list[tuple[int, str]] = []
    refused: dict[int, str] = {}
    for start in starts:
        decision = division.starts.get(start) or next(late, "")
        while read_decision(decision) is Decision.NOT_AGREED and not division.starts.get(start):
            refused[len(answers) + len(refused)] = decision
            decision = next(late, "")
        if not decision:
            return None
        answers.append((len(answers) + len(refused), decision))
    for decision in late:
        if read_decision(decision) is not Decision.NOT_AGREED:
            return None
        refused[len(answers) + len(refused)] = decision
    return (answers, refused) if len(answers) + len(refused) == rows else None


def _same_owner(one: list[str] | None, other: list[str] | None) -> bool:
    """True for owners written alike, also where a page break cut one short ("Head of Reducing")."""
    first, second = join_lines(one or []), join_lines(other or [])
    return first.startswith(second) or second.startswith(first)


def _stems(text: str) -> set[str]:
    """The words of a text that carry its meaning, cut to their stems (so "allocated" meets "allocation")."""
    return {word[:_STEM] for word in re.findall(r"[a-z]{4,}", text.lower())}


def _redivide(right: list[Line], continued: _RunRow | None, rows: list[_RunRow], *, carries: bool) -> list[str] | None:
    """Give a page's right run to its rows by its owners, which poppler keeps in order where it gives the
    paragraphs and decisions out of it; the stated summary's counts left over, None where the run does not fit.

    Decisions standing in their places go to the rows they start, the others to the other rows in order.
    A part agreed row's reasons follow its actions; why the previous action plan did not deliver a
    repeated recommendation goes to the next row marked repeated, else to the row of the last target
    before it."""
    items, counts = _right_items(right)
    division = _divide(items, carries=carries)
    if division is None:
        return None
    starts = _row_starts(division, rows, carries=continued is not None)
    if starts is None:
        return None
    answered = _answers(division, starts, len(rows))
    if answered is None:
        return None
    answers, refused = answered
    page_rows = [*([continued] if continued is not None else []), *rows]
    runs = list(pairwise([*starts, len(division.units)]))
    if continued is not None:
        runs.insert(0, (0, starts[0]))
        answers.insert(0, (-1, ""))
    action_rows: list[_RunRow] = []
    for (number, decision), (start, end) in zip(answers, runs, strict=True):
        row = continued if number < 0 else rows[number]
        if row is None:
            return None
        if row is not continued:
            row.decision = decision
        for unit in division.units[start:end]:
            row.response.extend(paragraph for paragraph in (unit.lead_in, unit.paragraph) if paragraph)
            if unit.owner is not None:
                row.owners.append(unit.owner)
                action_rows.append(row)
    for number, decision in refused.items():
        rows[number].decision = decision
    if continued is not None:
        continued.response[:0] = division.carried
    for lead_in in division.late_lead_ins:
        partly = [row for row in rows if read_decision(row.decision) is Decision.PARTLY_AGREED]
        opened = next((row for row in partly if not _is_lead_in(row.response[:1])), None)
        if opened is None:
            return None
        opened.response.insert(0, lead_in)
    # A part agreed row's reasons close its response; a row refused elsewhere has only its reasons.
    # A part agreed row's reasons may carry on to the next page.
    needing = [row for number, row in enumerate(rows) if _is_lead_in(row.response[:1]) or number in refused]
    if len(needing) < len(division.reasons):
        return None
    for row, paragraph in zip(needing, division.reasons, strict=False):
        row.response.append(paragraph)
    repeated = [row for row in rows if split_recommendation(join_lines(row.recommendation)).repeated_from]
    for paragraph, seen in division.explanations:
        unexplained = [row for row in repeated if not any(_explains_previous_plan(p) for p in row.response)]
        if not unexplained and not action_rows:
            return None
        owning = unexplained[0] if unexplained else action_rows[max(min(seen, len(action_rows)) - 1, 0)]
        owning.response.append(paragraph)
    targets = division.targets
    if all(unit.target is not None for unit in division.units if unit.owner is not None):
        for (number, _), (start, end) in zip(answers, runs, strict=True):
            row = continued if number < 0 else rows[number]
            if row is not None:
                row.targets = [unit.target for unit in division.units[start:end] if unit.target is not None]
        return counts
    for row in page_rows:
        row.targets, targets = targets[: len(row.owners)], targets[len(row.owners) :]
    if targets and page_rows:
        page_rows[-1].targets.extend(targets)
    return counts


def _misfit(continued: _RunRow | None, rows: list[_RunRow]) -> int:
    """How far a page's rows are from the shape a row takes: as many owners as actions and as targets, a part
    agreed row's lead-in and reasons, none for an agreed row, and a refused row's reasons and no owner."""
    misfit = 0
    for row in [*([continued] if continued is not None else []), *rows]:
        misfit += abs(len(row.owners) - len(row.targets))
        misfit += sum(1 for owner in row.owners if ends_sentence(join_lines(owner)) or ":" in join_lines(owner))
        # One owner usually takes all of a row's actions.
        misfit += sum(1 for one, other in pairwise(row.owners) if not _same_owner(one, other))
        if row is continued:
            continue
        decision = read_decision(row.decision)
        lead_ins = sum(1 for p in row.response if _is_lead_in([p]))
        stated = sum(1 for p in row.response if _states_reasons(p) and not _is_lead_in([p]))
        explained = [place for place, p in enumerate(row.response) if _explains_previous_plan(p)]
        misfit += abs(len(row.owners) - (len(row.response) - lead_ins - stated - len(explained)))
        # Why the previous plan did not deliver comes once, after the actions; a sentence runs on only from
        # the paragraph it starts in.
        misfit += max(len(explained) - 1, 0) + any(place < len(row.response) - 1 - stated for place in explained)
        misfit += sum(1 for p in row.response if _RUN_ON_SENTENCE.search(join_lines(p)))
        if decision is Decision.PARTLY_AGREED:
            misfit += abs(lead_ins - 1) + abs(stated - 1) + (not _is_lead_in(row.response[:1]))
        elif decision is Decision.NOT_AGREED:
            misfit += len(row.owners) + abs(stated - 1) + lead_ins
        else:
            misfit += lead_ins + stated + (decision is None)
    return misfit
