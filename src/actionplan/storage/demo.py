"""A small fictional estate with plans and demo accounts (one per role, one with two posts), to try the service."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from actionplan.accounts.models import Membership, Role, User
from actionplan.core.generator import generate_estate
from actionplan.monitoring import clock
from actionplan.monitoring.demo import add_delivery
from actionplan.storage import models
from actionplan.storage.conversion import inspectorate_for, save_plan
from actionplan.workflow.states import freeze_as_stored

DEMO_PASSWORD = "demo-actionplan-2026"  # noqa: S105 - printed for people trying the demo; never in production

# The first establishments (where the demo coordinator works) get plans still in progress.
_STATUSES = [
    models.ActionPlan.Status.DRAFT,
    models.ActionPlan.Status.SUBMITTED_FOR_APPROVAL,
    models.ActionPlan.Status.PUBLISHED,
    models.ActionPlan.Status.SENT,
    models.ActionPlan.Status.APPROVED,
    models.ActionPlan.Status.PUBLISHED,
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    # Each post the person holds: a role and where, as positions among the first two establishments (none for
    # the inspectorate, whose post is at HMIP, and for estate-wide roles).
    posts: tuple[tuple[Role, tuple[int, ...]], ...]
    description: str

    @property
    def roles_label(self) -> str:
        return ", ".join(str(role.label) for role, _ in self.posts)


def demo_accounts() -> list[DemoAccount]:
    return [
        DemoAccount("coordinator", ((Role.COORDINATOR, (0, 1)),), "plan coordinator for the first two establishments"),
        DemoAccount(
            "approver", ((Role.APPROVER, (0, 1)),), "Governor who signs off the first two establishments' plans"
        ),
        DemoAccount(
            "deputy",
            ((Role.COORDINATOR, (0,)), (Role.APPROVER, (1,))),
            "coordinates the first establishment's plans and signs off the second's",
        ),
        DemoAccount("owner", ((Role.ACTION_OWNER, (0,)),), "action owner at the first establishment"),
        DemoAccount("inspector", ((Role.INSPECTORATE, ()),), "HM Inspectorate of Prisons: reads plans sent to it"),
        DemoAccount("analyst", ((Role.ANALYST, ()),), "HQ analyst: reads every plan"),
        DemoAccount("admin", ((Role.ADMIN, ()),), "administrator (also the Django admin)"),
    ]


@transaction.atomic
def load_demo(establishments: int = 6, *, plans_each: int = 1, seed: int = 2026) -> None:
    """Store a fictional estate and the demo accounts. Refused unless the settings allow demo data."""
    if not settings.ACTIONPLAN_DEMO_ALLOWED:
        raise ImproperlyConfigured("Demo data and accounts cannot be loaded with these settings (production).")
    hmip = inspectorate_for("HMIP")
    inspectorate_for("HMI Probation")
    stored_plans = []
    estate = generate_estate(establishments, plans_each=plans_each, seed=seed, published_before=clock.today())
    for number, plan in enumerate(estate):
        establishment, _ = models.Establishment.objects.get_or_create(
            name=plan.establishment,
            defaults={"inspectorate": hmip, "kind": _kind_of(plan.establishment)},
        )
        status = _STATUSES[number % len(_STATUSES)]
        if status not in (models.ActionPlan.Status.SENT, models.ActionPlan.Status.PUBLISHED):
            plan.submitted = None  # not sent to the inspectorate yet
        else:
            add_delivery(plan, clock.today(), seed=seed + number)
        stored = save_plan(plan, establishment=establishment, status=status)
        if status == models.ActionPlan.Status.PUBLISHED:
            stored.published = plan.submitted
            stored.save(update_fields=["published"])
        if status in (models.ActionPlan.Status.SENT, models.ActionPlan.Status.PUBLISHED):
            freeze_as_stored(stored, note="Demo plan, loaded as already sent or published.", today=clock.today())
        stored_plans.append(stored)
    _refresh_statistics()

    first_two = list(models.Establishment.objects.order_by("pk")[:2])
    for account in demo_accounts():
        roles = {role for role, _ in account.posts}
        user = User.objects.create_user(
            username=account.username,
            password=DEMO_PASSWORD,
            email=f"{account.username}@example.gov.uk",
            first_name=account.username.capitalize(),
            last_name="Demo",
            is_staff=Role.ADMIN in roles,
            is_superuser=Role.ADMIN in roles,
        )
        Membership.objects.bulk_create(
            [
                Membership(user=user, role=role, establishment=first_two[at])
                for role, places in account.posts
                for at in places
            ]
            + [
                Membership(user=user, role=role, inspectorate=hmip if role is Role.INSPECTORATE else None)
                for role, places in account.posts
                if not places
            ]
        )
        if Role.ACTION_OWNER in roles:
            models.Action.objects.filter(
                recommendation__plan__inspection__establishment=first_two[0], owner="Head of Residence"
            ).update(owner_user=user)
            # The first two plans are not yet sent; the owner also reports on the first published one.
            models.Action.objects.filter(
                recommendation__plan=next((p for p in stored_plans if p.published), None), owner="Head of Residence"
            ).update(owner_user=user)


def _refresh_statistics() -> None:
    """Tell PostgreSQL's planner how many rows were just loaded.

    A large estate is loaded in one transaction, and until it is analysed the planner takes the tables for
    empty: joined updates and the dashboard's queries then run as nested scans that take minutes. ANALYZE
    inside the transaction counts the rows it has written.
    """
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model in (models.ActionPlan, models.Recommendation, models.Action)]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")


def _kind_of(name: str) -> str:
    if "YOI" in name and not name.startswith("HMP"):
        return models.Establishment.Kind.YOUNG_OFFENDER_INSTITUTION
    return models.Establishment.Kind.PRISON
