"""The plan's six-column table, as rows of cells, turned into recommendations: shared by every reader.

A reader hands over tables as rows of cells, each cell a list of paragraphs. A row of one cell
spans the table (a section row, a "Directed to:" row, a line of the stated summary). A row
whose first cell is empty carries on the row above, as a row split across a page break does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from actionplan.core.plan import Decision, Recommendation, Summary
from actionplan.core.reading.actions import Pair, Paragraph, actions_for, pair_owners_and_targets
from actionplan.core.reading.decisions import read_decision, summary_count, summary_from
from actionplan.core.reading.outcome import ReadingWarning
from actionplan.core.reading.recommendations import clean_ref, is_ref, split_recommendation
from actionplan.core.reading.sections import directed_to, kind_for_section, section_title
from actionplan.core.reading.wrapping import continues, join_lines, tidy

REF, RECOMMENDATION, DECISION, RESPONSE, OWNER, TARGET = range(6)

_HEADER_WORDS = re.compile(r"\b(rec|recommendations?|response|owner|target|agreed|timescales?|action)\b", re.I)
_DEFINITIONS_HEADER = re.compile(r"\bterm\b.*\bdefinition\b", re.I)
_SUMMARY_LEAD = re.compile(r"^(?:summary|recommendations|concerns|decisions)\s*:?\s+", re.I)
_SUMMARY_HEADING = re.compile(r"(?:summary|total|recommendations|concerns|decisions)(?:\s+summary)?:?", re.I)


@dataclass
class TableRow:
    """One row of a table as a reader found it: a list of cells, each a list of paragraphs."""

    cells: list[list[Paragraph]]
    page: int | None = None

    def cell_text(self, column: int) -> str:
        if column >= len(self.cells):
            return ""
        return join_lines(p.text for p in self.cells[column])

    def cell(self, column: int) -> list[Paragraph]:
        if column >= len(self.cells):
            return []
        return [p for p in self.cells[column] if tidy(p.text)]

    @property
    def text(self) -> str:
        return join_lines(self.cell_text(i) for i in range(len(self.cells)))


@dataclass
class TableReading:
    """What the tables of a document hold: recommendations, the stated summary, and whether any was a plan's."""

    recommendations: list[Recommendation] = field(default_factory=list)
    stated_summary: Summary | None = None
    recognised: bool = False


@dataclass
class _RowInProgress:
    ref: str
    page: int | None
    section: str | None
    directed_to: str | None
    recommendation: list[str] = field(default_factory=list)
    decision: list[str] = field(default_factory=list)
    response: list[Paragraph] = field(default_factory=list)
    # The parts of each response paragraph, joined once the row is read: joining them as rows come would
    # go over the whole paragraph again for every row that carries it on, which a long row makes quadratic.
    response_parts: list[list[str]] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)

    def add(self, row: TableRow) -> None:
        self.recommendation.append(row.cell_text(RECOMMENDATION))
        self.decision.append(row.cell_text(DECISION))
        response = row.cell(RESPONSE)
        if response and self.response and continues(self.response_parts[-1][-1], join_lines([response[0].text])):
            # The rest of a paragraph cut by the page break is no new paragraph beside an owner.
            response = response[1:]
        pairs = pair_owners_and_targets(row.cell(OWNER), row.cell(TARGET))
        if self.pairs and pairs and _owner_goes_on(self.pairs[-1], pairs[0], response):
            last = self.pairs[-1]
            self.pairs[-1] = replace(last, owner=join_lines([last.owner or "", pairs[0].owner or ""]))
            pairs = pairs[1:]
        self.pairs.extend(pairs)
        for paragraph in row.cell(RESPONSE):
            text = join_lines([paragraph.text])
            # A paragraph the document marks is whole as written; only unmarked ones may be halves of one.
            # Whether the paragraph so far ends a sentence is told by its last part.
            if self.response and paragraph.role is None and continues(self.response_parts[-1][-1], text):
                self.response_parts[-1].append(text)
            else:
                self.response.append(replace(paragraph, text=text))
                self.response_parts.append([text])

    def paragraphs(self) -> list[Paragraph]:
        """The response paragraphs, each with all its parts."""
        return [
            replace(paragraph, text=join_lines(parts)) if len(parts) > 1 else paragraph
            for paragraph, parts in zip(self.response, self.response_parts, strict=True)
        ]


