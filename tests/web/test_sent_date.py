"""The date a plan was sent, entered when the sending is recorded, on the version the inspectorate and public read."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actionplan.storage import models
from actionplan.workflow.editing import reopen_for_editing
from actionplan.workflow.models import Transition
from actionplan.workflow.states import date_sent_versions, make_move

Status = models.ActionPlan.Status


def _approved(estate, *, approved_on: date) -> models.ActionPlan:
    """The draft plan submitted and approved, its approval recorded as made on ``approved_on``."""
    plan = estate.draft
    models.Inspection.objects.filter(pk=plan.inspection_id).update(report_published=date(2026, 6, 1))
    make_move(plan, "submit", estate.people["coordinator"])
    make_move(plan, "approve", estate.people["approver"], note="Approved with its warnings.")
    at = timezone.make_aware(datetime.combine(approved_on, datetime.min.time()) + timedelta(hours=10))
    Transition.objects.filter(plan=plan, to_status=Status.APPROVED).update(at=at)
    return plan


def _send(client: Client, plan: models.ActionPlan, sent_on: str):
    return client.post(reverse("sign-off", args=[plan.pk]), {"move": "send", "note": "", "sent_on": sent_on})


def test_the_date_entered_is_what_the_public_the_api_and_downloads_show(client, estate) -> None:
    plan = _approved(estate, approved_on=date(2026, 9, 1))
    client.force_login(estate.people["coordinator"])
    page = client.get(reverse("sign-off", args=[plan.pk])).content.decode()
    today = timezone.localdate()
    assert 'name="sent_on-day"' in page
    assert f'name="sent_on-year" type="text" value="{today.year}"' in page  # today unless changed
    assert _send(client, plan, "15/10/2026").status_code == 302
    assert client.post(reverse("publish", args=[plan.pk])).status_code == 302
    plan.refresh_from_db()
    assert plan.submitted == date(2026, 10, 15)

    public = Client()
    shown = public.get(reverse("plan", args=[plan.pk])).content.decode()
    assert "15 October 2026" in shown
    assert "Not yet" not in shown
    assert json.loads(public.get(reverse("api-plan", args=[plan.pk])).content)["submitted"] == "2026-10-15"
    download = public.get(reverse("download", args=[plan.pk, "json"]))
    assert json.loads(b"".join(download))["submitted"] == "2026-10-15"
    client.force_login(estate.people["inspector"])
    inspected = client.get(reverse("api-plan", args=[plan.pk]))
    assert json.loads(inspected.content)["submitted"] == "2026-10-15"


def test_a_date_in_the_future_or_before_approval_is_refused_with_a_message(client, estate) -> None:
    plan = _approved(estate, approved_on=date(2026, 9, 1))
    client.force_login(estate.people["coordinator"])
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    refusals = {
        tomorrow: "The date the plan was sent must be today or in the past",
        "31/08/2026": "The date the plan was sent must be on or after 1 September 2026, when it was approved",
        "31/02/2026": "The date the plan was sent must be a real date",
    }
    for entered, message in refusals.items():
        response = _send(client, plan, entered)
        body = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in body
        assert message in body
        assert 'href="#id_sent_on-' in body
    plan.refresh_from_db()
    assert plan.status == Status.APPROVED
    assert plan.submitted is None


def test_versions_sent_before_they_carried_the_date_are_given_it(estate) -> None:
    plan = estate.published
    version = plan.versions.get()
    version.document = {**version.document, "submitted": None}
    version.save()
    first_sent = plan.transitions.get(to_status=Status.SENT)
    assert plan.submitted is not None

    assert date_sent_versions() == 1
    version.refresh_from_db()
    assert version.document["submitted"] == plan.submitted.isoformat()
    assert first_sent.version == version
    page = Client().get(reverse("plan", args=[plan.pk])).content.decode()
    assert f"{plan.submitted.day} {plan.submitted:%B %Y}" in page
    assert date_sent_versions() == 0


def test_a_plan_imported_without_its_sent_date_is_not_given_one(estate) -> None:
    plan = estate.sent
    models.ActionPlan.objects.filter(pk=plan.pk).update(submitted=None)
    version = plan.versions.get()
    version.document = {**version.document, "submitted": None}
    version.save()
    assert date_sent_versions() == 0
    version.refresh_from_db()
    assert version.document["submitted"] is None


def test_an_earlier_version_sent_is_given_the_day_its_sending_was_recorded(estate) -> None:
    plan = _approved(estate, approved_on=date(2026, 9, 1))
    coordinator, approver = estate.people["coordinator"], estate.people["approver"]
    make_move(plan, "send", coordinator, sent_on=date(2026, 9, 2))
    reopen_for_editing(plan, coordinator)
    for move in ("submit", "approve", "send"):
        make_move(plan, move, approver if move == "approve" else coordinator, note="Second version.")
    first_sending = plan.transitions.get(to_status=Status.SENT, version__number=1)
    recorded = timezone.make_aware(datetime(2026, 9, 3, 12))
    Transition.objects.filter(pk=first_sending.pk).update(at=recorded)
    for version in plan.versions.all():
        version.document = {**version.document, "submitted": None}
        version.save()

    assert date_sent_versions() == 2
    plan.refresh_from_db()
    dates = dict(plan.versions.values_list("number", "document__submitted"))
    assert dates == {1: "2026-09-03", 2: plan.submitted.isoformat()}
