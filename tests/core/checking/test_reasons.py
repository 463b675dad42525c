"""Reasons stated in so many words, reasons only implied, and recording them on the plan."""

import pytest

from actionplan.core.checking import detect_reasons, record_reasons
from actionplan.core.plan import Decision, Plan, Reason, Recommendation

C, P, OP, A = Reason.COMMISSIONING, Reason.POLICY, Reason.OPERATIONAL, Reason.AFFORDABILITY


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("This is not agreed for affordability reasons: the budget is spent.", {A}),
        ("The rest cannot be done for operational reasons.", {OP}),
        ("This is a policy matter for HMPPS.", {P}),
        ("Not agreed on commissioning grounds.", {C}),
        ("Not agreed for reasons of affordability.", {A}),
        ("Not agreed due to\npolicy.", {P}),
        ("Partly agreed for policy and operational reasons.", {OP, P}),
        ("Not agreed for commissioning, policy or affordability reasons.", {C, P, A}),
        ("Operational Policy will look at this.", set()),
    ],
)
def test_stated_reasons(text: str, stated: set[Reason]) -> None:
    assert detect_reasons(text)[0] == stated


@pytest.mark.parametrize(
    ("text", "reason", "quote"),
    [
        (
            "Due to funding pressures, finance is not available.",
            A,
            "Due to funding pressures, finance is not available",
        ),
        ("The workshops are run by external contractors.", C, "… run by external contractors"),
        ("National policy sets the number of visits.", P, "National policy sets the number …"),
        (
            "Residential Services PSI (75/2011) states the standard.",
            P,
            "Residential Services PSI (75/2011) states the standard",
        ),
        ("The regime is restricted by staffing.", OP, "The regime is restricted by staffing"),
    ],
)
def test_implied_reasons_come_with_a_quotation(text: str, reason: Reason, quote: str) -> None:
    stated, implied = detect_reasons(text)
    assert stated == set()
    assert implied[reason] == quote


def test_a_stated_reason_is_not_also_implied() -> None:
    stated, implied = detect_reasons("Not agreed for affordability reasons: the budget is committed.")
    assert stated == {A}
    assert A not in implied


def test_implied_reasons_follow_the_text() -> None:
    _, implied = detect_reasons("Funding is short. The contractor also declined. PSI 75/2011 applies.")
    assert list(implied) == [A, C, P]


def test_record_reasons_records_only_stated_reasons_and_keeps_implied_ones_apart() -> None:
    plan = Plan(
        establishment="HMP Testwood",
        recommendations=[
            Recommendation("1", "r", decision=Decision.NOT_AGREED, response="Not agreed: no funding."),
            Recommendation(
                "2", "r", decision=Decision.PARTLY_AGREED, response="Partly agreed for policy reasons; contractor."
            ),
            Recommendation("3", "r", decision=Decision.NOT_AGREED, response="No funding.", reasons=[OP]),
            Recommendation("4", "r", decision=Decision.AGREED, response="Funding is agreed."),
            Recommendation("5", "r", decision=Decision.NOT_AGREED, response="Not agreed."),
        ],
    )
    record_reasons(plan)
    assert [r.reasons for r in plan.recommendations] == [[], [P], [OP], [], []]
    assert [r.inferred_reasons for r in plan.recommendations] == [[A], [], [], [], []]


def test_the_reasons_line_published_plans_carry_is_a_statement() -> None:
    assert detect_reasons("Reasons: policy, affordability.")[0] == {P, A}
    assert detect_reasons("Reason: operational.")[0] == {OP}
