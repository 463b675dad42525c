"""The analyses: what is not agreed and why, decisions, delivery and judgements, each counted by year, inspectorate,
establishment, section (or owner), in a few GROUP BY queries whatever the size of the estate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Min, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.urls import reverse

from actionplan.analysis.scope import (
    MOVED_BY,
    NONE,
    Filters,
    actions_in,
    address,
    late_q,
    moved_by,
    on_time_q,
    reason_q,
    recommendations_in,
    with_latest_judgement,
)
from actionplan.core.plan import Decision, ProgressLevel, Reason
from actionplan.monitoring import dashboard
from actionplan.monitoring.charts import Group, GroupedChart, grouped_bar_chart
from actionplan.monitoring.models import TargetChange

CHART_GROUPS = 10  # a chart shows the rows with the most; the table below it has every row


@dataclass(frozen=True)
class Dimension:
    """What a table's rows are: the filter it sets, its name, and the fields (from a recommendation) it reads."""

    name: str
    label: str
    key: str
    label_field: str | None = None
    none_label: str = "Not recorded"


YEAR = Dimension("year", "Year of report", "plan__inspection__report_published", none_label="No report date")
INSPECTORATE = Dimension(
    "inspectorate", "Inspectorate", "plan__inspection__inspectorate", "plan__inspection__inspectorate__short_name"
)
ESTABLISHMENT = Dimension(
    "establishment", "Establishment", "plan__inspection__establishment", "plan__inspection__establishment__name"
)
SECTION = Dimension("section", "Section", "section", none_label="No section")
OWNER = Dimension("owner", "Owner", "", none_label=dashboard.NOT_RECORDED)


@dataclass(frozen=True)
class Column:
    """A column of figures: its heading, the condition it counts (None: every row), the list's filters for it,
    and, for the moves of targets, what of them it counts."""

    heading: str
    condition: Q | None
    query: dict[str, Any]
    series: bool = True  # drawn in the chart
    moved: str | None = None  # counted from the moves of targets: "actions", "times" or one of MOVED_BY


@dataclass(frozen=True)
class Number:
    value: int
    href: str


@dataclass(frozen=True)
class Line:
    """A row of figures, and the filter it stands for in the lists behind its numbers."""

    label: str
    values: list[int]
    query: dict[str, Any]


@dataclass
class Table:
    """Figures as they are kept: only numbers and the parts of their lists' addresses, put together for the rows
    shown (an estate's owners make thousands of rows)."""

    caption: str
    first: str
    headings: list[str]
    lines: list[Line]
    total: Line
    base: str
    filters: dict[str, str]
    column_queries: list[dict[str, Any]]
    chart: GroupedChart | None = None

    def numbers(self, line: Line) -> list[Number]:
        """The line's numbers, each with the address of the list behind it."""
        return [
            Number(value, address(self.base, self.filters, line.query, query))
            for value, query in zip(line.values, self.column_queries, strict=True)
        ]


@dataclass(frozen=True)
class Analysis:
    slug: str
    title: str
    summary: str
    counts: str  # "recommendations" or "actions": which list its numbers open
    dimensions: list[Dimension]
    columns: Callable[[], list[Column]]
    rows: Callable[[dashboard.Reach, Filters], QuerySet[Any]]
    notes: list[str] = field(default_factory=list)


def _not_agreed_columns() -> list[Column]:
    partly, refused = Decision.PARTLY_AGREED.value, Decision.NOT_AGREED.value
    both = {"decision": [partly, refused]}
    return [
        Column("Partly Agreed", Q(decision=partly), {"decision": [partly]}, series=False),
        Column("Not Agreed", Q(decision=refused), {"decision": [refused]}, series=False),
        *(
            Column(reason.value.capitalize(), reason_q(reason.value), {**both, "reason": reason.value})
            for reason in Reason
        ),
        Column("No reason stated", reason_q(NONE), {**both, "reason": NONE}),
        Column("Total", None, both, series=False),
    ]


def _decision_columns() -> list[Column]:
    return [
        *(Column(decision.label, Q(decision=decision.value), {"decision": [decision.value]}) for decision in Decision),
        Column("No decision recorded", Q(decision=""), {"decision": [NONE]}, series=False),
        Column("Total", None, {}, series=False),
    ]


def _judgement_columns() -> list[Column]:
    return [
        *(Column(level.label, Q(judgement=level.value), {"judgement": level.value}) for level in ProgressLevel),
        Column("Not judged", Q(judgement__isnull=True), {"judgement": NONE}, series=False),
        Column("Total", None, {}, series=False),
    ]


def _delivery_columns() -> list[Column]:
    return [
        Column("Actions", None, {}, series=False),
        Column("Completed on time", on_time_q(), {"timeliness": "on_time"}),
        Column("Completed late", late_q(), {"timeliness": "late"}),
        Column("Target moved", None, {"moved": "yes"}, moved="actions"),
        Column("Times moved", None, {"moved": "yes"}, series=False, moved="times"),
        *(
            Column(f"Moved {words}", None, {"moved_by": bucket}, series=False, moved=bucket)
            for bucket, words in MOVED_BY.items()
        ),
    ]


