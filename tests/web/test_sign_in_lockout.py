"""Failed sign-ins counted per person behind a proxy the service trusts, and per connection otherwise."""

from __future__ import annotations

from ipaddress import ip_network

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from actionplan.settings.environment import env_networks
from tests.web.factories import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


def _sign_in(client: Client, username: str, password: str = PASSWORD, **meta: str):
    return client.post(reverse("sign-in"), {"username": username, "password": password}, **meta)


def _someone_guesses(username: str, **meta: str) -> None:
    guesser = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(guesser, username, "wrong password", **meta)
    assert "Sign in is locked for now" in _sign_in(guesser, username, **meta).content.decode()


def test_behind_a_trusted_proxy_a_guesser_is_locked_out_and_the_person_still_signs_in(client, estate, settings) -> None:
    settings.ACTIONPLAN_TRUSTED_PROXIES = [ip_network("10.0.0.0/24")]
    _someone_guesses("coordinator", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    response = _sign_in(client, "coordinator", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(estate.people["coordinator"].pk)


def test_a_forwarded_address_from_anyone_but_a_trusted_proxy_is_ignored(client, estate, settings) -> None:
    settings.ACTIONPLAN_TRUSTED_PROXIES = [ip_network("10.0.0.0/24")]
    # A guesser who is not the proxy cannot dodge the count by writing the header themselves.
    _someone_guesses("coordinator", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = _sign_in(client, "coordinator", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert "Sign in is locked for now" in response.content.decode()


def test_a_proxy_that_is_not_an_address_stops_start_up_with_the_variable_named(monkeypatch) -> None:
    monkeypatch.setenv("ACTIONPLAN_TRUSTED_PROXIES", "10.0.0.5, proxy.example")
    with pytest.raises(ImproperlyConfigured, match="ACTIONPLAN_TRUSTED_PROXIES must be IP addresses"):
        env_networks("ACTIONPLAN_TRUSTED_PROXIES")
    monkeypatch.setenv("ACTIONPLAN_TRUSTED_PROXIES", "10.0.0.5, fd00::/8")
    assert [str(network) for network in env_networks("ACTIONPLAN_TRUSTED_PROXIES")] == ["10.0.0.5/32", "fd00::/8"]
