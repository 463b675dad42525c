"""The read API: who gets which plans, and plans served as valid canonical JSON."""

from django.urls import reverse

from actionplan.core import canonical
from actionplan.storage.conversion import load_plan


def _ids(response) -> set[int]:
    return {item["id"] for item in response.json()}


def test_the_public_gets_published_plans_only(client, estate) -> None:
    assert _ids(client.get(reverse("api-plans"))) == {estate.published.pk, estate.other_published.pk}
    assert client.get(reverse("api-plan", args=[estate.draft.pk])).status_code == 404


def test_a_coordinator_gets_their_establishments_plans(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    assert _ids(client.get(reverse("api-plans"))) == {estate.draft.pk, estate.sent.pk, estate.published.pk}


def test_an_outsider_gets_nothing(client, estate) -> None:
    client.force_login(estate.people["outsider"])
    assert client.get(reverse("api-plans")).json() == []
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