def _not_agreed_rows(reach: dashboard.Reach, filters: Filters) -> QuerySet[Any]:
    return recommendations_in(reach, filters).filter(
        decision__in=[Decision.PARTLY_AGREED.value, Decision.NOT_AGREED.value]
    )


def _judged_rows(reach: dashboard.Reach, filters: Filters) -> QuerySet[Any]:
    return with_latest_judgement(recommendations_in(reach, filters))


def _delivery_rows(reach: dashboard.Reach, filters: Filters) -> QuerySet[Any]:
    return actions_in(reach, filters)


ANALYSES = {
    analysis.slug: analysis
    for analysis in [
        Analysis(
            "not-agreed",
            "What is not agreed and why",
            "Partly Agreed and Not Agreed recommendations, and the reasons their responses state.",
            "recommendations",
            [YEAR, INSPECTORATE, ESTABLISHMENT, SECTION],
            _not_agreed_columns,
            _not_agreed_rows,
            [
                "A recommendation may state several reasons, so the reasons can add up to more than the total.",
                "Only reasons the response states are counted, never those its words only suggest.",
            ],
        ),
        Analysis(
            "decisions",
            "Decisions by section",
            "Agreed, Partly Agreed and Not Agreed recommendations in each section of the plans.",
            "recommendations",
            [SECTION, YEAR, INSPECTORATE, ESTABLISHMENT],
            _decision_columns,
            recommendations_in,
        ),
        Analysis(
            "delivery",
            "Delivery",
            "Actions completed on time or late, and how often and how far their targets moved.",
            "actions",
            [OWNER, SECTION, ESTABLISHMENT, YEAR, INSPECTORATE],
            _delivery_columns,
            _delivery_rows,
            [
                "On time: completed no later than the target the action has now.",
                "How far: from the action's first target to its target now, when both are dates.",
                "An action with joint owners counts once for each of them.",
            ],
        ),
        Analysis(
            "judgements",
            "Inspectorate judgements",
            "The inspectorate's latest judgement of progress on each recommendation.",
            "recommendations",
            [YEAR, INSPECTORATE, SECTION, ESTABLISHMENT],
            _judgement_columns,
            _judged_rows,
        ),
    ]
}


def _aggregates(columns: list[Column]) -> dict[str, Any]:
    """The columns counted by a condition, as aggregates (those of moved targets are counted from the moves)."""
    return {
        f"c{index}": Count("pk", filter=column.condition) if column.condition else Count("pk")
        for index, column in enumerate(columns)
        if column.moved is None
    }


def _add_moves(line: dict[str, Any], columns: list[Column], moves: int, target: Any, earliest: Any) -> None:
    """Count one action whose target moved ``moves`` times, from ``earliest`` to ``target``, in ``line``."""
    bucket = moved_by(target, earliest)
    for index, column in enumerate(columns):
        if column.moved == "actions" or (column.moved is not None and column.moved == bucket):
            line[f"c{index}"] = line.get(f"c{index}", 0) + 1
        elif column.moved == "times":
            line[f"c{index}"] = line.get(f"c{index}", 0) + moves


def _moved_actions(rows: QuerySet[Any], **group: Any) -> list[dict[str, Any]]:
    """One row per action of ``rows`` whose target moved: how often, its earliest target and its target now; one
    GROUP BY over the moves (few), with the group's key and label when given."""
    return list(
        TargetChange.objects.filter(action__in=rows.values("pk"))
        .annotate(**group)
        .values(*group, "action", "action__target_date")
        .annotate(moves=Count("pk"), earliest=Min("previous_date"))
        .order_by()
    )


def _group(dimension: Dimension, prefix: str) -> dict[str, Any]:
    """The group's key and label, read through ``prefix`` (the way from the rows counted to a recommendation)."""
    if dimension is YEAR:
        key: Any = ExtractYear(prefix + dimension.key)
    else:
        key = F(prefix + dimension.key)
    return {"group_key": key, "group_label": F(prefix + dimension.label_field) if dimension.label_field else key}


def _grouped(rows: QuerySet[Any], dimension: Dimension, prefix: str, columns: list[Column]) -> list[dict[str, Any]]:
    """One GROUP BY query: for each value of the dimension, its label and each column's figure."""
    group = _group(dimension, prefix)
    found = {
        (item["group_key"], item["group_label"]): item
        for item in rows.annotate(**group).values(*group).annotate(**_aggregates(columns)).order_by()
    }
    if any(column.moved for column in columns):
        for moved in _moved_actions(rows, **_group(dimension, "action__recommendation__")):
            line = found[(moved["group_key"], moved["group_label"])]
            _add_moves(line, columns, moved["moves"], moved["action__target_date"], moved["earliest"])
    return list(found.values())


