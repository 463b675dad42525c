"""Reading a published plan stores the reasons its responses state, apart from those they only imply."""

from pathlib import Path

from actionplan.core import canonical
from actionplan.core.plan import Reason
from actionplan.core.reading import read_plan


def test_the_sample_keeps_the_reasons_its_responses_imply_apart_from_those_stated(samples_dir: Path) -> None:
    plan = read_plan(samples_dir / "buckley_hall_2019.txt").plan
    assert {r.ref: r.reasons for r in plan.recommendations if r.reasons} == {}
    assert {r.ref: set(r.inferred_reasons) for r in plan.recommendations if r.inferred_reasons} == {
        "S35": {Reason.OPERATIONAL},
        "2.11": {Reason.AFFORDABILITY, Reason.POLICY},
        "3.20": {Reason.COMMISSIONING},
    }


def test_inferred_reasons_are_optional_in_canonical_json(samples_dir: Path) -> None:
    plan = read_plan(samples_dir / "buckley_hall_2019.txt").plan
    data = canonical.plan_to_dict(plan)
    canonical.validate(data)
    rows = {row["ref"]: row for row in data["recommendations"]}
    assert rows["S35"]["reasons"] == []
    assert rows["S35"]["inferred_reasons"] == ["operational"]
    assert "inferred_reasons" not in rows["S34"]
    again = canonical.loads(canonical.dumps(plan))
    assert [r.inferred_reasons for r in again.recommendations] == [r.inferred_reasons for r in plan.recommendations]


def test_canonical_json_is_read_as_it_is(samples_dir: Path) -> None:
    plan = read_plan(samples_dir / "buckley_hall_2019.txt").plan
    for rec in plan.recommendations:
        rec.reasons = []
    text = canonical.dumps(plan)
    assert canonical.dumps(read_plan(text.encode("utf-8"), name="plan.json").plan) == text
