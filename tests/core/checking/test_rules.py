"""Each rule of the catalogue: a case that triggers it and a case that does not."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from actionplan.core.checking import Finding, Severity, check_plan, rules
from actionplan.core.plan import Action, Decision, Plan, Recommendation, Report, Summary
from actionplan.core.targets import Target, parse_target

PUBLISHED = date(2020, 1, 15)
MEASURABLE = "Cell call bell response times will be analysed weekly and reported to the monthly safety meeting."
PARTLY = (
    "This recommendation is partly agreed. The part that will be implemented: weekly analysis of response times."
    " The rest cannot be implemented for affordability reasons: the capital budget is committed."
)
NOT_AGREED = "This recommendation is not agreed for policy reasons: it conflicts with national policy."


def clean_plan() -> Plan:
    """One agreed recommendation that meets every rule."""
    return Plan(
        establishment="HMP Testwood",
        report=Report(published=PUBLISHED),
        submitted=PUBLISHED + timedelta(days=30),
        recommendations=[
            Recommendation(
                ref="2.10",
                recommendation="The prison should monitor officer response times to cell call bells.",
                decision=Decision.AGREED,
                response=MEASURABLE,
                actions=[Action(text=MEASURABLE, owner="Head of Residence", target=parse_target("March 2020"))],
            )
        ],
    )


Change = Callable[[Plan], None]


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    change: Change


def rec(plan: Plan) -> Recommendation:
    return plan.recommendations[0]


def action(plan: Plan) -> Action:
    return rec(plan).actions[0]


def decide(decision: Decision, response: str, *, actions: bool = True) -> Change:
    def change(plan: Plan) -> None:
        rec(plan).decision = decision
        rec(plan).response = response
        if not actions:
            rec(plan).actions = []

    return change


def set_owner(owner: str | None) -> Change:
    def change(plan: Plan) -> None:
        action(plan).owner = owner

    return change


def set_target(target: Target) -> Change:
    def change(plan: Plan) -> None:
        action(plan).target = target

    return change


def set_text(text: str) -> Change:
    def change(plan: Plan) -> None:
        action(plan).text = text

    return change


def both(*changes: Change) -> Change:
    def change(plan: Plan) -> None:
        for each in changes:
            each(plan)

    return change


def set_ref(ref: str) -> Change:
    def change(plan: Plan) -> None:
        rec(plan).ref = ref

    return change


def duplicate(plan: Plan) -> None:
    first = rec(plan)
    plan.recommendations.append(Recommendation(**{**first.__dict__, "actions": list(first.actions)}))


def second_ref(plan: Plan) -> None:
    duplicate(plan)
    plan.recommendations[1].ref = "2.11"


def undecided(plan: Plan) -> None:
    rec(plan).decision = None


def no_response(plan: Plan) -> None:
    rec(plan).response = ""
    rec(plan).actions = []


def response_from_actions(plan: Plan) -> None:
    rec(plan).response = ""


def no_actions(plan: Plan) -> None:
    rec(plan).actions = []


def repeated(response: str) -> Change:
    def change(plan: Plan) -> None:
        rec(plan).repeated_from = "2.8"
        rec(plan).response = response

    return change


def summary(*counts: int) -> Change:
    def change(plan: Plan) -> None:
        plan.stated_summary = Summary(*counts)

    return change


def submitted_after(days: int) -> Change:
    def change(plan: Plan) -> None:
        plan.submitted = PUBLISHED + timedelta(days=days)

    return change


def unpublished(plan: Plan) -> None:
    plan.report.published = None


def undated(plan: Plan) -> None:
    plan.report.published = None
    plan.submitted = None


TRIGGERS = [
    Case("ref-missing", "empty ref", set_ref("")),
    Case("ref-duplicate", "same ref twice", duplicate),
    Case("decision-missing", "no decision", undecided),
    Case("response-missing", "no response and no action", no_response),
    Case("agreed-no-action", "agreed, no action", no_actions),
    Case("partly-agreed-no-action", "partly agreed, no action", decide(Decision.PARTLY_AGREED, PARTLY, actions=False)),
    Case(
        "partly-agreed-part-unclear",
        "only the reason",
        decide(Decision.PARTLY_AGREED, "Partly agreed. The rest is not agreed for affordability reasons."),
    ),
    Case(
        "reason-not-stated",
        "partly agreed, no reason",
        decide(Decision.PARTLY_AGREED, "Partly agreed. The part that will be implemented: weekly analysis."),
    ),
    Case(
        "reason-not-stated",
        "not agreed, no reason",
        decide(Decision.NOT_AGREED, "This recommendation is not agreed at this time.", actions=False),
    ),
    Case(
        "reason-implied",
        "funding",
        decide(Decision.NOT_AGREED, "Not agreed as due to funding pressures, finance is not available.", actions=False),
    ),
    Case(
        "reason-implied",
        "contractor",
        decide(Decision.PARTLY_AGREED, "Partly agreed: two workshops are run by external contractors. We will x."),
    ),
    Case(
        "reason-implied",
        "PSI reference",
        decide(Decision.NOT_AGREED, "Not agreed: PSI 75/2011 sets the standard.", actions=False),
    ),
    Case(
        "reason-implied",
        "population",
        decide(Decision.NOT_AGREED, "Not agreed: national population pressures mean places are needed.", actions=False),
    ),
    Case("repeated-no-explanation", "repeated, unexplained", repeated(MEASURABLE)),
    Case("action-no-owner", "no owner", set_owner(None)),
    Case("action-no-owner", "blank owner", set_owner("  ")),
    Case("action-no-owner", "TBC", set_owner("TBC")),
    Case("owner-vague", "all staff", set_owner("All staff")),
    Case("owner-vague", "SMT", set_owner("SMT")),
    Case("owner-vague", "vague among several", set_owner("Governor/everyone")),
    Case("owner-several", "slash", set_owner("Governor/Novus")),
    Case("owner-several", "two posts joined by and", set_owner("Head of Residence and Head of Safety")),
    Case("owner-several", "two posts joined by &", set_owner("Head of Residence & Head of Reducing Reoffending")),
    Case("action-no-target", "no target", set_target(Target.none())),
    Case("action-no-target", "TBC", set_target(parse_target("TBC"))),
    Case("target-unrecognised", "words", set_target(parse_target("when staff are in post"))),
    Case("target-unrecognised", "impossible date", set_target(parse_target("31/02/2020"))),
    Case("target-ongoing", "Ongoing", set_target(parse_target("Ongoing"))),
    Case("target-before-report", "month before", set_target(parse_target("December 2019"))),
    Case("target-too-far", "six years on", set_target(parse_target("December 2025"))),
    Case(
        "target-too-far",
        "measured from submission when publication unknown",
        both(unpublished, set_target(parse_target("December 2025"))),
    ),
    Case("action-not-measurable", "nothing to measure", set_text("Staff will be reminded to be polite.")),
    Case("action-vague", "consider", set_text("The Governor will consider introducing a weekly audit.")),
    Case("action-vague", "where possible", set_text("Applications will be answered within 7 days where possible.")),
    Case(
        "action-conditional",
        "in post",
        set_text("When they are in post the required number of tests will be completed weekly."),
    ),
    Case("action-conditional", "funding", set_text("A new call bell system will be installed subject to funding.")),
    Case("summary-mismatch", "counts differ", summary(2, 0, 0, 2)),
    Case("summary-mismatch", "undecided recommendation counted", both(undecided, summary(1, 0, 0, 1))),
    Case("submitted-late", "61 days", submitted_after(61)),
]

NON_TRIGGERS = [
    Case("ref-missing", "ref given", set_ref("S34")),
    Case("ref-duplicate", "distinct refs", second_ref),
    Case("decision-missing", "agreed", decide(Decision.AGREED, MEASURABLE)),
    Case("response-missing", "actions give the response", response_from_actions),
    Case("agreed-no-action", "not agreed needs none", decide(Decision.NOT_AGREED, NOT_AGREED, actions=False)),
    Case("partly-agreed-no-action", "partly agreed with an action", decide(Decision.PARTLY_AGREED, PARTLY)),
    Case("partly-agreed-part-unclear", "part stated", decide(Decision.PARTLY_AGREED, PARTLY)),
    Case("reason-not-stated", "for affordability reasons", decide(Decision.PARTLY_AGREED, PARTLY)),
    Case("reason-not-stated", "for policy reasons", decide(Decision.NOT_AGREED, NOT_AGREED, actions=False)),
    Case(
        "reason-not-stated",
        "a policy matter",
        decide(Decision.NOT_AGREED, "Not agreed: this is a policy matter for HMPPS.", actions=False),
    ),
    Case("reason-implied", "stated and implied", decide(Decision.PARTLY_AGREED, PARTLY)),
    Case(
        "reason-implied",
        "operational reasons",
        decide(Decision.NOT_AGREED, "Not agreed for operational reasons: population pressures.", actions=False),
    ),
    Case(
        "repeated-no-explanation",
        "explained",
        repeated(f"The previous action plan did not deliver this as staff were not in post. {MEASURABLE}"),
    ),
    Case(
        "action-no-owner",
        "not agreed actions are not held to owners",
        both(decide(Decision.NOT_AGREED, NOT_AGREED), set_owner(None)),
    ),
    Case("owner-vague", "a post", set_owner("Head of Safety")),
    Case("owner-several", "one post with and", set_owner("Head of Learning and Skills")),
    Case("owner-several", "one post with and, two words", set_owner("Head of Safety and Equalities")),
    Case("owner-several", "a trust", set_owner("Greater Manchester NHS Foundation Trust")),
    Case("action-no-target", "Completed", set_target(parse_target("Completed"))),
    Case("target-unrecognised", "quarter", set_target(parse_target("Q1 2020"))),
    Case("target-ongoing", "a date", set_target(parse_target("31/03/2020"))),
    Case("target-before-report", "the month of publication", set_target(parse_target("January 2020"))),
    Case("target-too-far", "within three years", set_target(parse_target("December 2022"))),
    Case("target-too-far", "no date to measure from", both(undated, set_target(parse_target("December 2030")))),
    Case("action-not-measurable", "every wing", set_text("Envelopes will be made available on every wing.")),
    Case("action-vague", "considerable is not consider", set_text("The considerable backlog will be audited weekly.")),
    Case(
        "action-conditional",
        "subject to a check is no condition",
        set_text("Medication is supervised, subject to a daily duty management check."),
    ),
    Case("summary-mismatch", "counts agree", summary(1, 0, 0, 1)),
    Case("summary-mismatch", "no summary stated", lambda plan: None),
    Case("submitted-late", "60 days", submitted_after(60)),
]


def findings_for(case: Case) -> list[Finding]:
    plan = clean_plan()
    case.change(plan)
    return check_plan(plan)


def test_the_clean_plan_has_no_findings() -> None:
    assert check_plan(clean_plan()) == []


@pytest.mark.parametrize("case", TRIGGERS, ids=lambda c: f"{c.rule}: {c.name}")
def test_rule_is_triggered(case: Case) -> None:
    found = [f for f in findings_for(case) if f.rule == case.rule]
    assert found, f"{case.rule} not found"
    severity = {rule.id: rule.severity for rule in rules()}[case.rule]
    assert all(f.severity is severity for f in found)


@pytest.mark.parametrize("case", NON_TRIGGERS, ids=lambda c: f"{c.rule}: {c.name}")
def test_rule_is_not_triggered(case: Case) -> None:
    assert case.rule not in {f.rule for f in findings_for(case)}


def test_every_rule_in_the_catalogue_has_cases_both_ways() -> None:
    ids = {rule.id for rule in rules()}
    assert {case.rule for case in TRIGGERS} == ids
    assert {case.rule for case in NON_TRIGGERS} == ids


def test_the_catalogue_explains_each_rule_once() -> None:
    catalogue = rules()
    assert len({rule.id for rule in catalogue}) == len(catalogue)
    for rule in catalogue:
        assert rule.title
        assert rule.explanation.endswith(".")
        assert isinstance(rule.severity, Severity)


def test_action_findings_point_at_the_action() -> None:
    plan = clean_plan()
    rec(plan).actions.append(Action(text=MEASURABLE, owner=None, target=parse_target("March 2020")))
    [finding] = check_plan(plan)
    assert (finding.ref, finding.recommendation_index, finding.action_index, finding.part) == ("2.10", 0, 1, "owner")
    assert finding.message.startswith("2.10, action 2 ('Cell call bell response times")


def test_plan_findings_come_first_with_no_ref() -> None:
    plan = clean_plan()
    set_owner(None)(plan)
    summary(3, 0, 0, 3)(plan)
    found = check_plan(plan)
    assert [(f.rule, f.ref) for f in found] == [("summary-mismatch", None), ("action-no-owner", "2.10")]


def test_messages_quote_what_triggered_them_and_say_what_to_write() -> None:
    plan = clean_plan()
    set_owner("Governor/Novus")(plan)
    set_target(parse_target("Ongoing"))(plan)
    set_text("We will look into a weekly audit, subject to funding.")(plan)
    messages = {f.rule: f.message for f in check_plan(plan)}
    assert "'Governor/Novus' names 2 owners (Governor, Novus)" in messages["owner-several"]
    assert "'Ongoing'" in messages["target-ongoing"]
    assert "'We will look into a weekly audit'" in messages["action-vague"]
    assert "subject to funding" in messages["action-conditional"]
    assert all(m.startswith("2.10") for m in messages.values())


def test_duplicate_ref_is_reported_on_the_second_use() -> None:
    plan = clean_plan()
    duplicate(plan)
    [finding] = check_plan(plan)
    assert (finding.rule, finding.recommendation_index) == ("ref-duplicate", 1)
