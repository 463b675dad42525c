"""Target dates as plans write them ("December 2019", "31/03/2020", "Q1 2020", "Completed") and what they mean."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class TargetKind(StrEnum):
    DATE = "date"
    COMPLETED = "completed"
    ONGOING = "ongoing"
    NONE = "none"
    UNRECOGNISED = "unrecognised"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True)
class Target:
    """A target as written, and as understood: a kind, and for dates the last day it allows."""

    text: str
    kind: TargetKind
    date: date | None = None
    precision: Precision | None = None

    @classmethod
    def parse(cls, text: str | None) -> Target:
        return parse_target(text)

    @classmethod
    def none(cls) -> Target:
        return cls(text="", kind=TargetKind.NONE)

    @property
    def is_set(self) -> bool:
        """A target a person can be held to: a date, or done already."""
        return self.kind in (TargetKind.DATE, TargetKind.COMPLETED)


_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_SHORT_YEAR = r"(?P<year>\d{2})"
_LEAD = r"(?:(?:by|end\s+of|the\s+end\s+of|by\s+the\s+end\s+of|by\s+end\s+of|due|before)\s+)?"

_NUMERIC_DAY = re.compile(r"(?P<day>\d{1,2})[/.\-](?P<month>\d{1,2})[/.\-](?P<year>\d{4}|\d{2})")
# A weekday before the date ("Friday 5 June 2026") adds nothing; spreadsheets write "05-Jun-2026".
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_WORDED_DAY = re.compile(
    _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s+of\s+|[\s\-]+)" + _MONTH + r"(?:,?\s+|\-)" + _YEAR
)
_MONTH_DAY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR)
_MONTH_YEAR = re.compile(_MONTH + r"[\s\-/]+" + _YEAR)
_MONTH_SHORT_YEAR = re.compile(_MONTH + r"[\s\-/]+'?" + _SHORT_YEAR)
_NUMERIC_MONTH = re.compile(r"(?P<month>\d{1,2})/(?P<year>\d{4})")
_QUARTER = re.compile(
    r"q(?P<quarter>[1-4])[\s\-/]*(?P<year>(?:19|20)\d{2})|(?P<year2>(?:19|20)\d{2})[\s\-/]*q(?P<quarter2>[1-4])"
)
_YEAR_ONLY = re.compile(_YEAR)

_COMPLETED = re.compile(r"(?:completed?|complete\s+and\s+ongoing|achieved|in\s+place|done|implemented)", re.I)
_ONGOING = re.compile(r"(?:ongoing|on-going|on\s+going|continuous|continuing|business\s+as\s+usual)", re.I)


def _full(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return re.fullmatch(_LEAD + pattern.pattern, text, re.I)


def _year(raw: str) -> int:
    value = int(raw)
    return 2000 + value if value < 100 else value


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _dated(text: str, when: date, precision: Precision) -> Target:
    return Target(text=text, kind=TargetKind.DATE, date=when, precision=precision)


def _parse_date(text: str, clean: str) -> Target | None:
    """The date a target names, or None when it names none. Day-first, as UK plans write."""
    try:
        if m := _full(_NUMERIC_DAY, clean):
            return _dated(text, date(_year(m["year"]), int(m["month"]), int(m["day"])), Precision.DAY)
        if m := _full(_WORDED_DAY, clean) or _full(_MONTH_DAY, clean):
            when = date(int(m["year"]), _MONTHS[m["month"].lower()], int(m["day"]))
            return _dated(text, when, Precision.DAY)
        if m := _full(_MONTH_YEAR, clean) or _full(_MONTH_SHORT_YEAR, clean):
            return _dated(text, _month_end(_year(m["year"]), _MONTHS[m["month"].lower()]), Precision.MONTH)
        if m := _full(_NUMERIC_MONTH, clean):
            return _dated(text, _month_end(int(m["year"]), int(m["month"])), Precision.MONTH)
        if m := _full(_QUARTER, clean):
            quarter = int(m["quarter"] or m["quarter2"])
            year = int(m["year"] or m["year2"])
            return _dated(text, _month_end(year, quarter * 3), Precision.QUARTER)
        if m := _full(_YEAR_ONLY, clean):
            return _dated(text, date(int(m["year"]), 12, 31), Precision.YEAR)
    except ValueError:
        # A day or month out of range ("31/02/2020") is not a date the plan can be held to.
        return Target(text=text, kind=TargetKind.UNRECOGNISED)
    return None


def parse_target(text: str | None) -> Target:
    """Understand a target as written in a plan.

    A month means its last day, a quarter (calendar quarters: Q1 is January to March)
    its last day, a year 31 December. Dates are read day first (31/03/2020).
    """
    written = " ".join((text or "").split())
    if not written:
        return Target.none()
    clean = written.strip(" .;:,")
    if re.fullmatch(r"(?:n/?a|none|-|tbc|tba|to be confirmed)", clean, re.I):
        return Target(text=written, kind=TargetKind.NONE)
    if found := _parse_date(written, clean):
        return found
    if _COMPLETED.fullmatch(clean):
        return Target(text=written, kind=TargetKind.COMPLETED)
    if _ONGOING.fullmatch(clean):
        return Target(text=written, kind=TargetKind.ONGOING)
    return Target(text=written, kind=TargetKind.UNRECOGNISED)


def looks_like_target(text: str) -> bool:
    """True when a line of text is a target date, Completed or Ongoing (what sits in the sixth column)."""
    return parse_target(text).kind in (TargetKind.DATE, TargetKind.COMPLETED, TargetKind.ONGOING)
