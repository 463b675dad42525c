"""Hostile files are refused by the reading limits, within the budget of a child process, with a message naming them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.core import canonical
from actionplan.core.errors import PlanError
from actionplan.core.reading import read_plan
from actionplan.core.reading.budget import Budget, read_within_budget, run_within_budget
from actionplan.core.reading.limits import LimitExceeded, ReadingLimits
from tests.core.reading import hostile_files as hostile

# What the suite holds every hostile file to: refused by a limit before this budget runs out.
SUITE_BUDGET = Budget(seconds=10, megabytes=300)

HOSTILE: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("bomb.docx", hostile.docx_bomb, "expanded_mb", "this Word document expands to more than 50 MB"),
    ("bomb.xlsx", hostile.xlsx_bomb, "expanded_mb", "this Excel workbook expands to more than 50 MB"),
    ("extra.docx", hostile.docx_with_extra_part, "expanded_mb", "this Word document expands to more than 50 MB"),
    ("laughs.docx", hostile.docx_billion_laughs, "xml_entities", "declares XML entities in word/document.xml"),
    ("pages.pdf", hostile.pdf_many_pages, "pdf_pages", "this PDF has more than 500 pages"),
    ("objects.pdf", hostile.pdf_many_objects, "pdf_objects", "this PDF holds more than 200000 objects"),
    ("content.pdf", hostile.pdf_content_bomb, "pdf_page_content_mb", "page 1 of this PDF holds more than 2 MB"),
    ("line.txt", hostile.one_line_text, "text_mb", "this text is larger than 5 MB"),
    ("long.txt", hostile.long_line_text, "line_characters", "a line longer than 50000 characters"),
    ("deep.json", hostile.deep_json, "json_depth", "this JSON is nested more than 64 levels deep"),
    ("many.txt", hostile.many_recommendations_text, "recommendations", "2000 recommendations, more than the limit"),
]


@pytest.mark.parametrize(("name", "make", "limit", "reason"), HOSTILE, ids=[case[0] for case in HOSTILE])
def test_hostile_file_is_refused_by_its_limit_within_the_budget(
    name: str, make: Callable[[], bytes], limit: str, reason: str
) -> None:
    ran = run_within_budget(make(), name=name, budget=SUITE_BUDGET)
    # Refused by the limit itself, not stopped by the budget: the child answered in time and memory.
    assert ran.stopped is None
    assert ran.reading is None
    assert isinstance(ran.error, LimitExceeded)
    assert ran.error.limit == limit
    message = str(ran.error)
    assert message.startswith(f"{name}: ")
    assert reason in message
    assert "\n" not in message


def test_compression_ratio_is_refused_below_the_size_limit() -> None:
    with pytest.raises(LimitExceeded, match="unpacks to more than 100 times its packed size") as refused:
        read_plan(hostile.docx_bomb(megabytes=20), name="packed.docx")
    assert refused.value.limit == "compression_ratio"


def test_limits_can_be_set_for_a_reading() -> None:
    data = hostile.many_recommendations_text(count=30)
    assert len(read_plan(data, name="plan.txt").plan.recommendations) == 30
    with pytest.raises(LimitExceeded, match="30 recommendations, more than the limit of 20"):
        read_plan(data, name="plan.txt", within=ReadingLimits(recommendations=20))


def test_zip_parts_are_counted() -> None:
    with pytest.raises(LimitExceeded, match="holds more than 5 parts") as refused:
        read_plan(hostile.real_docx(), name="plan.docx", within=ReadingLimits(zip_members=5))
    assert refused.value.limit == "zip_members"


def test_tracker_rows_are_counted_blank_ones_too() -> None:
    with pytest.raises(LimitExceeded, match="more than 3 rows") as refused:
        read_plan(hostile.real_xlsx(), name="tracker.xlsx", within=ReadingLimits(tracker_rows=3))
    assert refused.value.limit == "tracker_rows"


def test_a_real_file_reads_the_same_within_the_budget() -> None:
    data = hostile.real_docx()
    ran = run_within_budget(data, name="plan.docx", budget=SUITE_BUDGET)
    here = read_plan(data, name="plan.docx")
    assert ran.error is None
    assert ran.reading is not None
    assert canonical.dumps(ran.reading.plan) == canonical.dumps(here.plan)
    assert [str(w) for w in ran.reading.warnings] == [str(w) for w in here.warnings]


def test_a_file_past_no_limit_is_stopped_by_the_memory_budget() -> None:
    # With the limits lifted, the Word library unpacks the bomb and runs out of the child's memory.
    lifted = ReadingLimits(expanded_mb=10_000, compression_ratio=1_000_000)
    ran = run_within_budget(hostile.docx_bomb(), name="bomb.docx", within=lifted, budget=SUITE_BUDGET)
    assert ran.stopped == "memory"
    assert isinstance(ran.error, LimitExceeded)
    assert ran.error.limit == "megabytes"
    assert str(ran.error).startswith("bomb.docx: it needs more than 300 MB of memory to read")


def test_a_slow_file_is_stopped_by_the_time_budget() -> None:
    lifted = ReadingLimits(recommendations=100_000)
    with pytest.raises(LimitExceeded, match=r"^slow\.txt: it takes more than 1\.5 seconds to read") as refused:
        read_within_budget(
            hostile.many_recommendations_text(count=8000),
            name="slow.txt",
            within=lifted,
            budget=Budget(seconds=1.5, megabytes=600),
        )
    assert refused.value.limit == "seconds"


def test_the_command_line_refuses_a_hostile_file_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(hostile.deep_json())
    done = subprocess.run(
        [sys.executable, "-m", "actionplan.cli", "parse", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"actionplan parse: {path}: this JSON is nested more than 64 levels deep; it was not read,"
        " as an action plan stays well within this limit"
    ]


def test_the_command_line_takes_the_limits_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(hostile.many_recommendations_text(count=30))
    environment = {**os.environ, "ACTIONPLAN_READ_RECOMMENDATIONS": "20"}
    done = subprocess.run(
        [sys.executable, "-m", "actionplan.cli", "parse", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert done.returncode == 2
    assert "it holds 30 recommendations, more than the limit of 20" in done.stderr
    environment["ACTIONPLAN_READ_RECOMMENDATIONS"] = "many"
    done = subprocess.run(
        [sys.executable, "-m", "actionplan.cli", "parse", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert done.returncode == 2
    assert (
        done.stderr.strip() == "actionplan parse: ACTIONPLAN_READ_RECOMMENDATIONS must be a whole number; it is 'many'"
    )


# Rows built to make reading quadratic: each took minutes (or gigabytes) before it was made linear.
QUADRATIC_BUDGET = Budget(seconds=20, megabytes=300)


def test_a_response_carried_over_thousands_of_pages_is_read_within_the_budget() -> None:
    reading = read_within_budget(hostile.row_over_many_pages(), name="long.txt", budget=QUADRATIC_BUDGET)
    [rec] = reading.plan.recommendations
    assert rec.response.startswith("The Governor will see that every prisoner")
    assert rec.response.count("see that every prisoner") == 8000
    assert "\n" not in rec.response


def test_a_row_of_thousands_of_owners_is_read_within_the_budget() -> None:
    reading = read_within_budget(hostile.row_of_many_owners(), name="owners.docx", budget=QUADRATIC_BUDGET)
    [rec] = reading.plan.recommendations
    assert len(rec.actions) == 20_000
    assert rec.actions[-1].owner == "Head of Wing 19999"
    assert {action.text for action in rec.actions} == {"The Governor will see to it."}


def test_a_plan_whose_text_is_given_to_thousands_of_actions_is_refused() -> None:
    # Each of the thousands of actions below the long paragraph takes it as its text: gigabytes as JSON.
    lines = ["ACTION PLAN: HMCIP REPORT", "1.1 Prisoners should work.", "Agreed", "The Governor will see to it."]
    for index in range(20_000):
        lines += ["", f"Head of Wing {index}", "March 2020"]
    with pytest.raises(LimitExceeded, match="the plan read from it holds more than 20 MB of text") as refused:
        read_plan("\n".join(lines).encode(), name="owners.txt")
    assert refused.value.limit == "plan_text_mb"


def test_json_nested_past_what_python_parses_is_a_plan_error_even_with_the_depth_limit_lifted() -> None:
    with pytest.raises(PlanError) as refused:
        read_plan(hostile.deep_json(), name="deep.json", within=ReadingLimits(json_depth=10**6))
    assert str(refused.value).startswith("deep.json: ")
