"""The approver's worklist: plans submitted in their establishments, with due dates, the most urgent first."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from actionplan.pages import paging
from actionplan.storage import models
from tests.web.factories import stored_plan

WORKLIST = reverse("worklist")
Submitted = models.ActionPlan.Status.SUBMITTED_FOR_APPROVAL


def _submitted(establishment, seed: int, published: date | None) -> models.ActionPlan:
    plan = stored_plan(establishment, status=Submitted, seed=seed, recommendations=1)
    plan.inspection.report_published = published
    plan.inspection.save()
    return plan


@pytest.fixture
def waiting(estate) -> list[models.ActionPlan]:
    """Three plans submitted at home (the latest report first, one with no date) and one elsewhere."""
    later = _submitted(estate.home, 11, date(2026, 5, 1))
    undated = _submitted(estate.home, 12, None)
    earlier = _submitted(estate.home, 13, date(2026, 1, 10))
    _submitted(estate.other, 14, date(2025, 1, 1))
    return [earlier, later, undated]


@override_settings(ACTIONPLAN_SUBMISSION_DAYS=60)
def test_an_approver_sees_the_plans_waiting_for_them_most_urgent_first(client, estate, waiting) -> None:
    client.force_login(estate.people["approver"])
    body = client.get(WORKLIST).content.decode()
    links = [reverse("sign-off", args=[plan.pk]) for plan in waiting]
    positions = [body.index(f'href="{link}"') for link in links]
    assert positions == sorted(positions)
    assert "3 plans waiting" in body
    assert "11 March 2026" in body  # 10 January 2026 and 60 days
    assert "30 June 2026" in body
    assert "No due date" in body
    assert "HMP Otherton" not in body


def test_the_worklist_is_shown_a_page_at_a_time(client, estate, waiting, monkeypatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    client.force_login(estate.people["approver"])
    first = client.get(WORKLIST).content.decode()
    second = client.get(WORKLIST, {"page": 2}).content.decode()
    assert reverse("sign-off", args=[waiting[0].pk]) in first
    assert reverse("sign-off", args=[waiting[2].pk]) not in first
    assert reverse("sign-off", args=[waiting[2].pk]) in second
    assert "govuk-pagination" in first


def test_approvers_and_admins_find_it_in_the_header_and_others_do_not(client, estate) -> None:
    for person, shown in [("approver", True), ("admin", True), ("coordinator", False), ("owner", False)]:
        client.force_login(estate.people[person])
        assert (f'href="{WORKLIST}"' in client.get(reverse("home")).content.decode()) is shown, person


def test_a_coordinator_is_refused(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    assert client.get(WORKLIST).status_code == 403
