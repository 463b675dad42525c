"""The API's lists: filtered as the dashboard filters, a page at a time, described in the OpenAPI schema, and
never showing more than the caller may read."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import product
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from drf_spectacular.validation import validate_schema

from actionplan.monitoring import clock
from actionplan.storage import models
from actionplan.workflow.states import read_status, with_read_status
from tests.web.factories import stored_plan

Status = models.ActionPlan.Status
PLAN_FILTERS = {"establishment", "inspectorate", "year", "status"}
ACTION_FILTERS = PLAN_FILTERS | {"decision", "section", "action_status", "owner", "overdue"}


def _ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def _plans(client: Any, **query: object) -> set[int]:
    return _ids(client.get(reverse("api-plans"), query))


def _actions(client: Any, **query: object) -> set[int]:
    return _ids(client.get(reverse("api-actions"), {"page_size": 500, **query}))


def test_plans_are_narrowed_by_establishment_inspectorate_year_and_status(client, estate) -> None:
    client.force_login(estate.people["analyst"])
    home = {estate.draft.pk, estate.sent.pk, estate.published.pk}
    assert _plans(client, establishment=estate.home.pk) == home
    assert _plans(client, inspectorate="hmip") == home | {estate.other_published.pk, estate.other_draft.pk}
    assert _plans(client, inspectorate="HMI Probation") == set()
    assert _plans(client, status="draft") == {estate.draft.pk, estate.other_draft.pk}
    assert _plans(client, status="published", establishment=estate.other.pk) == {estate.other_published.pk}
    published = estate.sent.inspection.report_published
    assert published is not None
    same_year = {
        plan.pk for plan in models.ActionPlan.objects.filter(inspection__report_published__year=published.year)
    }
    assert estate.sent.pk in _plans(client, year=published.year)
    assert _plans(client, year=published.year) == same_year


def test_the_status_filter_is_of_what_each_person_reads(client, estate) -> None:
    """The inspectorate reads the version sent to it: a plan being redrafted is still 'sent' to it."""
    models.ActionPlan.objects.filter(pk=estate.sent.pk).update(status=Status.DRAFT)
    client.force_login(estate.people["inspector"])
    assert _plans(client, status="sent") == {estate.sent.pk}
    assert _plans(client, status="draft") == set()
    client.logout()
    assert _plans(client, status="draft") == set()
    assert _plans(client, status="published") == {estate.published.pk, estate.other_published.pk}


@pytest.mark.parametrize(
    ("parameter", "value", "says"),
    [
        ("year", "twenty", "valid integer"),
        ("year", "1066", "greater than or equal to 1990"),
        ("establishment", "HMP Homefield", "valid integer"),
        ("inspectorate", "Ofsted", "No inspectorate is called “Ofsted”. Use one of: HMI Probation, HMIP."),
        ("status", "finished", "not a valid choice"),
    ],
)
def test_a_bad_plan_filter_is_a_400_naming_the_parameter(client, estate, parameter, value, says) -> None:
    response = client.get(reverse("api-plans"), {parameter: value})
    assert response.status_code == 400
    assert list(response.json()) == [parameter]
    assert says in response.json()[parameter][0]


@pytest.mark.parametrize(
    ("parameter", "value"),
    [("overdue", "maybe"), ("decision", "accepted"), ("action_status", "done"), ("year", "")],
)
def test_a_bad_action_filter_is_a_400_naming_the_parameter(client, estate, parameter, value) -> None:
    client.force_login(estate.people["analyst"])
    response = client.get(reverse("api-actions"), {parameter: value})
    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_a_page_past_the_end_is_not_found_and_the_page_size_has_a_ceiling(client, estate) -> None:
    client.force_login(estate.people["analyst"])
    assert client.get(reverse("api-actions"), {"page": 999}).status_code == 404
    assert client.get(reverse("api-plans"), {"page": "last"}).status_code == 200
    total = models.Action.objects.count()
    assert total > 3
    small = client.get(reverse("api-actions"), {"page_size": 3}).json()
    assert (small["count"], len(small["results"])) == (total, 3)
    assert "page_size=3" in small["next"]
    second = client.get(small["next"]).json()
    assert not {a["id"] for a in small["results"]} & {a["id"] for a in second["results"]}
    assert len(client.get(reverse("api-actions"), {"page_size": 100000}).json()["results"]) == min(total, 500)


def test_actions_are_narrowed_by_the_dashboards_filters(client, estate) -> None:
    client.force_login(estate.people["analyst"])
    actions = models.Action.objects.all()
    everything = _actions(client)
    assert everything == set(actions.values_list("pk", flat=True))
    assert _actions(client, establishment=estate.other.pk) == set(
        actions.filter(recommendation__plan__inspection__establishment=estate.other).values_list("pk", flat=True)
    )
    assert _actions(client, status="sent") == set(
        actions.filter(recommendation__plan=estate.sent).values_list("pk", flat=True)
    )
    for decision in ("agreed", "partly_agreed", "not_agreed"):
        assert _actions(client, decision=decision) == set(
            actions.filter(recommendation__decision=decision).values_list("pk", flat=True)
        )
    section = actions.exclude(recommendation__section="").values_list("recommendation__section", flat=True).first()
    assert section
    assert _actions(client, section=section.upper()) == set(
        actions.filter(recommendation__section=section).values_list("pk", flat=True)
    )
    chosen = actions.filter(recommendation__plan=estate.sent).order_by("pk")[:2]
    models.Action.objects.filter(pk=chosen[0].pk).update(
        owner="Head of Reception", status=models.Action.Status.IN_PROGRESS
    )
    models.Action.objects.filter(pk=chosen[1].pk).update(
        status=models.Action.Status.NOT_STARTED,
        target_kind="date",
        target_date=clock.today() - timedelta(days=3),
    )
    assert chosen[0].pk in _actions(client, owner="reception", action_status="in_progress")
    assert _actions(client, owner="reception") == set(
        actions.filter(owner__icontains="reception").values_list("pk", flat=True)
    )
    overdue = _actions(client, overdue="true")
    assert chosen[1].pk in overdue
    assert _actions(client, overdue="false") == everything - overdue


def test_an_action_says_where_it_is_from_and_how_it_stands(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    action = models.Action.objects.filter(recommendation__plan=estate.sent).order_by("pk").first()
    listed = client.get(reverse("api-actions"), {"page_size": 500}).json()["results"]
    row = next(item for item in listed if item["id"] == action.pk)
    assert row["plan"] == estate.sent.pk
    assert row["establishment"] == "HMP Homefield"
    assert row["inspectorate"] == "HMIP"
    assert row["recommendation"] == action.recommendation.ref
    assert row["owner"] == action.owner
    assert row["status"] == action.status
    assert row["overdue"] in (True, False)


@pytest.mark.parametrize("who", ["public", "inspector", "probation_inspector"])
def test_those_who_read_no_plan_as_it_is_are_refused_the_actions_list_and_told_where_to_read(
    client, estate, who
) -> None:
    if who != "public":
        client.force_login(estate.people[who])
    for query in ({}, {"overdue": "true"}, {"establishment": str(estate.home.pk)}, {"overdue": "perhaps"}):
        answer = client.get(reverse("api-actions"), query)
        assert answer.status_code == 403, (who, query)
        said = answer.json()["detail"]
        assert "/api/plans/<id>/" in said
        assert "/open-data/" in said
        assert "results" not in answer.json()


@pytest.mark.parametrize("who", ["coordinator", "approver", "owner", "outsider", "analyst"])
def test_those_who_read_plans_as_they_are_may_list_actions(client, estate, who) -> None:
    client.force_login(estate.people[who])
    assert client.get(reverse("api-actions")).status_code == 200


FILTER_VALUES: dict[str, list[str]] = {
    "status": [status.value for status in Status],
    "decision": ["agreed", "partly_agreed", "not_agreed"],
    "overdue": ["true", "false"],
    "action_status": ["not_started", "completed"],
}


@pytest.mark.parametrize(
    "who",
    ["public", "coordinator", "approver", "owner", "outsider", "inspector", "probation_inspector", "analyst"],
)
def test_no_filter_shows_anyone_more_than_they_read_without_it(client, estate, who) -> None:
    if who != "public":
        client.force_login(estate.people[who])
    models.ActionPlan.objects.filter(pk=estate.published.pk).update(status=Status.DRAFT)  # a next version begun
    readable_plans = _plans(client)
    refused = who in {"public", "inspector", "probation_inspector"}
    readable_actions = set() if refused else _actions(client)
    places = {"establishment": [str(estate.home.pk), str(estate.other.pk)], "inspectorate": ["HMIP"]}
    for name, value in product([*FILTER_VALUES, *places], range(2)):
        values = {**FILTER_VALUES, **places}[name]
        chosen = values[value % len(values)]
        if name in PLAN_FILTERS:
            assert _plans(client, **{name: chosen}) <= readable_plans, (who, name, chosen)
        if refused:
            assert client.get(reverse("api-actions"), {name: chosen}).status_code == 403, (who, name, chosen)
        else:
            assert _actions(client, **{name: chosen}) <= readable_actions, (who, name, chosen)


def test_each_plans_status_is_read_in_the_lists_query_as_read_status_gives_it(estate) -> None:
    models.ActionPlan.objects.filter(pk=estate.published.pk).update(status=Status.DRAFT)
    plans = models.ActionPlan.objects.all()
    for user in [*estate.people.values()]:
        annotated = {plan.pk: plan.read_status for plan in with_read_status(user, plans)}
        assert annotated == {plan.pk: read_status(user, plan).value for plan in plans}, user.username


def test_the_lists_read_the_same_number_of_queries_for_few_rows_and_many(client, estate) -> None:
    client.force_login(estate.people["inspector"])
    for url in (reverse("api-plans"), reverse("api-actions")):
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for seed in range(4):
            plan = stored_plan(estate.other, status=Status.PUBLISHED, seed=40 + seed)
            models.ActionPlan.objects.filter(pk=plan.pk).update(published=date(2025, 1, 1))
        with CaptureQueriesContext(connection) as many:
            client.get(url)
        assert len(many) == len(few), url


def test_the_openapi_schema_describes_the_filters_and_is_valid(client, db) -> None:
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    validate_schema(schema)
    for path, filters in (("/api/plans/", PLAN_FILTERS), ("/api/actions/", ACTION_FILTERS)):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert filters | {"page", "page_size"} <= set(parameters), path
        assert all(parameters[name]["in"] == "query" for name in filters)
        assert all(parameters[name].get("description") for name in filters), path
    statuses = {p["name"]: p for p in schema["paths"]["/api/plans/"]["get"]["parameters"]}["status"]
    assert set(statuses["schema"]["enum"]) == {status.value for status in Status}
