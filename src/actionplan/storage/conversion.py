"""The one place where core plans become database rows and rows become core plans again."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from simple_history.utils import bulk_create_with_history

from actionplan.core import plan as core
from actionplan.core.targets import Precision, Target, TargetKind
from actionplan.monitoring import models as delivery
from actionplan.owners.matching import Matched, match_actions, serving
from actionplan.owners.models import ActionOwner, Owner
from actionplan.storage import models
from actionplan.storage.signals import recommendations_replaced, recommendations_replacing

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
    """Make the plan's recommendations and actions exactly these, in this order. What is held on the rows replaced
    elsewhere is carried to the new row of the same ref (see ``recommendations_replacing``)."""
    # Any: the stubs take a receiver's answer for a string.
    answers: list[tuple[Any, Any]] = recommendations_replacing.send(sender=models.ActionPlan, plan=stored)
    carried = [carry for _receiver, carry in answers if carry]
    stored.recommendations.all().delete()
    # bulk_create_with_history, so that the history page sees these rows appear (and who made them).
    rows = bulk_create_with_history(
        [
            models.Recommendation(plan=stored, position=position, **recommendation_fields(rec))
            for position, rec in enumerate(recommendations)
        ],
        models.Recommendation,
    )
    action_rows = bulk_create_with_history(
        [
            models.Action(recommendation=row, position=position, **action_fields(action), **delivery_fields(action))
            for row, rec in zip(rows, recommendations, strict=True)
            for position, action in enumerate(rec.actions)
        ],
        models.Action,
    )
    actions = list(zip(action_rows, [action for rec in recommendations for action in rec.actions], strict=True))
    _save_delivery(list(zip(rows, recommendations, strict=True)), actions)
    save_owners(stored.inspection.establishment, actions)
    for carry in carried:
        carry(rows)
    recommendations_replaced.send(sender=models.ActionPlan, plan=stored, rows=rows)


def save_owners(establishment: models.Establishment, actions: list[tuple[models.Action, core.Action]]) -> Matched:
    """Store the owners of these newly saved actions and match them to the establishment's directory.

    Owners the core plan already matched (a canonical JSON file or a tracker written by the service) keep
    their directory owner when it serves this establishment; every other owner is matched as a plan read
    from a document is (``owners.matching.match_actions``).
    """
    ids = {ref.id for _row, action in actions for ref in action.owners if ref.id is not None}
    known = set(Owner.objects.filter(serving(establishment), pk__in=ids).values_list("pk", flat=True)) if ids else set()
    links = [
        ActionOwner(
            action=row, position=position, written=ref.written[:200], owner_id=ref.id if ref.id in known else None
        )
        for row, action in actions
        for position, ref in enumerate(action.owners)
    ]
    if links:
        bulk_create_with_history(links, ActionOwner)
    return match_actions(establishment, [row for row, _action in actions])


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


def delivery_fields(action: core.Action) -> dict[str, Any]:
    """The model fields of an action's delivery: its status, when it was completed, why it was cancelled."""
    return {
        "status": action.status.value,
        "completed_on": action.completed_on,
        "cancellation_reason": _blank(action.cancellation_reason),
    } | written_delivery(action)


def written_delivery(action: core.Action) -> dict[str, Any]:
    """The delivery a plan states by its target: an action not started whose target is written "Completed"
    was done when the plan was written, on a day it does not say (unless a completed date is recorded)."""
    if action.target.kind is TargetKind.COMPLETED and action.status is core.ActionStatus.NOT_STARTED:
        return {"status": core.ActionStatus.COMPLETED.value, "completed_on": action.completed_on}
    return {}


def _save_delivery(
    recommendations: list[tuple[models.Recommendation, core.Recommendation]],
    actions: list[tuple[models.Action, core.Action]],
) -> None:
    """Store the judgements, progress notes and moved targets a core plan carries."""
    delivery.ProgressJudgement.objects.bulk_create(
        delivery.ProgressJudgement(
            recommendation=row,
            level=rec.judgement.level.value,
            judged_on=rec.judgement.judged_on,
            comment=rec.judgement.comment,
        )
        for row, rec in recommendations
        if rec.judgement
    )
    delivery.ProgressUpdate.objects.bulk_create(
        delivery.ProgressUpdate(action=row, on=note.on, note=note.text, status=note.status.value if note.status else "")
        for row, action in actions
        for note in action.progress
    )
    changes = []
    for row, action in actions:
        # A change's new target is the next change's previous one; the last change's is the target now.
        history = action.target_history
        for index, change in enumerate(history):
            new = history[index + 1].previous if index + 1 < len(history) else action.target
            changes.append(
                delivery.TargetChange(
                    action=row,
                    changed_on=change.changed_on,
                    previous_text=change.previous.text,
                    previous_kind=change.previous.kind.value,
                    previous_date=change.previous.date,
                    previous_precision=change.previous.precision.value if change.previous.precision else "",
                    new_text=new.text,
                    new_date=new.date,
                    reason=change.reason,
                )
            )
    delivery.TargetChange.objects.bulk_create(changes)


