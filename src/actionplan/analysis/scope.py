"""What an analysis covers: the filters a person asks for, checked, and the recommendations and actions they pick.

The recommendations and actions counted are those the estate dashboard counts: of plans that have been signed off,
at the establishments the person's dashboard covers, as they now stand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils.http import urlencode

from actionplan.core.plan import TO_IMPLEMENT, Decision, ProgressLevel, Reason
from actionplan.monitoring import dashboard
from actionplan.monitoring.delivery import due_soon_q, implemented_counts, overdue_q
from actionplan.monitoring.models import ProgressJudgement, TargetChange, TrackedAction
from actionplan.storage.models import Action, ActionPlan, Establishment, Inspectorate, Recommendation

NONE = "-"  # the filter value of "not recorded": no report date, no section, no reason, no judgement
_SIGNED_OFF = [ActionPlan.Status.APPROVED, ActionPlan.Status.SENT, ActionPlan.Status.PUBLISHED]
# A recommendation is counted once its plan is signed off, as its actions are (access.IN_DELIVERY).
IN_DELIVERY = Q(plan__status__in=_SIGNED_OFF) | Q(plan__submitted__isnull=False)
Status = Action.Status
# How far a target was moved, in days from the first target to the one now: the lists' "moved_by" values.
MOVED_BY = {"30": "later by up to 30 days", "90": "later by 31 to 90 days", "more": "later by more than 90 days"}


class DaysBetween(Func):
    """Whole days from the second date to the first (negative when earlier), on SQLite and PostgreSQL alike."""

    arg_joiner = " - "
    template = "(%(expressions)s)"  # PostgreSQL: a date minus a date is a number of days
    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def with_delivery_figures(actions: QuerySet[TrackedAction]) -> QuerySet[Any]:
    """Actions annotated with ``moves`` (times their target was moved) and ``slipped`` (days from their earliest
    target to the target now; None when either is not a date)."""
    changes = TargetChange.objects.filter(action=OuterRef("pk")).order_by().values("action")
    return actions.annotate(
        moves=Subquery(changes.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
        slipped=DaysBetween(F("target_date"), Subquery(changes.annotate(first=Min("previous_date")).values("first"))),
    )


def moved_by(target: date | None, earliest: date | None) -> str | None:
    """How far a moved target slipped, as ``moved_by_q`` tells it: one of ``MOVED_BY`` (None: not later)."""
    if target is None or earliest is None or target <= earliest:
        return None
    days = (target - earliest).days
    return "30" if days <= 30 else "90" if days <= 90 else "more"


def on_time_q() -> Q:
    """Completed no later than the target the action has now."""
    return Q(status=Status.COMPLETED, completed_on__isnull=False, target_date__isnull=False) & Q(
        completed_on__lte=F("target_date")
    )


def late_q() -> Q:
    return Q(status=Status.COMPLETED, completed_on__isnull=False, target_date__isnull=False) & Q(
        completed_on__gt=F("target_date")
    )


def moved_by_q(bucket: str) -> Q:
    """Actions annotated by ``with_delivery_figures`` whose target has moved later by this much (as ``moved_by``)."""
    moved = Q(moves__gt=0, slipped__gt=0)
    if bucket == "30":
        return moved & Q(slipped__lte=30)
    if bucket == "90":
        return moved & Q(slipped__gt=30, slipped__lte=90)
    return moved & Q(slipped__gt=90)


def with_latest_judgement(recommendations: QuerySet[Recommendation]) -> QuerySet[Any]:
    """Recommendations annotated with ``judgement``: the level of their latest judgement, None when not judged."""
    latest = ProgressJudgement.objects.filter(recommendation=OuterRef("pk")).order_by("-judged_on", "-created", "-pk")
    return recommendations.annotate(judgement=Subquery(latest.values("level")[:1]))


@dataclass(frozen=True)
class Options:
    """What the filters offer in this person's reach."""

    establishments: list[tuple[int, str]]
    inspectorates: list[tuple[int, str]]
    years: list[int]
    sections: list[str]


def options(reach: dashboard.Reach, today: date) -> Options:
    """The filters' choices, kept as the dashboard's are. The owners are left to the lists that are narrowed to
    one (an estate has thousands, read with the dashboard's)."""

    def found() -> Options:
        establishments = Establishment.objects.all() if reach.establishments is None else reach.establishments
        recommendations = Recommendation.objects.filter(IN_DELIVERY, plan__inspection__establishment__in=establishments)
        return Options(
            establishments=list(establishments.order_by("name").values_list("pk", "name")),
            inspectorates=list(Inspectorate.objects.order_by("short_name").values_list("pk", "short_name")),
            years=sorted(
                {
                    day.year
                    for day in ActionPlan.objects.filter(inspection__establishment__in=establishments).dates(
                        "inspection__report_published", "year"
                    )
                },
                reverse=True,
            ),
            sections=list(
                recommendations.exclude(section="").order_by("section").values_list("section", flat=True).distinct()
            ),
        )

    return dashboard.kept("analysis-options", reach.key, (today,), found)


