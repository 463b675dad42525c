"""The service navigation entries of monitoring, for the roles the permission table gives them to."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from actionplan.accounts.access import PERMISSIONS, Permission, roles_of
from actionplan.accounts.models import User


def navigation(user: User | AnonymousUser) -> list[dict[str, object]]:
    """The service navigation entries of monitoring this person has, from any of the roles they hold."""
    roles = roles_of(user)
    items: list[dict[str, object]] = []
    if roles & PERMISSIONS[Permission.UPDATE_ACTION].keys():
        items.append({"text": "My actions", "href": reverse("monitoring:my-actions")})
    if roles & PERMISSIONS[Permission.VIEW_DASHBOARD].keys():
        items.append({"text": "Dashboard", "href": reverse("monitoring:dashboard")})
        items.append({"text": "Analysis", "href": reverse("analysis:index")})
    return items
