"""Who may do what: the one table of permissions, and the queries that apply it."""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from actionplan.accounts.models import Role, User
from actionplan.storage.models import ActionPlan, Establishment

Status = ActionPlan.Status


class Scope(StrEnum):
    """Which plans a permission reaches for a role."""

    ALL = "all"  # every plan
    OWN_ESTABLISHMENTS = "own_establishments"  # plans of the establishments the person belongs to
    SENT_TO_OWN_INSPECTORATE = "sent_to_own_inspectorate"  # plans sent to the person's inspectorate
    PUBLISHED = "published"  # published plans only


class Permission(StrEnum):
    VIEW_PLAN = "view_plan"
    EDIT_PLAN = "edit_plan"  # draft a plan's content: its recommendations, decisions, responses and actions
    START_PLAN = "start_plan"  # record an inspection and start its plan (scope: the establishments it may be for)


# The table: for each permission, each role's scope. A role missing from a row has no access.
# Anonymous visitors are the public, written here as the role None.
PERMISSIONS: dict[Permission, dict[Role | None, Scope]] = {
    Permission.VIEW_PLAN: {
        Role.ADMIN: Scope.ALL,
        Role.ANALYST: Scope.ALL,
        Role.COORDINATOR: Scope.OWN_ESTABLISHMENTS,
        Role.APPROVER: Scope.OWN_ESTABLISHMENTS,
        Role.ACTION_OWNER: Scope.OWN_ESTABLISHMENTS,
        Role.INSPECTORATE: Scope.SENT_TO_OWN_INSPECTORATE,
        None: Scope.PUBLISHED,
    },
    Permission.EDIT_PLAN: {
        Role.ADMIN: Scope.ALL,
        Role.COORDINATOR: Scope.OWN_ESTABLISHMENTS,
    },
    Permission.START_PLAN: {
        Role.ADMIN: Scope.ALL,
        Role.COORDINATOR: Scope.OWN_ESTABLISHMENTS,
    },
}

_SENT = [Status.SENT, Status.PUBLISHED]


def role_of(user: User | AnonymousUser) -> Role | None:
    if not user.is_authenticated or not user.is_active:
        return None
    assert isinstance(user, User)
    return Role.ADMIN if user.is_superuser else Role(user.role)


def _scope_filter(user: User | AnonymousUser, scope: Scope) -> Q:
    if scope is Scope.ALL:
        return Q()
    if scope is Scope.PUBLISHED:
        return Q(status=Status.PUBLISHED)
    assert isinstance(user, User)
    if scope is Scope.OWN_ESTABLISHMENTS:
        return Q(inspection__establishment__in=user.establishments.all())
    return Q(inspection__inspectorate=user.inspectorate_id, status__in=_SENT)


def plans_for(user: User | AnonymousUser, permission: Permission = Permission.VIEW_PLAN) -> QuerySet[ActionPlan]:
    """The plans this person may use with this permission (none when the table gives their role nothing)."""
    scope = PERMISSIONS[permission].get(role_of(user))
    plans = ActionPlan.objects.select_related("inspection__establishment", "inspection__inspectorate")
    if scope is None:
        return plans.none()
    return plans.filter(_scope_filter(user, scope))


def can(user: User | AnonymousUser, permission: Permission, plan: ActionPlan) -> bool:
    return plans_for(user, permission).filter(pk=plan.pk).exists()


def establishments_for(user: User | AnonymousUser, permission: Permission) -> QuerySet[Establishment]:
    """The establishments this person may use with this permission (for starting plans, not reaching them)."""
    scope = PERMISSIONS[permission].get(role_of(user))
    if scope is Scope.ALL:
        return Establishment.objects.all()
    if scope is Scope.OWN_ESTABLISHMENTS:
        assert isinstance(user, User)
        return user.establishments.all()
    return Establishment.objects.none()
