"""The pages about one plan, for its sub-navigation: only those the person may open."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from actionplan.accounts.access import Permission, permissions_on
from actionplan.accounts.models import User
from actionplan.storage.models import ActionPlan

# (page name, URL name, permission needed)
_PAGES = [
    ("The plan", "plan", Permission.VIEW_PLAN),
    ("Draft", "drafting:overview", Permission.EDIT_PLAN),
    ("Sign-off", "sign-off", Permission.VIEW_HISTORY),
    ("Progress", "monitoring:plan-progress", Permission.VIEW_PROGRESS),
    ("Versions", "versions", Permission.VIEW_HISTORY),
    ("History", "history", Permission.VIEW_HISTORY),
    ("Repeats", "cycle:repeats", Permission.CONFIRM_REPEATS),
    ("Follow-up", "cycle:follow-up", Permission.RECORD_FOLLOW_UP),
]


def plan_pages(
    user: User | AnonymousUser, plan: ActionPlan, current: str, granted: frozenset[Permission] | None = None
) -> list[dict[str, object]]:
    """The tabs; ``granted`` is ``permissions_on(user, plan)`` when the page has it already."""
    allowed = permissions_on(user, plan) if granted is None else granted
    return [
        {"text": text, "href": reverse(url_name, args=[plan.pk]), "current": url_name == current}
        for text, url_name, permission in _PAGES
        if permission in allowed
    ]
