"""Who may do what: the one table of permissions, and the queries that apply it."""

from __future__ import annotations

import operator
from enum import StrEnum
from functools import reduce

from django.contrib.auth.models import AnonymousUser
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value

from actionplan.accounts.models import Membership, Role, User
from actionplan.owners.models import action_ids_held_by, actions_held_by
from actionplan.storage.models import Action, ActionPlan, Establishment
from actionplan.workflow.models import Transition

Status = ActionPlan.Status


class Scope(StrEnum):
    """Which plans a permission reaches for a role, through one membership holding it."""

    ALL = "all"  # every plan
    OWN_ESTABLISHMENTS = "own_establishments"  # plans of the establishment the membership is held at
    SENT_TO_OWN_INSPECTORATE = "sent_to_own_inspectorate"  # plans sent to the inspectorate it is held at
    PUBLISHED = "published"  # plans that have been published (the public sees the published version)
    OWN_ACTIONS = "own_actions"  # the actions the person owns (own_actions_q), and the plans that hold them


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
    CONFIRM_REPEATS = "confirm_repeats"  # confirm or reject that a recommendation repeats an earlier plan's
    RECORD_FOLLOW_UP = "record_follow_up"  # record, at the next inspection, whether each recommendation was achieved


# The table: for each permission, each role's scope. A role missing from a row has no access. A person holds
# roles through memberships, and each membership gets its role's scope where it is held: a person reaches the
# union of their memberships' scopes. Anonymous visitors are the public, written here as the role None.
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
    Permission.CONFIRM_REPEATS: {
        Role.ADMIN: Scope.ALL,
        Role.ANALYST: Scope.ALL,
        Role.COORDINATOR: Scope.OWN_ESTABLISHMENTS,
    },
    # Of a plan sent to the inspectorate: its recommendations are what the next inspection follows up.
    Permission.RECORD_FOLLOW_UP: {
        Role.ADMIN: Scope.ALL,
        Role.INSPECTORATE: Scope.SENT_TO_OWN_INSPECTORATE,
    },
}

_SENT = [Status.SENT, Status.PUBLISHED]


def roles_of(user: User | AnonymousUser) -> frozenset[Role]:
    """Every role this person holds somewhere (none for the public and for deactivated people).

    Signing in reads them with the person (see accounts.authentication), so asking costs no query on a page.
    """
    if is_public(user):
        return frozenset()
    assert isinstance(user, User)
    return user.roles


def is_public(user: User | AnonymousUser) -> bool:
    """Whether this person is the public: not signed in, or deactivated."""
    return not user.is_authenticated or not user.is_active


def own_actions_q(user: User) -> Q:
    """The actions this person owns (over Action): those one of whose owners, a post or an organisation, they
    hold today. Ownership follows the directory, so a post handed over takes its actions with it."""
    return actions_held_by(user.pk)


def own_action_ids(user: User) -> list[int]:
    """The ids of the actions ``own_actions_q`` finds, read now: a page of a person's own actions asks for them by id
    (see ``action_ids_held_by``)."""
    return action_ids_held_by(user.pk)


def _memberships(user: User, roles: set[Role]) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, role__in=roles)


def _granted(user: User | AnonymousUser, permission: Permission) -> dict[Scope, set[Role]]:
    """For each scope this person has the permission in, the roles they hold that give it them (not the public's)."""
    granted: dict[Scope, set[Role]] = {}
    for role in roles_of(user):
        scope = PERMISSIONS[permission].get(role)
        if scope is not None:
            granted.setdefault(scope, set()).add(role)
    return granted


def _scope_filter(user: User | AnonymousUser, scope: Scope, roles: set[Role]) -> Q:
    """The plans one scope reaches through this person's memberships of these roles, each limited to the
    establishment or inspectorate the membership is held at."""
    assert scope is not Scope.ALL, "every plan is no condition: see _reached"
    if scope is Scope.PUBLISHED:
        return Q(status=Status.PUBLISHED) | Q(published__isnull=False)
    assert isinstance(user, User)
    if scope is Scope.OWN_ESTABLISHMENTS:
        return Q(inspection__establishment__in=_memberships(user, roles).values("establishment"))
    if scope is Scope.OWN_ACTIONS:
        return Q(pk__in=Action.objects.filter(own_actions_q(user)).values("recommendation__plan"))
    # Once sent, a plan stays readable by its inspectorate even while a new version is drafted.
    ever_sent = Q(pk__in=Transition.objects.filter(to_status=Status.SENT).values("plan"))
    return Q(inspection__inspectorate__in=_memberships(user, roles).values("inspectorate")) & (
        Q(status__in=_SENT) | Q(submitted__isnull=False) | ever_sent
    )


