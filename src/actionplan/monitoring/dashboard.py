"""Delivery figures for a dashboard: counts by status, overdue and due soon, completion by month, owners, decisions."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.db.models.signals import post_delete, post_save

from actionplan.accounts.access import IN_DELIVERY
from actionplan.core.owners import normalise, split_owners
from actionplan.core.plan import TO_IMPLEMENT, Decision, Implementation
from actionplan.monitoring.charts import GREEN, GREY, RED, Bar, Chart, bar_chart
from actionplan.monitoring.delivery import DUE_SOON_DAYS, due_soon_q, implemented_counts, overdue_q
from actionplan.monitoring.models import ProgressJudgement, ProgressUpdate, TargetChange, TrackedAction
from actionplan.owners.models import ActionOwner, Owner
from actionplan.storage.models import Action, ActionPlan, Establishment, Inspection, Inspectorate, Recommendation

Status = Action.Status
MONTHS = 12
TOP = 15
# Figures are kept under a version number that every change to what they count moves on, so a change is
# seen at once; they are also kept no longer than this, and the day is part of the key (overdue moves daily).
CACHE_SECONDS = 60 * 60
_VERSION_KEY = "dashboard:version"
T = TypeVar("T")


@dataclass(frozen=True)
class Filters:
    establishment: int | None = None
    inspectorate: int | None = None
    year: int | None = None
    owner: str | None = None


@dataclass(frozen=True)
class Row:
    """A line of a breakdown table: a name and its counts."""

    label: str
    total: int
    completed: int
    overdue: int
    due_soon: int
    key: str = ""  # what the row stands for, as the lists behind its numbers take it (an owner's key, a decision)


@dataclass
class Dashboard:
    today: date
    total: int
    by_status: dict[str, int]
    overdue: int
    due_soon: int
    implementation: Implementation
    by_month: list[tuple[str, int]]
    by_owner: list[Row]
    by_decision: list[Row]
    by_establishment: list[Row]
    charts: dict[str, Chart] = field(default_factory=dict)


def _counts(today: date) -> dict[str, Count]:
    return {
        "total": Count("pk"),
        "completed": Count("pk", filter=Q(status=Status.COMPLETED)),
        "overdue": Count("pk", filter=overdue_q(today)),
        "due_soon": Count("pk", filter=due_soon_q(today)),
    }


def _rows(
    actions: QuerySet[TrackedAction],
    key: str,
    today: date,
    labels: dict[str, str] | None = None,
    label_field: str | None = None,
) -> list[Row]:
    """Counts by ``key``, each row named from ``labels`` or ``label_field`` (else the key itself)."""
    fields = [key, label_field] if label_field else [key]
    found = actions.values(*fields).annotate(**_counts(today)).order_by("-overdue", "-total", *reversed(fields))
    return [
        Row(
            (labels or {}).get(item[key], item[label_field or key]) or NOT_RECORDED,
            item["total"],
            item["completed"],
            item["overdue"],
            item["due_soon"],
            str(item[key] or ""),
        )
        for item in found
    ]


NOT_RECORDED = "Not recorded"
_MATCHED = "owner-"  # keys of the directory's owners; other keys are normalised names, which have no hyphen
NO_OWNER = "-"  # the key of the actions that name no owner at all


# What each action's owners are read from, one row per action and owner link (the link's fields empty for an
# action not yet split into owners): its owner text, each link's directory owner and words, and where the owner
# is a post, the establishment it belongs to (every establishment has its own Governor).
_OWNER_FIELDS = ("pk", "owner", "owner_links__owner", "owner_links__owner__name", "owner_links__written", "post_at")


def _with_owners(actions: QuerySet[TrackedAction]) -> QuerySet[TrackedAction]:
    serving = Owner.establishments.through.objects.filter(
        owner=OuterRef("owner_links__owner"), owner__kind=Owner.Kind.POST
    ).order_by("establishment__name")
    return actions.annotate(post_at=Subquery(serving.values("establishment__name")[:1]))


def _owners_by_action(rows: list[tuple[Any, ...]]) -> dict[int, dict[str, str]]:
    """Each action's owners as {key: name}: the directory's owner where matched, else each owner the plan names,
    split from the others and normalised, so that the spellings and orders of the same owners count as one.

    ``rows`` start with the ``_OWNER_FIELDS``.
    """
    owners: dict[int, dict[str, str]] = defaultdict(dict)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)

    def written_as(action_id: int, written: str) -> None:
        if normalise(written):
            owners[action_id][normalise(written)] = written
            spellings[normalise(written)][written] += 1

    for action_id, text, owner_id, name, written, post_at, *_figures in rows:
        if owner_id is not None:
            owners[action_id][f"{_MATCHED}{owner_id}"] = f"{name}, {post_at}" if post_at else name
        elif written is not None:
            written_as(action_id, written)
        else:
            for one in split_owners(text):
                written_as(action_id, one)
    # An owner written several ways is named as most plans write it.
    names = {key: min(counts.items(), key=lambda item: (-item[1], item[0]))[0] for key, counts in spellings.items()}
    return {
        action_id: {key: name if key.startswith(_MATCHED) else names[key] for key, name in found.items()}
        for action_id, found in owners.items()
    }


def _owner_rows(actions: QuerySet[TrackedAction], today: date) -> list[Row]:
    """Counts by owner, in one query: an action with joint owners counts once for each of them."""
    rows = list(
        _with_owners(actions)
        .annotate(
            late=ExpressionWrapper(overdue_q(today), output_field=BooleanField()),
            soon=ExpressionWrapper(due_soon_q(today), output_field=BooleanField()),
        )
        .values_list(*_OWNER_FIELDS, "status", "late", "soon")
    )
    owners = _owners_by_action(rows)
    figures = {row[0]: row[len(_OWNER_FIELDS) :] for row in rows}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    labels: dict[str, str] = {"": NOT_RECORDED}
    for pk, (status, overdue, due_soon) in figures.items():
        for key, name in (owners.get(pk) or {"": NOT_RECORDED}).items():
            labels[key] = name
            count = counts[key]
            count[0] += 1
            count[1] += status == Status.COMPLETED
            count[2] += bool(overdue)
            count[3] += bool(due_soon)
    found = [
        Row(labels[key], total, completed, overdue, due_soon, key or NO_OWNER)
        for key, (total, completed, overdue, due_soon) in counts.items()
    ]
    return sorted(found, key=lambda row: (-row.overdue, -row.total, row.label))


def owners_in(actions: QuerySet[TrackedAction]) -> dict[int, dict[str, str]]:
    """Each action's owners as the dashboard counts them, {key: name}; an action naming none is left out."""
    return _owners_by_action(list(_with_owners(actions).values_list(*_OWNER_FIELDS)))


