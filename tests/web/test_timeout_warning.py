"""The session timeout warning: signed-in pages carry it (closed); "Stay signed in" starts the idle timeout again."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from actionplan.accounts.sessions import SEEN_AT


def _session_ends(client: Client) -> object:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _last_seen(client: Client, seconds_ago: int) -> None:
    session = client.session
    session[SEEN_AT] = time.time() - seconds_ago
    session.save()


def test_a_signed_in_page_carries_the_warning_closed(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    _last_seen(client, 40)  # renewed 40 seconds ago: too recently to renew again on this page
    body = client.get("/").content.decode()
    assert '<dialog class="app-timeout-dialog" id="timeout-warning"' in body
    assert "<dialog open" not in body  # shown only by the script; without JavaScript nothing appears
    left = int(body.split('data-seconds-left="')[1].split('"')[0])
    assert settings.SESSION_COOKIE_AGE - 45 <= left <= settings.SESSION_COOKIE_AGE - 40
    assert f'data-warning-seconds="{settings.ACTIONPLAN_SESSION_WARNING_SECONDS}"' in body
    assert 'data-session-url="/session/"' in body
    assert "Stay signed in" in body


def test_a_public_page_has_no_warning(client, db) -> None:
    assert "timeout-warning" not in client.get("/").content.decode()


def test_staying_signed_in_starts_the_idle_timeout_again(estate) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(estate.people["coordinator"])
    _last_seen(client, settings.SESSION_COOKIE_AGE - 30)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(seconds=30)
    )
    client.get("/")  # a page, for the form's security token
    response = client.post("/session/", {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert response.status_code == 200
    assert response.json() == {"signed_in": True, "seconds_left": settings.SESSION_COOKIE_AGE}
    assert _session_ends(client) > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 10)


def test_asking_the_time_left_is_not_counted_as_using_the_service(client, estate) -> None:
    """Another tab's warning asks before it signs anyone out; asking must not keep an idle sign-in alive."""
    client.force_login(estate.people["coordinator"])
    _last_seen(client, 600)
    ends = _session_ends(client)
    response = client.get("/session/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_AGE - 605 <= response.json()["seconds_left"] <= settings.SESSION_COOKIE_AGE - 600
    assert _session_ends(client) == ends
    client.get("/")  # a page is use: it starts the idle timeout again
    assert client.get("/session/").json()["seconds_left"] == settings.SESSION_COOKIE_AGE


def test_staying_signed_in_needs_the_forms_security_token(estate) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(estate.people["coordinator"])
    assert client.post("/session/").status_code == 403


def test_staying_signed_in_after_the_sign_in_has_ended_is_refused(client, estate) -> None:
    for answer in (client.post("/session/"), client.get("/session/")):
        assert answer.status_code == 403
        assert answer.json() == {"signed_in": False}


def test_the_timeout_warning_can_sign_out_to_the_signed_out_page(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    response = client.post("/sign-out/", {"next": "/signed-out/"})
    assert response["Location"] == "/signed-out/"
    page = client.get("/signed-out/").content.decode()
    assert "You have been signed out" in page
    assert f"after {settings.SESSION_COOKIE_AGE // 60} minutes without using the service" in page
