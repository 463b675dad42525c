"""The details above the plan's table: establishment, inspectorate, dates, and notes such as a delay caveat."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from actionplan.core.plan import Inspectorate
from actionplan.core.reading.wrapping import join_lines, tidy
from actionplan.core.targets import Precision, TargetKind, parse_target

# Establishment types and other initialisms that stay in capitals when a name is title-cased.
_INITIALISMS = frozenset(
    {"HMP", "YOI", "HMYOI", "HMPYOI", "IRC", "STC", "SCH", "HMPPS", "NHS", "NPS", "CRC", "MOJ", "HMIP", "UK"}
)
_SMALL_WORDS = frozenset({"and", "of", "the", "at", "on", "in", "upon", "under"})
_ESTABLISHMENT_TYPES = r"(?:HMP\s*/\s*YOI|HMP\s*&\s*YOI|HMP\s+and\s+YOI|HMYOI|HMP|YOI|IRC|STC)"

_ESTABLISHMENT_LABEL = re.compile(r"(?:establishment|prison|site)\s*:\s*(?P<name>.+)", re.I)
_ESTABLISHMENT_NAMED = re.compile(rf"(?P<name>{_ESTABLISHMENT_TYPES}\s+[A-Za-z][A-Za-z' \-]+)")
_PRISONS = re.compile(r"\b(?:HMC?IP|HM\s+(?:Chief\s+)?Inspector(?:ate)?\s+of\s+Prisons)\b", re.I)
_PROBATION = re.compile(r"\b(?:HMI\s*Probation|HM\s+(?:Chief\s+)?Inspector(?:ate)?\s+of\s+Probation)\b", re.I)
_TITLE = re.compile(r"action\s+plan\s*:?\s*(?P<rest>.*)", re.I)
_SUBMITTED = re.compile(r"action\s+plan\s+submitted\s*(?:on)?\s*:?\s*(?P<date>.+)", re.I)
_PUBLISHED = re.compile(r"(?:report\s+)?published\s*(?:on)?\s*:?\s*(?P<date>.+)", re.I)
_RESPONSE_TO = re.compile(
    r"a\s+response\s+to\s+the\s+(?P<who>.+?)\s+inspection(?:\s+of\s+[^0-9]+?)?\s*(?:on|held|dated)?\s*:?\s*"
    r"(?P<dates>\d.*)?",
    re.I,
)
_INSPECTION = re.compile(
    r"(?:(?:full|short|follow[- ]up|scrutiny)\s+)?(?:un)?announced\s+(?:\w+\s+)?inspection\s*(?:of\s+[^0-9]+?)?\s*"
    r"(?P<dates>\d.*)?",
    re.I,
)
# Words of the NOMS header table that hold no detail: its headings and the status "Attached".
_TABLE_WORDS = re.compile(r"(?:timetable\s*)?(?:date\s*)?(?:status\s+of\s+this\s+return)?|attached", re.I)
# Where a detail starts when the cover comes run together on one line, as viewers and sites give it.
_DETAIL_STARTS = re.compile(
    r"(?<!\bfull)(?<!\bshort)\s(?=action\s+plan\s+submitted\b|a\s+response\s+to\s+the\b|report\s+published\b"
    r"|timetable\s+date\s+status\b|(?:(?:full|short)\s+)?(?:un)?announced\s+(?:\w+\s+)?inspection\b"
    r"|attached$)",
    re.I,
)
_ORDINAL = re.compile(r"\b(\d{1,2})\s?(?:st|nd|rd|th)\b", re.I)
_INTRODUCTION = re.compile(r"introduction", re.I)
_DEFINITIONS = re.compile(r"term\s+definition\b.*", re.I)


@dataclass
class Header:
    """The header details a plan states, each None (or empty) when it does not state them."""

    establishment: str | None = None
    inspectorate: str | None = None
    inspection_dates: str | None = None
    published: date | None = None
    submitted: date | None = None
    notes: list[str] = field(default_factory=list)
    recognised: bool = False


def title_case(name: str) -> str:
    """A name written in capitals as a person would write it ("HMP/YOI NORWICH" -> "HMP/YOI Norwich").

    Names already in mixed case are kept as written.
    """
    clean = tidy(name)
    if clean != clean.upper():
        return clean
    words = []
    for index, word in enumerate(clean.split(" ")):
        parts = re.split(r"([/\-&])", word)
        cased = []
        for part in parts:
            bare = part.strip("().,'")
            if bare in _INITIALISMS or not bare.isalpha():
                cased.append(part)
            elif index and part.lower() in _SMALL_WORDS:
                cased.append(part.lower())
            else:
                cased.append(part[:1] + part[1:].lower())
        words.append("".join(cased))
    return " ".join(words)


def _day(text: str) -> date | None:
    # "7th March 2019" and "7 th March 2019" are the seventh of March.
    target = parse_target(_ORDINAL.sub(r"\1", text))
    if target.kind is TargetKind.DATE and target.precision is Precision.DAY:
        return target.date
    return None


def _inspectorate(text: str) -> str | None:
    if _PROBATION.search(text):
        return Inspectorate.HMI_PROBATION.value
    if _PRISONS.search(text):
        return Inspectorate.HMIP.value
    return None


def _establishment_in(text: str) -> str | None:
    match = _ESTABLISHMENT_NAMED.search(text)
    return title_case(match["name"]) if match else None


def read_header(paragraphs: list[list[str]]) -> Header:
    """The header details stated in the paragraphs (each a list of lines) above the table.

    A detail may take a line of its own inside a paragraph. The standard introduction and the
    table defining Agreed / Partly Agreed / Not Agreed are the same in every plan and are passed
    over. Any other text that is not a header detail is kept as a note (a delay caveat, a remark).
    """
    header = Header()
    in_boilerplate = False
    for paragraph in paragraphs:
        leftover: list[str] = []
        for text in (part for line in paragraph for part in _DETAIL_STARTS.split(tidy(line))):
            if not text:
                continue
            if _INTRODUCTION.fullmatch(text) or _DEFINITIONS.match(text):
                in_boilerplate = header.recognised = True
            elif _read_detail(header, text):
                in_boilerplate = False
                header.recognised = True
            elif not in_boilerplate:
                leftover.append(text)
                continue
            _note(header, leftover)
            leftover = []
        _note(header, leftover)
    return header


def _note(header: Header, lines: list[str]) -> None:
    if lines:
        header.notes.append(join_lines(lines))


def _read_detail(header: Header, text: str) -> bool:
    """Set the header detail ``text`` states; False when it states none."""
    if match := _ESTABLISHMENT_LABEL.fullmatch(text):
        header.establishment = title_case(match["name"])
        return True
    if match := _SUBMITTED.fullmatch(text):
        header.submitted = _day(match["date"])
        return header.submitted is not None
    if match := _PUBLISHED.fullmatch(text):
        header.published = _day(match["date"])
        return header.published is not None
    if _TABLE_WORDS.fullmatch(text):
        return True
    if match := _INSPECTION.fullmatch(text):
        header.inspection_dates = tidy(match["dates"] or "") or header.inspection_dates
        return True
    if match := _RESPONSE_TO.fullmatch(text):
        header.inspectorate = _inspectorate(match["who"]) or header.inspectorate
        header.inspection_dates = tidy(match["dates"] or "") or header.inspection_dates
        header.establishment = header.establishment or _establishment_in(text)
        return True
    if match := _TITLE.fullmatch(text):
        header.inspectorate = _inspectorate(match["rest"]) or header.inspectorate
        header.establishment = header.establishment or _establishment_in(match["rest"])
        return True
    return False
