"""The command line and the service check a plan with the same settings, and so report the same findings."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import override_settings

from actionplan.cli import main
from actionplan.core import canonical
from actionplan.core.generator import generate_plan
from actionplan.storage import models
from actionplan.storage.conversion import load_plan
from actionplan.storage.importing import Outcome, import_files
from actionplan.storage.quality import findings_for

pytestmark = pytest.mark.django_db

# An organisation's own lists: its education provider is too vague an owner, and it does not advise on shared owners.
WORD_LISTS = '[owners]\nvague = ["Novus"]\n[settings]\ndisabled_rules = ["owner-several"]\n'


def _command_line_findings(path: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, str | None]]:
    main(["check", str(path), "--json"])
    found: list[dict[str, str | None]] = json.loads(capsys.readouterr().out)
    return found


def _service_findings(path: Path) -> list[dict[str, str | None]]:
    [result] = import_files([path])
    assert result.outcome is Outcome.IMPORTED, result.message
    stored = models.ActionPlan.objects.get(pk=result.plan_id)
    return [finding.to_dict() for finding in findings_for(load_plan(stored))]


def test_the_sample_gets_the_same_findings_from_the_command_line_and_the_service(
    samples_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lists = tmp_path / "ours.toml"
    lists.write_text(WORD_LISTS, "utf-8")
    monkeypatch.setenv("ACTIONPLAN_CHECK_CONFIG", str(lists))
    sample = samples_dir / "buckley_hall_2019.txt"
    with override_settings(ACTIONPLAN_CHECK_CONFIG=str(lists)):
        service = _service_findings(sample)
    command_line = _command_line_findings(sample, capsys)
    assert command_line == service
    assert any(f["rule"] == "owner-vague" for f in service), "the organisation's word lists are used"
    assert {f["rule"] for f in service} >= {"reason-not-stated", "reason-implied", "action-no-target"}


def test_a_late_plan_is_late_by_the_same_deadline_on_the_command_line_and_in_the_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = generate_plan(3, recommendations=6)
    assert plan.report.published is not None
    plan = dataclasses.replace(plan, submitted=plan.report.published + timedelta(days=40))
    path = tmp_path / "plan.json"
    path.write_text(canonical.dumps(plan), "utf-8")
    monkeypatch.setenv("ACTIONPLAN_SUBMISSION_DAYS", "30")
    with override_settings(ACTIONPLAN_SUBMISSION_DAYS=30):
        service = _service_findings(path)
    assert _command_line_findings(path, capsys) == service
    assert [f["rule"] for f in service if f["ref"] is None] == ["submitted-late"]
