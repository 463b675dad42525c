"""The demo plan generator: valid, repeatable, varied."""

from datetime import date, timedelta

from actionplan.core import canonical
from actionplan.core.generator import establishment_names, generate_estate, generate_plan
from actionplan.core.plan import Decision, RecommendationKind


def test_generated_plans_are_valid_canonical_json() -> None:
    for seed in range(20):
        plan = generate_plan(seed, recommendations=30, flawed=seed % 2 == 0)
        canonical.validate(canonical.plan_to_dict(plan))


def test_same_seed_same_plan_other_seed_other_plan() -> None:
    assert canonical.dumps(generate_plan(7)) == canonical.dumps(generate_plan(7))
    assert canonical.dumps(generate_plan(7)) != canonical.dumps(generate_plan(8))


def test_refs_are_unique_and_summary_matches_the_decisions() -> None:
    plan = generate_plan(1, recommendations=40)
    refs = [r.recommendation for r in plan.recommendations]
    assert len({r.ref for r in plan.recommendations}) == len(refs) == 40
    assert plan.stated_summary == plan.counted_summary()


def test_reports_since_may_2022_answer_concerns() -> None:
    newer = generate_plan(2, published=date(2023, 3, 1), recommendations=10)
    older = generate_plan(2, published=date(2019, 3, 1), recommendations=10)
    assert {r.kind for r in newer.recommendations} == {
        RecommendationKind.PRIORITY_CONCERN,
        RecommendationKind.KEY_CONCERN,
    }
    assert {r.kind for r in older.recommendations} == {RecommendationKind.RECOMMENDATION}


def test_an_estate_has_every_decision_and_distinct_establishments() -> None:
    plans = generate_estate(30)
    decisions = {r.decision for p in plans for r in p.recommendations}
    assert decisions == set(Decision)
    assert len({p.establishment for p in plans}) == 30
    assert len(set(establishment_names(150))) == 150


def test_an_estate_can_be_recent() -> None:
    today = date(2026, 11, 26)
    plans = generate_estate(12, published_before=today)
    published = [p.report.published for p in plans]
    assert all(p is not None and today - timedelta(days=540) <= p < today for p in published)
    targets = [a.target.date for p in plans for _, a in p.actions() if a.target.date]
    assert any(t > today for t in targets), "some targets are still ahead"
