"""The plan's journey from draft to published: which moves exist, who may make them, and what each records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from actionplan.accounts.access import Permission, plans_for, role_of
from actionplan.accounts.models import Role, User
from actionplan.core import canonical
from actionplan.core.checking import Severity
from actionplan.core.plan import Plan
from actionplan.storage.conversion import load_plan, plan_as_read
from actionplan.storage.models import ActionPlan
from actionplan.storage.quality import findings_for
from actionplan.workflow.models import PlanVersion, Transition

Status = ActionPlan.Status


@dataclass(frozen=True)
class Move:
    name: str
    label: str
    source: Status
    target: Status
    permission: Permission
    note_required: bool = False


MOVES = {
    move.name: move
    for move in [
        Move("submit", "Submit for approval", Status.DRAFT, Status.SUBMITTED_FOR_APPROVAL, Permission.SEND_PLAN),
        Move("withdraw", "Withdraw to draft", Status.SUBMITTED_FOR_APPROVAL, Status.DRAFT, Permission.SEND_PLAN),
        Move("approve", "Approve", Status.SUBMITTED_FOR_APPROVAL, Status.APPROVED, Permission.APPROVE_PLAN),
        Move(
            "return",
            "Return to draft",
            Status.SUBMITTED_FOR_APPROVAL,
            Status.DRAFT,
            Permission.APPROVE_PLAN,
            note_required=True,
        ),
        Move("send", "Record as sent to the inspectorate", Status.APPROVED, Status.SENT, Permission.SEND_PLAN),
        Move("publish", "Publish", Status.SENT, Status.PUBLISHED, Permission.SEND_PLAN),
    ]
}


class MoveRefused(Exception):
    """A move that cannot be made now; the message says why and what to do."""


def moves_for(user: User, plan: ActionPlan) -> list[Move]:
    """The moves this person may make on this plan in its current state."""
    return [
        move
        for move in MOVES.values()
        if move.source == plan.status and plans_for(user, move.permission).filter(pk=plan.pk).exists()
    ]


def next_version_number(plan: ActionPlan) -> int:
    latest = plan.versions.order_by("-number").values_list("number", flat=True).first()
    return (latest or 0) + 1


def _check_approval(plan: ActionPlan, note: str) -> None:
    findings = findings_for(load_plan(plan))
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    if errors:
        raise MoveRefused(
            f"The plan cannot be approved while it has {errors} error{'s' if errors != 1 else ''}: "
            "return it to draft so that the coordinator can fix them."
        )
    if warnings and not note.strip():
        raise MoveRefused(
            f"The plan has {warnings} warning{'s' if warnings != 1 else ''}: "
            "say in the note why it can be approved as it is."
        )


@transaction.atomic
def make_move(plan: ActionPlan, name: str, by: User, *, note: str = "", today: date | None = None) -> Transition:
    """Move the plan on, recording who, when and the note; approval freezes a version, publication dates it."""
    move = MOVES.get(name)
    if move is None:
        raise MoveRefused(f"There is no step called {name!r}.")
    locked = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != move.source:
        raise MoveRefused(
            f"The plan is {locked.get_status_display().lower()}, so it cannot be moved to "
            f"{Status(move.target).label.lower()} now. Reload the page to see where it is."
        )
    if not plans_for(by, move.permission).filter(pk=plan.pk).exists():
        raise MoveRefused("You do not have permission to do that.")
    if move.note_required and not note.strip():
        raise MoveRefused("Enter a note saying what needs to change.")
    today = today or timezone.localdate()
    version = None
    if move.name == "approve":
        _check_approval(locked, note)
        version = PlanVersion.objects.create(
            plan=locked,
            number=next_version_number(locked),
            document=canonical.plan_to_dict(load_plan(locked)),
            created_by=by,
        )
    elif move.name == "send":
        locked.submitted = today
        version = locked.versions.order_by("-number").first()
    elif move.name == "publish":
        locked.published = locked.published or today
        latest = locked.versions.order_by("-number").first()
        if latest is not None:
            latest.published_on = today
            latest.save(update_fields=["published_on"])
    locked.status = move.target
    locked.save()
    plan.refresh_from_db()
    return Transition.objects.create(
        plan=locked, from_status=move.source, to_status=move.target, by=by, note=note.strip(), version=version
    )


def published_version(plan: ActionPlan) -> PlanVersion | None:
    """The version the public reads: the latest one published."""
    return plan.versions.filter(published_on__isnull=False).order_by("-number").first()


def sent_version(plan: ActionPlan) -> PlanVersion | None:
    """The version the inspectorate reads: the one most recently sent to it."""
    sent = plan.transitions.filter(to_status=Status.SENT, version__isnull=False).order_by("-at", "-pk").first()
    return sent.version if sent else None


def readable_plan(user: User | AnonymousUser, stored: ActionPlan) -> Plan:
    """What this person reads of the plan.

    The public reads the version published, the inspectorate the version sent to it, and the people who
    work on the plan (and analysts) the plan as it is now. Plans imported from published documents have
    no versions: everyone reads them as stored.
    """
    role = role_of(user)
    version = published_version(stored) if role is None else sent_version(stored) if role is Role.INSPECTORATE else None
    if version is not None:
        return canonical.plan_from_dict(version.document)
    return plan_as_read(stored)


def shown_status(user: User | AnonymousUser, stored: ActionPlan) -> str:
    """The status to show beside what ``readable_plan`` gives this person."""
    role = role_of(user)
    if role is None:
        return Status.PUBLISHED.label
    version = sent_version(stored) if role is Role.INSPECTORATE else None
    if version is not None:
        return f"Sent to the inspectorate (version {version.number})"
    return Status(stored.status).label
