"""Reminders to the holders of actions' owners before, on and after a target date, escalated to coordinators;
each sent exactly once, one message a person listing their actions.

Safe to run from cron every hour, or in a loop, with any number of copies running: each reminder is
claimed by inserting a row that a unique constraint allows only once, and only the claimer sends it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
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
from actionplan.owners.models import ActionOwner, Holding

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
class Due:
    """One action a person is due to hear about today, and why (for an escalation)."""

    action: TrackedAction
    recipient: User
    kind: str
    occurrence: int
    owners: str = ""  # the action's owners as the directory names them, or as the plan wrote them
    why: str = ""


@dataclass(frozen=True)
class Message:
    """One reminder to one person, listing every action they are due to hear about; ``kind`` is the most urgent."""

    kind: str
    recipient: User
    items: tuple[Due, ...]
    subject: str
    body: str
    personalisation: dict[str, Any]


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


# The most urgent first: a message listing several actions is sent as its most urgent kind.
_URGENCY = [Kind.ESCALATION, Kind.OVERDUE, Kind.DUE, Kind.BEFORE]


def _address(name: str, *args: object) -> str:
    return settings.ACTIONPLAN_SITE_URL.rstrip("/") + reverse(name, args=args)


def _state(item: Due, today: date) -> str:
    target = item.action.target_date
    assert target is not None
    late = (today - target).days
    if item.kind == Kind.ESCALATION:
        return f"overdue by {late} days" + (f": {item.why}" if item.why else "")
    return {Kind.BEFORE: f"due on {long_date(target)}", Kind.DUE: "due today"}.get(
        Kind(item.kind), f"overdue by {late} days"
    )


def compose(recipient: User, items: list[Due], today: date) -> Message:
    """One message to ``recipient`` about every action in ``items`` (all theirs, one run)."""
    items = sorted(items, key=lambda item: (_URGENCY.index(Kind(item.kind)), item.action.target_date, item.action.pk))
    first = items[0]
    kind = Kind(first.kind)
    action = first.action
    plan = action.recommendation.plan
    target = action.target_date
    assert target is not None
    late = (today - target).days
    fields: dict[str, Any] = {
        "name": str(recipient),
        "establishment": plan.establishment_as_written,
        "recommendation": action.recommendation.ref,
        "action": action.text,
        "owner": first.owners or "No owner named",
        "target_date": long_date(target),
        "days_overdue": str(max(late, 0)),
        "link": _address("monitoring:action", action.pk),
        "count": str(len(items)),
        "actions": [
            f"{item.action.recommendation.plan.establishment_as_written}, recommendation "
            f"{item.action.recommendation.ref}: {item.action.text} ({_state(item, today)})"
            for item in items
        ],
        "my_actions": _address("monitoring:my-actions"),
    }
    if len(items) == 1:
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
        }[kind]
    elif kind == Kind.ESCALATION:
        subject = f"{len(items)} actions need a coordinator's attention"
        opening = "These actions are overdue, or belong to no one who uses the service, or both:"
    else:
        subject = f"{len(items)} of your actions need an update"
        opening = "These actions you own are due soon, due today or overdue:"
    listed = [
        f"{item.action.recommendation.plan.establishment_as_written}, recommendation {item.action.recommendation.ref}"
        f" ({_state(item, today)})\nAction: {item.action.text}\nOwner: {item.owners or 'No owner named'}\n"
        f"Target date: {long_date(item.action.target_date)}\n{_address('monitoring:action', item.action.pk)}"
        for item in items
        if item.action.target_date is not None
    ]
    body = "\n\n".join(
        [
            f"Dear {fields['name']},",
            opening,
            *listed,
            "Post an update, mark an action complete, or ask a coordinator to move the date (with the reason).",
            f"All your actions: {fields['my_actions']}",
        ]
    )
    return Message(kind, recipient, tuple(items), subject, body, fields)


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


@dataclass
class _Owners:
    """An action's owners for reminding: their names, the people holding them, and what no one can answer for."""

    names: list[str] = field(default_factory=list)
    holders: dict[int, User] = field(default_factory=dict)
    unanswered: list[str] = field(default_factory=list)


