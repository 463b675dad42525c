"""The figures of the two cycle analyses: how often recommendations repeat, and what follow-up found."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear

from actionplan.core.repeats import chains
from actionplan.core.writing.spreadsheet_cells import as_cell_text
from actionplan.cycle.models import FollowUpOutcome, RepeatLink
from actionplan.monitoring import charts
from actionplan.monitoring.dashboard import changes_seen
from actionplan.storage.models import Recommendation

NOT_RECORDED = "Not recorded"
KEPT_SECONDS = 3600
T = TypeVar("T")
LINKED = ~Q(how=RepeatLink.How.REJECTED)

# (heading, what the table's first column holds, the field grouped by)
REPEAT_BREAKDOWNS = [
    ("By year", "Year the report was published", "year"),
    ("By inspectorate", "Inspectorate", "plan__inspection__inspectorate__short_name"),
    ("By establishment", "Establishment", "plan__inspection__establishment__name"),
    ("By section", "Section", "section"),
]
FOLLOW_UP_BREAKDOWNS = [
    ("By year", "Year the report was published", "year"),
    ("By inspectorate", "Inspectorate", "recommendation__plan__inspection__inspectorate__short_name"),
    ("By section", "Section", "recommendation__section"),
]


@dataclass(frozen=True)
class RepeatRow:
    label: str
    recommendations: int
    repeated: int

    @property
    def rate(self) -> int:
        """The percentage of recommendations that repeat an earlier one, rounded."""
        return round(100 * self.repeated / self.recommendations) if self.recommendations else 0


@dataclass(frozen=True)
class Chain:
    """Recommendations repeating one another, the latest first: (establishment, ref, year) each."""

    establishment: str
    links: list[tuple[int, str, str]]


@dataclass
class RepeatFigures:
    breakdowns: list[tuple[str, str, list[RepeatRow]]] = field(default_factory=list)
    total: RepeatRow = RepeatRow("All", 0, 0)
    chains: list[Chain] = field(default_factory=list)
    chart: charts.Chart | None = None


def _label(value: object) -> str:
    return NOT_RECORDED if value in (None, "") else str(value)


def _kept(name: str, make: Callable[[], T]) -> T:
    """What ``make`` gives, counted once and kept in the cache until a plan, link or outcome changes (as the
    dashboard's figures are; see monitoring.dashboard.changes_seen), for an hour at most."""
    if not settings.ACTIONPLAN_KEEP_RENDERED:
        return make()
    key = f"cycle-analysis:{name}:{changes_seen()}"
    found: T | None = cache.get(key)
    if found is None:
        found = make()
        cache.set(key, found, KEPT_SECONDS)
    return found


def repeated_figures() -> RepeatFigures:
    """Recommendations that repeat one of an earlier inspection (linked, or stated in the report) across the
    estate, by year, inspectorate, establishment and section; the longest chains of repeats."""
    return _kept("repeated", _count_repeated)


def _count_repeated(chain_count: int = 10) -> RepeatFigures:
    recommendations = Recommendation.objects.annotate(
        year=ExtractYear("plan__inspection__report_published"),
        is_repeat=Exists(RepeatLink.objects.filter(LINKED, recommendation=OuterRef("pk"))),
    )
    repeat = Q(is_repeat=True) | ~Q(repeated_from="")
    figures = RepeatFigures()
    for heading, first, by in REPEAT_BREAKDOWNS:
        grouped = recommendations.values(by).annotate(total=Count("pk"), repeated=Count("pk", filter=repeat))
        rows = sorted(
            (RepeatRow(_label(row[by]), row["total"], row["repeated"]) for row in grouped),
            key=lambda row: (-row.repeated, row.label) if by != "year" else (row.label,),
        )
        figures.breakdowns.append((heading, first, rows))
    by_year = figures.breakdowns[0][2]
    figures.total = RepeatRow("All", sum(row.recommendations for row in by_year), sum(row.repeated for row in by_year))
    figures.chart = charts.bar_chart(
        "repeat-rate",
        "Recommendations repeated from an earlier inspection, per cent, by year",
        "For each year a report was published, the percentage of its recommendations that repeat one made at "
        "the inspection before. The table below gives the numbers.",
        [charts.Bar(row.label, row.rate) for row in by_year],
    )
    figures.chains = _longest_chains(chain_count)
    return figures


def _longest_chains(count: int) -> list[Chain]:
    links = RepeatLink.objects.filter(LINKED).values_list("recommendation", "earlier")
    found = chains(dict(links))[:count]
    wanted = {pk for chain in found for pk in chain}
    about = {
        row["pk"]: row
        for row in Recommendation.objects.filter(pk__in=wanted).values(
            "pk", "ref", "plan__inspection__establishment__name", year=ExtractYear("plan__inspection__report_published")
        )
    }
    return [
        Chain(
            about[chain[0]]["plan__inspection__establishment__name"],
            [(pk, about[pk]["ref"], _label(about[pk]["year"])) for pk in chain],
        )
        for chain in found
    ]


@dataclass(frozen=True)
class OutcomeRow:
    label: str
    achieved: int
    partially: int
    not_achieved: int

    @property
    def total(self) -> int:
        return self.achieved + self.partially + self.not_achieved


@dataclass
class FollowUpFigures:
    breakdowns: list[tuple[str, str, list[OutcomeRow]]] = field(default_factory=list)
    total: OutcomeRow = OutcomeRow("All", 0, 0, 0)
    chart: charts.Chart | None = None


def follow_up_figures() -> FollowUpFigures:
    """What the next inspections found of earlier recommendations, by year, inspectorate and section."""
    return _kept("follow-up", _count_follow_up)


def _count_follow_up() -> FollowUpFigures:
    outcomes = FollowUpOutcome.objects.annotate(year=ExtractYear("recommendation__plan__inspection__report_published"))
    Outcome = FollowUpOutcome.Outcome
    figures = FollowUpFigures()
    for heading, first, by in FOLLOW_UP_BREAKDOWNS:
        grouped = outcomes.values(by).annotate(
            achieved=Count("pk", filter=Q(outcome=Outcome.ACHIEVED)),
            partially=Count("pk", filter=Q(outcome=Outcome.PARTIALLY_ACHIEVED)),
            not_achieved=Count("pk", filter=Q(outcome=Outcome.NOT_ACHIEVED)),
        )
        rows = sorted(
            (OutcomeRow(_label(row[by]), row["achieved"], row["partially"], row["not_achieved"]) for row in grouped),
            key=lambda row: row.label,
        )
        figures.breakdowns.append((heading, first, rows))
    by_year = figures.breakdowns[0][2]
    figures.total = OutcomeRow(
        "All",
        sum(row.achieved for row in by_year),
        sum(row.partially for row in by_year),
        sum(row.not_achieved for row in by_year),
    )
    figures.chart = charts.bar_chart(
        "follow-up-outcomes",
        "Earlier recommendations by what the next inspection found",
        "How many recommendations the next inspection found achieved, partially achieved and not achieved. "
        "The tables below give them by year, inspectorate and section.",
        [
            charts.Bar("Achieved", figures.total.achieved, charts.GREEN),
            charts.Bar("Partially achieved", figures.total.partially, charts.BLUE),
            charts.Bar("Not achieved", figures.total.not_achieved, charts.RED),
        ],
    )
    return figures


def as_csv(header: list[str], rows: Iterable[list[object]]) -> str:
    """A CSV file of these rows, every text cell safe from being run as a formula by a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([as_cell_text(cell) if isinstance(cell, str) else cell for cell in row])
    return out.getvalue()


def repeated_csv(figures: RepeatFigures) -> str:
    return as_csv(
        ["Breakdown", "Group", "Recommendations", "Repeated", "Repeated (per cent)"],
        (
            [heading.removeprefix("By ").capitalize(), row.label, row.recommendations, row.repeated, row.rate]
            for heading, _first, rows in figures.breakdowns
            for row in rows
        ),
    )


def follow_up_csv(figures: FollowUpFigures) -> str:
    return as_csv(
        ["Breakdown", "Group", "Achieved", "Partially achieved", "Not achieved", "Total"],
        (
            [
                heading.removeprefix("By ").capitalize(),
                row.label,
                row.achieved,
                row.partially,
                row.not_achieved,
                row.total,
            ]
            for heading, _first, rows in figures.breakdowns
            for row in rows
        ),
    )
