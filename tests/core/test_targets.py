"""Target dates as written and as understood."""

from datetime import date

import pytest

from actionplan.core.targets import Precision, TargetKind, looks_like_target, parse_target


@pytest.mark.parametrize(
    ("written", "when", "precision"),
    [
        ("December 2019", date(2019, 12, 31), Precision.MONTH),
        ("February 2020", date(2020, 2, 29), Precision.MONTH),
        ("31/03/2020", date(2020, 3, 31), Precision.DAY),
        ("01/04/20", date(2020, 4, 1), Precision.DAY),
        ("31st March 2020", date(2020, 3, 31), Precision.DAY),
        ("1 Sept 2019", date(2019, 9, 1), Precision.DAY),
        ("Q1 2020", date(2020, 3, 31), Precision.QUARTER),
        ("2021 Q4", date(2021, 12, 31), Precision.QUARTER),
        ("End of March 2020", date(2020, 3, 31), Precision.MONTH),
        ("by end of June 2021", date(2021, 6, 30), Precision.MONTH),
        ("Sep-19", date(2019, 9, 30), Precision.MONTH),
        ("2022", date(2022, 12, 31), Precision.YEAR),
    ],
)
def test_dates_mean_the_last_day_they_allow(written: str, when: date, precision: Precision) -> None:
    target = parse_target(written)
    assert target.kind is TargetKind.DATE
    assert target.date == when
    assert target.precision is precision
    assert target.text == written


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Completed", TargetKind.COMPLETED),
        ("complete", TargetKind.COMPLETED),
        ("Ongoing", TargetKind.ONGOING),
        ("on-going", TargetKind.ONGOING),
        ("", TargetKind.NONE),
        ("   ", TargetKind.NONE),
        (None, TargetKind.NONE),
        ("TBC", TargetKind.NONE),
        ("When funding allows", TargetKind.UNRECOGNISED),
        ("31/02/2020", TargetKind.UNRECOGNISED),
    ],
)
def test_words_that_are_not_dates(written: str | None, kind: TargetKind) -> None:
    target = parse_target(written)
    assert target.kind is kind
    assert target.date is None
    assert target.precision is None


def test_is_set_only_for_dates_and_completed() -> None:
    assert parse_target("March 2020").is_set
    assert parse_target("Completed").is_set
    assert not parse_target("Ongoing").is_set
    assert not parse_target("").is_set


def test_looks_like_target_tells_dates_from_owners() -> None:
    assert looks_like_target("December 2019")
    assert looks_like_target("Completed")
    assert not looks_like_target("Governor")
    assert not looks_like_target("Greater Manchester NHS Foundation Trust")


@pytest.mark.parametrize(
    "written", ["5 June 2026", "Friday 5 June 2026", "by Fri 5 June 2026", "05-Jun-2026", "5-June-2026"]
)
def test_a_day_in_words_is_read_with_a_weekday_or_as_spreadsheets_write_it(written: str) -> None:
    target = parse_target(written)
    assert (target.kind, target.date, target.precision) == (TargetKind.DATE, date(2026, 6, 5), Precision.DAY)
