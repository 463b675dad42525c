"""The published HMP Buckley Hall plan: the faults the checker must find in it, and those it must not invent."""

import pytest

from actionplan.core.checking import Finding, check_plan
from actionplan.core.generator import generate_plan
from actionplan.core.plan import Plan
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


def test_2_11_implies_affordability_without_stating_it(findings: list[Finding]) -> None:
    [finding] = _for(findings, "2.11", "reason-implied")
    assert finding.severity == "error"
    assert "implies affordability ('however due to funding pressures, finance is not available" in finding.message
    assert "write 'The rest cannot be implemented for affordability reasons: …'" in finding.message


def test_3_20_implies_commissioning(findings: list[Finding]) -> None:
    [finding] = _for(findings, "3.20", "reason-implied")
    assert "implies commissioning ('… run by external contractors" in finding.message
    assert "affordability" not in finding.message


def test_s35_not_agreed_implies_operational(findings: list[Finding]) -> None:
    [finding] = _for(findings, "S35", "reason-implied")
    assert "implies operational ('… wider problem of crowding in prisons" in finding.message
    assert "write 'This is not agreed for operational reasons: …'" in finding.message


def test_no_reason_is_stated_anywhere_in_the_sample(findings: list[Finding]) -> None:
    assert {f.ref for f in findings if f.rule.startswith("reason-")} == {"S35", "2.11", "3.20"}


def test_the_summary_21_2_1_of_24_matches(findings: list[Finding]) -> None:
    assert not [f for f in findings if f.rule == "summary-mismatch"]


def test_the_errors_are_the_missing_date_and_the_unstated_reasons(findings: list[Finding]) -> None:
    errors = {(f.ref, f.rule) for f in findings if f.severity == "error"}
    assert errors == {
        ("2.11", "action-no-target"),
        ("2.11", "reason-implied"),
        ("3.20", "reason-implied"),
        ("S35", "reason-implied"),
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
