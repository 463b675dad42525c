"""Rules about how each action is worded: specific, measurable and not hanging on a condition."""

from __future__ import annotations

from collections.abc import Iterator

from actionplan.core.checking.catalogue import finding
from actionplan.core.checking.config import CheckConfig
from actionplan.core.checking.findings import Finding
from actionplan.core.checking.owners import action_label
from actionplan.core.checking.quotes import quote_around
from actionplan.core.plan import Action, Recommendation


def check_wording(
    rec: Recommendation, index: int, action_index: int, action: Action, config: CheckConfig
) -> Iterator[Finding]:
    text = action.text.strip()
    if not text:
        return
    label = action_label(rec.ref, action_index, action)

    def found(rule_id: str, message: str) -> Finding:
        return finding(
            rule_id, message, ref=rec.ref, recommendation_index=index, action_index=action_index, part="actions"
        )

    if not config.measurable_pattern.search(text):
        yield found(
            "action-not-measurable",
            f"{label} gives nothing to measure progress against: add a number, a frequency, a deliverable or a"
            " date, for example 'checked weekly and reported to the monthly safety meeting'.",
        )
    if vague := quote_around(text, config.vague_wording_pattern):
        yield found(
            "action-vague",
            f"{label}: '{vague[1]}' commits to nothing: say what will be done, for example 'will introduce'"
            " rather than 'will consider introducing'.",
        )
    if condition := quote_around(text, config.conditions_pattern):
        yield found(
            "action-conditional",
            f"{label} depends on a condition ('{condition[1]}'): commit to what will be done by the target date,"
            " or mark the recommendation Partly Agreed and state the reason for the rest.",
        )
