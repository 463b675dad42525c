"""What a person reads of several plans at once, for pages that show an establishment's inspections side by side.

The same rule as ``workflow.states.readable_plan``: the public reads the version published, the inspectorate the
version sent to it, both with delivery as it stands now; the people who work on a plan read it as it is now. Read
here for many plans in a few queries, keeping only what the cycle shows (decisions, responses, actions and how
far each has got; no progress notes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch

from actionplan.accounts.access import Reading, readings_of
from actionplan.accounts.models import User
from actionplan.core import canonical
from actionplan.core import plan as core
from actionplan.core.delivery import with_current_delivery
from actionplan.core.targets import Target, TargetKind
from actionplan.storage.models import Action, ActionPlan, Recommendation
from actionplan.workflow.models import PlanVersion, Transition


@dataclass(frozen=True)
class ReadRecommendation:
    """A recommendation as the person reads it, beside its stored row."""

    shown: core.Recommendation
    row: Recommendation

    @property
    def delivered(self) -> tuple[int, int]:
        """How many of its actions are completed, of how many (cancelled ones left out)."""
        live = [action for action in self.shown.actions if action.status is not core.ActionStatus.CANCELLED]
        return sum(action.status is core.ActionStatus.COMPLETED for action in live), len(live)


def _action(row: Action) -> core.Action:
    return core.Action(
        text=row.text,
        owner=row.owner or None,
        target=Target(text=row.target_text, kind=TargetKind(row.target_kind), date=row.target_date),
        status=core.ActionStatus(row.status),
        completed_on=row.completed_on,
    )


def _recommendation(row: Recommendation) -> core.Recommendation:
    return core.Recommendation(
        ref=row.ref,
        recommendation=row.text,
        section=row.section or None,
        concern=row.concern or None,
        repeated_from=row.repeated_from or None,
        decision=core.Decision(row.decision) if row.decision else None,
        agreed_part=row.agreed_part or None,
        response=row.response,
        actions=[_action(action) for action in row.actions.all()],
    )


def _versions_read(readings: dict[int, Reading]) -> dict[int, PlanVersion]:
    """The version each plan is read in by those who read a frozen one (two queries at most): the latest
    published for the public, the one last sent for the inspectorate, as ``workflow.states`` decides."""
    versions: dict[int, PlanVersion] = {}
    public = [pk for pk, reading in readings.items() if reading is Reading.PUBLIC]
    if public:
        published = PlanVersion.objects.filter(plan__in=public, published_on__isnull=False)
        for version in published.order_by("plan", "-number"):
            versions.setdefault(version.plan_id, version)
    inspectorate = [pk for pk, reading in readings.items() if reading is Reading.INSPECTORATE]
    if inspectorate:
        sendings = Transition.objects.filter(plan__in=inspectorate, to_status=ActionPlan.Status.SENT)
        for sending in sendings.filter(version__isnull=False).select_related("version").order_by("plan", "-at", "-pk"):
            assert sending.version is not None
            versions.setdefault(sending.plan_id, sending.version)
    return versions


def read_plans(user: User | AnonymousUser, plans: Sequence[ActionPlan]) -> dict[int, list[ReadRecommendation]]:
    """For each plan (read with its inspection and inspectorate), its recommendations as this person reads them.

    A plan they have no version of to read is left out. Those who read a frozen version read its recommendations
    that still have a row (whose delivery is recorded): never one that only a next draft has.
    """
    rows = Recommendation.objects.filter(plan__in=plans).prefetch_related(
        Prefetch("actions", Action.objects.order_by("position"))
    )
    by_plan: dict[int, list[Recommendation]] = {}
    for row in rows.order_by("plan", "position"):
        by_plan.setdefault(row.plan_id, []).append(row)
    readings = readings_of(user, list(plans))
    versions = _versions_read(readings)
    read: dict[int, list[ReadRecommendation]] = {}
    for stored in plans:
        own = by_plan.get(stored.pk, [])
        if readings.get(stored.pk) is Reading.CURRENT:
            read[stored.pk] = [ReadRecommendation(_recommendation(row), row) for row in own]
            continue
        version = versions.get(stored.pk)
        if version is None:
            continue
        current = core.Plan(
            establishment=stored.establishment_as_written,
            inspectorate=stored.inspection.inspectorate.short_name,
            recommendations=[_recommendation(row) for row in own],
        )
        shown = with_current_delivery(canonical.plan_from_dict(version.document, checked=False), current)
        row_of = {row.ref: row for row in own}
        read[stored.pk] = [
            ReadRecommendation(rec, row_of[rec.ref]) for rec in shown.recommendations if rec.ref in row_of
        ]
    return read
