"""Errors are shown as GOV.UK pages, never as tracebacks or bare text."""

from django.test import RequestFactory
from django.views.defaults import server_error


def test_a_missing_page_is_a_govuk_page(client, db) -> None:
    response = client.get("/plans/999999/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "govuk-template" in body
    assert "Page not found" in body


def test_a_refusal_is_a_govuk_page(client, estate) -> None:
    client.force_login(estate.people["owner"])
    response = client.get(f"/plans/{estate.sent.pk}/sign-off/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "You cannot do that" in body
    assert "You do not have permission to do that with this plan." in body


def test_a_server_error_is_a_govuk_page_without_details(db) -> None:
    response = server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in body
    assert "Traceback" not in body


def test_a_form_without_its_security_token_is_explained(estate) -> None:
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/sign-in/", {"username": "coordinator", "password": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
