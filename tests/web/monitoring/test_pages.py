"""Monitoring pages: my actions, dashboards and who sees them, the plan's progress, judgements, progress reports."""

import io

import pytest
from openpyxl import load_workbook

from actionplan.accounts.models import User
from actionplan.monitoring.models import ImplementationCheck, ProgressJudgement
from actionplan.storage import models
from actionplan.storage.conversion import load_plan
from actionplan.storage.demo import load_demo

pytestmark = pytest.mark.django_db


def _as(client, name: str):
    client.force_login(User.objects.get(username=name))
    return client


def test_my_actions_lists_the_owners_actions_with_what_is_due(client, delivery) -> None:
    page = _as(client, "owner").get("/my-actions/").content.decode()
    assert f"/actions/{delivery.action.pk}/" in page
    assert "Due soon" in page
    assert "1 due within 30 days" in page
    assert 'href="/my-actions/"' in page
    assert 'href="/dashboard/"' in page


def test_my_actions_needs_signing_in(client) -> None:
    assert client.get("/my-actions/").status_code == 302


DASHBOARD = {
    "analyst": 200,
    "admin": 200,
    "coordinator": 200,
    "owner": 200,
    "approver": 200,
    "inspector": 403,
    "outsider": 200,  # a member of an establishment with no plans: an empty dashboard of their own
}


@pytest.mark.parametrize(("person", "status"), DASHBOARD.items())
def test_who_sees_a_dashboard(client, delivery, person, status) -> None:
    assert _as(client, person).get("/dashboard/").status_code == status


def test_an_establishment_dashboard_is_for_its_members_analysts_and_admins(client, delivery) -> None:
    home = f"/establishments/{delivery.estate.home.pk}/dashboard/"
    other = f"/establishments/{delivery.estate.other.pk}/dashboard/"
    assert _as(client, "coordinator").get(home).status_code == 200
    assert client.get(other).status_code == 404
    assert client.get(f"/dashboard/?establishment={delivery.estate.other.pk}").status_code == 404
    assert _as(client, "analyst").get(other).status_code == 200
    assert _as(client, "outsider").get(home).status_code == 404
    client.logout()
    assert client.get(home).status_code == 302


def test_the_dashboard_counts_and_draws_charts_with_tables(client, delivery, today) -> None:
    page = _as(client, "coordinator").get("/dashboard/").content.decode()
    assert 'role="img"' in page
    assert '<title id="chart-status-title">Actions by status</title>' in page
    assert "<desc" in page
    actions = models.Action.objects.filter(recommendation__plan__in=[delivery.plan, delivery.estate.published])
    assert f'id="figure-actions"><a class="govuk-link" href="/analysis/actions/">{actions.count()}</a>' in page
    assert "Actions completed each month" in page
    owner_filtered = client.get("/dashboard/", {"owner": "Nobody at all"}).content.decode()
    assert 'href="/analysis/actions/?owner=Nobody+at+all">0</a>' in owner_filtered


# Committed and then truncated rather than rolled back, so that thousands of dead rows are not left for the
# tests that follow (PostgreSQL's planner would take them for live ones until the next vacuum).
@pytest.mark.django_db(transaction=True)
def test_the_estate_dashboard_answers_in_few_queries_at_40_establishments(
    client, django_assert_max_num_queries
) -> None:
    # The same count at 15 and 75 establishments is held by test_query_counts; 150 and 600 are make bench's.
    load_demo(40)
    _as(client, "analyst")
    with django_assert_max_num_queries(15):
        response = client.get("/dashboard/")
    assert response.status_code == 200
    assert 'href="/analysis/actions/?state=overdue">0</a>' not in response.content.decode()


def test_the_plan_shows_how_many_recommendations_are_implemented(client, estate, today) -> None:
    rec = estate.published.recommendations.filter(decision="agreed").order_by("position").first()
    rec.actions.update(status="not_started")
    # Recommendations whose every action the plan wrote as "Completed" are implemented already.
    before = load_plan(estate.published).implementation()
    page = client.get(f"/plans/{estate.published.pk}/").content.decode()
    assert f"{before.implemented} of {before.agreed} recommendations implemented" in page
    rec.actions.update(status="completed", completed_on=today)
    ProgressJudgement.objects.create(recommendation=rec, level="good_progress", judged_on=today)
    page = client.get(f"/plans/{estate.published.pk}/").content.decode()
    assert f"{before.implemented + 1} of {before.agreed} recommendations implemented" in page
    assert "Good progress (15 March 2026)" in page
    assert "Progress on each action" not in page  # the public sees the counts, not the updates


def test_the_inspectorate_records_judgements_and_coordinators_check(client, delivery, today) -> None:
    rec = delivery.plan.recommendations.order_by("position").first()
    judgement = f"/recommendations/{rec.pk}/judgement/"
    assert _as(client, "coordinator").get(judgement).status_code == 404
    assert _as(client, "probation_inspector").get(judgement).status_code == 404
    refused = _as(client, "inspector").post(judgement, {"judged_on": "nonsense"}).content.decode()
    assert 'href="#id_level"' in refused
    response = client.post(judgement, {"level": "reasonable_progress", "judged_on": "14/03/2026", "comment": "Good"})
    assert response.status_code == 302
    assert ProgressJudgement.objects.get().by.username == "inspector"
    progress = client.get(f"/plans/{delivery.plan.pk}/progress/").content.decode()
    assert "Reasonable progress (14 March 2026)" in progress
    check = f"/recommendations/{rec.pk}/implementation/"
    assert client.get(check).status_code == 404
    assert _as(client, "coordinator").post(check, {"verdict": "disputed", "note": "Not on B wing"}).status_code == 302
    assert ImplementationCheck.objects.get().by.username == "coordinator"


@pytest.mark.parametrize("format", ["docx", "xlsx", "pdf"])
def test_the_progress_report_downloads(client, delivery, today, format) -> None:
    delivery.action.status = "completed"
    delivery.action.completed_on = today
    delivery.action.save()
    response = _as(client, "coordinator").get(f"/plans/{delivery.plan.pk}/progress-report.{format}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    body = response.content
    if format == "xlsx":
        sheet = load_workbook(io.BytesIO(body))["Progress"]
        statuses = [row[9] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert "Completed on 15 March 2026" in statuses
    else:
        assert body.startswith(b"%PDF" if format == "pdf" else b"PK")
    client.logout()
    assert client.get(f"/plans/{delivery.plan.pk}/progress-report.{format}").status_code == 404
