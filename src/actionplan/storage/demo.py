"""A small fictional estate with plans and one account per role, for trying the service out."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Q

from actionplan.accounts.models import Role, User
from actionplan.core.generator import generate_estate
from actionplan.monitoring import clock
from actionplan.monitoring.demo import add_delivery
from actionplan.owners.models import ActionOwner, Holding, Owner
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
    role: Role
    description: str


def demo_accounts() -> list[DemoAccount]:
    return [
        DemoAccount("coordinator", Role.COORDINATOR, "plan coordinator for the first two establishments"),
        DemoAccount("approver", Role.APPROVER, "Governor who signs off the first two establishments' plans"),
        DemoAccount("owner", Role.ACTION_OWNER, "action owner at the first establishment"),
        DemoAccount("inspector", Role.INSPECTORATE, "HM Inspectorate of Prisons: reads plans sent to it"),
        DemoAccount("analyst", Role.ANALYST, "HQ analyst: reads every plan"),
        DemoAccount("admin", Role.ADMIN, "administrator (also the Django admin)"),
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
        user = User.objects.create_user(
            username=account.username,
            password=DEMO_PASSWORD,
            email=f"{account.username}@example.gov.uk",
            first_name=account.username.capitalize(),
            last_name="Demo",
            role=account.role,
            is_staff=account.role is Role.ADMIN,
            is_superuser=account.role is Role.ADMIN,
            inspectorate=hmip if account.role is Role.INSPECTORATE else None,
        )
        if account.role in (Role.COORDINATOR, Role.APPROVER):
            user.establishments.set(first_two)
        elif account.role is Role.ACTION_OWNER:
            user.establishments.set(first_two[:1])
            # The owner holds the Head of Residence post: the first two plans are not yet sent, so the post
            # also serves the establishment of the first published one, where the owner reports progress.
            published = next((p for p in stored_plans if p.published), None)
            # A second estate loaded beside the first shares its first establishment, and so its post.
            post = Owner.objects.filter(name="Head of Residence", establishments=first_two[0]).first()
            post = post or Owner.objects.create(name="Head of Residence")
            post.establishments.add(first_two[0], *([published.inspection.establishment] if published else []))
            Holding.objects.create(owner=post, user=user)
            residence = models.Action.objects.filter(
                Q(recommendation__plan__inspection__establishment=first_two[0]) | Q(recommendation__plan=published),
                owner="Head of Residence",
            )
            ActionOwner.objects.bulk_create(
                (
                    ActionOwner(action_id=pk, position=0, written="Head of Residence", owner=post)
                    for pk in residence.filter(owner_links__isnull=True).values_list("pk", flat=True)
                ),
            )


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
