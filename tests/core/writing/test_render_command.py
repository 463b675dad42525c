"""actionplan render: every format to a file or standard output, and one line with status 2 for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from actionplan.cli import main
from actionplan.core import canonical
from actionplan.core.generator import generate_plan


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(canonical.dumps(generate_plan(2, recommendations=12)), "utf-8")
    return path


@pytest.mark.parametrize("format", ["docx", "pdf", "html", "xlsx", "csv"])
def test_writes_next_to_the_input_by_default(plan_file: Path, format: str) -> None:
    assert main(["render", str(plan_file), "--to", format]) == 0
    assert plan_file.with_suffix(f".{format}").stat().st_size > 1000


def test_a_tracker_renders_back_to_the_same_json(plan_file: Path, tmp_path: Path) -> None:
    tracker = tmp_path / "tracker.xlsx"
    assert main(["render", str(plan_file), "--to", "xlsx", "-o", str(tracker)]) == 0
    again = tmp_path / "again.json"
    assert main(["render", str(tracker), "--to", "json", "-o", str(again)]) == 0
    assert again.read_text("utf-8") == plan_file.read_text("utf-8")


def test_text_formats_go_to_standard_output(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(plan_file), "--to", "json", "-o", "-"]) == 0
    assert capsys.readouterr().out == plan_file.read_text("utf-8")


def _one_line_refusal(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    try:
        status = main(argv)
    except SystemExit as exit:
        status = int(exit.code or 0)
    assert status == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1, error
    return error


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["missing.json", "--to", "docx"], "cannot read the file"),
        (["{plan}", "--to", "odt"], "invalid choice: 'odt'"),
        (["{plan}"], "the following arguments are required: --to"),
        (["{plan}", "--to", "docx", "-o", "{tmp}/no/such/folder/plan.docx"], "cannot write the output"),
        (["{plan}", "--to", "pdf", "-o", "-"], "cannot go to standard output"),
        (["{plan}", "--to", "json"], "would replace the input file"),
        (["{garbage}", "--to", "html"], "garbage.json"),
        (["{plan}", "--to", "html", "--wording", "{tmp}/none.toml"], "cannot read the wording file"),
    ],
)
def test_bad_input_ends_with_status_2_and_one_line(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    garbage = tmp_path / "garbage.json"
    garbage.write_text('{"schema": "actionplan/1", "establishment": 7}', "utf-8")
    argv = ["render", *(a.format(plan=plan_file, tmp=tmp_path, garbage=garbage) for a in args)]
    assert said in _one_line_refusal(argv, capsys)