def owned_by(actions: QuerySet[TrackedAction], key: str) -> Q:
    """The actions of one owner, as ``_owners_by_action`` keys them (``NO_OWNER``: those naming none)."""
    if key == NO_OWNER:
        # The few actions naming no owner, as a list: the many that name one would make the query too long.
        named = owners_in(actions)
        return Q(pk__in=[pk for pk in actions.values_list("pk", flat=True) if pk not in named])
    if key.startswith(_MATCHED) and key[len(_MATCHED) :].isdigit():
        return Q(pk__in=ActionOwner.objects.filter(owner=int(key[len(_MATCHED) :])).values("action"))
    return Q(pk__in=[pk for pk, found in owners_in(actions).items() if key in found])


def _months_back(today: date, count: int) -> list[date]:
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def scoped_actions(establishments: QuerySet[Establishment] | None, filters: Filters) -> QuerySet[TrackedAction]:
    """Actions of plans in delivery, of these establishments (None: every one), narrowed by the filters."""
    actions = TrackedAction.objects.filter(IN_DELIVERY)
    if establishments is not None:
        actions = actions.filter(recommendation__plan__inspection__establishment__in=establishments)
    if filters.establishment:
        actions = actions.filter(recommendation__plan__inspection__establishment=filters.establishment)
    if filters.inspectorate:
        actions = actions.filter(recommendation__plan__inspection__inspectorate=filters.inspectorate)
    if filters.year:
        actions = actions.filter(recommendation__plan__inspection__report_published__year=filters.year)
    return actions


