"""The plan's journey from draft to published: which moves exist, who may make them, and what each records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.http import Http404
from django.utils import timezone

from actionplan.accounts.access import (
    Permission,
    Reading,
    can,
    current_reading_q,
    is_public,
    listed_plans,
    plans_for,
    reading_of,
    roles_of,
)
from actionplan.accounts.models import Role, User
from actionplan.core import canonical
from actionplan.core import plan as core
from actionplan.core.checking import Severity
from actionplan.core.dates import long_date
from actionplan.core.delivery import matching_actions, with_current_delivery, without_progress_notes
from actionplan.core.plan import Plan
from actionplan.storage.conversion import load_plan, plan_as_read
from actionplan.storage.models import Action, ActionPlan, Recommendation
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
    """A move that cannot be made now; the message says why and what to do, ``field`` the form field it is about."""

    def __init__(self, message: str, *, field: str = "note") -> None:
        super().__init__(message)
        self.field = field


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


def _check_submission(plan: ActionPlan) -> None:
    """A plan goes to its approver only without errors: warnings may remain, for the approver to judge."""
    errors = sum(f.severity is Severity.ERROR for f in findings_for(load_plan(plan)))
    if errors:
        raise MoveRefused(
            f"The plan cannot be submitted while it has {errors} error{'s' if errors != 1 else ''}: "
            "correct them first. Each is listed under Quality findings, with its recommendation."
        )


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


def _check_sent_on(plan: ActionPlan, sent_on: date, today: date) -> None:
    """The date a plan was sent is a day that has come, after its approval and the report's publication."""
    if sent_on > today:
        raise MoveRefused("The date the plan was sent must be today or in the past", field="sent_on")
    approved = plan.transitions.filter(to_status=Status.APPROVED).order_by("-at", "-pk").first()
    approved_on = timezone.localdate(approved.at) if approved else None
    if approved_on and sent_on < approved_on:
        raise MoveRefused(
            f"The date the plan was sent must be on or after {long_date(approved_on)}, when it was approved",
            field="sent_on",
        )
    published = plan.inspection.report_published
    if published and sent_on < published:
        raise MoveRefused(
            f"The date the plan was sent must be on or after {long_date(published)}, when the report was published",
            field="sent_on",
        )


@transaction.atomic
def make_move(
    plan: ActionPlan,
    name: str,
    by: User,
    *,
    note: str = "",
    today: date | None = None,
    sent_on: date | None = None,
) -> Transition:
    """Move the plan on, recording who, when and the note; approval freezes a version, publication dates it.

    Sending records ``sent_on`` (by default today) as the date the plan was sent, on the plan and on the
    version sent, so that what the inspectorate and the public read says when it was sent.
    """
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
    if move.name == "submit":
        _check_submission(locked)
    elif move.name == "approve":
        _check_approval(locked, note)
        version = PlanVersion.objects.create(
            plan=locked,
            number=next_version_number(locked),
            document=canonical.plan_to_dict(load_plan(locked)),
            created_by=by,
        )
    elif move.name == "send":
        sent_on = sent_on or today
        _check_sent_on(locked, sent_on, today)
        locked.submitted = sent_on
        version = locked.versions.order_by("-number").first()
        if version is not None:
            version.document = {**version.document, "submitted": sent_on.isoformat()}
            version.save(update_fields=["document"])
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


def publication_preview(stored: ActionPlan) -> tuple[PlanVersion | None, Plan]:
    """The version publishing would make public, and the plan as the public would then read it: that version
    with delivery as it stands now and no progress notes (the plan itself, for one sent before versions)."""
    version = stored.versions.order_by("-number").first()
    current = plan_as_read(stored)
    plan = current if version is None else with_current_delivery(canonical.plan_from_dict(version.document), current)
    return version, without_progress_notes(plan)


def publication(stored: ActionPlan) -> Transition | None:
    """The record of the plan's latest publication: when, and by whom (for staff only, never the public)."""
    return stored.transitions.filter(to_status=Status.PUBLISHED).select_related("by").order_by("-at", "-pk").first()


def sent_version(plan: ActionPlan) -> PlanVersion | None:
    """The version the inspectorate reads: the one most recently sent to it."""
    sent = plan.transitions.filter(to_status=Status.SENT, version__isnull=False).order_by("-at", "-pk").first()
    return sent.version if sent else None


