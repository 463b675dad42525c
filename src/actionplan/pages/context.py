"""Values every page template needs: the service name, the navigation and the signed-in person's session timeout."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html

from actionplan.accounts.sessions import session_seconds_left
from actionplan.monitoring.navigation import navigation as monitoring_navigation
from actionplan.workflow.worklist import navigation as worklist_navigation


def service(request: HttpRequest) -> dict[str, Any]:
    navigation: list[dict[str, object]] = [
        {"text": "Plans", "href": reverse("home")},
        *worklist_navigation(request.user),
        *monitoring_navigation(request.user),
    ]
    slots = {}
    if request.user.is_authenticated:
        # Signing out changes state, so it is a POST form with its CSRF token, shown as a navigation link.
        slots["navigationEnd"] = format_html(
            '<li class="govuk-service-navigation__item"><form method="post" action="{}" class="app-sign-out">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button type="submit" class="govuk-service-navigation__link app-link-button">Sign out'
            '<span class="govuk-visually-hidden"> ({})</span></button></form></li>',
            reverse("sign-out"),
            get_token(request),
            request.user.get_username(),
        )
    else:
        navigation.append({"text": "Sign in", "href": reverse("sign-in")})
    for item in navigation:
        item["active"] = request.path == item["href"]
    return {
        "service_name": settings.ACTIONPLAN_SERVICE_NAME,
        "service_navigation": navigation,
        "service_navigation_slots": slots,
        # For the timeout warning of a signed-in page: when the sign-in ends unless the person does something.
        "session_seconds_left": session_seconds_left(request) if request.user.is_authenticated else None,
        "session_warning_seconds": settings.ACTIONPLAN_SESSION_WARNING_SECONDS,
    }