def _reached(user: User | AnonymousUser, scopes: dict[Scope, set[Role]]) -> Q | None:
    """The plans these scopes reach, as one condition; None when they reach every plan."""
    if Scope.ALL in scopes:
        return None
    return reduce(operator.or_, (_scope_filter(user, scope, roles) for scope, roles in scopes.items()))


def _with_public(user: User | AnonymousUser, permission: Permission) -> dict[Scope, set[Role]]:
    """The scopes this person has the permission in, the public's included: signing in never takes it away."""
    scopes = _granted(user, permission)
    public = PERMISSIONS[permission].get(None)
    if public is not None:
        scopes.setdefault(public, set())
    return scopes


def _plans_in(user: User | AnonymousUser, scopes: dict[Scope, set[Role]]) -> QuerySet[ActionPlan]:
    plans = ActionPlan.objects.select_related("inspection__establishment", "inspection__inspectorate")
    if not scopes:
        return plans.none()
    reached = _reached(user, scopes)
    return plans if reached is None else plans.filter(reached)


def plans_for(user: User | AnonymousUser, permission: Permission = Permission.VIEW_PLAN) -> QuerySet[ActionPlan]:
    """The plans this person may use with this permission: the union, over their memberships, of the scope the
    table gives each membership's role, limited to that membership's establishment or inspectorate.

    Signing in never takes away what the public may do: a person also reaches what the public reaches
    (the published plans of every establishment, read as the public reads them; see reading_of).
    """
    return _plans_in(user, _with_public(user, permission))


def listed_plans(user: User | AnonymousUser) -> QuerySet[ActionPlan]:
    """The plans listed for this person (home page, the API's list): those their memberships reach.

    Other establishments' published plans are left to the list of published plans, so that a person's
    own list stays theirs. The public's list is the published plans.
    """
    if is_public(user):
        return _plans_in(user, _with_public(user, Permission.VIEW_PLAN))
    return _plans_in(user, _granted(user, Permission.VIEW_PLAN))


class Reading(StrEnum):
    """How a person reads a plan they may view."""

    PUBLIC = "public"  # only because the public may: the version published
    INSPECTORATE = "inspectorate"  # only as the inspectorate it was sent to: the version sent
    CURRENT = "current"  # they work on it, or look across the estate: the plan as it now is


def _reading_scopes(user: User | AnonymousUser) -> tuple[dict[Scope, set[Role]], dict[Scope, set[Role]]]:
    """The person's VIEW_PLAN scopes that read the plan as it now is, and those that read what was sent."""
    granted = _granted(user, Permission.VIEW_PLAN)
    sent: dict[Scope, set[Role]] = {s: r for s, r in granted.items() if s is Scope.SENT_TO_OWN_INSPECTORATE}
    current: dict[Scope, set[Role]] = {s: r for s, r in granted.items() if s is not Scope.SENT_TO_OWN_INSPECTORATE}
    return current, sent


def reading_of(user: User | AnonymousUser, plan: ActionPlan) -> Reading:
    """How this person reads this plan (at most one query): as it now is when any of their memberships lets them
    work on it, as sent when they reach it only through their inspectorate, otherwise as the public."""
    current, sent = _reading_scopes(user)
    if not current and not sent:
        return Reading.PUBLIC
    if Scope.ALL in current:
        return Reading.CURRENT
    checks = {
        reading.value: ExpressionWrapper(reached, output_field=BooleanField())
        for reading, scopes in ((Reading.CURRENT, current), (Reading.INSPECTORATE, sent))
        if scopes and (reached := _reached(user, scopes)) is not None
    }
    found = ActionPlan.objects.filter(pk=plan.pk).values(**checks).first() or {}
    return next((Reading(name) for name, reached in found.items() if reached), Reading.PUBLIC)


def readings_of(user: User | AnonymousUser, plans: list[ActionPlan]) -> dict[int, Reading]:
    """``reading_of`` for many plans at once (at most one query): how this person reads each, by its id."""
    current, sent = _reading_scopes(user)
    if not current and not sent:
        return dict.fromkeys((plan.pk for plan in plans), Reading.PUBLIC)
    if Scope.ALL in current:
        return dict.fromkeys((plan.pk for plan in plans), Reading.CURRENT)
    checks = {
        reading.value: ExpressionWrapper(reached, output_field=BooleanField())
        for reading, scopes in ((Reading.CURRENT, current), (Reading.INSPECTORATE, sent))
        if scopes and (reached := _reached(user, scopes)) is not None
    }
    found = ActionPlan.objects.filter(pk__in=[plan.pk for plan in plans]).annotate(**checks)
    return {
        pk: next((Reading(name) for name, reached in zip(checks, flags, strict=True) if reached), Reading.PUBLIC)
        for pk, *flags in found.values_list("pk", *checks)
    }


def current_reading_q(user: User | AnonymousUser) -> Q | None:
    """Of the plans listed for this person, those they read as they now are, as a condition on plans (None: all
    of them, as for everyone who holds no inspectorate post)."""
    current, sent = _reading_scopes(user)
    if not sent:
        return None
    return _reached(user, current) if current else Q(pk__in=[])


