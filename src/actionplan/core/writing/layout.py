"""The parts of a published plan that every document writer shows the same way: heading, recommendation, response."""

from __future__ import annotations

import re
from dataclasses import dataclass

from actionplan.core.checking.reasons import reasons_to_state
from actionplan.core.dates import long_date
from actionplan.core.plan import Action, Inspectorate, Plan, Recommendation, RecommendationKind, Summary

# An action is cut out of the response only where it stands as a sentence or paragraph of its own,
# so that a response is never broken in the middle of a sentence.
_SENTENCE_END = re.compile(r"(?:^|[.:;!?)\]\n])\s*$")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class ResponseParagraph:
    """One paragraph of column 4: an action (with its owner and target) or response text that is no action's."""

    text: str
    action: Action | None = None


@dataclass(frozen=True)
class RecommendationPart:
    """One paragraph of column 2, such as ("Concern", "...") or (None, the recommendation as written)."""

    label: str | None
    text: str


@dataclass(frozen=True)
class TableRow:
    """A row of the plan table: a section row, a "Directed to" row, or a recommendation."""

    section: str | None = None
    directed_to: str | None = None
    recommendation: Recommendation | None = None


COLUMN_HEADINGS = (
    "Rec No",
    "Recommendation",
    "Agreed / Partly Agreed / Not Agreed",
    "Response (Action Taken/Planned)",
    "Responsible Owner",
    "Target Date",
)


def inspectorate_short_name(plan: Plan) -> str:
    return "HMCIP" if plan.inspectorate == Inspectorate.HMIP.value else plan.inspectorate.upper()


def title_line(plan: Plan) -> str:
    return f"ACTION PLAN: {inspectorate_short_name(plan)} REPORT"


def establishment_line(plan: Plan) -> str:
    return f"ESTABLISHMENT: {plan.establishment}"


def detail_lines(plan: Plan) -> list[str]:
    """The dated lines under the heading, in the words later published plans use (which do not name the report)."""
    lines = []
    if plan.report.inspection_dates:
        lines.append(f"A Response to the {plan.inspectorate} Inspection {plan.report.inspection_dates}")
    if plan.report.published:
        lines.append(f"Report Published {long_date(plan.report.published)}")
    if plan.submitted:
        lines.append(f"Action Plan Submitted {long_date(plan.submitted)}")
    return lines


def table_rows(plan: Plan) -> list[TableRow]:
    """The rows of the plan table: a section row where the section changes, a "Directed to" row where either does."""
    rows: list[TableRow] = []
    section: str | None = None
    directed_to: str | None = None
    for index, rec in enumerate(plan.recommendations):
        new_section = index == 0 or rec.section != section
        if new_section and rec.section:
            rows.append(TableRow(section=rec.section))
        if (new_section or rec.directed_to != directed_to) and rec.directed_to:
            rows.append(TableRow(directed_to=rec.directed_to))
        section, directed_to = rec.section, rec.directed_to
        rows.append(TableRow(recommendation=rec))
    return rows


def concern_label(rec: Recommendation) -> str:
    if rec.kind is RecommendationKind.RECOMMENDATION:
        return "Concern"
    return rec.kind.label


def recommendation_text(rec: Recommendation) -> str:
    """The recommendation with its cross-references written after it, as published."""
    text = rec.recommendation
    if rec.repeated_from:
        text = f"{text} (Repeated recommendation {rec.repeated_from})"
    if rec.cross_ref:
        text = f"{text} ({rec.cross_ref})"
    return text


def recommendation_parts(rec: Recommendation) -> list[RecommendationPart]:
    """Column 2: "Concern: ..." then "Recommendation: ..." where there is a concern, else the recommendation alone."""
    if rec.concern is None and rec.kind is RecommendationKind.RECOMMENDATION:
        return [RecommendationPart(None, recommendation_text(rec))]
    return [
        RecommendationPart(concern_label(rec), rec.concern or ""),
        RecommendationPart("Recommendation", recommendation_text(rec)),
    ]


def decision_text(rec: Recommendation) -> str:
    return rec.decision.label if rec.decision else ""


def _text_paragraphs(chunk: str) -> list[ResponseParagraph]:
    return [ResponseParagraph(part.strip()) for part in _PARAGRAPH_BREAK.split(chunk) if part.strip()]


def response_paragraphs(rec: Recommendation) -> list[ResponseParagraph]:
    """Column 4 as paragraphs, each action on its own, in the order the response reads.

    An action whose text stands in the response as a sentence or paragraph is shown where it stands,
    and the response text around it keeps its place, so that the response reads as written. An action
    the response does not contain follows the response text before the next action that it does
    contain (or all of it), so that actions keep their order and the text that is no action's comes first.
    """
    paragraphs: list[ResponseParagraph] = []
    waiting: list[ResponseParagraph] = []
    response = rec.response
    position = 0
    for action in rec.actions:
        text = action.text.strip()
        found = response.find(text, position) if text else -1
        if found >= 0 and _SENTENCE_END.search(response[position:found]) and _ends_cleanly(response, found + len(text)):
            paragraphs.extend(_text_paragraphs(response[position:found]))
            paragraphs.extend(waiting)
            waiting = []
            paragraphs.append(ResponseParagraph(action.text, action))
            position = found + len(text)
        else:
            waiting.append(ResponseParagraph(action.text, action))
    paragraphs.extend(_text_paragraphs(response[position:]))
    paragraphs.extend(waiting)
    # The reasons ticked are published in words, so that the document itself states them.
    if reasons := reasons_to_state(rec):
        paragraphs.append(ResponseParagraph(reasons))
    return paragraphs


def _ends_cleanly(response: str, end: int) -> bool:
    return end == len(response) or response[end].isspace()


def stated_or_counted_summary(plan: Plan) -> Summary:
    """The counts the plan ends with: as stated when the plan states them, else as counted."""
    return plan.stated_summary or plan.counted_summary()


def summary_rows(plan: Plan) -> list[tuple[str, int]]:
    summary = stated_or_counted_summary(plan)
    return [
        ("Agreed", summary.agreed),
        ("Partly Agreed", summary.partly_agreed),
        ("Not Agreed", summary.not_agreed),
        ("Total", summary.total),
    ]
