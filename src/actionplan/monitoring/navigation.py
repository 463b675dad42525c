"""The service navigation entries of monitoring, for the roles the permission table gives them to."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from actionplan.accounts.access import PERMISSIONS, Permission, role_of
from actionplan.accounts.models import User


def navigation(user: User | AnonymousUser) -> list[dict[str, object]]:
    """The service navigation entries of monitoring this person has."""
    role = role_of(user)
    if role is None:
        return []
    items: list[dict[str, object]] = []
    if role in PERMISSIONS[Permission.UPDATE_ACTION]:
        items.append({"text": "My actions", "href": reverse("monitoring:my-actions")})
    if role in PERMISSIONS[Permission.VIEW_DASHBOARD]:
        items.append({"text": "Dashboard", "href": reverse("monitoring:dashboard")})
    return items