def _by_owner(rows: QuerySet[Any], columns: list[Column]) -> list[dict[str, Any]]:
    """For each owner as the dashboard counts them, each column's figure: an action with joint owners counts once
    for each (the owners are read as the dashboard reads them, then counted here)."""
    owners = dashboard.owners_in(rows)
    flags = {
        f"c{index}": ExpressionWrapper(column.condition, output_field=BooleanField())
        for index, column in enumerate(columns)
        if column.condition is not None and column.moved is None
    }
    counted: dict[str, dict[str, Any]] = {}

    def lines_of(pk: int) -> list[dict[str, Any]]:
        return [
            counted.setdefault(key, {"group_key": key, "group_label": name})
            for key, name in (owners.get(pk) or {dashboard.NO_OWNER: dashboard.NOT_RECORDED}).items()
        ]

    for pk, *values in rows.annotate(**flags).values_list("pk", *flags):
        flagged = dict(zip(flags, values, strict=True))
        for line in lines_of(pk):
            for index, column in enumerate(columns):
                if column.moved is None:
                    name = f"c{index}"
                    line[name] = line.get(name, 0) + (1 if column.condition is None else bool(flagged[name]))
    for moved in _moved_actions(rows):
        for line in lines_of(moved["action"]):
            _add_moves(line, columns, moved["moves"], moved["action__target_date"], moved["earliest"])
    return list(counted.values())


def _sorted(found: list[dict[str, Any]], dimension: Dimension) -> list[dict[str, Any]]:
    if dimension is YEAR:
        return sorted(found, key=lambda item: -(item["group_key"] or 0))
    return sorted(
        found,
        key=lambda item: (
            item["group_label"] is None or item["group_label"] == "",
            str(item["group_label"] or "").casefold(),
        ),
    )


def build(analysis: Analysis, reach: dashboard.Reach, filters: Filters, by: Dimension) -> Table:
    """The analysis's table by ``by``, its total line and its chart; every number with the address of its list."""
    columns = analysis.columns()
    rows = analysis.rows(reach, filters)
    prefix = "recommendation__" if analysis.counts == "actions" else ""
    found = _by_owner(rows, columns) if by is OWNER else _grouped(rows, by, prefix, columns)
    totals = rows.aggregate(**_aggregates(columns))
    if any(column.moved for column in columns):
        for moved in _moved_actions(rows):
            _add_moves(totals, columns, moved["moves"], moved["action__target_date"], moved["earliest"])

    def values(item: dict[str, Any]) -> list[int]:
        return [item.get(f"c{index}") or 0 for index in range(len(columns))]

    lines = []
    for item in _sorted(found, by):
        key = item["group_key"]
        value = NONE if key in (None, "") else str(key)
        label = str(item["group_label"]) if item["group_label"] not in (None, "") else by.none_label
        lines.append(Line(label, values(item), {by.name: [value] if by is OWNER else value}))
    table = Table(
        caption=f"{analysis.title}, by {by.label.lower()}",
        first=by.label,
        headings=[column.heading for column in columns],
        lines=lines,
        total=Line("All", values(totals), {}),
        base=reverse(f"analysis:{analysis.counts}"),
        filters=filters.query(),
        column_queries=[column.query for column in columns],
    )
    table.chart = _chart(analysis, table, columns, by)
    return table


def _chart(analysis: Analysis, table: Table, columns: list[Column], by: Dimension) -> GroupedChart:
    drawn = [index for index, column in enumerate(columns) if column.series]
    series = [columns[index].heading for index in drawn]
    # The rows with the most, in the table's order.
    ranked = sorted(range(len(table.lines)), key=lambda at: -sum(table.lines[at].values[index] for index in drawn))
    shown = sorted(ranked[:CHART_GROUPS])
    groups = [Group(table.lines[at].label, [table.lines[at].values[index] for index in drawn]) for at in shown]
    described = "; ".join(
        f"{group.label}: "
        + ", ".join(f"{name.lower()} {value}" for name, value in zip(series, group.values, strict=True))
        for group in groups
    )
    more = (
        f" The {CHART_GROUPS} with the most are shown; the table has all {len(table.lines)}."
        if len(table.lines) > CHART_GROUPS
        else ""
    )
    return grouped_bar_chart(
        f"chart-{analysis.slug}",
        f"{analysis.title}, by {by.label.lower()}",
        (f"{described}." if groups else "Nothing to count.") + more,
        series,
        groups,
    )


def kept_build(analysis: Analysis, reach: dashboard.Reach, filters: Filters, by: Dimension, today: date) -> Table:
    """``build``, kept as the dashboard's figures are (until anything counted changes, at most for the day)."""
    return dashboard.kept(
        f"analysis-{analysis.slug}", reach.key, (filters, by.name, today), lambda: build(analysis, reach, filters, by)
    )