def _choice(label: str, what: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        error_messages={"invalid_choice": f"Choose {what} from the list"},
        **kwargs,
    )


def _several(label: str, what: str, choices: Iterable[tuple[str, str]]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=list(choices),
        error_messages={"invalid_choice": f"Choose {what} from the list", "invalid_list": f"Choose {what}"},
    )


class FilterForm(forms.Form):
    """The filters every analysis and list takes. ``by`` (what a table's rows are) is offered by an analysis."""

    establishment = _choice("Establishment", "an establishment")
    inspectorate = _choice("Inspectorate", "an inspectorate")
    year = _choice("Year of report", "a year")
    section = _choice("Section", "a section")

    def __init__(self, data: Any, found: Options, by: list[tuple[str, str]] | None = None) -> None:
        super().__init__(data)
        everything = [("", "All")]
        choices = {
            "establishment": [(str(pk), name) for pk, name in found.establishments],
            "inspectorate": [(str(pk), name) for pk, name in found.inspectorates],
            "year": [(str(year), str(year)) for year in found.years] + [(NONE, "No report date")],
            "section": [(section, section) for section in found.sections] + [(NONE, "No section")],
        }
        for name, offered in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = everything + offered
        if by:
            self.fields["by"] = _choice("Show by", "what to show the figures by", choices=by)
            self.fields["by"].initial = by[0][0]


_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


class ListForm(FilterForm):
    """The filters of a list, with what a number stands for: a decision, a reason, a status, an owner..."""

    decision = _several(
        "Decision", "a decision", [*((d.value, d.label) for d in Decision), (NONE, "No decision recorded")]
    )
    reason = _choice(
        "Reason stated",
        "a reason",
        choices=[("", "Any"), *((r.value, r.value.capitalize()) for r in Reason), (NONE, "No reason stated")],
    )
    judgement = _choice(
        "Latest judgement",
        "a judgement",
        choices=[("", "Any"), *((p.value, p.label) for p in ProgressLevel), (NONE, "Not judged")],
    )
    implemented = _choice("Implemented", "whether implemented", choices=[("", "Any"), ("yes", "Implemented")])
    has_actions = _choice("With actions", "whether it has actions", choices=[("", "Any"), ("yes", "With actions")])
    status = _choice("Status", "a status", choices=[("", "Any"), *Status.choices])
    state = _choice(
        "Due", "overdue or due soon", choices=[("", "Any"), ("overdue", "Overdue"), ("due_soon", "Due soon")]
    )
    completed_month = forms.CharField(label="Completed in", required=False)
    timeliness = _choice(
        "Completed", "on time or late", choices=[("", "Any"), ("on_time", "On time"), ("late", "Late")]
    )
    moved = _choice("Target moved", "whether the target moved", choices=[("", "Any"), ("yes", "Moved")])
    moved_by = _choice("Moved by", "how far the target moved", choices=[("", "Any"), *MOVED_BY.items()])
    # Checked against the owners in reach as a set: an estate has thousands, too many to offer as choices.
    owner = forms.Field(label="Owner", required=False, widget=forms.MultipleHiddenInput)

    def __init__(self, data: Any, found: Options, owners: Callable[[], list[tuple[str, str]]]) -> None:
        super().__init__(data, found)
        self._owners = owners

    def owners(self) -> dict[str, str]:
        """The owners in reach, {key: name}, read only when a list is narrowed to one."""
        return {**dict(self._owners()), dashboard.NO_OWNER: dashboard.NOT_RECORDED}

    def clean_owner(self) -> list[str]:
        owners: list[str] = self.cleaned_data["owner"] or []
        if owners and not set(owners) <= self.owners().keys():
            raise forms.ValidationError("Choose an owner from the list")
        return owners

    def clean_completed_month(self) -> str:
        month: str = self.cleaned_data["completed_month"]
        if month and not _MONTH.fullmatch(month):
            raise forms.ValidationError("Enter the month completed as a year and month, like 2026-05")
        return month


@dataclass(frozen=True)
class Filters:
    establishment: int | None = None
    inspectorate: int | None = None
    year: str | None = None
    section: str | None = None

    @classmethod
    def of(cls, cleaned: dict[str, Any]) -> Filters:
        return cls(
            establishment=int(cleaned["establishment"]) if cleaned.get("establishment") else None,
            inspectorate=int(cleaned["inspectorate"]) if cleaned.get("inspectorate") else None,
            year=cleaned.get("year") or None,
            section=cleaned.get("section") or None,
        )

    def query(self) -> dict[str, str]:
        """The filters as a list's address takes them."""
        found = {
            "establishment": self.establishment,
            "inspectorate": self.inspectorate,
            "year": self.year,
            "section": self.section,
        }
        return {name: str(value) for name, value in found.items() if value is not None}


