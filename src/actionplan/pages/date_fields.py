"""A date field for every form: day, month and year boxes as the GOV.UK date input pattern asks, with its errors."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from actionplan.core.dates import long_date

DATE_EXAMPLE = "27 3 2026"
PARTS = ("day", "month", "year")

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9

# A date typed whole into one box, where a page or a client sends one ("27/03/2026", "5 June 2026").
_WRITTEN = re.compile(
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?[\s/.\-]+(?:of\s+)?(?P<month>[a-z]+\.?|\d{1,2})[\s/.\-,]+(?P<year>\d+)", re.I
)


def month_number(written: str) -> int | None:
    """The month a person typed: a number (6, 06), a name (June) or its abbreviation (jun, Sept.); else None."""
    clean = written.strip().rstrip(".").lower()
    if clean.isdigit():
        return int(clean)
    return _MONTHS.get(clean)


def missing_parts(parts: list[str]) -> list[str]:
    """The parts left empty, by name (day, month, year)."""
    return [name for name, value in zip(PARTS, parts, strict=True) if not value.strip()]


def parts_in_error(parts: list[str]) -> list[str]:
    """The boxes to highlight: the ones missing, else the one that is not real, else all three."""
    missing = missing_parts(parts)
    if missing and len(missing) < len(PARTS):
        return missing
    if missing:
        return list(PARTS)
    day, month, year = (value.strip() for value in parts)
    number = month_number(month)
    if number is None or not 1 <= number <= 12:
        return ["month"]
    if not (year.isdigit() and len(year) == 4):
        return ["year"]
    if not day.isdigit():
        return ["day"]
    return list(PARTS)


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


class DateInput(forms.MultiWidget):
    """Three boxes named ``<name>-day``, ``<name>-month`` and ``<name>-year``, as the GOV.UK macro names them."""

    def __init__(self) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def decompress(self, value: Any) -> list[str]:
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and (found := _WRITTEN.fullmatch(value.strip())):
            return [found["day"], found["month"], found["year"]]
        return ["", "", ""]

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> list[str]:
        if any(f"{name}-{part}" in data for part in PARTS):
            return [str(data.get(f"{name}-{part}", "")) for part in PARTS]
        written = str(data.get(name, "")).strip()
        if not written:
            return ["", "", ""]
        found = _WRITTEN.fullmatch(written)
        # Text that is not a day, month and year is kept whole (one item), so the error can say how to write it.
        return [found["day"], found["month"], found["year"]] if found else [written]

    def value_omitted_from_data(self, data: Mapping[str, Any], files: Any, name: str) -> bool:
        return name not in data and not any(f"{name}-{part}" in data for part in PARTS)


class DayFirstDateField(forms.Field):
    """A date typed as day, month and year; ``what`` names it in the errors ("completed": "The date completed").

    The month may be a number or a name ("6", "June", "jun"); the year must have four figures. With
    ``not_in_future`` a date after ``today()`` is refused, as for something that has already happened.
    """

    widget = DateInput

    def __init__(
        self,
        *,
        what: str,
        not_in_future: bool = False,
        today: Callable[[], date] = timezone.localdate,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("help_text", f"For example, {DATE_EXAMPLE}")
        super().__init__(**kwargs)
        self.what = what
        self.not_in_future = not_in_future
        self.today = today

    @property
    def subject(self) -> str:
        return f"The date {self.what}"

    def clean(self, value: Any) -> date | None:
        if len(value or PARTS) != len(PARTS):
            raise forms.ValidationError(
                f"Enter {self.subject.lower()} as a day, month and year, for example {DATE_EXAMPLE}", code="invalid"
            )
        parts = [str(part) for part in (value or ["", "", ""])]
        missing = missing_parts(parts)
        if len(missing) == len(PARTS):
            if self.required:
                raise forms.ValidationError(f"Enter {self.subject.lower()}", code="required")
            return None
        if missing:
            raise forms.ValidationError(f"{self.subject} must include a {_joined(missing)}", code="incomplete")
        when = self._real(*(part.strip() for part in parts))
        if self.not_in_future and when > self.today():
            raise forms.ValidationError(
                f"{self.subject} must be today or in the past: today is {long_date(self.today())}", code="future"
            )
        return when

    def _real(self, day: str, month: str, year: str) -> date:
        if year.isdigit() and len(year) != 4:
            raise forms.ValidationError(
                f"The year must include 4 numbers, for example {self.today().year}", code="short_year"
            )
        number = month_number(month)
        try:
            if number is None or not (day.isdigit() and year.isdigit()):
                raise ValueError(day, month, year)
            return date(int(year), number, int(day))
        except ValueError:
            raise forms.ValidationError(f"{self.subject} must be a real date", code="not_real") from None
