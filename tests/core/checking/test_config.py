"""The checker's settings: packaged word lists, an organisation's own file, and loud failure on a bad one."""

import re
from datetime import timedelta
from importlib import resources
from pathlib import Path

import pytest

from actionplan.core.checking import CheckConfig, check_plan, detect_reasons
from actionplan.core.errors import PlanError
from actionplan.core.plan import Reason
from actionplan.core.targets import parse_target
from tests.core.checking.test_rules import PUBLISHED, action, clean_plan


def test_the_word_lists_ship_with_the_package() -> None:
    assert resources.files("actionplan.core.checking").joinpath("wordlists.toml").is_file()


def test_defaults_come_from_the_packaged_file() -> None:
    config = CheckConfig()
    assert config.submission_deadline_days == 60
    assert config.target_horizon_years == 3
    assert "consider" in config.vague_wording
    assert CheckConfig.default() is CheckConfig.default()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ours.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_file_changes_only_what_it_gives(tmp_path: Path) -> None:
    config = CheckConfig.from_file(
        _write(tmp_path, '[settings]\nsubmission_deadline_days = 30\n[owners]\nvague = ["Novus"]\n')
    )
    assert config.submission_deadline_days == 30
    assert config.vague_owners == ("Novus",)
    assert config.target_horizon_years == 3
    assert config.vague_wording == CheckConfig().vague_wording


def test_the_deadline_and_horizon_are_settings() -> None:
    plan = clean_plan()
    plan.submitted = PUBLISHED + timedelta(days=40)
    action(plan).target = parse_target("December 2025")
    assert {f.rule for f in check_plan(plan)} == {"target-too-far"}
    found = check_plan(plan, CheckConfig(submission_deadline_days=30, target_horizon_years=10))
    assert [f.rule for f in found] == ["submitted-late"]
    assert "plans are due within 30 days" in found[0].message


def test_rules_can_be_turned_off(tmp_path: Path) -> None:
    plan = clean_plan()
    action(plan).owner = "Governor/Novus"
    config = CheckConfig.from_file(_write(tmp_path, '[settings]\ndisabled_rules = ["owner-several"]\n'))
    assert check_plan(plan) != []
    assert check_plan(plan, config) == []


def test_reason_cues_can_be_extended(tmp_path: Path) -> None:
    config = CheckConfig.from_file(_write(tmp_path, '[reasons.affordability]\ncues = ["pennies"]\n'))
    assert detect_reasons("We are short of pennies.", config)[1] == {Reason.AFFORDABILITY: "… are short of pennies"}
    assert Reason.AFFORDABILITY not in detect_reasons("We are short of funding.", config)[1]
    assert config.reasons[Reason.POLICY] == CheckConfig().reasons[Reason.POLICY]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[extras]\nx = 1\n", "unknown section [extras]"),
        ("[owners]\nunclear = []\n", "unknown setting 'unclear' in [owners]"),
        ("[settings]\nsubmission_deadline_days = 'sixty'\n", "must be a whole number"),
        ("[owners]\nvague = 'SMT'\n", "must be a list of words in quotes"),
        ("[settings]\ndisabled_rules = ['no-such-rule']\n", "names no rule 'no-such-rule'"),
        ("[reasons.fairness]\ncues = []\n", "unknown reason 'fairness'"),
        ("[reasons.policy]\npatterns = ['(']\n", "is not a valid pattern"),
        ("[actions]\nmeasurable_patterns = ['[']\n", "is not a valid pattern"),
        ("[settings\n", "not a valid TOML file"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason(tmp_path: Path, text: str, says: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(PlanError, match=re.escape(says)) as raised:
        CheckConfig.from_file(path)
    assert str(raised.value).startswith(f"{path}: ")


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="cannot read the settings file"):
        CheckConfig.from_file(tmp_path / "missing.toml")
