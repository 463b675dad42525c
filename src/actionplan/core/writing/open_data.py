"""The open data download: every published plan as canonical JSON, and one CSV of all their actions, in one zip.

The zip holds ``plans/<plan id>.json`` for each plan (each validated against the actionplan/1 JSON Schema
before it is written), ``actions.csv`` (one row per action across every plan, columns as ``ACTION_COLUMNS``
describes them), the JSON Schema itself and ``README.txt`` (what the files are, and the licence). The CSV is
UTF-8 with a byte order mark and CRLF line ends, and text a spreadsheet would take as a formula starts with an
apostrophe, as in the plan's own CSV file.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import IO

from actionplan.core import canonical
from actionplan.core.characters import clean_plan
from actionplan.core.plan import Plan
from actionplan.core.writing.spreadsheet_cells import as_cell_text

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
ACTIONS_FILE = "actions.csv"
PLANS_FOLDER = "plans"
SCHEMA_FILE = "actionplan-1.schema.json"

# Each column of actions.csv and what it holds: the data dictionary shown on the open data page.
ACTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("plan_id", f"The plan's number in the service: its whole plan is {PLANS_FOLDER}/<plan_id>.json in the zip."),
    ("establishment", "The prison, young offender institution or probation service inspected, as the plan names it."),
    ("inspectorate", "The inspectorate whose report the plan answers: HMIP or HMI Probation."),
    ("report_published", "The day the inspection report was published (YYYY-MM-DD), when known."),
    ("plan_published", "The day this version of the plan was published (YYYY-MM-DD)."),
    ("section", "The report's section the recommendation is under, as the plan writes it."),
    ("recommendation_ref", "The recommendation's or concern's number in the report, such as S34 or 2.10."),
    ("recommendation_kind", "Recommendation, Key concern or Priority concern."),
    ("decision", "Agreed, Partly Agreed or Not Agreed; blank when the plan gives none."),
    ("action_number", "The action's place among its recommendation's actions, from 1."),
    ("action", "What will be done."),
    ("owner", "The responsible owner as the plan names them."),
    ("target_as_written", "The target date as the plan writes it: a date, a month, a quarter, Completed, Ongoing."),
    ("target_date", "The last day the target allows (YYYY-MM-DD); blank when the target is not a date."),
    ("status", "How far the action has got when the file was made: Not started, In progress, Completed, Cancelled."),
    ("completed_on", "The day the action was completed (YYYY-MM-DD), when it has been."),
)


@dataclass(frozen=True)
class PublishedPlan:
    """A plan as the public reads it, with its number in the service and the day its version was published."""

    id: int
    published_on: date | None
    plan: Plan


@dataclass(frozen=True)
class Counts:
    plans: int
    actions: int


def _text(value: str | date | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return as_cell_text(value)


def _action_rows(published: PublishedPlan) -> Iterable[list[str]]:
    plan = clean_plan(published.plan)
    for rec in plan.recommendations:
        for number, action in enumerate(rec.actions, start=1):
            yield [
                _text(value)
                for value in (
                    published.id,
                    plan.establishment,
                    plan.inspectorate,
                    plan.report.published,
                    published.published_on,
                    rec.section,
                    rec.ref,
                    rec.kind.label,
                    rec.decision.label if rec.decision else None,
                    number,
                    action.text,
                    action.owner,
                    action.target.text,
                    action.target.date,
                    action.status.label,
                    action.completed_on,
                )
            ]


def _readme(counts: Counts, made_on: date) -> str:
    columns = "\n".join(f"  {name}: {meaning}" for name, meaning in ACTION_COLUMNS)
    return (
        f"Published inspection action plans, as at {made_on.isoformat()}.\n\n"
        f"{PLANS_FOLDER}/<plan_id>.json: each of the {counts.plans} published plans as published, in the\n"
        "canonical JSON of actionplan/1, with how far each action has got when the file was made.\n"
        f"{SCHEMA_FILE}: the JSON Schema every plan file meets.\n"
        f"{ACTIONS_FILE}: the {counts.actions} actions of those plans, one a row, with these columns:\n"
        f"{columns}\n\n"
        f"Licence: {LICENCE}, {LICENCE_URL}\n"
    )


def write_open_data(plans: Iterable[PublishedPlan], out: IO[bytes], *, made_on: date) -> Counts:
    """Write the zip of ``plans`` to ``out``; how many plans and actions it holds.

    A plan that does not meet the JSON Schema stops the writing (``PlanError``), so the download never holds
    a file its own schema refuses.
    """
    actions = io.StringIO(newline="")
    writer = csv.writer(actions, lineterminator="\r\n")
    writer.writerow(name for name, _ in ACTION_COLUMNS)
    plan_count = action_count = 0
    # The files' dates are the day the download was made, so that the same plans give the same bytes all day.
    stamp = (made_on.year, made_on.month, made_on.day, 0, 0, 0)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for published in plans:
            document = canonical.plan_to_dict(published.plan)
            canonical.validate(document, source=f"plan {published.id}")
            body = json.dumps(document, ensure_ascii=False, indent=2).encode()
            archive.writestr(zipfile.ZipInfo(f"{PLANS_FOLDER}/{published.id}.json", stamp), body, zipfile.ZIP_DEFLATED)
            for row in _action_rows(published):
                writer.writerow(row)
                action_count += 1
            plan_count += 1
        counts = Counts(plan_count, action_count)
        csv_bytes = actions.getvalue().encode("utf-8-sig")
        archive.writestr(zipfile.ZipInfo(ACTIONS_FILE, stamp), csv_bytes, zipfile.ZIP_DEFLATED)
        schema = json.dumps(canonical.schema(), indent=2).encode()
        archive.writestr(zipfile.ZipInfo(SCHEMA_FILE, stamp), schema, zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo("README.txt", stamp), _readme(counts, made_on).encode(), zipfile.ZIP_DEFLATED)
    return counts
