""" "N of M recommendations implemented": M counts the agreed and partly agreed only, the not agreed said beside it."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from actionplan.accounts.models import Role
from actionplan.core.plan import Action, ActionStatus, Decision, Plan, Recommendation
from actionplan.core.targets import parse_target
from actionplan.core.writing.progress_report import summary_line
from actionplan.storage import models
from actionplan.storage.conversion import save_plan
from actionplan.workflow.states import freeze_as_stored
from tests.web.factories import EstablishmentFactory, UserFactory

SHOWN = "1 of 4 recommendations implemented (2 not agreed)"


def _rec(ref: str, decision: Decision, status: ActionStatus) -> Recommendation:
    action = Action(text="Done as said.", owner="Governor", target=parse_target("March 2026"), status=status)
    return Recommendation(ref=ref, recommendation="Staff should act.", decision=decision, actions=[action])


def _plan() -> Plan:
    """Three agreed (one implemented), one partly agreed, and two not agreed whose listed steps were all done."""
    done, open_ = ActionStatus.COMPLETED, ActionStatus.IN_PROGRESS
    return Plan(
        establishment="HMP Homefield",
        recommendations=[
            _rec("1.1", Decision.AGREED, done),
            _rec("1.2", Decision.AGREED, open_),
            _rec("1.3", Decision.AGREED, open_),
            _rec("1.4", Decision.PARTLY_AGREED, open_),
            _rec("1.5", Decision.NOT_AGREED, done),
            _rec("1.6", Decision.NOT_AGREED, done),
        ],
    )


@pytest.fixture
def published(db: None) -> models.ActionPlan:
    home = EstablishmentFactory(name="HMP Homefield")
    stored = save_plan(_plan(), establishment=home, status=models.ActionPlan.Status.PUBLISHED)
    freeze_as_stored(stored, note="Published.")
    return stored


def test_the_plan_page_and_progress_count_only_what_was_agreed(client: Client, published) -> None:
    assert SHOWN in client.get(reverse("plan", args=[published.pk])).content.decode()
    client.force_login(UserFactory(username="analyst", role=Role.ANALYST))
    assert SHOWN in client.get(reverse("monitoring:plan-progress", args=[published.pk])).content.decode()
    report = client.get(reverse("monitoring:progress-report", args=[published.pk, "docx"]))
    document = Document(io.BytesIO(b"".join(report)))
    assert any(SHOWN in paragraph.text for paragraph in document.paragraphs)
    # The numbers are links (to the lists behind them) within the sentence.
    page = re.sub(r"</?a\b[^>]*>", "", client.get(reverse("monitoring:dashboard")).content.decode())
    dashboard = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert SHOWN in dashboard


def test_the_count_says_nothing_of_not_agreed_when_there_are_none() -> None:
    plan = _plan()
    plan.recommendations = plan.recommendations[:4]
    assert summary_line(plan, date(2026, 3, 15)) == "At 15 March 2026: 1 of 4 recommendations implemented."
