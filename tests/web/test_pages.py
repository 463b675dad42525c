"""The pages: home, sign in and out, a plan as published, and their security headers."""

import base64
import hashlib
import re
from pathlib import Path

import govuk_frontend_django
import pytest
from django.conf import settings
from django.urls import reverse

from tests.web.factories import PASSWORD, held_post


def _sign_in(client, user) -> None:
    client.force_login(user)


def test_home_lists_published_plans_for_the_public(client, estate) -> None:
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "HMP Homefield" in body
    assert "HMP Otherton" in body
    assert reverse("plan", args=[estate.published.pk]) in body
    assert reverse("plan", args=[estate.draft.pk]) not in body


def test_home_lists_only_the_establishments_a_person_belongs_to(client, estate) -> None:
    _sign_in(client, estate.people["coordinator"])
    body = client.get("/").content.decode()
    assert reverse("plan", args=[estate.draft.pk]) in body
    assert "HMP Otherton" not in body


def test_an_outsider_sees_no_plans_and_cannot_open_one(client, estate) -> None:
    _sign_in(client, estate.people["outsider"])
    body = client.get("/").content.decode()
    assert "There are no plans for you to see yet." in body
    for plan in (estate.draft, estate.sent):
        assert client.get(reverse("plan", args=[plan.pk])).status_code == 404


def test_the_public_cannot_open_an_unpublished_plan(client, estate) -> None:
    assert client.get(reverse("plan", args=[estate.draft.pk])).status_code == 404
    assert client.get(reverse("plan", args=[estate.published.pk])).status_code == 200


def test_plan_page_shows_the_six_column_table(client, estate) -> None:
    _sign_in(client, estate.people["coordinator"])
    body = client.get(reverse("plan", args=[estate.draft.pk])).content.decode()
    headers = re.findall(r'<th scope="col" class="govuk-table__header">([^<]+)</th>', body)
    assert headers == [
        "1. Rec No",
        "2. Recommendation",
        "3. Agreed / Partly Agreed / Not Agreed",
        "4. Response (Action Taken/Planned)",
        "5. Responsible Owner",
        "6. Target Date",
    ]
    first = estate.draft.recommendations.first()
    ref_cell = rf'<th scope="row(group)?" rowspan="\d+" class="govuk-table__header">{re.escape(first.ref)}</th>'
    assert re.search(ref_cell, body)
    action = first.actions.first()
    assert action.owner in body
    assert action.target_text in body


def test_sign_in_and_out(client, estate) -> None:
    person = estate.people["approver"]
    response = client.post(reverse("sign-in"), {"username": person.username, "password": PASSWORD})
    assert response.status_code == 302
    assert "Sign out" in client.get("/").content.decode()
    assert client.get(reverse("sign-out")).status_code == 405, "signing out must not happen on GET"
    client.post(reverse("sign-out"))
    assert "Sign out" not in client.get("/").content.decode()


def test_a_wrong_password_is_reported_in_an_error_summary(client, estate) -> None:
    response = client.post(reverse("sign-in"), {"username": "coordinator", "password": "wrong"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert 'href="#id_username"' in body
    assert "<title>" in body
    assert "Error: Sign in" in body


def test_repeated_failures_lock_the_account(client, estate) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("sign-in"), {"username": "coordinator", "password": "wrong"})
    response = client.post(reverse("sign-in"), {"username": "coordinator", "password": PASSWORD})
    assert "Sign in is locked for now" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_forms_need_a_csrf_token(estate) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("sign-in"), {"username": "coordinator", "password": PASSWORD})
    assert response.status_code == 403


@pytest.mark.django_db
def test_content_security_policy_allows_only_the_govuk_inline_script(client) -> None:
    template = Path(govuk_frontend_django.__file__).parent / "templates/govuk_frontend_django/base.html"
    scripts = re.findall(r"<script>(.*?)</script>", template.read_text(), re.S)
    assert scripts == [settings.GOVUK_INLINE_SCRIPT], "the page template's inline script changed: update its hash"
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    policy = client.get("/").headers["Content-Security-Policy"]
    assert f"'sha256-{digest}'" in policy
    assert "'unsafe-inline'" not in policy


@pytest.mark.django_db
def test_frontend_assets_are_served_where_their_css_asks(client) -> None:
    css = client.get("/static/govuk-frontend/dist/govuk/govuk-frontend.min.css")
    assert css.status_code == 200
    font = re.search(r"url\((/assets/fonts/[^)]+\.woff2)\)", b"".join(css.streaming_content).decode())
    assert font
    assert client.get(font.group(1)).status_code == 200
    assert client.get("/assets/images/icon-progress-tick.svg").status_code == 200
    assert client.get("/static/moj-frontend/moj/moj-frontend.min.css").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/storage/actionplan/",
        "/admin/storage/recommendation/?q=S30",
        "/admin/storage/action/",
        "/admin/storage/inspection/",
        "/admin/accounts/user/",
    ],
)
def test_admin_pages_work_for_admins_only(client, estate, url: str) -> None:
    client.force_login(estate.people["coordinator"])
    assert client.get(url).status_code == 302
    client.force_login(estate.people["admin"])
    assert client.get(url).status_code == 200


def test_admin_plan_page_shows_its_recommendations_inline(client, estate) -> None:
    client.force_login(estate.people["admin"])
    body = client.get(f"/admin/storage/actionplan/{estate.draft.pk}/change/").content.decode()
    first = estate.draft.recommendations.first()
    assert first.ref in body
    assert "HMP Homefield" in body


def test_admin_action_page_links_the_action_to_its_owners(client, estate) -> None:
    action = estate.sent.recommendations.first().actions.first()
    post = held_post(estate.people["owner"], action, name="Head of Safety")
    client.force_login(estate.people["admin"])
    body = client.get(f"/admin/storage/action/{action.pk}/change/").content.decode()
    assert "owner_links-0-owner" in body
    assert f'<option value="{post.pk}" selected>Head of Safety</option>' in body
