"""Errors are shown as GOV.UK pages of this service, never as tracebacks, bare text or the template's placeholder."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from actionplan.pages.views import bad_request, server_error

SERVICE = settings.ACTIONPLAN_SERVICE_NAME


def _is_this_services_page(body: str) -> None:
    assert "govuk-template" in body
    assert SERVICE in body
    assert f"– {SERVICE} – GOV.UK</title>" in body.replace("\n", "").replace("  ", "")
    assert "Example project" not in body
    assert "Accessibility statement" in body  # the footer, as on every page


def test_a_missing_page_is_a_govuk_page(client, db) -> None:
    response = client.get("/plans/999999/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    _is_this_services_page(body)


def test_a_refusal_is_a_govuk_page(client, estate) -> None:
    client.force_login(estate.people["owner"])
    response = client.get(f"/plans/{estate.sent.pk}/sign-off/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "You cannot do that" in body
    assert "You do not have permission to do that with this plan." in body
    _is_this_services_page(body)


def test_a_server_error_is_a_govuk_page_without_details(db) -> None:
    response = server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in body
    assert "Traceback" not in body
    _is_this_services_page(body)


@pytest.mark.urls("tests.web.failing_urls")
def test_a_view_that_fails_answers_with_the_service_error_page(db) -> None:
    response = Client(raise_request_exception=False).get("/fails/")
    assert response.status_code == 500
    _is_this_services_page(response.content.decode())


def test_a_request_for_a_host_not_allowed_is_a_govuk_page(db) -> None:
    response = Client().get("/", HTTP_HOST="elsewhere.example")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Sorry, the service could not understand that request" in body
    _is_this_services_page(body)


def test_the_bad_request_page_needs_nothing_from_the_request(db) -> None:
    response = bad_request(RequestFactory().get("/", HTTP_HOST="elsewhere.example"), ValueError("bad"))
    assert response.status_code == 400
    _is_this_services_page(response.content.decode())


def test_a_form_without_its_security_token_is_explained(estate) -> None:
    response = Client(enforce_csrf_checks=True).post("/sign-in/", {"username": "coordinator", "password": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Your form could not be sent" in body
    _is_this_services_page(body)