def address(base: str, *parts: dict[str, Any]) -> str:
    """``base`` with the parts as its query (later parts win; a list value is given several times)."""
    query: dict[str, Any] = {}
    for part in parts:
        query.update(part)
    found = urlencode({name: value for name, value in query.items() if value not in ("", None, [])}, doseq=True)
    return f"{base}?{found}" if found else base


def _narrow(found: QuerySet[Any], filters: Filters, plan: str) -> QuerySet[Any]:
    inspection = f"{plan}inspection__"
    if filters.establishment:
        found = found.filter(**{f"{inspection}establishment": filters.establishment})
    if filters.inspectorate:
        found = found.filter(**{f"{inspection}inspectorate": filters.inspectorate})
    if filters.year == NONE:
        found = found.filter(**{f"{inspection}report_published__isnull": True})
    elif filters.year:
        found = found.filter(**{f"{inspection}report_published__year": int(filters.year)})
    section = "section" if plan == "plan__" else "recommendation__section"
    if filters.section:
        found = found.filter(**{section: "" if filters.section == NONE else filters.section})
    return found


def recommendations_in(reach: dashboard.Reach, filters: Filters) -> QuerySet[Recommendation]:
    """The recommendations of signed-off plans in reach, narrowed by the filters."""
    found = Recommendation.objects.filter(IN_DELIVERY)
    if reach.establishments is not None:
        found = found.filter(plan__inspection__establishment__in=reach.establishments)
    return _narrow(found, filters, "plan__")


def actions_in(reach: dashboard.Reach, filters: Filters) -> QuerySet[TrackedAction]:
    """The actions the dashboard counts, narrowed by the filters."""
    return _narrow(
        dashboard.scoped_actions(reach.establishments, dashboard.Filters()), filters, "recommendation__plan__"
    )


def reason_q(reason: str) -> Q:
    """Recommendations stating this reason (``NONE``: stating none). The reasons are a JSON list of four words,
    none a part of another, so the word in its quotes finds it on SQLite and PostgreSQL alike."""
    if reason == NONE:
        return Q(reasons=[])
    return Q(reasons__icontains=f'"{reason}"')


def _decisions_q(decisions: list[str], field: str) -> Q:
    return Q(**{f"{field}__in": ["" if decision == NONE else decision for decision in decisions]})


def narrow_recommendations(found: QuerySet[Any], cleaned: dict[str, Any]) -> QuerySet[Any]:
    """The recommendations a number stands for: of these decisions, stating this reason, judged so, implemented."""
    if cleaned.get("decision"):
        found = found.filter(_decisions_q(cleaned["decision"], "decision"))
    if cleaned.get("reason"):
        found = found.filter(reason_q(cleaned["reason"]))
    if cleaned.get("judgement"):
        found = with_latest_judgement(found)
        if cleaned["judgement"] == NONE:
            found = found.filter(judgement__isnull=True)
        else:
            found = found.filter(judgement=cleaned["judgement"])
    if cleaned.get("has_actions"):
        found = found.filter(Exists(Action.objects.filter(recommendation=OuterRef("pk"))))
    if cleaned.get("implemented"):
        implemented = implemented_counts(Recommendation.objects.all()).filter(
            live_actions__gt=0, live_actions=F("completed_actions")
        )
        found = found.filter(decision__in=[d.value for d in TO_IMPLEMENT], pk__in=implemented.values("pk"))
    return found


def narrow_actions(found: QuerySet[Any], cleaned: dict[str, Any], today: date) -> QuerySet[Any]:
    """The actions a number stands for: of an owner, a status, overdue, completed in a month, late, moved..."""
    in_reach = found
    for owner in cleaned.get("owner") or []:
        found = found.filter(dashboard.owned_by(in_reach, owner))
    if cleaned.get("decision"):
        found = found.filter(_decisions_q(cleaned["decision"], "recommendation__decision"))
    if cleaned.get("status"):
        found = found.filter(status=cleaned["status"])
    if cleaned.get("state") == "overdue":
        found = found.filter(overdue_q(today))
    elif cleaned.get("state") == "due_soon":
        found = found.filter(due_soon_q(today))
    if cleaned.get("completed_month"):
        year, month = map(int, cleaned["completed_month"].split("-"))
        found = found.filter(
            status=Status.COMPLETED, completed_on__year=year, completed_on__month=month, completed_on__lte=today
        )
    if cleaned.get("timeliness") == "on_time":
        found = found.filter(on_time_q())
    elif cleaned.get("timeliness") == "late":
        found = found.filter(late_q())
    if cleaned.get("moved"):
        found = found.filter(Exists(TargetChange.objects.filter(action=OuterRef("pk"))))
    if cleaned.get("moved_by"):
        found = with_delivery_figures(found).filter(moved_by_q(cleaned["moved_by"]))
    return found
