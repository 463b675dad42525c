"""The one place where core plans become database rows and rows become core plans again."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from actionplan.core import plan as core
from actionplan.core.targets import Precision, Target, TargetKind
from actionplan.storage import models

_INSPECTORATE_NAMES = {
    "HMIP": "HM Inspectorate of Prisons",
    "HMI Probation": "HM Inspectorate of Probation",
}


def inspectorate_for(short_name: str) -> models.Inspectorate:
    found, _ = models.Inspectorate.objects.get_or_create(
        short_name=short_name, defaults={"name": _INSPECTORATE_NAMES.get(short_name, short_name)}
    )
    return found


def _blank(value: str | None) -> str:
    return value or ""


def _none(value: str) -> str | None:
    return value or None


@transaction.atomic
def save_plan(
    plan: core.Plan,
    *,
    establishment: models.Establishment | None = None,
    status: str = models.ActionPlan.Status.DRAFT,
) -> models.ActionPlan:
    """Store a core plan as a new inspection and action plan, all or nothing.

    The establishment is found by the name the plan writes unless one is given.
    """
    inspectorate = inspectorate_for(plan.inspectorate)
    if establishment is None:
        establishment, _ = models.Establishment.objects.get_or_create(
            name=plan.establishment, defaults={"inspectorate": inspectorate}
        )
    inspection = models.Inspection.objects.create(
        establishment=establishment,
        inspectorate=inspectorate,
        title=_blank(plan.report.title),
        inspection_dates=_blank(plan.report.inspection_dates),
        report_published=plan.report.published,
    )
    stored = models.ActionPlan.objects.create(
        inspection=inspection,
        establishment_as_written=plan.establishment,
        status=status,
        submitted=plan.submitted,
        notes=list(plan.notes),
        stated_summary=asdict(plan.stated_summary) if plan.stated_summary else None,
    )
    replace_recommendations(stored, plan.recommendations)
    return stored


def replace_recommendations(stored: models.ActionPlan, recommendations: list[core.Recommendation]) -> None:
    """Make the plan's recommendations and actions exactly these, in this order."""
    stored.recommendations.all().delete()
    # bulk_create_with_history, so that the history page sees these rows appear (and who made them).
    rows = bulk_create_with_history(
        [
            models.Recommendation(plan=stored, position=position, **recommendation_fields(rec))
            for position, rec in enumerate(recommendations)
        ],
        models.Recommendation,
    )
    bulk_create_with_history(
        [
            models.Action(recommendation=row, position=position, **action_fields(action))
            for row, rec in zip(rows, recommendations, strict=True)
            for position, action in enumerate(rec.actions)
        ],
        models.Action,
    )


def recommendation_fields(rec: core.Recommendation) -> dict[str, Any]:
    """The model fields a core recommendation fills: all but its plan, position, revision and actions."""
    return {
        "ref": rec.ref,
        "kind": rec.kind.value,
        "section": _blank(rec.section),
        "directed_to": _blank(rec.directed_to),
        "concern": _blank(rec.concern),
        "text": rec.recommendation,
        "cross_ref": _blank(rec.cross_ref),
        "repeated_from": _blank(rec.repeated_from),
        "decision": rec.decision.value if rec.decision else "",
        "agreed_part": _blank(rec.agreed_part),
        "reasons": [r.value for r in rec.reasons],
        "response": rec.response,
    }


def action_fields(action: core.Action) -> dict[str, Any]:
    """The model fields a drafted action fills: its text, owner and target (not how its delivery is going)."""
    return {
        "text": action.text,
        "owner": _blank(action.owner),
        "target_text": action.target.text,
        "target_kind": action.target.kind.value,
        "target_date": action.target.date,
        "target_precision": action.target.precision.value if action.target.precision else "",
    }


def _target(row: models.Action) -> Target:
    return Target(
        text=row.target_text,
        kind=TargetKind(row.target_kind),
        date=row.target_date,
        precision=Precision(row.target_precision) if row.target_precision else None,
    )


def load_plan(stored: models.ActionPlan) -> core.Plan:
    """The core plan a stored action plan holds, in three queries."""
    stored = (
        models.ActionPlan.objects.select_related("inspection__inspectorate")
        .prefetch_related("recommendations__actions")
        .get(pk=stored.pk)
    )
    inspection = stored.inspection
    summary = stored.stated_summary
    return core.Plan(
        establishment=stored.establishment_as_written,
        inspectorate=inspection.inspectorate.short_name,
        report=core.Report(
            title=_none(inspection.title),
            inspection_dates=_none(inspection.inspection_dates),
            published=inspection.report_published,
        ),
        submitted=stored.submitted,
        notes=list(stored.notes),
        recommendations=[
            core.Recommendation(
                ref=row.ref,
                kind=core.RecommendationKind(row.kind),
                section=_none(row.section),
                directed_to=_none(row.directed_to),
                concern=_none(row.concern),
                recommendation=row.text,
                cross_ref=_none(row.cross_ref),
                repeated_from=_none(row.repeated_from),
                decision=core.Decision(row.decision) if row.decision else None,
                agreed_part=_none(row.agreed_part),
                reasons=[core.Reason(r) for r in row.reasons],
                response=row.response,
                actions=[
                    core.Action(text=action.text, owner=_none(action.owner), target=_target(action))
                    for action in row.actions.all()
                ],
            )
            for row in stored.recommendations.all()
        ],
        stated_summary=core.Summary(**summary) if summary else None,
    )
