"""The catalogue of quality rules: each rule's id, severity, title and an explanation for coordinators."""

from __future__ import annotations

from dataclasses import dataclass

from actionplan.core.checking.findings import Finding, Severity


@dataclass(frozen=True)
class Rule:
    """A rule as a coordinator reads it in the catalogue. The id never changes once published."""

    id: str
    severity: Severity
    title: str
    explanation: str


_E, _W, _A = Severity.ERROR, Severity.WARNING, Severity.ADVICE

_RULES = (
    Rule(
        "ref-missing",
        _E,
        "Recommendation without a number",
        "Every recommendation or concern needs the number the report gives it (such as S34 or 2.11), so that the"
        " inspectorate can match the answer to its report.",
    ),
    Rule(
        "ref-duplicate",
        _E,
        "Number used twice",
        "Each number must appear once. A number used twice usually means a row was copied or mistyped.",
    ),
    Rule(
        "decision-missing",
        _E,
        "No decision",
        "Every recommendation must be marked Agreed, Partly Agreed or Not Agreed.",
    ),
    Rule(
        "response-missing",
        _E,
        "No response",
        "Every recommendation needs a response: how it will be achieved (Agreed), which part will be implemented"
        " and why not the rest (Partly Agreed), or why it is not agreed (Not Agreed).",
    ),
    Rule(
        "agreed-no-action",
        _E,
        "Agreed with no action",
        "An agreed recommendation needs at least one action, with an owner and a target date, so that progress"
        " can be tracked.",
    ),
    Rule(
        "partly-agreed-no-action",
        _E,
        "Partly agreed with no action",
        "The part that is agreed needs SMART actions, each with an owner and a target date.",
    ),
    Rule(
        "partly-agreed-part-unclear",
        _W,
        "Agreed part not stated",
        "A partly agreed response must state clearly which part of the recommendation will be implemented.",
    ),
    Rule(
        "reason-not-stated",
        _E,
        "Reason not stated",
        "When a recommendation is partly agreed or not agreed, the plan must state whether this is for"
        " commissioning, policy, operational or affordability reasons: tick them, or say so in the response.",
    ),
    Rule(
        "reason-implied",
        _W,
        "Reason implied but not stated",
        "The wording suggests a reason (funding points to affordability, a contractor to commissioning, national"
        " policy to policy, staffing or population to operational) that nobody has stated. Tick it if it is one of"
        " the reasons, so that the plan states it; otherwise reword the response.",
    ),
    Rule(
        "repeated-no-explanation",
        _W,
        "Repeated recommendation not explained",
        "When the inspectorate repeats a recommendation from its last inspection, the response should say why the"
        " previous action plan did not deliver it and what is different this time.",
    ),
    Rule(
        "action-no-owner",
        _E,
        "Action without an owner",
        "Every action needs a responsible owner: the post (or contractor) accountable for delivering it.",
    ),
    Rule(
        "owner-vague",
        _W,
        "Owner too vague",
        "An owner such as 'all staff' or 'SMT' holds nobody to account. Name the post that will answer for the action.",
    ),
    Rule(
        "owner-several",
        _A,
        "Several owners",
        "When an action is shared (such as 'Governor/Novus'), name one owner who is accountable for it and mention"
        " the others in the action.",
    ),
    Rule(
        "action-no-target",
        _E,
        "Action without a target date",
        "Every action needs a target date, or 'Completed' when it is already done, so that it is time-bound.",
    ),
    Rule(
        "target-unrecognised",
        _E,
        "Target date not understood",
        "A target must be a date (such as 'March 2020', '31/03/2020' or 'Q1 2020') or 'Completed'.",
    ),
    Rule(
        "target-ongoing",
        _W,
        "Target date 'Ongoing'",
        "'Ongoing' gives no date by which the action will be in place. Give the date by which it will be done and"
        " say in the action how it will then be kept up.",
    ),
    Rule(
        "target-before-report",
        _W,
        "Target date before the report",
        "A target date before the report was published is either a mistake or an action already done: correct the"
        " date or write 'Completed'.",
    ),
    Rule(
        "target-too-far",
        _W,
        "Target date implausibly far ahead",
        "A target date years after the report is unlikely to be realistic or to be tracked; the limit is a setting.",
    ),
    Rule(
        "action-not-measurable",
        _W,
        "Nothing to measure",
        "An action should contain something to measure progress against: a number, a frequency, a deliverable or"
        " a date.",
    ),
    Rule(
        "action-vague",
        _W,
        "Vague wording",
        "Words such as 'consider', 'explore' or 'where possible' commit to nothing. Say what will be done.",
    ),
    Rule(
        "action-conditional",
        _W,
        "Action depends on a condition",
        "An action that depends on a condition ('subject to funding', 'when they are in post') may never happen."
        " Commit to what will be done, or treat the recommendation as partly agreed and say why.",
    ),
    Rule(
        "summary-mismatch",
        _E,
        "Summary does not match the decisions",
        "The counts at the end of the plan (Agreed, Partly Agreed, Not Agreed, Total) must match the decisions"
        " recorded against the recommendations.",
    ),
    Rule(
        "submitted-late",
        _W,
        "Submitted late",
        "The plan was submitted later after the report was published than the deadline set for plans. No national"
        " deadline is fixed, so the number of days is a setting.",
    ),
)

_BY_ID = {rule.id: rule for rule in _RULES}


def rules() -> list[Rule]:
    """Every rule the checker applies, in the order its findings are reported."""
    return list(_RULES)


def rule(rule_id: str) -> Rule:
    """The rule with this id; a KeyError means a check names a rule missing from the catalogue."""
    return _BY_ID[rule_id]


def finding(
    rule_id: str,
    message: str,
    *,
    ref: str | None = None,
    recommendation_index: int | None = None,
    action_index: int | None = None,
    part: str | None = None,
) -> Finding:
    """A finding of the rule ``rule_id``, with the severity the catalogue gives it."""
    return Finding(
        ref=ref,
        rule=rule_id,
        severity=rule(rule_id).severity,
        message=message,
        recommendation_index=recommendation_index,
        action_index=action_index,
        part=part,
    )