def build(establishments: QuerySet[Establishment] | None, filters: Filters, today: date) -> Dashboard:
    """The figures, in a fixed number of queries whatever the size of the estate."""
    actions = scoped_actions(establishments, filters)
    # A correlated EXISTS, not IN (... DISTINCT ...): the planner can use the action's recommendation index
    # however stale its row estimates are.
    in_reach = Recommendation.objects.filter(Exists(actions.filter(recommendation=OuterRef("pk"))))
    if filters.owner:
        actions = actions.filter(owned_by(actions, filters.owner))
    totals = actions.aggregate(
        **_counts(today),
        **{f"status_{status.value}": Count("pk", filter=Q(status=status)) for status in Status},
    )
    # One query over the recommendations, each counted with its actions. Counted with the conditions
    # themselves: PostgreSQL cannot aggregate over the boolean annotation.
    to_implement = Q(decision__in=[decision.value for decision in TO_IMPLEMENT])
    implemented = implemented_counts(in_reach).aggregate(
        total=Count("pk", filter=to_implement),
        implemented=Count("pk", filter=to_implement & Q(live_actions__gt=0, live_actions=F("completed_actions"))),
        not_agreed=Count("pk", filter=Q(decision=Decision.NOT_AGREED.value)),
    )
    months = _months_back(today, MONTHS)
    completed = {
        (month.year, month.month): count
        for month, count in actions.filter(
            status=Status.COMPLETED, completed_on__gte=months[0], completed_on__lte=today
        )
        .annotate(month=TruncMonth("completed_on"))
        .values("month")
        .annotate(count=Count("pk"))
        .values_list("month", "count")
    }
    by_month = [(f"{month:%b %Y}", completed.get((month.year, month.month), 0)) for month in months]
    decisions = {d.value: d.label for d in Decision}
    dashboard = Dashboard(
        today=today,
        total=totals["total"],
        by_status={status.label: totals[f"status_{status.value}"] for status in Status},
        overdue=totals["overdue"],
        due_soon=totals["due_soon"],
        implementation=Implementation(
            implemented=implemented["implemented"], agreed=implemented["total"], not_agreed=implemented["not_agreed"]
        ),
        by_month=by_month,
        by_owner=_owner_rows(actions, today)[:TOP],
        by_decision=_rows(actions, "recommendation__decision", today, decisions),
        by_establishment=_rows(
            actions,
            "recommendation__plan__inspection__establishment",
            today,
            label_field="recommendation__plan__inspection__establishment__name",
        )[:TOP],
    )
    dashboard.charts = _charts(dashboard)
    return dashboard


def _charts(dashboard: Dashboard) -> dict[str, Chart]:
    status_bars = [Bar(label, value) for label, value in dashboard.by_status.items()]
    status_bars += [
        Bar("Overdue", dashboard.overdue, RED),
        Bar(f"Due within {DUE_SOON_DAYS} days", dashboard.due_soon, GREY),
    ]
    return {
        "status": bar_chart(
            "chart-status",
            "Actions by status",
            f"{dashboard.total} actions: " + ", ".join(f"{bar.label.lower()} {bar.value}" for bar in status_bars) + ".",
            status_bars,
        ),
        "months": bar_chart(
            "chart-months",
            "Actions completed each month",
            f"Actions completed in each of the last {MONTHS} months, from {dashboard.by_month[0][0]} to "
            f"{dashboard.by_month[-1][0]}: "
            + ", ".join(f"{label} {value}" for label, value in dashboard.by_month)
            + ".",
            [Bar(label, value, GREEN) for label, value in dashboard.by_month],
        ),
        "owners": bar_chart(
            "chart-owners",
            "Overdue actions by owner",
            "Owners with the most overdue actions: "
            + (", ".join(f"{row.label} {row.overdue}" for row in dashboard.by_owner if row.overdue) or "none")
            + ".",
            [Bar(row.label, row.overdue, RED) for row in dashboard.by_owner if row.overdue],
        ),
    }


