"""Reminders: when each is due, sent once through email or GOV.UK Notify, escalated, never twice even in parallel."""

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from actionplan.accounts.models import Role
from actionplan.monitoring.models import Reminder
from actionplan.monitoring.reminders import NotifyBackend, escalation, owner_reminder, send_reminders
from tests.web.factories import MembershipFactory, UserFactory, held_post

TARGET = date(2026, 3, 25)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (TARGET - timedelta(days=15), None),
        (TARGET - timedelta(days=14), ("before", 0)),
        (TARGET - timedelta(days=1), ("before", 0)),
        (TARGET, ("due", 0)),
        (TARGET + timedelta(days=1), ("overdue", 0)),
        (TARGET + timedelta(days=7), ("overdue", 0)),
        (TARGET + timedelta(days=8), ("overdue", 1)),
        (TARGET + timedelta(days=15), ("overdue", 2)),
    ],
)
def test_when_an_owner_is_reminded(today: date, expected) -> None:
    assert owner_reminder(TARGET, today, days_before=14) == expected


def test_when_coordinators_are_told() -> None:
    assert escalation(TARGET, TARGET + timedelta(days=13), 14) is None
    assert escalation(TARGET, TARGET + timedelta(days=14), 14) == 0
    assert escalation(TARGET, TARGET + timedelta(days=21), 14) == 1


@pytest.fixture
def delivery(delivery):
    """Only the owner's action is open, so that every reminder here is about it."""
    from actionplan.storage import models

    models.Action.objects.exclude(pk=delivery.action.pk).update(status="completed")
    return delivery


@pytest.mark.django_db
def test_the_owner_is_emailed_once_and_a_second_run_sends_nothing(delivery) -> None:
    day = TARGET - timedelta(days=3)
    assert send_reminders(day) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [delivery.estate.people["owner"].email]
    assert "25 March 2026" in message.subject
    assert f"/actions/{delivery.action.pk}/" in message.body
    assert send_reminders(day) == 0
    assert send_reminders(day + timedelta(days=1)) == 0  # the "before" reminder is sent once, not daily
    assert len(mail.outbox) == 1
    assert send_reminders(TARGET) == 1  # on the day
    assert send_reminders(TARGET + timedelta(days=1)) == 1  # overdue
    assert send_reminders(TARGET + timedelta(days=3)) == 0
    assert send_reminders(TARGET + timedelta(days=8)) == 1  # a week later
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 4


@pytest.mark.django_db
def test_overdue_actions_are_escalated_to_the_coordinators_weekly(delivery) -> None:
    late = TARGET + timedelta(days=14)
    call_command("send_reminders", "--today", late.isoformat())
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([delivery.estate.people["owner"].email, delivery.estate.people["coordinator"].email])
    call_command("send_reminders", "--today", late.isoformat())
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_escalations_go_to_those_holding_a_coordinators_post_at_the_actions_establishment(delivery) -> None:
    """Not to someone who coordinates elsewhere and holds another post here, nor to a deactivated coordinator."""
    estate = delivery.estate
    both = UserFactory(role=Role.COORDINATOR, establishments=[estate.home])
    MembershipFactory(user=both, role=Role.APPROVER, establishment=estate.other)
    elsewhere = UserFactory(role=Role.COORDINATOR, establishments=[estate.other])
    MembershipFactory(user=elsewhere, role=Role.APPROVER, establishment=estate.home)
    MembershipFactory(user=elsewhere, role=Role.ACTION_OWNER, establishment=estate.home)
    UserFactory(role=Role.COORDINATOR, establishments=[estate.home], is_active=False)
    call_command("send_reminders", "--today", (TARGET + timedelta(days=14)).isoformat())
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([estate.people["owner"].email, estate.people["coordinator"].email, both.email])


@pytest.mark.django_db
def test_completed_and_draft_actions_get_no_reminders(delivery) -> None:
    delivery.action.status = "completed"
    delivery.action.save()
    assert send_reminders(TARGET) == 0


@pytest.mark.django_db
def test_a_moved_target_starts_its_reminders_afresh(delivery) -> None:
    assert send_reminders(TARGET) == 1
    delivery.action.target_date = TARGET + timedelta(days=30)
    delivery.action.save()
    assert send_reminders(TARGET + timedelta(days=30)) == 1


class FakeNotify:
    def __init__(self, fail: bool = False) -> None:
        self.sent: list[dict] = []
        self.fail = fail

    def send_email_notification(self, **kwargs) -> dict:
        if self.fail:
            raise ConnectionError("Notify is down")
        self.sent.append(kwargs)
        return {"id": "fake"}


@pytest.mark.django_db
def test_the_notify_backend_sends_the_template_with_personalisation(delivery, settings) -> None:
    settings.NOTIFY_REMINDER_TEMPLATES = {
        "before": "t-before",
        "due": "t-due",
        "overdue": "t-over",
        "escalation": "t-esc",
    }
    client = FakeNotify()
    assert send_reminders(TARGET, NotifyBackend(client)) == 1
    sent = client.sent[0]
    assert sent["email_address"] == delivery.estate.people["owner"].email
    assert sent["template_id"] == "t-due"
    assert sent["personalisation"]["target_date"] == "25 March 2026"
    assert sent["reference"].startswith("reminder-")
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failed_send_is_tried_again_next_run(delivery) -> None:
    assert send_reminders(TARGET, NotifyBackend(FakeNotify(fail=True))) == 0
    assert not Reminder.objects.exists()
    assert send_reminders(TARGET) == 1


@pytest.mark.django_db
def test_notify_without_a_key_stops_start_up(settings) -> None:
    from actionplan.monitoring.checks import monitoring_settings

    settings.ACTIONPLAN_REMINDER_BACKEND = "notify"
    settings.NOTIFY_API_KEY = ""
    assert {error.id for error in monitoring_settings()} >= {"monitoring.E002", "monitoring.E003"}


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises writers; the race needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_each_reminder_exactly_once(estate, today) -> None:
    from actionplan.storage import models

    owner = estate.people["owner"]
    actions = models.Action.objects.filter(recommendation__plan=estate.sent)
    models.Action.objects.exclude(recommendation__plan=estate.sent).update(status="completed")
    actions.update(target_kind="date", target_date=TARGET, status="not_started")
    held_post(owner, *actions)
    counts: list[int] = []
    barrier = threading.Barrier(2)

    def run() -> None:
        barrier.wait()
        counts.append(send_reminders(TARGET))
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 1, "one message to the owner, listing every action"
    assert len(mail.outbox) == 1
    assert Reminder.objects.count() == actions.count()
