"""Keeping the search index in step with plans, in the same transaction as each change.

Live rows (recommendations, actions, progress updates) have entries of their own, made again when the row is
saved and deleted with it. A plan's own entry, and the entries of the versions sent to its inspectorate and
published, are made again when the plan, its inspection, a version or a change of state is saved. Rows
written in bulk (a plan stored from a file, the demo) send no signals: the code that writes them calls
``index_plan``, or runs inside ``indexing_in_bulk`` so that each plan touched is indexed once at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django.db.models import Model, Q
from django.db.models.signals import post_delete, post_save

from actionplan.core.dates import long_date
from actionplan.core.plan import RecommendationKind
from actionplan.monitoring.dashboard import figures_changed
from actionplan.monitoring.models import ProgressUpdate
from actionplan.search.models import SearchEntry
from actionplan.storage.models import Action, ActionPlan, Inspection, Recommendation
from actionplan.storage.signals import recommendations_replaced
from actionplan.workflow.models import PlanVersion, Transition

Kind = SearchEntry.Kind
Audience = SearchEntry.Audience

# The snippet marks matches with these two characters before the text is escaped: no text may carry them.
MARK_START, MARK_END = "\x02", "\x03"
_UNMARKED = str.maketrans("", "", MARK_START + MARK_END)

_in_bulk: ContextVar[set[int] | None] = ContextVar("search_in_bulk", default=None)


def _clean(text: str | None) -> str:
    return (text or "").translate(_UNMARKED)


def _rec_title(kind: str, ref: str) -> str:
    label = RecommendationKind(kind).label if kind in set(RecommendationKind) else "Recommendation"
    return f"{label} {ref}".strip()


def _plan_facets(plan: ActionPlan, plan_sent: bool) -> dict[str, Any]:
    inspection = plan.inspection
    published = inspection.report_published
    return {
        "plan_id": plan.pk,
        "plan_sent": plan_sent,
        "establishment_id": inspection.establishment_id,
        "establishment_name": inspection.establishment.name,
        "inspectorate_id": inspection.inspectorate_id,
        "inspectorate_name": inspection.inspectorate.short_name,
        "year": published.year if published else None,
    }


def _plan_entry(plan: ActionPlan, facets: dict[str, Any], notes: Iterable[str], **extra: Any) -> SearchEntry:
    inspection = plan.inspection
    published = f", report published {long_date(inspection.report_published)}" if inspection.report_published else ""
    title = f"Action plan: {inspection.establishment.name} ({inspection.inspectorate.short_name}{published})"
    body = "\n".join([_clean(inspection.title), _clean(inspection.inspection_dates), *map(_clean, notes)])
    return SearchEntry(kind=Kind.PLAN, title=title, body=body, position=0, **facets, **extra)


def _recommendation_entries(
    facets: dict[str, Any], fields: dict[str, Any], position: int, **extra: Any
) -> list[SearchEntry]:
    """A recommendation (or concern) and its response: ``fields`` as the row or the canonical JSON has them."""
    ref = _clean(fields["ref"])
    common = {
        "ref": ref,
        "decision": fields["decision"] or "",
        "section": _clean(fields["section"])[:200],
        **facets,
        **extra,
    }
    entries = [
        SearchEntry(
            kind=Kind.RECOMMENDATION,
            title=_rec_title(fields["kind"], ref),
            body="\n".join(filter(None, [_clean(fields["concern"]), _clean(fields["text"])])),
            position=position * 1000,
            **common,
        )
    ]
    response = "\n".join(filter(None, [_clean(fields["agreed_part"]), _clean(fields["response"])]))
    if response:
        entries.append(
            SearchEntry(
                kind=Kind.RESPONSE, title=f"Response to {ref}", body=response, position=position * 1000 + 1, **common
            )
        )
    return entries


def _action_entry(
    facets: dict[str, Any], rec: dict[str, Any], number: int, text: str, owner: str, status: str, **extra: Any
) -> SearchEntry:
    return SearchEntry(
        kind=Kind.ACTION,
        ref=rec["ref"],
        title=f"Action {number} on {rec['ref']}",
        body=_clean(text),
        decision=rec["decision"],
        section=rec["section"],
        owner=_clean(owner)[:200],
        status=status,
        position=rec["position"] * 1000 + 2 + number,
        **facets,
        **extra,
    )


def _rec_facets(row: Recommendation) -> dict[str, Any]:
    return {
        "ref": _clean(row.ref),
        "decision": row.decision,
        "section": _clean(row.section)[:200],
        "position": row.position,
    }


def _live_entries(
    facets: dict[str, Any],
    recommendations: Iterable[Recommendation],
    actions: Iterable[Action],
    updates: Iterable[ProgressUpdate],
) -> list[SearchEntry]:
    """The entries of these live rows (each action's recommendation and each update's action loaded with it)."""
    entries = []
    for row in recommendations:
        fields = {
            "ref": row.ref,
            "kind": row.kind,
            "decision": row.decision,
            "section": row.section,
            "concern": row.concern,
            "text": row.text,
            "agreed_part": row.agreed_part,
            "response": row.response,
        }
        entries += _recommendation_entries(
            facets, fields, row.position, audience=Audience.LIVE, recommendation_id=row.pk
        )
    for action in actions:
        entries.append(
            _action_entry(
                facets,
                _rec_facets(action.recommendation),
                action.position + 1,
                action.text,
                action.owner,
                action.status,
                audience=Audience.LIVE,
                action_id=action.pk,
            )
        )
    for update in updates:
        action = update.action
        rec = _rec_facets(action.recommendation)
        entries.append(
            SearchEntry(
                kind=Kind.UPDATE,
                audience=Audience.PROGRESS,
                update_id=update.pk,
                ref=rec["ref"],
                title=f"Progress update of {long_date(update.on)} on action {action.position + 1} of {rec['ref']}",
                body=_clean(update.note),
                decision=rec["decision"],
                section=rec["section"],
                owner=_clean(action.owner)[:200],
                status=action.status,
                position=rec["position"] * 1000 + 2 + action.position,
                **facets,
            )
        )
    return entries


def _frozen_entries(
    plan: ActionPlan, facets: dict[str, Any], version: PlanVersion, sent: bool, published: bool
) -> list[SearchEntry]:
    """A signed-off version's entries; each action is counted under the status of the row it is delivered by
    (matched by its recommendation's ref and its place), as readers see its delivery brought up to date."""
    extra = {"audience": Audience.FROZEN, "version_id": version.pk, "sent": sent, "published": published}
    document = version.document
    delivery = {
        (ref, position): (pk, status)
        for pk, ref, position, status in Action.objects.filter(recommendation__plan=plan).values_list(
            "pk", "recommendation__ref", "position", "status"
        )
    }
    entries = [_plan_entry(plan, facets, document.get("notes", []), **extra)]
    for position, rec in enumerate(document.get("recommendations", [])):
        fields = {**rec, "text": rec.get("recommendation", ""), "agreed_part": rec.get("agreed_part")}
        entries += _recommendation_entries(facets, fields, position, **extra)
        rec_facets = {
            "ref": _clean(rec["ref"]),
            "decision": rec["decision"] or "",
            "section": _clean(rec["section"])[:200],
            "position": position,
        }
        for number, action in enumerate(rec.get("actions", [])):
            delivered_by, status = delivery.get((rec["ref"], number), (None, action.get("status", "not_started")))
            entries.append(
                _action_entry(
                    facets,
                    rec_facets,
                    number + 1,
                    action.get("text", ""),
                    action.get("owner", ""),
                    status,
                    delivered_by_id=delivered_by,
                    **extra,
                )
            )
    return entries


def _versions_read(plan: ActionPlan) -> tuple[PlanVersion | None, PlanVersion | None]:
    """The version the inspectorate reads (the one last sent) and the one the public reads (the last published)."""
    sending = (
        Transition.objects.filter(plan=plan, to_status=ActionPlan.Status.SENT, version__isnull=False)
        .select_related("version")
        .order_by("-at", "-pk")
        .first()
    )
    published = PlanVersion.objects.filter(plan=plan, published_on__isnull=False).order_by("-number").first()
    return (sending.version if sending else None), published


def index_plan(plan_id: int) -> None:
    """Make every entry of this plan again: its live rows, and the versions sent and published."""
    if _defer(plan_id):
        return
    figures_changed()  # the counts kept for searches are forgotten
    SearchEntry.objects.filter(plan_id=plan_id).delete()
    plan = ActionPlan.objects.select_related("inspection__establishment", "inspection__inspectorate").filter(pk=plan_id)
    stored = plan.first()
    if stored is None:
        return
    sent, published = _versions_read(stored)
    facets = _plan_facets(stored, sent is not None)
    recommendations = list(Recommendation.objects.filter(plan=stored))
    by_pk = {row.pk: row for row in recommendations}
    actions = list(Action.objects.filter(recommendation__plan=stored))
    for action in actions:
        action.recommendation = by_pk[action.recommendation_id]
    actions_by_pk = {action.pk: action for action in actions}
    updates = list(ProgressUpdate.objects.filter(action__recommendation__plan=stored))
    for update in updates:
        update.action = actions_by_pk[update.action_id]
    entries = [_plan_entry(stored, facets, stored.notes, audience=Audience.LIVE)]
    entries += _live_entries(facets, recommendations, actions, updates)
    for version in {v.pk: v for v in (sent, published) if v is not None}.values():
        is_sent = sent is not None and version.pk == sent.pk
        is_published = published is not None and version.pk == published.pk
        entries += _frozen_entries(stored, facets, version, is_sent, is_published)
    SearchEntry.objects.bulk_create(entries, batch_size=500)


def index_everything() -> int:
    """Make the whole index again; how many plans were indexed."""
    SearchEntry.objects.all().delete()
    plans = list(ActionPlan.objects.order_by("pk").values_list("pk", flat=True))
    for plan_id in plans:
        index_plan(plan_id)
    return len(plans)


@contextmanager
def indexing_in_bulk() -> Iterator[None]:
    """Within this block, plans changed are indexed once each at its end instead of at every change."""
    if _in_bulk.get() is not None:
        yield
        return
    touched: set[int] = set()
    token = _in_bulk.set(touched)
    try:
        yield
    finally:
        _in_bulk.reset(token)
    with transaction.atomic():
        for plan_id in sorted(touched):
            index_plan(plan_id)


def _defer(plan_id: int) -> bool:
    touched = _in_bulk.get()
    if touched is None:
        return False
    touched.add(plan_id)
    return True


def _plan_of_inspection(inspection: Inspection) -> int | None:
    return ActionPlan.objects.filter(inspection=inspection).values_list("pk", flat=True).first()


def _row_saved(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    """A live row saved: its own entries made again (and those of the rows whose facets it gives)."""
    if isinstance(instance, Recommendation):
        plan_id = instance.plan_id
        rows = Q(recommendation=instance)
    elif isinstance(instance, Action):
        plan_id = Recommendation.objects.filter(pk=instance.recommendation_id).values_list("plan_id", flat=True).get()
        rows = Q(pk=instance.pk)
        # A signed-off version's action is counted under the status its row has now.
        SearchEntry.objects.filter(delivered_by=instance).update(status=instance.status)
        figures_changed()
    else:
        assert isinstance(instance, ProgressUpdate)
        plan_id = Action.objects.filter(pk=instance.action_id).values_list("recommendation__plan_id", flat=True).get()
        rows = None
    if _defer(plan_id):
        return
    _index_rows(plan_id, instance, rows)


def _index_rows(plan_id: int, instance: Model, actions: Q | None) -> None:
    first = SearchEntry.objects.filter(plan_id=plan_id, audience__in=[Audience.LIVE, Audience.PROGRESS]).first()
    if first is None:
        index_plan(plan_id)  # a plan never indexed (stored before the index): the whole of it
        return
    facets = {
        name: getattr(first, name)
        for name in (
            "plan_id",
            "plan_sent",
            "establishment_id",
            "establishment_name",
            "inspectorate_id",
            "inspectorate_name",
            "year",
        )
    }
    recommendations: list[Recommendation] = []
    action_rows: list[Action] = []
    if isinstance(instance, Recommendation):
        recommendations = [instance]
    if actions is not None:
        action_rows = list(Action.objects.filter(actions).select_related("recommendation"))
    if isinstance(instance, ProgressUpdate):
        updates = list(ProgressUpdate.objects.filter(pk=instance.pk).select_related("action__recommendation"))
    else:
        updates = list(
            ProgressUpdate.objects.filter(action__in=[a.pk for a in action_rows]).select_related(
                "action__recommendation"
            )
        )
    figures_changed()
    stale = Q(recommendation__in=[r.pk for r in recommendations]) | Q(action__in=[a.pk for a in action_rows])
    stale |= Q(update__in=[u.pk for u in updates])
    SearchEntry.objects.filter(stale).delete()
    SearchEntry.objects.bulk_create(_live_entries(facets, recommendations, action_rows, updates))


def _plan_changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    """The plan, its inspection, a version or a change of state saved or deleted: the plan indexed again."""
    if isinstance(instance, Inspection):
        plan_id = _plan_of_inspection(instance)
    elif isinstance(instance, ActionPlan):
        plan_id = instance.pk
    else:
        assert isinstance(instance, PlanVersion | Transition)
        plan_id = instance.plan_id
    if plan_id is None or _deleting_the_plan(kwargs.get("origin")):
        return
    index_plan(plan_id)


def _deleting_the_plan(origin: object) -> bool:
    """Whether a delete is that of a whole plan or inspection, whose entries go with it."""
    model = getattr(origin, "model", type(origin))
    return model in (ActionPlan, Inspection)


def _rows_replaced(sender: Any, plan: ActionPlan, **kwargs: Any) -> None:
    # Rows made in bulk send no signals of their own; this is sent in the same transaction.
    index_plan(plan.pk)


def connect() -> None:
    recommendations_replaced.connect(_rows_replaced, sender=ActionPlan, dispatch_uid="search-recommendations-replaced")
    rows: tuple[type[Model], ...] = (Recommendation, Action, ProgressUpdate)
    for row in rows:
        post_save.connect(_row_saved, sender=row, dispatch_uid=f"search-{row.__name__}")
    plans: tuple[type[Model], ...] = (ActionPlan, Inspection, PlanVersion, Transition)
    for model in plans:
        post_save.connect(_plan_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(_plan_changed, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
