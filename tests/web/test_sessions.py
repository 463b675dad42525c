"""How long a sign-in lasts: until the browser closes, half an hour idle, eight hours at most."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actionplan.accounts.sessions import SEEN_AT, SIGNED_IN_AT
from tests.web.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, username: str, password: str = PASSWORD, **meta: str):
    return client.post(reverse("sign-in"), {"username": username, "password": password}, **meta)


def test_a_sign_in_ends_with_the_browser_and_after_half_an_hour_idle(client, estate) -> None:
    response = _sign_in(client, "coordinator")
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    # A browser-session cookie, gone when the browser closes.
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    session = Session.objects.get(session_key=cookie.value)
    idle = (session.expire_date.timestamp() - time.time()) / 60
    assert 29 < idle <= 30
    # Using the service starts the idle count again: after 25 minutes idle, a request gives another 30.
    idle_session = client.session
    idle_session[SEEN_AT] = time.time() - 25 * 60
    idle_session.save()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    client.get(reverse("home"))
    session.refresh_from_db()
    assert 29 < (session.expire_date.timestamp() - time.time()) / 60 <= 30


def test_a_sign_in_ends_after_eight_hours_however_busy(client, estate) -> None:
    _sign_in(client, "coordinator")
    assert client.get(reverse("monitoring:my-actions")).status_code == 200
    session = client.session
    assert time.time() - session[SIGNED_IN_AT] < 60
    session[SIGNED_IN_AT] = time.time() - 8 * 60 * 60 - 1
    session.save()
    response = client.get(reverse("monitoring:my-actions"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign-in"))
    assert "_auth_user_id" not in client.session


def test_an_expired_idle_session_asks_to_sign_in_again(client, estate) -> None:
    _sign_in(client, "coordinator")
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("monitoring:my-actions"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign-in"))
