"""Dates and times the GOV.UK way, as every page, download and email writes them."""

from datetime import date, datetime

import pytest

from actionplan.core.dates import date_and_time, long_date, time_of_day


def test_a_date_is_written_day_month_year_without_a_leading_zero() -> None:
    assert long_date(date(2026, 11, 29)) == "29 November 2026"
    assert long_date(date(2026, 6, 5)) == "5 June 2026"


@pytest.mark.parametrize(
    ("hour", "minute", "written"),
    [
        (19, 14, "7:14pm"),
        (9, 5, "9:05am"),
        (9, 0, "9am"),
        (12, 0, "midday"),
        (0, 0, "midnight"),
        (12, 30, "12:30pm"),
        (0, 15, "12:15am"),
    ],
)
def test_a_time_is_on_the_12_hour_clock(hour: int, minute: int, written: str) -> None:
    assert time_of_day(datetime(2026, 12, 1, hour, minute)) == written


def test_a_moment_is_its_date_at_its_time() -> None:
    assert date_and_time(datetime(2026, 12, 1, 9, 5)) == "1 December 2026 at 9:05am"