def frozen_version_read(user: User | AnonymousUser, stored: ActionPlan) -> tuple[bool, PlanVersion | None]:
    """Whether this person reads a signed-off version of the plan rather than the plan now, and which one.

    The public, and staff who reach a plan only because it is published, read the version published; the
    inspectorate reads the version sent to it; the people who work on the plan (and analysts) read it now.
    """
    reading = reading_of(user, stored)
    if reading is Reading.PUBLIC:
        return True, published_version(stored)
    if reading is Reading.INSPECTORATE:
        return True, sent_version(stored)
    return False, None


def readable_plans(user: User | AnonymousUser) -> QuerySet[ActionPlan]:
    """The plans listed for this person that they have something to read of: for the public, only plans with a
    version published; of the plans reached only through an inspectorate, only those with a version sent to it."""
    plans = listed_plans(user)
    if is_public(user):
        return plans.filter(versions__published_on__isnull=False).distinct()
    current = current_reading_q(user)
    if current is None:
        return plans
    sent = Transition.objects.filter(to_status=Status.SENT, version__isnull=False).values("plan")
    return plans.filter(current | Q(pk__in=sent))


def readable_plan(user: User | AnonymousUser, stored: ActionPlan) -> Plan:
    """What this person reads of the plan: the one place that decides it, for every page, API call and download.

    The public reads the version published, the inspectorate the version sent to it, never the rows being
    worked on: only delivery (how far each action has got) is brought up to date. A plan with no such
    version is not found for them. The people who work on the plan (and analysts) read it as it is now.
    Those without the progress permission get no progress notes.
    """
    return _read(user, stored)[0]


def readable_plan_frozen(user: User | AnonymousUser, stored: ActionPlan) -> tuple[Plan, bool]:
    """``readable_plan``, and whether it is a signed-off version (what may be kept once rendered)."""
    plan, _, frozen = _read(user, stored)
    return plan, frozen


def _read(user: User | AnonymousUser, stored: ActionPlan) -> tuple[Plan, Plan, bool]:
    """What this person reads of the plan, the plan as it is now, and whether what they read is a frozen version.

    The plan as it is now is read onto ``stored`` (its recommendations, their actions and delivery prefetched).
    """
    current = plan_as_read(stored)
    reads_frozen, version = frozen_version_read(user, stored)
    if reads_frozen:
        if version is None:
            raise Http404("No version of this plan has been published or sent.")
        plan = with_current_delivery(canonical.plan_from_dict(version.document, checked=False), current)
    else:
        plan = current
    if not can(user, Permission.VIEW_PROGRESS, stored):
        plan = without_progress_notes(plan)
    return plan, current, reads_frozen


@dataclass(frozen=True)
class ReadableAction:
    """An action as this person reads it, and the stored row its delivery is recorded on (None: no row is)."""

    shown: core.Action
    row: Action | None


@dataclass(frozen=True)
class ReadableRecommendation:
    """A recommendation as this person reads it, its stored row (None: none is left) and its actions."""

    shown: core.Recommendation
    row: Recommendation | None
    actions: list[ReadableAction]


def readable_rows(
    user: User | AnonymousUser, stored: ActionPlan, rows: Iterable[Recommendation] | None = None
) -> list[ReadableRecommendation]:
    """What ``readable_plan`` gives this person, each recommendation and action beside the row that records its
    delivery, for pages that link to those rows or show more of them.

    ``rows`` are the plan's recommendations in order, their actions in order, with what the page needs
    prefetched; by default those read with the plan (actions, progress updates, target changes, judgements).
    Rows are matched as delivery is: by ref, then by wording. Rows that only the plan being redrafted has are
    left out, so the public and the inspectorate never reach them.
    """
    plan, current, frozen = _read(user, stored)
    rows = list(stored.recommendations.all() if rows is None else rows)
    if not frozen:
        # They read the rows themselves, so each recommendation and action is its own row.
        return [
            ReadableRecommendation(
                rec, row, [ReadableAction(a, r) for a, r in zip(rec.actions, row.actions.all(), strict=False)]
            )
            for rec, row in zip(plan.recommendations, rows, strict=False)
        ]
    by_ref = {rec.ref: (rec, row) for rec, row in zip(current.recommendations, rows, strict=False)}
    readable = []
    for rec in plan.recommendations:
        now, row = by_ref.get(rec.ref, (None, None))
        actions = [ReadableAction(action, None) for action in rec.actions]
        if now is not None and row is not None:
            action_rows = list(row.actions.all())
            actions = [
                ReadableAction(action, None if index is None else action_rows[index])
                for action, index in zip(rec.actions, matching_actions(rec, now), strict=True)
            ]
        readable.append(ReadableRecommendation(rec, row, actions))
    return readable


