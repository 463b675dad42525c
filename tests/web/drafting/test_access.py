"""Who may use the drafting pages: coordinators of the plan's establishment and admins; everyone else is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan.storage.models import ActionPlan, Recommendation
from tests.web.conftest import Estate

PLAN_PAGES = ["overview", "add", "paste", "upload", "upload-preview", "recommendation"]
# Every page and method it answers (the overview is read only).
REQUESTS = [
    (method, name) for name in PLAN_PAGES for method in ("get", "post") if (method, name) != ("post", "overview")
]


def _url(name: str, plan: ActionPlan) -> str:
    if name == "recommendation":
        row = plan.recommendations.first()
        return reverse("drafting:recommendation", args=[plan.pk, row.pk])
    return reverse(f"drafting:{name}", args=[plan.pk])


def _unchanged(plan: ActionPlan) -> tuple:
    return (
        plan.recommendations.count(),
        tuple(plan.recommendations.values_list("revision", flat=True)),
        ActionPlan.objects.get(pk=plan.pk).status,
    )


@pytest.mark.parametrize(("method", "name"), REQUESTS)
def test_people_who_cannot_see_the_plan_get_not_found(client, estate: Estate, name: str, method: str) -> None:
    cases = [
        ("outsider", estate.draft),
        ("coordinator", estate.other_draft),
        ("approver", estate.other_draft),
        ("owner", estate.other_draft),
        ("inspector", estate.draft),
        ("probation_inspector", estate.sent),
    ]
    for person, plan in cases:
        client.force_login(estate.people[person])
        before = _unchanged(plan)
        response = getattr(client, method)(_url(name, plan), {"operation": "confirm", "text": "S1 Staff should."})
        assert response.status_code == 404, (person, name)
        assert _unchanged(plan) == before


@pytest.mark.parametrize(("method", "name"), REQUESTS)
def test_people_who_may_only_read_the_plan_are_forbidden(client, estate: Estate, name: str, method: str) -> None:
    cases = [
        ("approver", estate.draft),
        ("owner", estate.draft),
        ("analyst", estate.draft),
        ("inspector", estate.sent),
    ]
    for person, plan in cases:
        client.force_login(estate.people[person])
        before = _unchanged(plan)
        response = getattr(client, method)(_url(name, plan), {"operation": "confirm", "text": "S1 Staff should."})
        assert response.status_code == 403, (person, name)
        assert _unchanged(plan) == before


@pytest.mark.parametrize("name", PLAN_PAGES)
def test_the_public_is_sent_to_sign_in(client, estate: Estate, name: str) -> None:
    for plan in (estate.draft, estate.published):
        before = _unchanged(plan)
        response = client.post(_url(name, plan), {"operation": "confirm", "text": "S1 Staff should."})
        assert response.status_code == 302
        assert response.url.startswith(reverse("sign-in"))
        assert _unchanged(plan) == before


@pytest.mark.parametrize("person", ["coordinator", "admin"])
def test_coordinators_and_admins_may_draft(client, estate: Estate, person: str) -> None:
    client.force_login(estate.people[person])
    for name in ("overview", "add", "paste", "upload", "recommendation"):
        assert client.get(_url(name, estate.draft)).status_code == 200, name


def test_an_admin_may_draft_any_establishments_plan(client, estate: Estate) -> None:
    client.force_login(estate.people["admin"])
    assert client.get(_url("overview", estate.other_draft)).status_code == 200


def test_a_recommendation_of_another_plan_is_not_found(client, estate: Estate) -> None:
    client.force_login(estate.people["coordinator"])
    elsewhere: Recommendation = estate.other_draft.recommendations.first()
    url = reverse("drafting:recommendation", args=[estate.draft.pk, elsewhere.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("person", ["approver", "owner", "inspector", "probation_inspector", "analyst"])
def test_only_coordinators_and_admins_may_start_a_plan(client, estate: Estate, person: str) -> None:
    client.force_login(estate.people[person])
    before = ActionPlan.objects.count()
    assert client.get(reverse("drafting:start")).status_code == 403
    assert client.post(reverse("drafting:start"), {"establishment": str(estate.home.pk)}).status_code == 403
    assert ActionPlan.objects.count() == before


def test_the_public_is_sent_to_sign_in_to_start_a_plan(client, estate: Estate) -> None:
    response = client.get(reverse("drafting:start"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("sign-in"))


def test_an_outsider_may_start_a_plan_only_for_their_own_establishment(client, estate: Estate) -> None:
    client.force_login(estate.people["outsider"])
    body = client.get(reverse("drafting:start")).content.decode()
    assert "HMP Elsewhere" in body
    assert "HMP Homefield" not in body


def test_the_home_page_offers_to_start_a_plan_to_those_who_may(client, estate: Estate) -> None:
    start = reverse("drafting:start")
    assert start not in client.get("/").content.decode()
    client.force_login(estate.people["approver"])
    assert start not in client.get("/").content.decode()
    client.force_login(estate.people["coordinator"])
    assert start in client.get("/").content.decode()


def test_the_plan_page_links_to_drafting_for_those_who_may_edit(client, estate: Estate) -> None:
    overview = reverse("drafting:overview", args=[estate.draft.pk])
    client.force_login(estate.people["approver"])
    assert overview not in client.get(reverse("plan", args=[estate.draft.pk])).content.decode()
    client.force_login(estate.people["coordinator"])
    body = client.get(reverse("plan", args=[estate.draft.pk])).content.decode()
    assert overview in body
    assert "Edit this plan" in body