def reads_plans_as_they_are(user: User | AnonymousUser) -> bool:
    """Whether this person reads any plan as it now is (rather than only as published or as sent to them)."""
    current, _sent = _reading_scopes(user)
    return bool(current)


def reads_as_public(user: User | AnonymousUser, plan: ActionPlan) -> bool:
    """Whether this person reads the plan only because the public may: then they read what the public reads."""
    return reading_of(user, plan) is Reading.PUBLIC


def can(user: User | AnonymousUser, permission: Permission, plan: ActionPlan) -> bool:
    if Scope.ALL in _with_public(user, permission):
        return True  # every plan: nothing to ask the database
    return plans_for(user, permission).filter(pk=plan.pk).exists()


def permissions_on(user: User | AnonymousUser, plan: ActionPlan) -> frozenset[Permission]:
    """Every permission this person has on this plan, from the table, in one query (a page's tabs and links)."""
    checks: dict[str, ExpressionWrapper | Value] = {}
    for permission in PERMISSIONS:
        # As in plans_for, a person also has what the public has.
        scopes = _with_public(user, permission)
        if not scopes:
            continue
        reached = _reached(user, scopes)
        checks[permission.value] = (
            Value(True) if reached is None else ExpressionWrapper(reached, output_field=BooleanField())
        )
    if not checks:
        return frozenset()
    found = ActionPlan.objects.filter(pk=plan.pk).values(**checks).first() or {}
    return frozenset(Permission(name) for name, granted in found.items() if granted)


def establishments_for(user: User | AnonymousUser, permission: Permission) -> QuerySet[Establishment]:
    """The establishments this person may use with this permission (for starting plans, not reaching them)."""
    scopes = _granted(user, permission)
    if Scope.ALL in scopes:
        return Establishment.objects.all()
    if Scope.OWN_ESTABLISHMENTS in scopes:
        assert isinstance(user, User)
        return Establishment.objects.filter(
            pk__in=_memberships(user, scopes[Scope.OWN_ESTABLISHMENTS]).values("establishment")
        )
    return Establishment.objects.none()


# Progress is reported once a plan is signed off: on approved, sent and published plans.
IN_DELIVERY = Q(recommendation__plan__status__in=[Status.APPROVED, *_SENT]) | Q(
    recommendation__plan__submitted__isnull=False
)


def actions_for(user: User | AnonymousUser, permission: Permission) -> QuerySet[Action]:
    """The actions this person may use with this permission: those of the plans their memberships reach, and,
    for a scope of their own actions or establishments, the actions they own wherever those are."""
    scopes = _granted(user, permission)
    actions = Action.objects.all()
    if not scopes:
        return actions.none()
    if Scope.ALL in scopes:
        return actions
    assert isinstance(user, User), "the public has no scope over actions"
    by_plan: dict[Scope, set[Role]] = {
        scope: roles for scope, roles in scopes.items() if scope is not Scope.OWN_ACTIONS
    }
    reached = own_actions_q(user) if Scope.OWN_ACTIONS in scopes or Scope.OWN_ESTABLISHMENTS in scopes else None
    if by_plan:
        in_plans = Q(recommendation__plan__in=_plans_in(user, by_plan).values("pk"))
        reached = in_plans if reached is None else in_plans | reached
    assert reached is not None
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
    return Scope.ALL in _granted(user, Permission.VIEW_DASHBOARD)


def reaches_everywhere(user: User | AnonymousUser, permission: Permission) -> bool:
    """Whether this person has the permission across the whole estate (scope ALL), not at some establishments."""
    return Scope.ALL in _granted(user, permission)


def reading_places(user: User | AnonymousUser) -> tuple[bool, set[int], set[int]]:
    """Where this person reads plans as they now are (everywhere: True; or these establishments), and the
    inspectorates through which they read the versions sent (one query at most; for search, which filters its
    index by them as ``reading_of`` decides for one plan)."""
    current, sent = _reading_scopes(user)
    if Scope.ALL in current:
        return True, set(), set()
    roles = {role for roles in (*current.values(), *sent.values()) for role in roles}
    if not roles:
        return False, set(), set()
    assert isinstance(user, User)
    establishments: set[int] = set()
    inspectorates: set[int] = set()
    for role, establishment, inspectorate in _memberships(user, roles).values_list(
        "role", "establishment_id", "inspectorate_id"
    ):
        if role in current.get(Scope.OWN_ESTABLISHMENTS, set()) and establishment is not None:
            establishments.add(establishment)
        if role in sent.get(Scope.SENT_TO_OWN_INSPECTORATE, set()) and inspectorate is not None:
            inspectorates.add(inspectorate)
    return False, establishments, inspectorates