def _owner_goes_on(last: Pair, first: Pair, response: list[Paragraph]) -> bool:
    """True when a row carried onto a new page opens with the rest of the owner above the break ("Head of
    Reducing" / "Reoffending"): an owner with no target, and no new response paragraph starting beside it."""
    if not (last.owner and last.target.text and first.owner) or first.target.text:
        return False
    if first.position is None:
        return not response
    page, top = first.position
    return not any(p.position is None or p.position <= (page, top + 0.5) for p in response)


def is_header_row(row: TableRow) -> bool:
    """True for the table's header row ("Rec No | Recommendation | ... | Target Date"), repeated on each page."""
    words = {w.lower().rstrip("s") for w in _HEADER_WORDS.findall(row.text)}
    return len(row.cells) > 1 and len(words) >= 4 and not is_ref(row.cell_text(REF))


class _TableReader:
    def __init__(self) -> None:
        self.result = TableReading()
        self.warnings: list[ReadingWarning] = []
        self.section: str | None = None
        self.directed_to: str | None = None
        self.current: _RowInProgress | None = None
        self.summary: dict[str, int] = {}

    def read(self, tables: list[list[TableRow]]) -> None:
        for table in tables:
            if table and _DEFINITIONS_HEADER.search(table[0].text):
                # The definitions of Agreed / Partly Agreed / Not Agreed: the same in every plan, not decisions.
                self.result.recognised = True
                continue
            for row in table:
                self._row(row)
        self._finish()
        self.result.stated_summary = summary_from(self.summary)

    def _row(self, row: TableRow) -> None:
        if not row.text:
            return
        if is_header_row(row):
            self.result.recognised = True
            return
        spans = len(row.cells) == 1 or not any(row.cell_text(i) for i in range(1, len(row.cells)))
        if spans and not is_ref(row.cell_text(REF)):
            self._spanning(row)
            return
        first = row.cell_text(REF)
        if is_ref(first):
            self._finish()
            self.result.recognised = True
            self.current = _RowInProgress(clean_ref(first), row.page, self.section, self.directed_to)
            self.current.add(row)
        elif not first and self.current is not None:
            self.current.add(row)
        elif not self._summary_row(row):
            self.warnings.append(ReadingWarning("table row not understood", row.page, row.text))

    def _summary_row(self, row: TableRow) -> bool:
        """Read a row of a summary table ("Agreed | 21", "Recommendations | Agreed 21"); False if it is not one."""
        if counted := summary_count(row.text):
            self.summary[counted[0]] = counted[1]
            return True
        texts = [text for i in range(len(row.cells)) if (text := row.cell_text(i))]
        counts = [counted for text in texts if (counted := summary_count(text))]
        if not counts or len(counts) + 1 < len(texts):
            return _SUMMARY_HEADING.fullmatch(row.text) is not None
        if len(counts) < len(texts) and not any(_SUMMARY_HEADING.fullmatch(t) for t in texts):
            return False
        self.summary.update(counts)
        return True

    def _spanning(self, row: TableRow) -> None:
        text = row.text
        if counted := summary_count(text) or summary_count(_SUMMARY_LEAD.sub("", text)):
            self._finish()
            self.summary[counted[0]] = counted[1]
        elif whom := directed_to(text):
            self._finish()
            self.directed_to = whom
        elif title := section_title(text):
            self._finish()
            self.section, self.directed_to = title, None
        else:
            self.warnings.append(ReadingWarning("text not understood", row.page, text))

    def _finish(self) -> None:
        row, self.current = self.current, None
        if row is None:
            return
        parts = split_recommendation(join_lines(row.recommendation))
        decision_text = join_lines(row.decision)
        response = row.paragraphs()
        decision: Decision | None = read_decision(decision_text) if decision_text else None
        if decision_text and decision is None:
            self.warnings.append(ReadingWarning(f"decision of {row.ref} not understood", row.page, decision_text))
        self.result.recommendations.append(
            Recommendation(
                ref=row.ref,
                recommendation=parts.recommendation,
                kind=kind_for_section(row.section),
                section=row.section,
                directed_to=row.directed_to,
                concern=parts.concern,
                cross_ref=parts.cross_ref,
                repeated_from=parts.repeated_from,
                decision=decision,
                response="\n\n".join(p.text for p in response),
                actions=actions_for(response, row.pairs),
            )
        )


def read_tables(tables: list[list[TableRow]]) -> tuple[TableReading, list[ReadingWarning]]:
    """The recommendations and stated summary in the tables of one document, and warnings for the rest."""
    reader = _TableReader()
    reader.read(tables)
    return reader.result, reader.warnings
