"""The longest a sign-in lasts, however busy: an absolute limit on top of the idle timeout."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

SIGNED_IN_AT = "actionplan_signed_in_at"


class SessionLimitMiddleware:
    """Signs a person out ACTIONPLAN_SESSION_MAX_AGE seconds after they signed in; the page then asks again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SIGNED_IN_AT)
            if started is not None and time.time() - started > settings.ACTIONPLAN_SESSION_MAX_AGE:
                logout(request)
        response = self.get_response(request)
        # Counted from the first response to the signed-in person: the sign-in itself.
        if request.user.is_authenticated and SIGNED_IN_AT not in request.session:
            request.session[SIGNED_IN_AT] = time.time()
        return response
