"""``actionplan check``: the report a coordinator reads, the JSON other tools read, and the exit status."""

import json
from pathlib import Path

import pytest

from actionplan.cli import main
from actionplan.core import canonical
from actionplan.core.generator import generate_plan
from actionplan.core.plan import Plan, Summary
from actionplan.core.targets import parse_target
from tests.core.checking.test_rules import action, clean_plan


def _save(tmp_path: Path, plan: Plan) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(canonical.dumps(plan), "utf-8")
    return path


@pytest.fixture
def faulty(tmp_path: Path) -> Path:
    """A plan with one plan-level error, one action error, one warning and one piece of advice."""
    plan = clean_plan()
    plan.stated_summary = Summary(agreed=3, total=3)
    second = plan.recommendations[0].__class__(**{**plan.recommendations[0].__dict__, "ref": "2.11"})
    second.actions = [
        action(plan).__class__(text="Screens will be fitted in all cells.", owner="Governor/Novus"),
        action(plan).__class__(
            text="Every cell will be checked monthly.", owner="Head of Residence", target=parse_target("Ongoing")
        ),
    ]
    plan.recommendations.append(second)
    return _save(tmp_path, plan)


def test_the_report_groups_findings_by_ref_with_the_plan_first(
    faulty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(faulty)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"{faulty}: HMP Testwood, 2 recommendations"
    assert lines.index("The whole plan") < lines.index("2.11")
    assert "2.10" not in lines
    assert any(line.split()[:2] == ["error", "summary-mismatch"] for line in lines)
    section = lines[lines.index("2.11") + 1 :]
    assert [line.split()[:2] for line in section[:3]] == [
        ["advice", "owner-several"],
        ["error", "action-no-target"],
        ["warning", "target-ongoing"],
    ]
    assert lines[-1] == "2 errors, 1 warning, 1 advice"


def test_json_lists_the_findings(faulty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(faulty), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert all(set(f) == {"ref", "rule", "severity", "message"} for f in findings)
    assert findings[0]["ref"] is None
    assert findings[0]["rule"] == "summary-mismatch"
    assert [f["ref"] for f in findings[1:]] == ["2.11"] * 3


def test_a_plan_with_warnings_only_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = clean_plan()
    action(plan).target = parse_target("Ongoing")
    assert main(["check", str(_save(tmp_path, plan))]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 errors, 1 warning, 0 advice"


def test_a_clean_plan_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(_save(tmp_path, generate_plan(4)))]) == 0
    out = capsys.readouterr().out
    assert "No findings: the plan meets every rule checked." in out
    assert main(["check", str(_save(tmp_path, generate_plan(4))), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_settings_file_is_used(faulty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "ours.toml"
    settings.write_text('[settings]\ndisabled_rules = ["summary-mismatch", "action-no-target"]\n', "utf-8")
    assert main(["check", str(faulty), "--config", str(settings)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 errors, 1 warning, 1 advice"


@pytest.mark.parametrize("content", [None, "{not json", '{"schema": "something else"}'])
def test_unreadable_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None
) -> None:
    path = tmp_path / "plan.json"
    if content is not None:
        path.write_text(content, "utf-8")
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"actionplan check: {path}")
    assert captured.err.count("\n") == 1


def test_a_bad_settings_file_exits_2(faulty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "ours.toml"
    settings.write_text("[nonsense]\n", "utf-8")
    assert main(["check", str(faulty), "--config", str(settings)]) == 2
    assert "unknown section [nonsense]" in capsys.readouterr().err


def test_the_published_sample_text_is_checked(samples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(samples_dir / "buckley_hall_2019.txt"), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert ("2.11", "action-no-target") in {(f["ref"], f["rule"]) for f in findings}


def test_the_service_settings_in_the_environment_set_the_checker(
    faulty: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lists = tmp_path / "ours.toml"
    lists.write_text('[settings]\ndisabled_rules = ["owner-several"]\n', "utf-8")
    monkeypatch.setenv("ACTIONPLAN_CHECK_CONFIG", str(lists))
    main(["check", str(faulty), "--json"])
    assert "owner-several" not in {f["rule"] for f in json.loads(capsys.readouterr().out)}
    # --config names the file for this run, before the variable.
    main(["check", str(faulty), "--json", "--config", str(tmp_path / "missing.toml")])
    assert "missing.toml" in capsys.readouterr().err

    monkeypatch.setenv("ACTIONPLAN_SUBMISSION_DAYS", "soon")
    assert main(["check", str(faulty)]) == 2
    assert "ACTIONPLAN_SUBMISSION_DAYS must be a whole number; it is 'soon'" in capsys.readouterr().err
