"""Reminders to owners before, on and after a target date, escalated to coordinators; each sent exactly once.

Safe to run from cron every hour, or in a loop, with any number of copies running: each reminder is
claimed by inserting a row that a unique constraint allows only once, and only the claimer sends it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from actionplan.accounts.access import IN_DELIVERY
from actionplan.accounts.models import Membership, Role, User
from actionplan.core.dates import long_date
from actionplan.monitoring.delivery import due_soon_q, overdue_q
from actionplan.monitoring.models import Reminder, TrackedAction

logger = logging.getLogger(__name__)
Kind = Reminder.Kind


def owner_reminder(target: date, today: date, days_before: int) -> tuple[str, int] | None:
    """The reminder an owner is due today for this target, as (kind, occurrence), if any.

    Overdue reminders come on the first day after the target and every seventh day after that;
    occurrence counts those weeks, so a sender that was stopped for a while sends only the current one.
    """
    if today == target:
        return Kind.DUE, 0
    if target - timedelta(days=days_before) <= today < target:
        return Kind.BEFORE, 0
    if today > target:
        return Kind.OVERDUE, ((today - target).days - 1) // 7
    return None


def escalation(target: date, today: date, after_days: int) -> int | None:
    """Which weekly escalation to the coordinators is due today (0 the first), or None before it is time."""
    late = (today - target).days
    if late < max(after_days, 1):
        return None
    return (late - max(after_days, 1)) // 7


@dataclass(frozen=True)
class Message:
    kind: str
    recipient: User
    action: TrackedAction
    subject: str
    body: str
    personalisation: dict[str, str]


class Backend(Protocol):
    def send(self, message: Message, reference: str) -> None: ...


class EmailBackend:
    """Through Django's email backend (SMTP in production, the console locally, memory in tests)."""

    def send(self, message: Message, reference: str) -> None:
        send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient.email])


class NotifyBackend:
    """Through GOV.UK Notify: one email template per kind of reminder, filled in with the personalisation."""

    def __init__(self, client: Any = None) -> None:
        if client is None:
            from notifications_python_client.notifications import NotificationsAPIClient

            client = NotificationsAPIClient(settings.NOTIFY_API_KEY)
        self.client = client

    def send(self, message: Message, reference: str) -> None:
        self.client.send_email_notification(
            email_address=message.recipient.email,
            template_id=settings.NOTIFY_REMINDER_TEMPLATES[message.kind],
            personalisation=message.personalisation,
            reference=reference,
        )


def backend_from_settings() -> Backend:
    if settings.ACTIONPLAN_REMINDER_BACKEND == "notify":
        return NotifyBackend()
    return EmailBackend()


def compose(kind: str, recipient: User, action: TrackedAction, today: date) -> Message:
    plan = action.recommendation.plan
    target = action.target_date
    assert target is not None
    link = settings.ACTIONPLAN_SITE_URL.rstrip("/") + reverse("monitoring:action", args=[action.pk])
    late = (today - target).days
    fields = {
        "name": str(recipient),
        "establishment": plan.establishment_as_written,
        "recommendation": action.recommendation.ref,
        "action": action.text,
        "owner": action.owner or "No owner named",
        "target_date": long_date(target),
        "days_overdue": str(max(late, 0)),
        "link": link,
    }
    about = f"{fields['establishment']}, recommendation {fields['recommendation']}"
    subject, opening = {
        Kind.BEFORE: (f"Action due on {fields['target_date']}: {about}", "An action you own is due soon."),
        Kind.DUE: (f"Action due today: {about}", "An action you own is due today."),
        Kind.OVERDUE: (
            f"Action overdue by {late} days: {about}",
            f"An action you own passed its target date {late} days ago.",
        ),
        Kind.ESCALATION: (
            f"Overdue action at {fields['establishment']}: recommendation {fields['recommendation']}",
            f"An action at an establishment you coordinate passed its target date {late} days ago.",
        ),
    }[Kind(kind)]
    body = "\n\n".join(
        [
            f"Dear {fields['name']},",
            opening,
            f"Action: {fields['action']}\nOwner: {fields['owner']}\nTarget date: {fields['target_date']}",
            "Post an update, mark it complete, or ask a coordinator to move the date (with the reason):",
            link,
        ]
    )
    return Message(kind, recipient, action, subject, body, fields)


@dataclass(frozen=True)
class Due:
    action: TrackedAction
    recipient: User
    kind: str
    occurrence: int


def _coordinators(establishment_ids: set[int]) -> dict[int, list[User]]:
    """The active coordinators of each establishment, in one query."""
    found: dict[int, list[User]] = defaultdict(list)
    memberships = Membership.objects.filter(
        establishment_id__in=establishment_ids, role=Role.COORDINATOR, user__is_active=True
    ).select_related("user")
    for membership in memberships:
        assert membership.establishment_id is not None, "a coordinator holds the post at an establishment"
        found[membership.establishment_id].append(membership.user)
    return found


def due_reminders(today: date) -> list[Due]:
    """Every reminder the rules call for today, whether or not it was sent already."""
    days_before = settings.ACTIONPLAN_REMINDER_DAYS_BEFORE
    after = settings.ACTIONPLAN_REMINDER_ESCALATE_AFTER_DAYS
    actions = list(
        TrackedAction.objects.filter(IN_DELIVERY)
        .filter(overdue_q(today) | due_soon_q(today, days_before))
        .select_related("owner_user", "recommendation__plan__inspection")
        .order_by("target_date", "pk")
    )
    coordinators = _coordinators({action.recommendation.plan.inspection.establishment_id for action in actions})
    due: list[Due] = []
    for action in actions:
        target = action.target_date
        assert target is not None
        owner = action.owner_user
        if owner is not None and owner.is_active and owner.email:
            found = owner_reminder(target, today, days_before)
            if found:
                due.append(Due(action, owner, *found))
        # When nobody in the service owns the action, the coordinators hear as soon as it is overdue.
        occurrence = escalation(target, today, after if owner is not None else 1)
        if occurrence is not None:
            establishment_id = action.recommendation.plan.inspection.establishment_id
            due.extend(
                Due(action, person, Kind.ESCALATION, occurrence)
                for person in coordinators[establishment_id]
                if person.email
            )
    return due


def _claim(item: Due) -> Reminder | None:
    """Insert the reminder's row; None when another sender (or an earlier run) holds it already."""
    assert item.action.target_date is not None, "only actions with a target date are reminded"
    try:
        with transaction.atomic():
            return Reminder.objects.create(
                action=item.action,
                recipient=item.recipient,
                kind=item.kind,
                target_date=item.action.target_date,
                occurrence=item.occurrence,
            )
    except IntegrityError:
        return None


def send_reminders(today: date, backend: Backend | None = None) -> int:
    """Send every reminder due today that no one has claimed yet; the number sent."""
    backend = backend or backend_from_settings()
    sent = 0
    for item in due_reminders(today):
        claimed = _claim(item)
        if claimed is None:
            continue
        message = compose(item.kind, item.recipient, item.action, today)
        try:
            backend.send(message, reference=f"reminder-{claimed.pk}")
        except Exception:
            # Give the claim back so that the next run tries again, rather than the reminder being lost.
            logger.exception("reminder %s to %s could not be sent; it will be tried again", claimed.pk, item.recipient)
            claimed.delete()
            continue
        Reminder.objects.filter(pk=claimed.pk, sent_at__isnull=True).update(sent_at=timezone.now())
        sent += 1
    return sent
