"""Recommendations and concerns pasted from a report: the list as copied, taken apart into recommendations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from actionplan.core.errors import PlanError
from actionplan.core.plan import Plan, Recommendation, RecommendationKind
from actionplan.core.reading import columns, furniture
from actionplan.core.reading.formats import read_plan
from actionplan.core.reading.limits import LimitExceeded
from actionplan.core.reading.outcome import ReadingWarning
from actionplan.core.reading.recommendations import clean_ref, is_complete, split_recommendation
from actionplan.core.reading.sections import directed_to, kind_for_section, section_title
from actionplan.core.reading.text import in_column_runs, read_text
from actionplan.core.reading.wrapping import join_lines, tidy

# A line that opens an item: "S34 ...", "1.8 ...", "5.01 ...", or a concern's number "1. ..." / "1) ...".
# The text after the ref must start like a sentence, so that a wrapped line opening with a number
# ("20 prisoners had ...") is not taken for a new item.
_OPENING = re.compile(
    r"(?P<ref>[Ss]\d{1,3}|\d{1,2}\.\d{1,3}|\d{1,2}(?=[.)]))[.)]?(?:\s+(?P<rest>[A-Z\"'\u2018\u201c(].*))?$"
)
PASTED = "the pasted text"
_SINGLE_HEADING = re.compile(r"(?P<kind>priority|key)\s+concerns?\s*:?", re.I)
_TRAILING_BRACKETS = re.compile(r"(?:\s*\([^()]*\)\s*\.?)+$")
_CONTINUATION = re.compile(r"(?:(?:key|priority)\s+)?(?:concerns?|recommendations?)\s*:|\(", re.I)
# A plan table's numbered column headings ("1. Rec No", "3. Agreed/Partly Agreed/Not Agreed"): never an item.
_COLUMN_HEADING = re.compile(
    r"[1-6]\s*[.:)]?\s*(?:rec\.?(?:\s*no\.?)?|recommendations?|(?:agreed|accepted)(?:\s*/.*)?|"
    r"response(?:\s*\(.*\))?|responsible(?:\s+owner)?|owner|target(?:\s+dates?)?)",
    re.I,
)


@dataclass
class Pasted:
    """What a pasted list gave: the recommendations in order, and warnings for the lines not placed."""

    recommendations: list[Recommendation] = field(default_factory=list)
    warnings: list[ReadingWarning] = field(default_factory=list)
    # The whole plan, answers included, when the text is a plan's table that the plan reader reads.
    plan: Plan | None = None


@dataclass
class _Item:
    ref: str
    kind: RecommendationKind
    section: str | None
    directed_to: str | None
    lines: list[str] = field(default_factory=list)

    def recommendation(self) -> Recommendation:
        parts = split_recommendation(join_lines(self.lines))
        text, concern = parts.recommendation, parts.concern
        if self.kind is not RecommendationKind.RECOMMENDATION and concern is None:
            # A concern listed without a "Recommendation:" of its own is the concern itself.
            text, concern = "", text or None
        return Recommendation(
            ref=self.ref,
            recommendation=text,
            kind=self.kind,
            section=self.section,
            directed_to=self.directed_to,
            concern=concern,
            cross_ref=parts.cross_ref,
            repeated_from=parts.repeated_from,
        )


def _finished(lines: list[str]) -> bool:
    """True when an item's text so far reads as whole; "(Repeated recommendation 2.8)" or "(S53)" may follow it."""
    return is_complete(_TRAILING_BRACKETS.sub("", join_lines(lines)))


def _heading(line: str) -> tuple[str, RecommendationKind] | None:
    if match := _SINGLE_HEADING.fullmatch(line):
        kind = RecommendationKind.PRIORITY_CONCERN if match["kind"].lower() == "priority" else None
        return line.rstrip(" :"), kind or RecommendationKind.KEY_CONCERN
    if title := section_title(line.rstrip(" :")):
        return title, kind_for_section(title)
    return None


def read_pasted(text: str) -> Pasted:
    """Take apart a list of recommendations or concerns as copied from a report.

    Refs open items (S34, 1.8, 2.10, 5.01, and numbered concerns "1." or "1)"); headings such as
    "Priority concerns" or "General recommendations" give the section and kind of the items under
    them; "Directed to:" lines say whom they are for. An item's text is taken apart into its concern
    and recommendation ("Concern: ... Recommendation: ..."), a repeat ("(Repeated recommendation 2.8)")
    and a cross-reference ("(S53)"). A line that belongs to no item is kept as a warning, never dropped.
    Text the plan reader reads as a plan with decisions (a published plan's text, copied whole or in part)
    is read by it, exactly as an uploaded file is, and given whole. A plan's table without decisions, as
    ``pdftotext`` gives it with or without ``-layout``, is read as a table, and its recommendations taken.
    """
    if (plan := _as_plan(text)) is not None:
        return plan
    text = furniture.repair(text)
    # Page furniture goes from a plan's table; in a pasted list a stray line is shown to the person instead.
    table = furniture.without_furniture(text)
    if columns.is_column_aligned(table) or in_column_runs(table):
        return _from_plan_table(table)
    pasted = Pasted()
    items: list[_Item] = []
    section: str | None = None
    kind = RecommendationKind.RECOMMENDATION
    whom: str | None = None
    after_blank = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = tidy(raw)
        if not line:
            after_blank = True
            continue
        current = items[-1] if items else None
        if _COLUMN_HEADING.fullmatch(line):
            pass
        elif heading := _heading(line):
            section, kind = heading
        elif found := directed_to(line):
            whom = found
        elif opening := _OPENING.match(line):
            items.append(_Item(clean_ref(opening["ref"]), kind, section, whom, [opening["rest"] or ""]))
        elif current and (not after_blank or not _finished(current.lines) or _CONTINUATION.match(line)):
            current.lines.append(line)
        else:
            pasted.warnings.append(ReadingWarning(f"line {number} is not part of a numbered item", text=line))
        after_blank = False
    for item in items:
        rec = item.recommendation()
        if not rec.recommendation and not rec.concern:
            pasted.warnings.append(ReadingWarning(f"{item.ref} has no text", text=item.ref))
            continue
        pasted.recommendations.append(rec)
    return pasted


def _as_plan(text: str) -> Pasted | None:
    """The text read as an uploaded text file is, when that gives a plan whose recommendations have decisions."""
    try:
        reading = read_plan(text.encode("utf-8"), name=PASTED)
    except LimitExceeded:
        raise
    except PlanError:
        return None
    plan = reading.plan
    if not any(rec.decision for rec in plan.recommendations):
        return None
    return Pasted(recommendations=plan.recommendations, warnings=reading.warnings, plan=plan)


def _from_plan_table(text: str) -> Pasted:
    """The recommendations of a plan's table as PDF tools give its text, without the answers: those are drafted here."""
    reading = read_text(text, name="pasted text")
    recommendations = [
        Recommendation(
            ref=rec.ref,
            recommendation=rec.recommendation,
            kind=rec.kind,
            section=rec.section,
            directed_to=rec.directed_to,
            concern=rec.concern,
            cross_ref=rec.cross_ref,
            repeated_from=rec.repeated_from,
        )
        for rec in reading.plan.recommendations
    ]
    return Pasted(recommendations=recommendations, warnings=reading.warnings)
