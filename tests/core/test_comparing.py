"""Comparing two versions of a plan."""

import copy

from actionplan.core.comparing import ChangeKind, compare_plans
from actionplan.core.generator import generate_plan
from actionplan.core.plan import Action, Decision, Recommendation
from actionplan.core.targets import parse_target


def test_identical_plans_have_no_changes() -> None:
    assert compare_plans(generate_plan(1), generate_plan(1)) == []


def test_changed_fields_and_actions_are_named_with_before_and_after() -> None:
    old = generate_plan(2, recommendations=6)
    new = copy.deepcopy(old)
    rec = new.recommendations[1]
    rec.decision = Decision.NOT_AGREED if rec.decision is not Decision.NOT_AGREED else Decision.AGREED
    rec.response = "A new response."
    rec.actions.append(Action("Extra work.", "Governor", parse_target("March 2026")))
    changes = [c for c in compare_plans(old, new) if c.ref == rec.ref]
    fields = {c.field: c for c in changes}
    assert fields["Decision"].before == old.recommendations[1].decision.label
    assert fields["Response"].after == "A new response."
    added = fields[f"Action {len(rec.actions)}"]
    assert added.kind is ChangeKind.ADDED
    assert added.after == "Extra work. — Governor, March 2026"


def test_added_and_removed_recommendations_and_plan_details() -> None:
    old = generate_plan(3, recommendations=4)
    new = copy.deepcopy(old)
    gone = new.recommendations.pop(0)
    new.recommendations.append(Recommendation(ref="9.99", recommendation="Something new."))
    new.notes = ["Delayed by the pandemic."]
    changes = compare_plans(old, new)
    assert (gone.ref, ChangeKind.REMOVED) in {(c.ref, c.kind) for c in changes}
    assert ("9.99", ChangeKind.ADDED) in {(c.ref, c.kind) for c in changes}
    assert any(c.ref is None and c.field == "Notes" and c.after == "Delayed by the pandemic." for c in changes)
