"""How long a sign-in lasts: an idle timeout, renewed as the person uses the service, and an absolute limit."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

SIGNED_IN_AT = "actionplan_signed_in_at"
SEEN_AT = "actionplan_seen_at"
# The idle timeout is renewed by saving the session, which costs a write: at most once this many seconds.
RENEW_EVERY = 60


@receiver(user_logged_in)
def _note_sign_in(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = time.time()


def renew_session(request: HttpRequest) -> None:
    """Start the idle timeout again now (the session is saved with this response)."""
    request.session[SEEN_AT] = time.time()


def session_seconds_left(request: HttpRequest) -> int:
    """Seconds until the sign-in ends for want of use, counted from when the session was last renewed (it may
    have been saved since, which only leaves more time)."""
    now = time.time()
    return max(0, round(settings.SESSION_COOKIE_AGE - (now - request.session.get(SEEN_AT, now))))


def _only_asks_time_left(request: HttpRequest) -> bool:
    """The timeout warning asking how long is left: not a sign that the person is using the service."""
    return request.method == "GET" and request.path == reverse("session")


class SessionLimitMiddleware:
    """Signs a person out ACTIONPLAN_SESSION_MAX_AGE seconds after they signed in, however busy; while they
    are in, saves the session (so starting its SESSION_COOKIE_AGE idle timeout again) once a minute at most."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            if now - request.session.get(SIGNED_IN_AT, 0) > settings.ACTIONPLAN_SESSION_MAX_AGE:
                logout(request)  # the page then asks them to sign in again
            elif now - request.session.get(SEEN_AT, 0) > RENEW_EVERY and not _only_asks_time_left(request):
                renew_session(request)
        return self.get_response(request)
