"""Who may do what: the one table of permissions, and the queries that apply it."""

from __future__ import annotations

import operator
from enum import StrEnum
from functools import reduce

from django.contrib.auth.models import AnonymousUser
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value

from actionplan.accounts.models import Role, User
from actionplan.owners.models import actions_held_by
from actionplan.storage.models import Action, ActionPlan, Establishment
from actionplan.workflow.models import Transition

Status = ActionPlan.Status


class Scope(StrEnum):
    """Which plans a permission reaches for a role."""

    ALL = "all"  # every plan
    OWN_ESTABLISHMENTS = "own_establishments"  # plans of the establishments the person belongs to
    SENT_TO_OWN_INSPECTORATE = "sent_to_own_inspectorate"  # plans sent to the person's inspectorate
    PUBLISHED = "published"  # plans that have been published (the public sees the published version)
    OWN_ACTIONS = "own_actions"  # the actions the person owns (see own_actions_q), and the plans that hold them


class Permission(StrEnum):
    VIEW_PLAN = "view_plan"
    EDIT_PLAN = "edit_plan"  # draft a plan's content: its recommendations, decisions, responses and actions
    START_PLAN = "start_plan"  # record an inspection and start its plan (scope: the establishments it may be for)
    APPROVE_PLAN = "approve_plan"  # sign a submitted plan off, or return it to draft
    SEND_PLAN = "send_plan"  # submit for approval, record that it was sent to the inspectorate, publish it
    VIEW_HISTORY = "view_history"  # see every change, the frozen versions and their comparison; restore one
    VIEW_PROGRESS = "view_progress"  # see actions' progress updates, evidence and moved targets
    UPDATE_ACTION = "update_action"  # post a progress update with evidence, change an action's status
    CHANGE_TARGET = "change_target"  # move an action's target date, giving the reason
    CONFIRM_IMPLEMENTATION = "confirm_implementation"  # confirm or dispute that a recommendation is implemented
    REVIEW_PROGRESS = "review_progress"  # record the inspectorate's judgement of progress on a recommendation
    VIEW_DASHBOARD = "view_dashboard"  # delivery dashboards (scope ALL: the whole estate's)
    HAND_OVER = "hand_over"  # hand a post or organisation to someone else, or add a holder (where it serves)


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
    Permission.APPROVE_PLAN: {
        Role.ADMIN: Scope.ALL,
        Role.APPROVER: Scope.OWN_ESTABLISHMENTS,
    },
    Permission.SEND_PLAN: {
        Role.ADMIN: Scope.ALL,
        Role.COORDINATOR: Scope.OWN_ESTABLISHMENTS,
        Role.APPROVER: Scope.OWN_ESTABLISHMENTS,
    },
    Permission.VIEW_HISTORY: {
        Role.ADMIN: Scope.ALL,
        Role.ANALYST: Scope.ALL,
        Role.COORDINATOR: Scope.OWN_ESTABLISHMENTS,
        Role.APPROVER: Scope.OWN_ESTABLISHMENTS,
    },
    # For actions, OWN_ESTABLISHMENTS also reaches the actions the person owns wherever they are.
    Permission.VIEW_PROGRESS: {
        Role.ADMIN: Scope.ALL,
        Role.ANALYST: Scope.ALL,
        Role.COORDINATOR: Scope.OWN_ESTABLISHMENTS,
        Role.APPROVER: Scope.OWN_ESTABLISHMENTS,
        Role.ACTION_OWNER: Scope.OWN_ESTABLISHMENTS,
        Role.INSPECTORATE: Scope.SENT_TO_OWN_INSPECTORATE,
    },
    Permission.UPDATE_ACTION: {
        Role.ADMIN: Scope.ALL,
        Role.COORDINATOR: Scope.OWN_ESTABLISHMENTS,
        Role.APPROVER: Scope.OWN_ACTIONS,
        Role.ACTION_OWNER: Scope.OWN_ACTIONS,
    },
    Permission.CHANGE_TARGET: {
        Role.ADMIN: Scope.ALL,
        Role.COORDINATOR: Scope.OWN_ESTABLISHMENTS,
    },
    Permission.CONFIRM_IMPLEMENTATION: {
        Role.ADMIN: Scope.ALL,
        Role.COORDINATOR: Scope.OWN_ESTABLISHMENTS,
    },
    Permission.REVIEW_PROGRESS: {
        Role.ADMIN: Scope.ALL,
        Role.INSPECTORATE: Scope.SENT_TO_OWN_INSPECTORATE,
    },
    Permission.VIEW_DASHBOARD: {
        Role.ADMIN: Scope.ALL,
        Role.ANALYST: Scope.ALL,
        Role.COORDINATOR: Scope.OWN_ESTABLISHMENTS,
        Role.APPROVER: Scope.OWN_ESTABLISHMENTS,
        Role.ACTION_OWNER: Scope.OWN_ESTABLISHMENTS,
    },
    Permission.HAND_OVER: {
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


def own_actions_q(user: User) -> Q:
    """The actions this person owns (over Action): those one of whose owners, a post or an organisation, they
    hold today. Ownership follows the directory, so a post handed over takes its actions with it."""
    return actions_held_by(user.pk)


def _scope_filter(user: User | AnonymousUser, scope: Scope) -> Q:
    if scope is Scope.ALL:
        return Q()
    if scope is Scope.PUBLISHED:
        return Q(status=Status.PUBLISHED) | Q(published__isnull=False)
    assert isinstance(user, User)
    if scope is Scope.OWN_ESTABLISHMENTS:
        return Q(inspection__establishment__in=user.establishments.all())
    if scope is Scope.OWN_ACTIONS:
        return Q(pk__in=Action.objects.filter(own_actions_q(user)).values("recommendation__plan"))
    # Once sent, a plan stays readable by its inspectorate even while a new version is drafted.
    ever_sent = Q(pk__in=Transition.objects.filter(to_status=Status.SENT).values("plan"))
    return Q(inspection__inspectorate=user.inspectorate_id) & (
        Q(status__in=_SENT) | Q(submitted__isnull=False) | ever_sent
    )


def _plans_in(user: User | AnonymousUser, scopes: set[Scope]) -> QuerySet[ActionPlan]:
    plans = ActionPlan.objects.select_related("inspection__establishment", "inspection__inspectorate")
    if Scope.ALL in scopes:
        return plans
    if not scopes:
        return plans.none()
    return plans.filter(reduce(operator.or_, (_scope_filter(user, scope) for scope in scopes)))


def plans_for(user: User | AnonymousUser, permission: Permission = Permission.VIEW_PLAN) -> QuerySet[ActionPlan]:
    """The plans this person may use with this permission (none when the table gives their role nothing).

    Signing in never takes away what the public may do: a person also reaches what the public reaches
    (the published plans of every establishment, read as the public reads them; see reads_as_public).
    """
    row = PERMISSIONS[permission]
    return _plans_in(user, {scope for scope in (row.get(role_of(user)), row.get(None)) if scope is not None})


def listed_plans(user: User | AnonymousUser) -> QuerySet[ActionPlan]:
    """The plans listed for this person (home page, the API's list): those their role reaches.

    Other establishments' published plans are left to the list of published plans, so that a person's
    own list stays theirs.
    """
    scope = PERMISSIONS[Permission.VIEW_PLAN].get(role_of(user))
    return _plans_in(user, {scope} if scope is not None else set())


def reads_as_public(user: User | AnonymousUser, plan: ActionPlan) -> bool:
    """Whether this person reads the plan only because the public may: then they read what the public reads."""
    scope = PERMISSIONS[Permission.VIEW_PLAN].get(role_of(user))
    if role_of(user) is None or scope is None:
        return True
    if scope is Scope.ALL:
        return False
    return not ActionPlan.objects.filter(_scope_filter(user, scope), pk=plan.pk).exists()


def can(user: User | AnonymousUser, permission: Permission, plan: ActionPlan) -> bool:
    row = PERMISSIONS[permission]
    if Scope.ALL in (row.get(role_of(user)), row.get(None)):
        return True  # every plan: nothing to ask the database
    return plans_for(user, permission).filter(pk=plan.pk).exists()


def permissions_on(user: User | AnonymousUser, plan: ActionPlan) -> frozenset[Permission]:
    """Every permission this person has on this plan, from the table, in one query (a page's tabs and links)."""
    role = role_of(user)
    checks: dict[str, ExpressionWrapper | Value] = {}
    for permission, row in PERMISSIONS.items():
        # As in plans_for, a person also has what the public has.
        scopes = {scope for scope in (row.get(role), row.get(None)) if scope is not None}
        if not scopes:
            continue
        reached = (
            Value(True)
            if Scope.ALL in scopes
            else reduce(operator.or_, (_scope_filter(user, scope) for scope in scopes))
        )
        checks[permission.value] = ExpressionWrapper(reached, output_field=BooleanField())
    if not checks:
        return frozenset()
    found = ActionPlan.objects.filter(pk=plan.pk).values(**checks).first() or {}
    return frozenset(Permission(name) for name, granted in found.items() if granted)


def establishments_for(user: User | AnonymousUser, permission: Permission) -> QuerySet[Establishment]:
    """The establishments this person may use with this permission (for starting plans, not reaching them)."""
    scope = PERMISSIONS[permission].get(role_of(user))
    if scope is Scope.ALL:
        return Establishment.objects.all()
    if scope is Scope.OWN_ESTABLISHMENTS:
        assert isinstance(user, User)
        return user.establishments.all()
    return Establishment.objects.none()


# Progress is reported once a plan is signed off: on approved, sent and published plans.
IN_DELIVERY = Q(recommendation__plan__status__in=[Status.APPROVED, *_SENT]) | Q(
    recommendation__plan__submitted__isnull=False
)


def actions_for(user: User | AnonymousUser, permission: Permission) -> QuerySet[Action]:
    """The actions this person may use with this permission."""
    scope = PERMISSIONS[permission].get(role_of(user))
    actions = Action.objects.all()
    if scope is None:
        return actions.none()
    assert isinstance(user, User), "the public has no scope over actions"
    if scope is Scope.OWN_ACTIONS:
        return actions.filter(own_actions_q(user))
    reached = Q(recommendation__plan__in=plans_for(user, permission).values("pk"))
    if scope is Scope.OWN_ESTABLISHMENTS:
        reached |= own_actions_q(user)
    return actions.filter(reached)


def can_view_progress(user: User | AnonymousUser, action: Action) -> bool:
    return actions_for(user, Permission.VIEW_PROGRESS).filter(pk=action.pk).exists()


def can_update_action(user: User | AnonymousUser, action: Action) -> bool:
    """The holders of any of the action's owners, the coordinators of its establishment and admins, once the plan
    is signed off."""
    return actions_for(user, Permission.UPDATE_ACTION).filter(IN_DELIVERY, pk=action.pk).exists()


def can_change_target(user: User | AnonymousUser, action: Action) -> bool:
    return actions_for(user, Permission.CHANGE_TARGET).filter(IN_DELIVERY, pk=action.pk).exists()


def can_view_estate_dashboard(user: User | AnonymousUser) -> bool:
    return reaches_everywhere(user, Permission.VIEW_DASHBOARD)


def reaches_everywhere(user: User | AnonymousUser, permission: Permission) -> bool:
    """Whether this person has the permission across the whole estate (scope ALL), not at some establishments."""
    return PERMISSIONS[permission].get(role_of(user)) is Scope.ALL
