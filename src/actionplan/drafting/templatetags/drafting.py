"""Whether the person may start or draft plans, for the pages that link to drafting (rules: accounts.access)."""

from __future__ import annotations

from django import template
from django.contrib.auth.models import AnonymousUser

from actionplan.accounts.access import Permission, can, establishments_for
from actionplan.accounts.models import User
from actionplan.storage.models import ActionPlan

register = template.Library()


@register.simple_tag
def may_start_plans(user: User | AnonymousUser) -> bool:
    return establishments_for(user, Permission.START_PLAN).exists()


@register.simple_tag
def may_draft(user: User | AnonymousUser, stored: ActionPlan) -> bool:
    return can(user, Permission.EDIT_PLAN, stored)
