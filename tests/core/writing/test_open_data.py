"""The open data zip written from plans alone: valid JSON per plan, one formula-safe CSV of every action."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import pytest

from actionplan.core import canonical
from actionplan.core.errors import PlanError
from actionplan.core.generator import generate_plan
from actionplan.core.writing.open_data import ACTION_COLUMNS, PublishedPlan, write_open_data


def _written(plans: list[PublishedPlan]) -> zipfile.ZipFile:
    out = io.BytesIO()
    write_open_data(plans, out, made_on=date(2026, 3, 1))
    return zipfile.ZipFile(out)


def test_each_plan_is_its_canonical_json_and_every_action_a_row() -> None:
    plans = [PublishedPlan(7, date(2026, 1, 5), generate_plan(1)), PublishedPlan(9, None, generate_plan(2))]
    archive = _written(plans)
    assert sorted(archive.namelist()) == [
        "README.txt",
        "actionplan-1.schema.json",
        "actions.csv",
        "plans/7.json",
        "plans/9.json",
    ]
    assert json.loads(archive.read("plans/7.json")) == canonical.plan_to_dict(plans[0].plan)
    rows = list(csv.reader(io.StringIO(archive.read("actions.csv").decode("utf-8-sig"))))
    assert rows[0] == [name for name, _ in ACTION_COLUMNS]
    assert len(rows) - 1 == sum(len(p.plan.actions()) for p in plans)
    assert rows[1][:5] == ["7", plans[0].plan.establishment, plans[0].plan.inspectorate, rows[1][3], "2026-01-05"]


def test_text_a_spreadsheet_would_run_is_disarmed() -> None:
    plan = generate_plan(3)
    action = plan.recommendations[0].actions[0]
    action.text = '=HYPERLINK("http://example.com")'
    action.owner = "+Governor"
    archive = _written([PublishedPlan(1, None, plan)])
    row = next(csv.DictReader(io.StringIO(archive.read("actions.csv").decode("utf-8-sig"))))
    assert row["action"] == '\'=HYPERLINK("http://example.com")'
    assert row["owner"] == "'+Governor"


def test_a_plan_its_schema_refuses_stops_the_writing() -> None:
    plan = generate_plan(4)
    plan.recommendations[0].ref = ""
    with pytest.raises(PlanError):
        _written([PublishedPlan(1, None, plan)])
