"""The four reasons for not (fully) agreeing: find those a response states, and those it only implies."""

from __future__ import annotations

from collections.abc import Iterable

from actionplan.core.checking.config import CheckConfig
from actionplan.core.checking.quotes import quote_around
from actionplan.core.plan import Decision, Plan, Reason, Recommendation


def response_text(rec: Recommendation) -> str:
    """What the plan says in answer: the response, or failing that the actions' texts."""
    return rec.response.strip() or "\n\n".join(a.text.strip() for a in rec.actions if a.text.strip())


def detect_reasons(text: str, config: CheckConfig | None = None) -> tuple[set[Reason], dict[Reason, str]]:
    """The reasons ``text`` states in so many words, and those it only implies, each with a quotation.

    A reason that is stated is not also reported as implied. Implied reasons come in the order the
    text first suggests them.
    """
    config = config or CheckConfig.default()
    statements = " ".join(
        group for match in config.stated_reasons_pattern.finditer(text) for group in match.groups() if group
    )
    stated = {reason for reason, pattern in config.reason_name_patterns.items() if pattern.search(statements)}
    found: list[tuple[int, Reason, str]] = []
    for reason, pattern in config.implied_reason_patterns.items():
        if reason not in stated and (where := quote_around(text, pattern)):
            found.append((where[0], reason, where[1]))
    return stated, {reason: quote for _, reason, quote in sorted(found)}


def unstated_reasons(rec: Recommendation, config: CheckConfig | None = None) -> dict[Reason, str]:
    """The reasons a partly or not agreed response implies that nobody has stated, each with a quotation.

    A response that states its reasons in words explains them in words too ("for policy reasons: national
    policy sets this"), so what those words suggest is not taken as another reason; reasons only ticked are not.
    """
    if rec.decision not in (Decision.PARTLY_AGREED, Decision.NOT_AGREED):
        return {}
    in_words, implied = detect_reasons(response_text(rec), config)
    if in_words:
        return {}
    return {reason: quote for reason, quote in implied.items() if reason not in rec.reasons}


def record_reasons(plan: Plan, config: CheckConfig | None = None) -> None:
    """Record, on each partly or not agreed recommendation with no reasons, those its response states.

    Reasons the response only implies are kept apart as ``inferred_reasons``: a suggestion for a person
    to confirm, never a reason the plan states.
    """
    for rec in plan.recommendations:
        if rec.reasons or rec.decision not in (Decision.PARTLY_AGREED, Decision.NOT_AGREED):
            continue
        stated, _ = detect_reasons(response_text(rec), config)
        rec.reasons = [reason for reason in Reason if reason in stated]
        rec.inferred_reasons = [reason for reason in Reason if reason in unstated_reasons(rec, config)]


def reasons_line(reasons: Iterable[Reason]) -> str:
    """The sentence a published plan adds to a response for the reasons ticked: "Reasons: policy, affordability."."""
    chosen = set(reasons)
    return "Reasons: " + ", ".join(reason.value for reason in Reason if reason in chosen) + "."


def reasons_to_state(rec: Recommendation, config: CheckConfig | None = None) -> str | None:
    """The reasons line a published plan adds to the response, when its words leave a ticked reason unstated."""
    if not rec.reasons or rec.decision not in (Decision.PARTLY_AGREED, Decision.NOT_AGREED):
        return None
    stated, _ = detect_reasons(response_text(rec), config)
    return None if set(rec.reasons) <= stated else reasons_line(rec.reasons)
