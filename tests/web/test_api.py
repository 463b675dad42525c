"""The read API: who gets which plans, and plans served as valid canonical JSON."""

from django.urls import reverse

from actionplan.core import canonical
from actionplan.storage import models
from actionplan.storage.conversion import load_plan
from tests.web.factories import stored_plan


def _ids(response) -> set[int]:
    return {item["id"] for item in response.json()["results"]}


def test_the_public_gets_published_plans_only(client, estate) -> None:
    assert _ids(client.get(reverse("api-plans"))) == {estate.published.pk, estate.other_published.pk}
    assert client.get(reverse("api-plan", args=[estate.draft.pk])).status_code == 404


def test_a_coordinator_gets_their_establishments_plans(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    assert _ids(client.get(reverse("api-plans"))) == {estate.draft.pk, estate.sent.pk, estate.published.pk}


def test_an_outsider_gets_nothing(client, estate) -> None:
    client.force_login(estate.people["outsider"])
    assert client.get(reverse("api-plans")).json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert client.get(reverse("api-plan", args=[estate.sent.pk])).status_code == 404


def test_a_plan_is_valid_canonical_json(client, estate) -> None:
    client.force_login(estate.people["analyst"])
    data = client.get(reverse("api-plan", args=[estate.other_draft.pk])).json()
    canonical.validate(data)
    assert data == canonical.plan_to_dict(load_plan(estate.other_draft))


def test_the_api_writes_nothing(client, estate) -> None:
    client.force_login(estate.people["admin"])
    assert client.post(reverse("api-plans"), {}).status_code in (403, 405)
    assert client.delete(reverse("api-plan", args=[estate.draft.pk])).status_code == 405


def test_the_openapi_description_is_served(client, db) -> None:
    response = client.get(reverse("api-schema"))
    assert response.status_code == 200
    assert b"/api/plans/{plan_id}/" in response.content


def test_the_plan_list_comes_a_hundred_at_a_time(client, estate) -> None:
    for seed in range(100):
        stored_plan(estate.home, status=models.ActionPlan.Status.PUBLISHED, seed=10 + seed)
    first = client.get(reverse("api-plans")).json()
    assert first["count"] == 102
    assert len(first["results"]) == 100
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert [plan["id"] for plan in second["results"]] != []
    assert {p["id"] for p in first["results"]} | {p["id"] for p in second["results"]} == set(
        models.ActionPlan.objects.filter(status=models.ActionPlan.Status.PUBLISHED).values_list("pk", flat=True)
    )


def test_the_openapi_description_gives_the_pages_shape(client, db) -> None:
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    listed = schema["components"]["schemas"]["PaginatedPlanSummaryList"]
    assert {"count", "next", "previous", "results"} <= set(listed["properties"])
