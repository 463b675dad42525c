"""The canonical JSON (actionplan/1): schema, and the round trip through the plan model."""

import copy
import json
from pathlib import Path

import pytest

from actionplan.cli import main
from actionplan.core import canonical
from actionplan.core.errors import PlanError
from actionplan.core.plan import Decision, RecommendationKind
from actionplan.core.reading import read_plan
from actionplan.core.targets import Precision, TargetKind

EXAMPLE = {
    "schema": "actionplan/1",
    "establishment": "HMP Buckley Hall",
    "inspectorate": "HMIP",
    "report": {"title": None, "inspection_dates": None, "published": None},
    "submitted": None,
    "notes": [],
    "recommendations": [
        {
            "ref": "S34",
            "kind": "recommendation",
            "section": "Key concerns and recommendations",
            "directed_to": "The Governor",
            "concern": "Forty per cent of prisoners ...",
            "recommendation": "Managers should ...",
            "cross_ref": None,
            "repeated_from": None,
            "decision": "agreed",
            "reasons": [],
            "response": "Following the ...",
            "actions": [
                {
                    "text": "Following the ...",
                    "owner": "Governor",
                    "target": {"text": "December 2019", "kind": "date", "date": "2019-12-31", "precision": "month"},
                }
            ],
        }
    ],
    "stated_summary": {"agreed": 21, "partly_agreed": 2, "not_agreed": 1, "total": 24},
}


def test_schema_accepts_the_example() -> None:
    canonical.validate(EXAMPLE)


def test_example_reads_into_the_model() -> None:
    plan = canonical.plan_from_dict(EXAMPLE)
    rec = plan.recommendations[0]
    assert rec.kind is RecommendationKind.RECOMMENDATION
    assert rec.decision is Decision.AGREED
    target = rec.actions[0].target
    assert target.kind is TargetKind.DATE
    assert target.precision is Precision.MONTH
    assert target.date is not None
    assert target.date.isoformat() == "2019-12-31"


def test_json_round_trip_is_identical() -> None:
    text = canonical.dumps(canonical.plan_from_dict(EXAMPLE))
    assert json.loads(text) == EXAMPLE
    assert canonical.dumps(canonical.loads(text)) == text


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("schema",), "actionplan/2", "schema"),
        (("recommendations", 0, "decision"), "accepted", "recommendations/0/decision"),
        (("recommendations", 0, "reasons"), ["money"], "recommendations/0/reasons/0"),
        (("recommendations", 0, "actions", 0, "target", "date"), None, "recommendations/0/actions/0/target/date"),
        (("report", "published"), "2019-13-45", "report/published"),
    ],
)
def test_schema_refuses_broken_documents_and_says_where(path: tuple, value: object, where: str) -> None:
    broken = copy.deepcopy(EXAMPLE)
    holder = broken
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    with pytest.raises(PlanError) as raised:
        canonical.plan_from_dict(broken, source="plan.json")
    assert raised.value.where == where
    assert str(raised.value).startswith(f"plan.json: {where}: not a valid actionplan/1 document")


def test_unknown_fields_are_refused() -> None:
    broken = copy.deepcopy(EXAMPLE)
    broken["recommendations"][0]["colour"] = "red"
    with pytest.raises(PlanError, match="colour"):
        canonical.validate(broken)


def test_text_that_is_not_json_names_the_line() -> None:
    with pytest.raises(PlanError) as raised:
        canonical.loads('{\n"schema": ', source="bad.json")
    assert raised.value.where == "line 2"


def test_agreed_part_is_optional_and_kept_when_given() -> None:
    assert "agreed_part" not in canonical.plan_to_dict(canonical.plan_from_dict(EXAMPLE))["recommendations"][0]
    data = copy.deepcopy(EXAMPLE)
    data["recommendations"][0].update(decision="partly_agreed", agreed_part="Screens in double cells.")
    plan = canonical.plan_from_dict(data)
    assert plan.recommendations[0].agreed_part == "Screens in double cells."
    assert canonical.plan_to_dict(plan) == data


@pytest.mark.parametrize("depth", [21, 900, 100_000])
def test_deeply_nested_json_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], depth: int
) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"schema": "actionplan/1", "notes": ' + "[" * depth + "]" * depth + "}", "utf-8")
    assert main(["validate", str(path)]) == 2
    error = capsys.readouterr().err
    assert error == f"actionplan validate: {path}: not a valid actionplan/1 document: nested more than 20 levels deep\n"
    with pytest.raises(PlanError, match="nested more than 20 levels deep"):
        canonical.plan_from_dict({"schema": "actionplan/1", "notes": _deep(depth)})
    with pytest.raises(PlanError):
        read_plan(path.read_bytes(), name="deep.json")


def _deep(depth: int) -> list[object]:
    nested: list[object] = []
    for _ in range(depth):
        nested = [nested]
    return nested


def test_a_schema_message_quoting_a_huge_value_stays_short() -> None:
    document = copy.deepcopy(EXAMPLE)
    document["notes"] = [["x" * 100_000]]
    with pytest.raises(PlanError) as raised:
        canonical.validate(document)
    assert len(str(raised.value)) < 300


def test_owners_are_optional_and_a_file_without_them_splits_the_owner_text() -> None:
    data = copy.deepcopy(EXAMPLE)
    data["recommendations"][0]["actions"][0]["owner"] = "Governor/Novus"
    action = canonical.plan_from_dict(data).recommendations[0].actions[0]
    assert action.owners == []
    assert [ref.written for ref in action.owner_refs()] == ["Governor", "Novus"]
    written = json.loads(canonical.dumps(canonical.plan_from_dict(data)))
    assert "owners" not in written["recommendations"][0]["actions"][0]


def test_matched_owners_are_kept_beside_the_owner_as_written() -> None:
    data = copy.deepcopy(EXAMPLE)
    written = data["recommendations"][0]["actions"][0]
    written["owner"] = "Governor/Novus"
    written["owners"] = [
        {"written": "Governor", "id": 4, "name": "Governing Governor", "kind": "post"},
        {"written": "Novus"},
    ]
    canonical.validate(data)
    plan = canonical.plan_from_dict(data)
    lead, second = plan.recommendations[0].actions[0].owners
    assert (lead.written, lead.id, lead.name, lead.kind) == ("Governor", 4, "Governing Governor", "post")
    assert lead.resolved
    assert (second.written, second.resolved) == ("Novus", False)
    assert json.loads(canonical.dumps(plan)) == data


@pytest.mark.parametrize(
    "owner",
    [
        {"written": ""},
        {"written": "Governor", "id": 4},
        {"written": "Governor", "name": "Governor", "kind": "post"},
        {"written": "Governor", "id": 4, "name": "Governor", "kind": "person"},
        {"written": "Governor", "id": 0, "name": "Governor", "kind": "post"},
    ],
)
def test_an_owner_half_matched_is_refused(owner: dict[str, object]) -> None:
    data = copy.deepcopy(EXAMPLE)
    data["recommendations"][0]["actions"][0]["owners"] = [owner]
    with pytest.raises(PlanError, match="recommendations/0/actions/0/owners/0"):
        canonical.validate(data)
