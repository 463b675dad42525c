"""Reading a published plan stores the reasons its responses give; JSON keeps exactly what it says."""

from pathlib import Path

from actionplan.core import canonical
from actionplan.core.plan import Reason
from actionplan.core.reading import read_plan


def test_the_sample_gets_the_reasons_its_responses_imply(samples_dir: Path) -> None:
    plan = read_plan(samples_dir / "buckley_hall_2019.txt").plan
    reasons = {r.ref: set(r.reasons) for r in plan.recommendations if r.reasons}
    assert reasons == {
        "S35": {Reason.OPERATIONAL},
        "2.11": {Reason.AFFORDABILITY, Reason.POLICY},
        "3.20": {Reason.COMMISSIONING},
    }


def test_canonical_json_is_read_as_it_is(samples_dir: Path) -> None:
    plan = read_plan(samples_dir / "buckley_hall_2019.txt").plan
    for rec in plan.recommendations:
        rec.reasons = []
    text = canonical.dumps(plan)
    assert canonical.dumps(read_plan(text.encode("utf-8"), name="plan.json").plan) == text
