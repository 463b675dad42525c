"""A plan's history from its audit records (who changed what, when, from what to what), and restoring a version."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models as db
from django.db import transaction

from actionplan.accounts.models import User
from actionplan.core import canonical
from actionplan.storage import models
from actionplan.storage.conversion import replace_recommendations
from actionplan.workflow.editing import reopen_for_editing
from actionplan.workflow.models import PlanVersion

# Bookkeeping that changes on every save and means nothing to a reader.
_IGNORED = {"id", "updated", "created", "revision", "position", "fingerprint", "plan", "recommendation"}
_ACTIONS = {"+": "Added", "~": "Changed", "-": "Removed"}


@dataclass
class FieldChange:
    field: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str
    action: str
    changes: list[FieldChange] = field(default_factory=list)


def _fields(model: type[db.Model]) -> list[db.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if f.name not in _IGNORED]


def _shown(record: Any, name: str) -> str:
    value = getattr(record, name)
    return "" if value in (None, "", []) else str(value)


def _entries(records: list[Any], describe: Any, model: type[db.Model]) -> list[HistoryEntry]:
    fields = _fields(model)
    previous: dict[int, Any] = {}
    entries = []
    for record in records:
        before = previous.get(record.id)
        changes = []
        if record.history_type == "~" and before is not None:
            changes = [
                FieldChange(str(f.verbose_name).capitalize(), _shown(before, f.attname), _shown(record, f.attname))
                for f in fields
                if getattr(before, f.attname) != getattr(record, f.attname)
            ]
            if not changes:
                previous[record.id] = record
                continue
        elif record.history_type == "+":
            changes = [
                FieldChange(str(f.verbose_name).capitalize(), "", _shown(record, f.attname))
                for f in fields
                if _shown(record, f.attname)
            ]
        previous[record.id] = record
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(user) if user else "The service",
                what=describe(record),
                action=_ACTIONS[record.history_type],
                changes=changes,
            )
        )
    return entries


def _records(history: Any) -> list[Any]:
    return list(history.select_related("history_user").order_by("history_date", "history_id"))


def plan_history(plan: models.ActionPlan, *, limit: int = 300) -> list[HistoryEntry]:
    """Every recorded change to the plan, its recommendations and actions, newest first."""
    rec_ids = models.Recommendation.history.filter(plan_id=plan.pk).values("id")
    refs = dict(models.Recommendation.history.filter(plan_id=plan.pk).values_list("id", "ref"))
    plan_records = list(
        models.ActionPlan.history.filter(id=plan.pk).select_related("history_user").order_by("history_date")
    )
    rec_records = list(
        models.Recommendation.history.filter(plan_id=plan.pk).select_related("history_user").order_by("history_date")
    )
    action_records = list(
        models.Action.history.filter(recommendation_id__in=rec_ids)
        .select_related("history_user")
        .order_by("history_date")
    )
    entries = (
        _entries(plan_records, lambda r: "The plan", models.ActionPlan)
        + _entries(rec_records, lambda r: f"Recommendation {r.ref}", models.Recommendation)
        + _entries(
            action_records,
            lambda r: f"Action {r.position + 1} of {refs.get(r.recommendation_id, 'a removed recommendation')}",
            models.Action,
        )
    )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


@transaction.atomic
def restore_version(plan: models.ActionPlan, version: PlanVersion, by: User) -> None:
    """Make the plan's content what it was in ``version``; the plan goes back to draft to be approved again."""
    reopen_for_editing(plan, by, note=f"Version {version.number} restored.")
    restored = canonical.plan_from_dict(version.document, checked=False)
    replace_recommendations(plan, restored.recommendations)
    plan.notes = list(restored.notes)
    plan.stated_summary = canonical.plan_to_dict(restored)["stated_summary"]
    plan.save(update_fields=["notes", "stated_summary", "updated"])