def _owners(actions: list[TrackedAction]) -> dict[int, _Owners]:
    """Each action's owners and their current holders who can be written to, in two queries."""
    links = list(
        ActionOwner.objects.filter(action__in=actions).select_related("owner").order_by("action_id", "position")
    )
    holders: dict[int, list[User]] = defaultdict(list)
    for holding in Holding.objects.filter(
        owner__in={link.owner_id for link in links if link.owner_id is not None}, ended__isnull=True
    ).select_related("user"):
        if holding.user.is_active and holding.user.email:
            holders[holding.owner_id].append(holding.user)
    found: dict[int, _Owners] = defaultdict(_Owners)
    for link in links:
        owners = found[link.action_id]
        if link.owner is None:
            owners.names.append(link.written)
            owners.unanswered.append(f"{link.written} is not matched to a post or organisation")
            continue
        owners.names.append(link.owner.name)
        if not holders[link.owner.pk]:
            owners.unanswered.append(f"no one holds {link.owner.name}")
        for person in holders[link.owner.pk]:
            owners.holders[person.pk] = person
    return found


def due_reminders(today: date) -> list[Due]:
    """Every reminder the rules call for today, whether or not it was sent already."""
    days_before = settings.ACTIONPLAN_REMINDER_DAYS_BEFORE
    after = settings.ACTIONPLAN_REMINDER_ESCALATE_AFTER_DAYS
    actions = list(
        TrackedAction.objects.filter(IN_DELIVERY)
        .filter(overdue_q(today) | due_soon_q(today, days_before))
        .select_related("recommendation__plan__inspection")
        .order_by("target_date", "pk")
    )
    coordinators = _coordinators({action.recommendation.plan.inspection.establishment_id for action in actions})
    owners_of = _owners(actions)
    due: list[Due] = []
    for action in actions:
        target = action.target_date
        assert target is not None
        owners = owners_of[action.pk]
        named = ", ".join(owners.names) or action.owner
        found = owner_reminder(target, today, days_before)
        if found:
            # A person holding two of the action's owners hears about it once.
            due.extend(Due(action, person, *found, owners=named) for person in owners.holders.values())
        if not owners.names:
            owners.unanswered.append("it names no owner" if not action.owner else f"{action.owner} is not matched")
        # When some owner has no one in the service to answer for it, the coordinators hear as soon as it is overdue.
        occurrence = escalation(target, today, 1 if owners.unanswered else after)
        if occurrence is not None:
            establishment_id = action.recommendation.plan.inspection.establishment_id
            due.extend(
                Due(action, person, Kind.ESCALATION, occurrence, owners=named, why="; ".join(owners.unanswered))
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
    """Send every reminder due today that no one has claimed yet, one message a person; the messages sent."""
    backend = backend or backend_from_settings()
    due: dict[int, list[Due]] = defaultdict(list)
    for item in due_reminders(today):
        due[item.recipient.pk].append(item)
    claimed: dict[int, list[tuple[Due, Reminder]]] = defaultdict(list)
    for person, items in due.items():
        # One sender at a time claims a person's reminders (the person's row is the lock), so that two senders
        # at once never split them between two messages: the second finds them all claimed.
        with transaction.atomic():
            User.objects.select_for_update().filter(pk=person).values_list("pk", flat=True).first()
            for item in items:
                claim = _claim(item)
                if claim is not None:
                    claimed[person].append((item, claim))
    sent = 0
    for pairs in claimed.values():
        items = [item for item, _claim_row in pairs]
        rows = [claim.pk for _item, claim in pairs]
        message = compose(items[0].recipient, items, today)
        try:
            backend.send(message, reference=f"reminder-{min(rows)}")
        except Exception:
            # Give the claims back so that the next run tries again, rather than the reminders being lost.
            logger.exception("reminders %s to %s could not be sent; they will be tried again", rows, message.recipient)
            Reminder.objects.filter(pk__in=rows).delete()
            continue
        Reminder.objects.filter(pk__in=rows, sent_at__isnull=True).update(sent_at=timezone.now())
        sent += 1
    return sent