def _target(row: models.Action) -> Target:
    return Target(
        text=row.target_text,
        kind=TargetKind(row.target_kind),
        date=row.target_date,
        precision=Precision(row.target_precision) if row.target_precision else None,
    )


def _owners(row: models.Action) -> list[core.ActionOwnerRef]:
    """The action's owners as stored, or none when they are only its owner text split (nothing matched)."""
    refs = [
        core.ActionOwnerRef(link.written)
        if link.owner is None
        else core.ActionOwnerRef(link.written, id=link.owner.pk, name=link.owner.name, kind=link.owner.kind)
        for link in row.owner_links.all()
    ]
    return refs if refs != core.written_owners(row.owner) else []


def _action(row: models.Action) -> core.Action:
    return core.Action(
        text=row.text,
        owner=_none(row.owner),
        owners=_owners(row),
        target=_target(row),
        status=core.ActionStatus(row.status),
        completed_on=row.completed_on,
        cancellation_reason=_none(row.cancellation_reason),
        progress=[
            core.ProgressNote(
                on=update.on, text=update.note, status=core.ActionStatus(update.status) if update.status else None
            )
            for update in row.progress_updates.all()
        ],
        target_history=[
            core.TargetChange(
                changed_on=change.changed_on,
                previous=Target(
                    text=change.previous_text,
                    kind=TargetKind(change.previous_kind),
                    date=change.previous_date,
                    precision=Precision(change.previous_precision) if change.previous_precision else None,
                ),
                reason=change.reason,
            )
            for change in row.target_changes.all()
        ],
    )


def _judgement(row: models.Recommendation) -> core.Judgement | None:
    # Judgements come newest first, so the first is the one in force.
    latest = next(iter(row.judgements.all()), None)
    if latest is None:
        return None
    return core.Judgement(level=core.ProgressLevel(latest.level), judged_on=latest.judged_on, comment=latest.comment)


def load_plan(stored: models.ActionPlan) -> core.Plan:
    """The core plan a stored action plan holds, with its delivery and owners, in seven queries.

    Its row is read afresh.
    """
    return plan_as_read(models.ActionPlan.objects.select_related("inspection__inspectorate").get(pk=stored.pk))


def plan_as_read(stored: models.ActionPlan) -> core.Plan:
    """The core plan of an action plan just read from the database with its inspection and inspectorate.

    For a page that has read the plan to check who may see it: its row is not read a second time, only
    what it holds (six queries). What it holds is left on it as ``prefetch_related`` leaves it (see
    ``_leave_on``), for the page to read again.
    """
    recommendations = _leave_on([stored], "recommendations", models.Recommendation.objects.filter(plan=stored))
    ids = [row.pk for row in recommendations]
    _leave_on(recommendations, "judgements", delivery.ProgressJudgement.objects.filter(recommendation__in=ids))
    actions = _leave_on(recommendations, "actions", models.Action.objects.filter(recommendation__in=ids))
    ids = [action.pk for action in actions]
    owners = ActionOwner.objects.filter(action__in=ids).select_related("owner")
    _leave_on(actions, "owner_links", owners)
    _leave_on(actions, "progress_updates", delivery.ProgressUpdate.objects.filter(action__in=ids))
    _leave_on(actions, "target_changes", delivery.TargetChange.objects.filter(action__in=ids))
    return _core_plan(stored)


def _leave_on(parents: list[Any], name: str, rows: QuerySet[Any]) -> list[Any]:
    """Read ``rows`` (in their model's order) and leave each parent's on it as its ``name`` relation, each row's
    parent set: as ``prefetch_related`` does, without building a filtered queryset for every parent, which took
    half a plan page's time. Each parent's queryset keeps its filter deferred, so asking it for more still reads
    that parent's rows only. The rows read, in order."""
    found = list(rows)
    if not parents:
        return found
    relation = type(parents[0])._meta.get_field(name)
    foreign_key = relation.field
    by_parent: dict[Any, list[Any]] = {}
    for row in found:
        by_parent.setdefault(getattr(row, foreign_key.attname), []).append(row)
    queryset_class = type(relation.related_model._default_manager.all())
    for parent in parents:
        held = by_parent.get(parent.pk, [])
        for row in held:
            foreign_key.set_cached_value(row, parent)
        kept = queryset_class(model=relation.related_model, using=rows.db)
        kept._deferred_filter = (False, (), {foreign_key.name: parent})
        kept._result_cache = held
        kept._prefetch_done = True
        if not hasattr(parent, "_prefetched_objects_cache"):
            parent._prefetched_objects_cache = {}
        parent._prefetched_objects_cache[relation.cache_name] = kept
    return found


def _core_plan(stored: models.ActionPlan) -> core.Plan:
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
                actions=[_action(action) for action in row.actions.all()],
                judgement=_judgement(row),
            )
            for row in stored.recommendations.all()
        ],
        stated_summary=core.Summary(**summary) if summary else None,
    )
