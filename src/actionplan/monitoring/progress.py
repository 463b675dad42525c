"""Recording delivery: a progress update with its evidence and status change, and moving a target date."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from actionplan.accounts.models import User
from actionplan.core.targets import Target
from actionplan.monitoring.evidence import Kind, evidence_name
from actionplan.monitoring.models import Evidence, ProgressUpdate, TargetChange
from actionplan.storage.models import Action

Status = Action.Status


@transaction.atomic
def record_update(
    action: Action,
    *,
    by: User,
    today: date,
    note: str,
    status: str,
    completed_on: date | None = None,
    cancellation_reason: str = "",
    evidence: list[tuple[UploadedFile, Kind]] | None = None,
) -> ProgressUpdate:
    """Add a dated note; change the action's status when asked. All of it is stored, or none of it."""
    changed = status != action.status
    update = ProgressUpdate.objects.create(
        action=action, on=today, note=note, status=status if changed else "", author=by
    )
    stored: list[Evidence] = []
    try:
        for upload, kind in evidence or []:
            stored.append(
                Evidence.objects.create(
                    update=update,
                    file=upload,
                    name=evidence_name(upload.name or ""),
                    size=upload.size or 0,
                    media_type=kind.media_type,
                )
            )
        if changed or status == Status.COMPLETED:
            action.status = status
            action.completed_on = (completed_on or today) if status == Status.COMPLETED else None
            action.cancellation_reason = cancellation_reason if status == Status.CANCELLED else ""
            action.save(update_fields=["status", "completed_on", "cancellation_reason"])
    except Exception:
        # The transaction takes the rows back but not the files already written: remove them too.
        for saved in stored:
            saved.file.delete(save=False)
        raise
    return update


@transaction.atomic
def move_target(action: Action, new: Target, *, reason: str, by: User, today: date) -> TargetChange:
    """Give the action a new target, keeping the old one and the reason."""
    change = TargetChange.objects.create(
        action=action,
        changed_on=today,
        previous_text=action.target_text,
        previous_kind=action.target_kind,
        previous_date=action.target_date,
        previous_precision=action.target_precision,
        new_text=new.text,
        new_date=new.date,
        reason=reason,
        by=by,
    )
    action.target_text = new.text
    action.target_kind = new.kind.value
    action.target_date = new.date
    action.target_precision = new.precision.value if new.precision else ""
    action.save(update_fields=["target_text", "target_kind", "target_date", "target_precision"])
    return change
