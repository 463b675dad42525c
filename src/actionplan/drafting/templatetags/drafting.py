"""Whether the person may start plans, for the pages that link to drafting (rules: accounts.access)."""

from __future__ import annotations

from django import template
from django.contrib.auth.models import AnonymousUser

from actionplan.accounts.access import Permission, establishments_for
from actionplan.accounts.models import User

register = template.Library()


@register.simple_tag
def may_start_plans(user: User | AnonymousUser) -> bool:
    return establishments_for(user, Permission.START_PLAN).exists()
