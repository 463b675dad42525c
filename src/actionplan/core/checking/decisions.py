"""Rules of the categorisation table about each decision and its response: Agreed, Partly Agreed, Not Agreed."""

from __future__ import annotations

from collections.abc import Iterator

from actionplan.core.checking.catalogue import finding
from actionplan.core.checking.config import CheckConfig
from actionplan.core.checking.findings import Finding
from actionplan.core.checking.reasons import detect_reasons, response_text, unstated_reasons
from actionplan.core.plan import Decision, Reason, Recommendation

_FOUR = "commissioning, policy, operational or affordability"


def _suggestion(decision: Decision, reason: Reason | None) -> str:
    named = reason.value if reason else "affordability"
    if decision is Decision.NOT_AGREED:
        return f"This is not agreed for {named} reasons: …"
    return f"The rest cannot be implemented for {named} reasons: …"


def check_decision(rec: Recommendation, index: int, config: CheckConfig) -> Iterator[Finding]:
    ref = rec.ref

    def found(rule_id: str, message: str, part: str) -> Finding:
        return finding(rule_id, message, ref=ref, recommendation_index=index, part=part)

    if rec.decision is None:
        yield found(
            "decision-missing",
            f"{ref} has no decision: mark it Agreed, Partly Agreed or Not Agreed.",
            "decision",
        )
    text = response_text(rec)
    if not text:
        yield found(
            "response-missing",
            f"{ref} has no response: {_what_to_write(rec.decision)}",
            "response",
        )
    if rec.decision is Decision.AGREED and not rec.actions:
        yield found(
            "agreed-no-action",
            f"{ref} is agreed but has no action: add at least one action saying what will be done, with its"
            " owner and target date.",
            "actions",
        )
    if rec.decision is Decision.PARTLY_AGREED and not rec.actions:
        yield found(
            "partly-agreed-no-action",
            f"{ref} is partly agreed but has no action for the part that is agreed: add the actions that will"
            " deliver that part, each with an owner and a target date.",
            "actions",
        )
    if not text:
        return
    if rec.decision is Decision.PARTLY_AGREED and not config.part_cues_pattern.search(text):
        yield found(
            "partly-agreed-part-unclear",
            f"{ref} is partly agreed, but the response does not say which part will be implemented: write"
            " 'The part that will be implemented is …'.",
            "response",
        )
    if rec.decision in (Decision.PARTLY_AGREED, Decision.NOT_AGREED):
        yield from _check_reasons(rec, rec.decision, index, text, config)
    if rec.repeated_from and not config.repeated_explanation_pattern.search(text):
        yield found(
            "repeated-no-explanation",
            f"{ref} repeats recommendation {rec.repeated_from} of the last inspection, but the response does not"
            " say why the previous action plan did not deliver it: say what stopped it and what is different now.",
            "response",
        )


def _what_to_write(decision: Decision | None) -> str:
    if decision is Decision.AGREED:
        return "say how the recommendation will be achieved, with timescales."
    if decision is Decision.PARTLY_AGREED:
        return f"say which part will be implemented and why the rest cannot be ({_FOUR} reasons)."
    if decision is Decision.NOT_AGREED:
        return f"state why it is not agreed: {_FOUR} reasons."
    return "say how it will be achieved, or why it is not agreed."


def _check_reasons(
    rec: Recommendation, decision: Decision, index: int, text: str, config: CheckConfig
) -> Iterator[Finding]:
    """A reason is stated when a person ticked it or the response says it in so many words; one only implied
    is named as a suggestion, never taken as stated."""
    in_words, _ = detect_reasons(text, config)
    stated = [reason for reason in Reason if reason in in_words or reason in rec.reasons]
    unstated = unstated_reasons(rec, config)
    first = next(iter(unstated), None)
    if not stated:
        what = "why" if decision is Decision.NOT_AGREED else "why the rest cannot be implemented"
        yield finding(
            "reason-not-stated",
            f"{rec.ref} is {decision.label.lower()}, but the plan does not state {what}: tick the reasons"
            f" ({_FOUR}), or state them in the response, for example '{_suggestion(decision, first)}'.",
            ref=rec.ref,
            recommendation_index=index,
            part="reasons",
        )
    if unstated:
        named = " and ".join(f"{reason.value} ('{quote}')" for reason, quote in unstated.items())
        one = len(unstated) == 1
        besides = f" besides the {' and '.join(r.value for r in stated)} stated" if stated else ""
        yield finding(
            "reason-implied",
            f"{rec.ref}: the response suggests {named}{besides}, but nobody has stated {'it' if one else 'them'} as"
            f" a reason: tick {'it' if one else 'each'} if it is one, or write"
            f" '{_suggestion(decision, first)}'.",
            ref=rec.ref,
            recommendation_index=index,
            part="reasons",
        )
