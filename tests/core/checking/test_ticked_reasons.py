"""Reasons ticked on the form are stated reasons; reasons the response only implies are suggestions."""

from actionplan.core.checking import Finding, Severity, check_plan
from actionplan.core.plan import Decision, Plan, Reason, Recommendation

CROWDING = "This recommendation is not agreed: the wider problem of crowding in prisons will not be easily addressed."
FUNDING = "This recommendation is partly agreed. The part that will be implemented: double cells. Funding is short."


def _reason_findings(decision: Decision, response: str, reasons: list[Reason]) -> list[Finding]:
    plan = Plan(
        establishment="HMP Testwood",
        recommendations=[Recommendation("S35", "r", decision=decision, response=response, reasons=reasons)],
    )
    return [f for f in check_plan(plan) if f.rule.startswith("reason-")]


def test_ticked_reasons_are_stated_and_an_other_implied_reason_is_only_a_warning() -> None:
    findings = _reason_findings(Decision.NOT_AGREED, CROWDING, [Reason.POLICY, Reason.AFFORDABILITY])
    assert [(f.rule, f.severity) for f in findings] == [("reason-implied", Severity.WARNING)]
    assert "suggests operational ('… wider problem of crowding in prisons" in findings[0].message
    assert "besides the policy and affordability stated" in findings[0].message


def test_ticking_the_implied_reason_leaves_nothing_to_say() -> None:
    assert _reason_findings(Decision.NOT_AGREED, CROWDING, [Reason.OPERATIONAL]) == []


def test_partly_agreed_with_nothing_ticked_and_a_reason_only_implied_is_an_error_naming_it() -> None:
    findings = _reason_findings(Decision.PARTLY_AGREED, FUNDING, [])
    assert [(f.rule, f.severity) for f in findings] == [
        ("reason-not-stated", Severity.ERROR),
        ("reason-implied", Severity.WARNING),
    ]
    assert "suggests affordability ('Funding is short')" in findings[1].message


def test_a_reason_stated_in_so_many_words_needs_no_tick() -> None:
    stated = "This recommendation is partly agreed due to operational reasons. The part that will be implemented: x."
    assert _reason_findings(Decision.PARTLY_AGREED, stated, []) == []
    assert _reason_findings(Decision.NOT_AGREED, "Not agreed for affordability reasons.", []) == []


def test_not_agreed_with_nothing_ticked_and_nothing_said_is_an_error() -> None:
    findings = _reason_findings(Decision.NOT_AGREED, "This recommendation is not agreed at this time.", [])
    assert [(f.rule, f.severity) for f in findings] == [("reason-not-stated", Severity.ERROR)]
