"""Dates and times written the GOV.UK way: "29 November 2026", "7:14pm", "1 December 2026 at 9:05am"."""

from __future__ import annotations

from datetime import date, datetime, time


def long_date(value: date) -> str:
    """A date in words, day first, with no leading zero: 5 November 2019."""
    return f"{value.day} {value:%B %Y}"


def time_of_day(value: time | datetime) -> str:
    """A time on the 12-hour clock with am or pm, without ":00" on the hour; midday and midnight in words."""
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    minutes = "" if value.minute == 0 else f":{value.minute:02d}"
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def date_and_time(value: datetime) -> str:
    """A moment as a date and a time: 1 December 2026 at 9:05am (give it in the time zone it is read in)."""
    return f"{long_date(value)} at {time_of_day(value)}"
