"""People who sign in, and their memberships: a role held at an establishment, an inspectorate or estate-wide."""

from __future__ import annotations

import functools
from typing import ClassVar

from django.apps import apps
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import connection, models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Plan coordinator"
    APPROVER = "approver", "Approver"
    ACTION_OWNER = "action_owner", "Action owner"
    INSPECTORATE = "inspectorate", "Inspectorate"
    ANALYST = "analyst", "Analyst"
    ADMIN = "admin", "Administrator"


# Where each role is held: these at one establishment, the inspectorate role at one inspectorate, the rest
# across the whole estate.
AT_ESTABLISHMENT = (Role.COORDINATOR, Role.APPROVER, Role.ACTION_OWNER)
AT_INSPECTORATE = (Role.INSPECTORATE,)
ESTATE_WIDE = (Role.ANALYST, Role.ADMIN)


def _held_annotation(role: Role) -> str:
    return f"holds_{role.value}"


class UserQuerySet(models.QuerySet["User"]):
    def with_roles(self) -> UserQuerySet:
        """People with the roles they hold read in the same query (what signing in loads on every request)."""
        return self.annotate(**_held_conditions())


@functools.cache
def _held_conditions() -> dict[str, RawSQL]:
    """Whether a person holds each role, as one SQL condition a role.

    Building and compiling six ``Exists`` took four times as long as running the whole query, on every request
    of a signed-in person. The SQL names only the models' own tables and columns; the role is a parameter.
    """
    quote = connection.ops.quote_name
    membership = quote(Membership._meta.db_table)
    holding = quote(apps.get_model("owners", "Holding")._meta.db_table)
    person = f"{quote(User._meta.db_table)}.{quote('id')}"
    member = f"EXISTS (SELECT 1 FROM {membership} m WHERE m.user_id = {person} AND m.role = %s)"  # noqa: S608
    # Holding a post or an organisation today makes a person an owner of its actions wherever it serves.
    holds = f"EXISTS (SELECT 1 FROM {holding} h WHERE h.user_id = {person} AND h.ended IS NULL)"  # noqa: S608
    return {
        _held_annotation(role): RawSQL(  # noqa: S611
            f"({member} OR {holds})" if role == Role.ACTION_OWNER else f"({member})",
            (role.value,),
            output_field=models.BooleanField(),
        )
        for role in Role
    }


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    """Django's manager of people (create_user, create_superuser), with ``with_roles``."""


class User(AbstractUser):
    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[Role]:
        """Every role this person holds somewhere; a superuser is an administrator whatever they hold.

        Read once per object: from the annotations of ``with_roles`` when the person was loaded with them
        (as signing in does), otherwise in one query.
        """
        if all(hasattr(self, _held_annotation(role)) for role in Role):
            held = {role for role in Role if getattr(self, _held_annotation(role))}
        else:
            held = {Role(role) for role in self.memberships.values_list("role", flat=True)}
            if Role.ACTION_OWNER not in held and self.holdings.filter(ended__isnull=True).exists():
                held.add(Role.ACTION_OWNER)  # as with_roles: a holder owns the actions of what they hold
        if self.is_superuser:
            held.add(Role.ADMIN)
        return frozenset(held)

    @property
    def roles_label(self) -> str:
        """The roles held, in the table's order, for pages: "Plan coordinator, Approver"."""
        return ", ".join(str(role.label) for role in Role if role in self.roles)


class Membership(models.Model):
    """One role a person holds: at an establishment, at an inspectorate, or across the estate."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    establishment = models.ForeignKey(
        "storage.Establishment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text="For coordinators, approvers and action owners: the establishment whose plans they work on.",
    )
    inspectorate = models.ForeignKey(
        "storage.Inspectorate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text="For inspectorate staff: the inspectorate whose plans they read.",
    )

    class Meta:
        ordering = ["role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=AT_ESTABLISHMENT, establishment__isnull=False, inspectorate__isnull=True)
                    | Q(role__in=AT_INSPECTORATE, establishment__isnull=True, inspectorate__isnull=False)
                    | Q(role__in=ESTATE_WIDE, establishment__isnull=True, inspectorate__isnull=True)
                ),
                name="membership_held_where_its_role_is",
                violation_error_message=(
                    "Coordinators, approvers and action owners need an establishment (and no inspectorate); "
                    "inspectorate staff need an inspectorate (and no establishment); analysts and "
                    "administrators work across the estate (neither)."
                ),
            ),
            # The role fixes which of establishment and inspectorate is empty, so a person holds each post once
            # whatever the database makes of empty values in a unique index.
            models.UniqueConstraint(
                fields=["user", "role", "establishment"],
                condition=Q(establishment__isnull=False),
                name="membership_once_per_establishment",
                violation_error_message="This person already holds this role at this establishment.",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "inspectorate"],
                condition=Q(inspectorate__isnull=False),
                name="membership_once_per_inspectorate",
                violation_error_message="This person already holds this role at this inspectorate.",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(establishment__isnull=True, inspectorate__isnull=True),
                name="membership_once_estate_wide",
                violation_error_message="This person already holds this role across the estate.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.title}"

    @property
    def title(self) -> str:
        """The post as pages name it: "Plan coordinator at HMP Leeds", "Analyst"."""
        place = self.establishment or self.inspectorate
        label = Role(self.role).label
        return f"{label} at {place}" if place else str(label)