@dataclass(frozen=True)
class Options:
    establishments: list[tuple[int, str]]
    inspectorates: list[tuple[int, str]]
    years: list[int]
    owners: list[tuple[str, str]]  # (key, name) of each owner, as the dashboard counts them


def options(establishments: QuerySet[Establishment] | None) -> Options:
    """What the filters offer: the establishments in reach, inspectorates, report years and owners."""
    reach = Establishment.objects.all() if establishments is None else establishments
    plans = ActionPlan.objects.filter(inspection__establishment__in=reach)
    actions = scoped_actions(establishments, Filters())
    owners = {key: name for found in owners_in(actions).values() for key, name in found.items()}
    return Options(
        establishments=list(reach.order_by("name").values_list("pk", "name")),
        inspectorates=list(Inspectorate.objects.order_by("short_name").values_list("pk", "short_name")),
        years=sorted({d.year for d in plans.dates("inspection__report_published", "year")}, reverse=True),
        owners=sorted(owners.items(), key=lambda item: (item[1].casefold(), item[0])),
    )


def figures_changed() -> None:
    """Forget every dashboard's figures and filter options: an action, update, judgement or plan changed.

    The version moves on at once (this request sees the change) and again when the transaction commits, so
    figures another request counted before the commit are not kept under the new version.
    """
    _next_version()
    transaction.on_commit(_next_version)


def watch_for_changes() -> None:
    """Forget the figures whenever a row they are counted from is saved or deleted."""
    counted = [
        Inspectorate,
        Establishment,
        Inspection,
        ActionPlan,
        Recommendation,
        Action,
        TrackedAction,
        ProgressUpdate,
        ProgressJudgement,
        TargetChange,
        ActionOwner,
        Owner,
    ]
    for model in counted:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"dashboard-{model.__name__}-saved")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"dashboard-{model.__name__}-deleted")


def _on_change(**kwargs: object) -> None:
    figures_changed()


def _next_version() -> None:
    cache.add(_VERSION_KEY, 0, timeout=None)
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:  # forgotten between the two calls (a cache full or flushed): start again
        cache.set(_VERSION_KEY, 1, timeout=None)


@dataclass(frozen=True)
class Reach:
    """The establishments a dashboard covers (None: the whole estate), and their ids for the cache key."""

    establishments: QuerySet[Establishment] | None
    key: str


def reach_of(establishments: QuerySet[Establishment] | None) -> Reach:
    if establishments is None:
        return Reach(None, "estate")
    return Reach(establishments, ",".join(map(str, establishments.order_by("pk").values_list("pk", flat=True))))


def changes_seen() -> int:
    """A number that moves on whenever a plan, its rows or their delivery change (see ``watch_for_changes``),
    so that what is kept from them can be kept under it."""
    return int(cache.get_or_set(_VERSION_KEY, 0, timeout=None) or 0)


def kept(kind: str, scope: str, parts: tuple[object, ...], make: Callable[[], T]) -> T:
    """What ``make`` gives, kept per kind of figure, scope (the establishments in reach), filters and day."""
    if not settings.ACTIONPLAN_KEEP_RENDERED:
        return make()
    version = changes_seen()
    described = repr((kind, version, scope, parts)).encode()
    key = f"dashboard:{hashlib.sha256(described).hexdigest()}"
    found: Any = cache.get(key)
    if found is None:
        found = make()
        cache.set(key, found, CACHE_SECONDS)
    return found


def cached_build(reach: Reach, filters: Filters, today: date) -> Dashboard:
    """``build``, kept until the figures change or the day ends."""
    return kept("figures", reach.key, (filters, today), lambda: build(reach.establishments, filters, today))


def cached_options(reach: Reach, today: date) -> Options:
    """``options``, kept likewise."""
    return kept("options", reach.key, (today,), lambda: options(reach.establishments))
