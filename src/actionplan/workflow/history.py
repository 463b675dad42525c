"""A plan's history from its audit records (who changed what, when, from what to what), and restoring a version."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models as db
from django.db import transaction
from django.utils import timezone

from actionplan.accounts.models import User
from actionplan.core import canonical
from actionplan.core.dates import date_and_time, long_date
from actionplan.core.plan import Decision
from actionplan.storage import models
from actionplan.storage.conversion import replace_recommendations
from actionplan.workflow.editing import reopen_for_editing
from actionplan.workflow.models import PlanVersion

# Bookkeeping that changes on every save and means nothing to a reader, and what follows from the target as
# written (its kind, date and precision are what "March 2020" means, shown through the words themselves).
_IGNORED = {
    "id",
    "updated",
    "created",
    "revision",
    "position",
    "fingerprint",
    "plan",
    "recommendation",
    "inspection",
    "target_kind",
    "target_date",
    "target_precision",
}
_ACTIONS = {"+": "added", "~": "changed", "-": "removed"}
NOT_SET = "not set"

# Each field in the words of the pages where it is entered.
_LABELS = {
    "establishment_as_written": "Establishment",
    "status": "Status",
    "submitted": "Date sent to the inspectorate",
    "published": "Date published",
    "notes": "Notes",
    "stated_summary": "Counts stated at the end of the plan",
    "ref": "Number",
    "kind": "Recommendation or concern",
    "section": "Section",
    "directed_to": "Directed to",
    "concern": "Concern",
    "Recommendation.text": "Recommendation",
    "Action.text": "What will be done",
    "cross_ref": "Cross-reference",
    "repeated_from": "Repeated from",
    "decision": "Decision",
    "agreed_part": "Which part is agreed",
    "reasons": "Reasons it is not fully agreed",
    "response": "Response",
    "owner": "Responsible owner",
    "target_text": "Target date",
    "completed_on": "Date completed",
    "cancellation_reason": "Why the action is cancelled",
}

# A plan's change of status is what happened to it, said as the sign-off page says it.
_PLAN_MOVES = {
    models.ActionPlan.Status.DRAFT: "Returned to draft",
    models.ActionPlan.Status.SUBMITTED_FOR_APPROVAL: "Submitted for approval",
    models.ActionPlan.Status.APPROVED: "Approved",
    models.ActionPlan.Status.SENT: "Sent to the inspectorate",
    models.ActionPlan.Status.PUBLISHED: "Published",
}


@dataclass
class FieldChange:
    field: str
    before: str
    after: str

    def __str__(self) -> str:
        """Target date: March 2020 → 31 March 2020 (or only the value, for something added)."""
        if not self.before:
            return f"{self.field}: {self.after or NOT_SET}"
        return f"{self.field}: {self.before} → {self.after or NOT_SET}"


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    title: str
    changes: list[FieldChange] = field(default_factory=list)


def _fields(model: type[db.Model]) -> list[db.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if f.name not in _IGNORED]


def _label(model: type[db.Model], model_field: db.Field[Any, Any]) -> str:
    named = _LABELS.get(f"{model.__name__}.{model_field.name}") or _LABELS.get(model_field.name)
    return named or str(model_field.verbose_name).capitalize()


def _words(model_field: db.Field[Any, Any], value: Any) -> str:
    """A stored value as the pages show it: a choice's label, a date in words, a list as a list."""
    if value in (None, "", [], {}):
        return ""
    if model_field.name == "decision":
        # The categorisation table's own capitals: Partly Agreed, Not Agreed.
        return Decision(value).label
    if model_field.name == "reasons" and isinstance(value, list):
        return ", ".join(str(reason).capitalize() for reason in value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return date_and_time(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, dict):
        return ", ".join(f"{str(key).replace('_', ' ').capitalize()} {count}" for key, count in value.items())
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def _entries(records: list[Any], describe: Any, model: type[db.Model]) -> list[HistoryEntry]:
    fields = _fields(model)
    previous: dict[int, Any] = {}
    entries = []
    for record in records:
        before = previous.get(record.id)
        changes = []
        title = f"{describe(record)} {_ACTIONS[record.history_type]}"
        if record.history_type == "~" and before is not None:
            changed = [f for f in fields if getattr(before, f.attname) != getattr(record, f.attname)]
            if not changed:
                previous[record.id] = record
                continue
            if model is models.ActionPlan and any(f.name == "status" for f in changed):
                title = _PLAN_MOVES.get(record.status, title)
                changed = [f for f in changed if f.name != "status"]
            changes = [
                FieldChange(
                    _label(model, f),
                    _words(f, getattr(before, f.attname)),
                    _words(f, getattr(record, f.attname)),
                )
                for f in changed
            ]
        elif record.history_type == "+":
            changes = [
                FieldChange(_label(model, f), "", shown)
                for f in fields
                if (shown := _words(f, getattr(record, f.attname)))
            ]
        previous[record.id] = record
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(user) if user else "The service",
                title=title,
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
        _entries(plan_records, lambda r: "Plan", models.ActionPlan)
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