def read_status(user: User | AnonymousUser, stored: ActionPlan) -> Status:
    """The status of what ``readable_plan`` gives this person: for the public and the inspectorate, that of
    the version they read, not of a next version being drafted."""
    if is_public(user):
        return Status.PUBLISHED
    roles = roles_of(user)
    # Only someone holding an inspectorate post may read the sent version; only someone holding another post
    # as well needs asking how they reach this plan.
    if Role.INSPECTORATE in roles and (
        roles == {Role.INSPECTORATE} or reading_of(user, stored) is Reading.INSPECTORATE
    ):
        version = sent_version(stored)
        if version is not None:
            return Status.PUBLISHED if version.published_on else Status.SENT
    return Status(stored.status)


def with_read_status(user: User | AnonymousUser, plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    """The plans, each annotated ``read_status``: what ``read_status`` gives, in the same query (for lists)."""
    if is_public(user):
        return plans.annotate(read_status=Value(Status.PUBLISHED.value))
    if Role.INSPECTORATE not in roles_of(user):
        return plans.annotate(read_status=F("status"))
    sendings = Transition.objects.filter(plan=OuterRef("pk"), to_status=Status.SENT, version__isnull=False)
    latest = sendings.order_by("-at", "-pk").values("version__published_on")[:1]
    current = current_reading_q(user)
    return plans.alias(was_sent=Exists(sendings), sent_published_on=Subquery(latest)).annotate(
        read_status=Case(
            When(current or Q(pk__in=[]), then=F("status")),
            When(was_sent=True, sent_published_on__isnull=False, then=Value(Status.PUBLISHED.value)),
            When(was_sent=True, then=Value(Status.SENT.value)),
            default=F("status"),
            output_field=CharField(),
        )
    )


def shown_status(user: User | AnonymousUser, stored: ActionPlan) -> str:
    """The status to show beside what ``readable_plan`` gives this person."""
    reading = reading_of(user, stored)
    if reading is Reading.PUBLIC:
        return Status.PUBLISHED.label
    version = sent_version(stored) if reading is Reading.INSPECTORATE else None
    if version is not None:
        return f"Sent to the inspectorate (version {version.number})"
    return read_status(user, stored).label


@transaction.atomic
def freeze_as_stored(stored: ActionPlan, *, note: str, today: date | None = None) -> PlanVersion:
    """Freeze a plan that arrived already sent or published (imported, loaded) as the version its readers read.

    The plan's rows are taken as what was sent: they are the published document as read. A published plan
    keeps its publication date, so that it stays public while a next version is drafted.
    """
    today = today or timezone.localdate()
    version = PlanVersion.objects.create(
        plan=stored,
        number=next_version_number(stored),
        document=canonical.plan_to_dict(load_plan(stored)),
        published_on=(stored.published or stored.submitted or today) if stored.status == Status.PUBLISHED else None,
    )
    Transition.objects.create(
        plan=stored, from_status=Status.APPROVED, to_status=Status.SENT, note=note, version=version
    )
    if stored.status == Status.PUBLISHED:
        Transition.objects.create(plan=stored, from_status=Status.SENT, to_status=Status.PUBLISHED, note=note)
        if stored.published is None:
            stored.published = version.published_on
            stored.save(update_fields=["published"])
    return version


def freeze_unversioned(today: date | None = None) -> int:
    """Freeze every sent or published plan that its readers have no version of; how many were frozen."""
    frozen = 0
    for stored in ActionPlan.objects.filter(status__in=[Status.SENT, Status.PUBLISHED]).order_by("pk"):
        missing = published_version(stored) if stored.status == Status.PUBLISHED else sent_version(stored)
        if missing is None:
            freeze_as_stored(stored, note="Frozen as it stood when versions were first kept.", today=today)
            frozen += 1
    return frozen


def date_sent_versions() -> int:
    """Give every version sent before versions carried it the date it was sent; how many were dated.

    The version a plan was last sent as takes the plan's own sent date; an earlier one the day a person
    recorded its sending. A plan that arrived already sent (imported) without saying when stays undated.
    """
    dated = 0
    sendings = Transition.objects.filter(to_status=Status.SENT, version__isnull=False).select_related("plan", "version")
    for sending in sendings.order_by("plan", "-at", "-pk"):
        version = sending.version
        assert version is not None
        if version.document.get("submitted") is not None:
            continue
        if sent_version(sending.plan) == version:
            sent_on = sending.plan.submitted
        else:
            sent_on = timezone.localdate(sending.at) if sending.by_id is not None else None
        if sent_on is None:
            continue
        version.document = {**version.document, "submitted": sent_on.isoformat()}
        version.save(update_fields=["document"])
        dated += 1
    return dated
