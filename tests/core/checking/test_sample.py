"""The published HMP Buckley Hall plan: the faults the checker must find in it, and those it must not invent.

The same faults are asserted on a hand-built copy of the plan and on the plan as the text reader reads it,
so that a change in the reader cannot hide a change in the checker.
"""

from pathlib import Path

import pytest

from actionplan.core.checking import Finding, check_plan, record_reasons
from actionplan.core.generator import generate_plan
from actionplan.core.plan import Plan, Reason
from actionplan.core.reading import read_plan
from tests.core.checking.buckley_hall import buckley_hall_plan


@pytest.fixture
def findings() -> list[Finding]:
    return check_plan(buckley_hall_plan())


def _for(findings: list[Finding], ref: str, rule: str) -> list[Finding]:
    return [f for f in findings if f.ref == ref and f.rule == rule]


def test_2_11_has_no_target_date(findings: list[Finding]) -> None:
    [finding] = _for(findings, "2.11", "action-no-target")
    assert finding.severity == "error"
    assert finding.message.startswith("2.11, action 1")


def test_2_11_implies_affordability_and_policy_without_stating_them(findings: list[Finding]) -> None:
    [error] = _for(findings, "2.11", "reason-not-stated")
    assert error.severity == "error"
    assert "for example 'The rest cannot be implemented for affordability reasons: …'" in error.message
    [warning] = _for(findings, "2.11", "reason-implied")
    assert warning.severity == "warning"
    assert "suggests affordability ('however due to funding pressures, finance is not available" in warning.message
    assert "and policy ('Residential Services PSI (75/2011)" in warning.message


def test_3_20_implies_commissioning(findings: list[Finding]) -> None:
    [warning] = _for(findings, "3.20", "reason-implied")
    assert "suggests commissioning ('… run by external contractors" in warning.message
    assert "affordability" not in warning.message
    assert _for(findings, "3.20", "reason-not-stated")


def test_s35_not_agreed_implies_operational(findings: list[Finding]) -> None:
    [warning] = _for(findings, "S35", "reason-implied")
    assert "suggests operational ('… wider problem of crowding in prisons" in warning.message
    assert "write 'This is not agreed for operational reasons: …'" in warning.message
    [error] = _for(findings, "S35", "reason-not-stated")
    assert error.message.startswith("S35 is not agreed, but the plan does not state why: tick the reasons")


def test_no_reason_is_stated_anywhere_in_the_sample(findings: list[Finding]) -> None:
    assert {f.ref for f in findings if f.rule.startswith("reason-")} == {"S35", "2.11", "3.20"}


def test_the_summary_21_2_1_of_24_matches(findings: list[Finding]) -> None:
    assert not [f for f in findings if f.rule == "summary-mismatch"]


def test_the_errors_are_the_missing_date_and_the_unstated_reasons(findings: list[Finding]) -> None:
    errors = {(f.ref, f.rule) for f in findings if f.severity == "error"}
    assert errors == {
        ("2.11", "action-no-target"),
        ("2.11", "reason-not-stated"),
        ("3.20", "reason-not-stated"),
        ("S35", "reason-not-stated"),
    }


def test_the_weaker_points_are_advised(findings: list[Finding]) -> None:
    assert _for(findings, "S34", "action-conditional")
    assert _for(findings, "S35", "repeated-no-explanation")
    assert {f.severity for f in findings if f.rule == "owner-several"} == {"advice"}


@pytest.mark.parametrize("seed", range(12))
def test_a_clean_generated_plan_has_no_errors(seed: int) -> None:
    plan = generate_plan(seed, recommendations=40)
    assert [f for f in check_plan(plan) if f.severity == "error"] == []


@pytest.mark.parametrize("seed", range(6))
def test_a_flawed_generated_plan_has_errors(seed: int) -> None:
    plan: Plan = generate_plan(seed, recommendations=40, flawed=True)
    assert any(f.severity == "error" for f in check_plan(plan))


@pytest.fixture
def read_findings(samples_dir: Path) -> list[Finding]:
    return check_plan(read_plan(samples_dir / "buckley_hall_2019.txt").plan)


def test_the_sample_as_read_gives_the_same_errors(read_findings: list[Finding]) -> None:
    assert {(f.ref, f.rule) for f in read_findings if f.severity == "error"} == {
        ("2.11", "action-no-target"),
        ("2.11", "reason-not-stated"),
        ("3.20", "reason-not-stated"),
        ("S35", "reason-not-stated"),
    }


def test_the_sample_as_read_names_the_implied_reasons(read_findings: list[Finding]) -> None:
    implied = {f.ref: f.message for f in read_findings if f.rule == "reason-implied"}
    assert "suggests affordability ('however due to funding pressures, finance is not available" in implied["2.11"]
    assert "suggests commissioning ('… run by external contractors" in implied["3.20"]
    assert "suggests operational ('… wider problem of crowding in prisons" in implied["S35"]
    assert not [f for f in read_findings if f.rule == "summary-mismatch"]


def test_reading_states_none_of_the_reasons_the_sample_only_implies(samples_dir: Path) -> None:
    plan = read_plan(samples_dir / "buckley_hall_2019.txt").plan
    record_reasons(plan)
    assert [rec.ref for rec in plan.recommendations if rec.reasons] == []
    assert {rec.ref: rec.inferred_reasons for rec in plan.recommendations if rec.inferred_reasons} == {
        "S35": [Reason.OPERATIONAL],
        "2.11": [Reason.POLICY, Reason.AFFORDABILITY],
        "3.20": [Reason.COMMISSIONING],
    }
    findings = check_plan(plan)
    assert {f.ref for f in findings if f.rule == "reason-not-stated"} == {"S35", "2.11", "3.20"}
    assert {f.ref for f in findings if f.rule == "reason-implied"} == {"S35", "2.11", "3.20"}


def test_ticking_the_reasons_the_sample_implies_settles_them(samples_dir: Path) -> None:
    plan = read_plan(samples_dir / "buckley_hall_2019.txt").plan
    for rec in plan.recommendations:
        rec.reasons = list(rec.inferred_reasons)
    assert [f for f in check_plan(plan) if f.rule.startswith("reason-")] == []
