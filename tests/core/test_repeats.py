"""Finding repeated recommendations: refs as plans write them, likely repeats by wording, and chains of repeats."""

from __future__ import annotations

from actionplan.core.generator import generate_cycle, generate_plan, generate_previous
from actionplan.core.repeats import chains, find_ref, likely_repeats, measure, same_ref


def test_refs_are_the_same_however_plans_write_them() -> None:
    assert same_ref("2.8", " 2.08.")
    assert same_ref("s34", "S34")
    assert not same_ref("2.8", "2.80")
    assert not same_ref("2.8", "S2.8")


def test_a_stated_ref_finds_the_earlier_recommendation_it_names() -> None:
    earlier = {"S34": 1, "2.08": 2, "2.10": 3}
    assert find_ref("2.8", earlier) == 2
    assert find_ref("2.10", earlier) == 3
    assert find_ref("2.1", earlier) is None  # 2.1 is not 2.10
    assert find_ref("4.1", earlier) is None


def test_a_reworded_recommendation_is_offered_with_the_words_it_shares() -> None:
    earlier = {
        "a": "Cells designed to hold one prisoner should not be used to hold two.",
        "b": "Meals should be served at reasonable times and at the right temperature.",
        "c": "The library should be open to every prisoner at least once a week.",
    }
    new = {
        "x": "As at the last inspection, cells designed for one man must not hold two men.",
        "y": "Visits should start on time and the visitors centre should open before every session.",
    }
    [offered] = likely_repeats(new, earlier)
    assert (offered.new, offered.earlier) == ("x", "a")
    assert offered.explained().startswith("shares: ")
    assert "cells" in offered.shares


def test_each_earlier_recommendation_is_offered_once_and_a_rejected_pair_never() -> None:
    earlier = {"a": "Cells designed to hold one prisoner should not be used to hold two."}
    new = {
        "x": "Cells designed to hold one prisoner should not be used to hold two.",
        "y": "Cells designed to hold one prisoner must not be used to hold two prisoners.",
    }
    assert [(pair.new, pair.earlier) for pair in likely_repeats(new, earlier)] == [("x", "a")]
    assert [(pair.new, pair.earlier) for pair in likely_repeats(new, earlier, excluded=frozenset({("x", "a")}))] == [
        ("y", "a")
    ]
    assert likely_repeats({}, earlier) == likely_repeats(new, {}) == []


def test_chains_run_from_the_latest_back_to_the_first_the_longest_first() -> None:
    assert chains({3: 2, 2: 1, 9: 8}) == [[3, 2, 1], [9, 8]]
    assert chains({1: 2, 2: 1}) == []  # a loop has no latest recommendation


def test_repeats_are_found_on_a_small_fixed_estate_above_a_floor() -> None:
    """The floor the benchmark's targets stand on (benchmarks/bench_repeats.py measures 200 establishments)."""
    found: set[tuple[str, str]] = set()
    known: set[tuple[str, str]] = set()
    for seed in range(20):
        cycle = generate_cycle(seed, recommendations=12 + seed % 8, repeated=2 + seed % 5, stated=seed % 2)
        new = {f"{seed}/{r.ref}": r.recommendation for r in cycle.next.recommendations if r.ref not in cycle.stated}
        earlier = {f"{seed}/{r.ref}": r.recommendation for r in cycle.previous.recommendations}
        found |= {(pair.new, pair.earlier) for pair in likely_repeats(new, earlier)}
        known |= {(f"{seed}/{n}", f"{seed}/{o}") for n, o in cycle.repeats.items() if n not in cycle.stated}
    measured = measure(found, known)
    assert measured.known > 40
    assert measured.precision >= 0.9
    assert measured.recall >= 0.8


def test_a_generated_cycle_states_some_repeats_and_rewords_all_of_them() -> None:
    cycle = generate_cycle(4, recommendations=15, repeated=5, stated=2)
    assert len(cycle.repeats) == 5
    assert len(cycle.stated) == 2
    earlier = {rec.ref: rec.recommendation for rec in cycle.previous.recommendations}
    for rec in cycle.next.recommendations:
        assert (rec.repeated_from is not None) == (rec.ref in cycle.stated)
        if rec.ref in cycle.stated:
            assert rec.repeated_from == cycle.repeats[rec.ref]
        if rec.ref not in cycle.repeats:
            assert rec.recommendation not in earlier.values()
    assert cycle.previous.report.published < cycle.next.report.published


def test_a_previous_plan_is_generated_for_a_plan_that_repeats_it() -> None:
    plan = generate_plan(3, recommendations=10)
    previous, repeats = generate_previous(plan, 3, repeated=4, stated=2)
    assert previous.establishment == plan.establishment
    assert previous.report.published < plan.report.published
    assert len(repeats) == 4
    stated = {rec.ref: rec.repeated_from for rec in plan.recommendations if rec.repeated_from}
    assert len(stated) == 2
    assert all(repeats[ref] == earlier for ref, earlier in stated.items())
