"""Saves a form sent with a one-time token at most once; sending it again leads to what the first one saved.

A double click, a browser's "resend" and a page sent again after a slow answer all post the same token. The
token is recorded in the same transaction as the change the form makes, under a unique constraint, so that of
two posts racing each other one commits and the other is rolled back whole. A post without a token (a
program, an old page still open) is made as before: only a token seen before is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.messages.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect

from actionplan.submissions.models import TOKEN_FIELD, Submission

_TOKEN = re.compile(r"[0-9a-f]{32}")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
ALREADY_SAVED = "This was already saved."


class _SavedMeanwhile(Exception):
    """The same submission was saved by another request while this one ran: undo this one."""


class SubmitOnceMiddleware:
    """Last in MIDDLEWARE: it calls the view itself, inside the transaction that records the token."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if request.method != "POST" or TOKEN_FIELD not in request.POST:
            return None
        token = request.POST[TOKEN_FIELD]
        if not _TOKEN.fullmatch(token):
            return HttpResponseBadRequest(
                "This form could not be read: go back, reload the page and send the form again.",
                content_type="text/plain",
            )
        if (earlier := Submission.objects.filter(token=token).first()) is not None:
            return _already_saved(request, earlier)
        try:
            with transaction.atomic():
                response = view(request, *args, **kwargs)
                # Only a redirect says the form was saved (post, redirect, get); a form shown again with its
                # errors saved nothing and comes with a new token.
                if response.status_code in _REDIRECTS and response.has_header("Location"):
                    _record(request, token, response["Location"])
        except _SavedMeanwhile:
            # Whatever the undone view told the person ("saved") is forgotten with it.
            request._messages = default_storage(request)  # type: ignore[attr-defined]
            return _already_saved(request, Submission.objects.get(token=token))
        return response


def _record(request: HttpRequest, token: str, result: str) -> None:
    try:
        with transaction.atomic():
            Submission.objects.create(
                token=token, by=request.user if request.user.is_authenticated else None, result=result
            )
    except IntegrityError:
        raise _SavedMeanwhile from None


def _already_saved(request: HttpRequest, earlier: Submission) -> HttpResponse:
    messages.info(request, ALREADY_SAVED)
    return redirect(earlier.result)
