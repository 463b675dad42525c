"""Dashboard figures are counted once and kept, until an action, progress update, judgement or the day changes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplan.accounts.models import User
from actionplan.monitoring import clock
from actionplan.monitoring.models import ProgressJudgement, ProgressUpdate
from tests.web.factories import EstablishmentFactory

pytestmark = pytest.mark.django_db


def _figure(client, name: str, path: str = "/dashboard/") -> tuple[str, int]:
    """The figure shown on the page, and the queries the request made."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path).content.decode()
    found = re.search(rf'id="figure-{name}">(.*?)</span>', page)
    assert found is not None
    # The figure's numbers are links to the lists behind them.
    return re.sub(r"<[^>]+>", "", found.group(1)), len(queries)


@pytest.fixture
def analyst(client, delivery):
    client.force_login(User.objects.get(username="analyst"))
    return client


def test_figures_are_counted_once_then_kept(analyst, delivery) -> None:
    first, counted = _figure(analyst, "actions")
    again, kept = _figure(analyst, "actions")
    assert again == first
    assert kept < counted
    assert kept <= 3  # the session, the person, and nothing about the figures


def test_an_action_completed_is_counted_at_once(analyst, delivery, today) -> None:
    before, _ = _figure(analyst, "implemented")
    for action in delivery.plan.recommendations.order_by("position").first().actions.all():
        action.status, action.completed_on = action.Status.COMPLETED, today
        action.save()
    after, _ = _figure(analyst, "implemented")
    assert int(after.split()[0]) == int(before.split()[0]) + 1


def test_a_progress_update_or_judgement_counts_the_figures_again(analyst, delivery, today) -> None:
    _figure(analyst, "actions")
    _, kept = _figure(analyst, "actions")
    ProgressUpdate.objects.create(action=delivery.action, on=today, note="Begun.")
    _, after_update = _figure(analyst, "actions")
    ProgressJudgement.objects.create(
        recommendation=delivery.action.recommendation, level="good_progress", judged_on=today
    )
    _, after_judgement = _figure(analyst, "actions")
    assert after_update > kept
    assert after_judgement > kept


def test_the_next_day_is_counted_afresh(analyst, delivery, today, monkeypatch) -> None:
    due_soon, _ = _figure(analyst, "due-soon")
    overdue, _ = _figure(analyst, "overdue")
    # The owner's action is due in ten days: eleven days on, it is overdue.
    monkeypatch.setattr(clock, "today", lambda: today + timedelta(days=11))
    assert _figure(analyst, "overdue")[0] == str(int(overdue) + 1)
    assert _figure(analyst, "due-soon")[0] == str(int(due_soon) - 1)


def test_each_scope_and_filter_has_figures_of_its_own(client, delivery) -> None:
    client.force_login(User.objects.get(username="analyst"))
    estate, _ = _figure(client, "actions")
    nobody, _ = _figure(client, "actions", "/dashboard/?owner=Nobody+at+all")
    client.force_login(User.objects.get(username="outsider"))
    outsider, _ = _figure(client, "actions")
    assert int(estate) > 0
    assert nobody == "0"
    assert outsider == "0"


def _selected(page: str, name: str) -> list[str]:
    """The options chosen in the named select, by their text."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None
    return [text.strip() for text in re.findall(r"<option[^>]*selected[^>]*>([^<]*)</option>", select.group(1))]


def test_the_filters_kept_show_the_values_asked_and_follow_the_estate(analyst, delivery) -> None:
    """The filters are drawn once per set of values asked and kept as the figures are: each request still shows
    its own choice, and a new establishment is offered once it is stored."""
    home = delivery.estate.home
    chosen = analyst.get("/dashboard/", {"establishment": home.pk}).content.decode()
    assert _selected(chosen, "establishment") == [home.name]
    again = analyst.get("/dashboard/", {"establishment": home.pk}).content.decode()
    assert _selected(again, "establishment") == [home.name]
    assert _selected(analyst.get("/dashboard/").content.decode(), "establishment") == []
    assert "HMP Newly Opened" not in analyst.get("/dashboard/").content.decode()
    EstablishmentFactory(name="HMP Newly Opened")
    assert "HMP Newly Opened" in analyst.get("/dashboard/").content.decode()
    wrong = analyst.get("/dashboard/", {"year": "1066"}).content.decode()
    assert "Select a valid choice" in wrong
    assert "Select a valid choice" not in analyst.get("/dashboard/").content.decode()
