"""actionplan parse: canonical JSON on stdout, warnings on stderr one line each with the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actionplan import cli
from actionplan.core import canonical
from tests.core.reading.plan_documents import example_plan


def test_parse_prints_canonical_json(samples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["parse", str(samples_dir / "buckley_hall_2019.txt")]) == 0
    captured = capsys.readouterr()
    plan = canonical.loads(captured.out)
    assert plan.establishment == "HMP Buckley Hall"
    assert len(plan.recommendations) == 24
    # The sample has no cover page, and two of its actions have no target date: a person checks only those.
    sample = samples_dir / "buckley_hall_2019.txt"
    assert captured.err.splitlines() == [
        f"{sample}: not read: inspection dates, report published, plan submitted",
        f"{sample}: S35: not read: action 1 target",
        f"{sample}: 2.11: not read: action 1 target",
    ]


def test_parse_word_with_format(documents: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["parse", "--format", "docx", str(documents / "example.docx")]) == 0
    assert json.loads(capsys.readouterr().out) == canonical.plan_to_dict(example_plan())


def test_warnings_go_to_stderr_with_their_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "plan.txt"
    text.write_text(
        "ESTABLISHMENT: HMP ASHCOMBE\n\n1.1 Cells should be clean.\n\nAgreed\n\nCleaning is checked weekly.\n\n"
        "Governor\n\nMarch 2020\n\f\nAgreed 1\n\nTotal 1\n\nSigned off by the deputy director on Friday.\n"
    )
    assert cli.main(["parse", str(text)]) == 0
    captured = capsys.readouterr()
    assert canonical.loads(captured.out).stated_summary is not None
    assert captured.err.splitlines() == [
        f"{text}: page 2: text not understood: Signed off by the deputy director on Friday.",
        f"{text}: not read: inspection dates, report published, plan submitted",
    ]


def test_wrong_format_given_is_one_line(documents: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["parse", "--format", "pdf", str(documents / "example.docx")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_parse_names_each_field_it_could_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "plan.txt"
    text.write_text(
        "Action Plan: HMP Ashcombe\n\nReport Published 2 September 2019\n\n"
        "1.1 Cells should be clean.\n\nAgreed\n\nCleaning is checked weekly.\n\nGovernor\n\n"
        "1.2 Meals should be hot.\n\nMeals are served hot.\n\nCatering Manager\n\nMarch 2020\n"
    )
    assert cli.main(["parse", str(text)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"{text}: not read: inspection dates, plan submitted",
        f"{text}: 1.1: not read: action 1 target",
        f"{text}: 1.2: not read: decision, action 1 owner",
    ]
