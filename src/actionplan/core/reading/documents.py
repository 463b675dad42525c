"""A plan put together from what a reader found: the header details, the tables, and text left over."""

from __future__ import annotations

from actionplan.core.errors import PlanError
from actionplan.core.plan import Inspectorate, Plan, Report
from actionplan.core.reading.header import Header
from actionplan.core.reading.outcome import Reading, ReadingWarning
from actionplan.core.reading.plan_table import TableRow, read_tables

# The schema needs an establishment; a plan that does not name one says so, and a warning asks for it.
NOT_STATED = "Not stated"


def build_reading(
    header: Header, tables: list[list[TableRow]], warnings: list[ReadingWarning], *, source: str
) -> Reading:
    """The plan the parts make; PlanError when nothing in them belongs to an action plan."""
    found, table_warnings = read_tables(tables)
    if not found.recognised and not header.recognised:
        raise PlanError("no action plan found: no plan table, header or recommendations", source=source)
    warnings = [*warnings, *table_warnings]
    if header.establishment is None:
        warnings.insert(0, ReadingWarning("the plan does not name its establishment"))
    if not found.recommendations:
        warnings.append(ReadingWarning("no recommendations found"))
    plan = Plan(
        establishment=header.establishment or NOT_STATED,
        inspectorate=header.inspectorate or Inspectorate.HMIP.value,
        report=Report(inspection_dates=header.inspection_dates, published=header.published),
        submitted=header.submitted,
        notes=header.notes,
        recommendations=found.recommendations,
        stated_summary=found.stated_summary,
    )
    return Reading(plan=plan, warnings=warnings)
