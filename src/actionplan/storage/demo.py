"""A small fictional estate with plans and demo accounts (one per role, one with two posts), to try the service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from actionplan.accounts.models import Membership, Role, User
from actionplan.core.generator import OWNER_POSTS, generate_estate, generate_previous
from actionplan.core.owners import normalise
from actionplan.core.plan import Plan
from actionplan.cycle.models import FollowUpOutcome
from actionplan.monitoring import clock
from actionplan.monitoring.demo import add_delivery
from actionplan.owners.models import Holding, OtherName, Owner
from actionplan.search.indexing import indexing_in_bulk
from actionplan.search.models import SearchEntry
from actionplan.similar import index as similarity_index
from actionplan.similar.models import IndexedRecommendation, IndexedTerm
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
        DemoAccount("owner", ((Role.ACTION_OWNER, (0,)),), "Head of Residence at two establishments"),
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
    places = {}
    for plan in estate:
        places[plan.establishment], _ = models.Establishment.objects.get_or_create(
            name=plan.establishment,
            defaults={"inspectorate": hmip, "kind": _kind_of(plan.establishment)},
        )
    # The similarity index is made once, when every plan is stored, rather than after each one; each plan is
    # indexed for search once, when it is stored, sent or published, rather than at every step.
    with similarity_index.paused(), indexing_in_bulk():
        # The directory comes first, so that each plan's owners are matched as it is stored, as a real plan's are.
        _add_directory(list(places.values()))
        for number, plan in enumerate(estate):
            establishment = places[plan.establishment]
            # Every third establishment was inspected before: its plan repeats some of the earlier one's.
            previous = generate_previous(plan, seed + number) if number % 3 == 0 else None
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
            if previous is not None:
                _store_previous(*previous, establishment, stored.inspection)
            stored_plans.append(stored)
    similarity_index.rebuild()
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
        held = _posts_held(roles, first_two, stored_plans)
        if Role.ACTION_OWNER in roles:
            # An owner belongs where the posts they hold are: the demo's owner also at a published plan's.
            Membership.objects.bulk_create(
                [
                    Membership(user=user, role=Role.ACTION_OWNER, establishment=establishment)
                    for _post, establishment in held
                ],
                ignore_conflicts=True,
            )
        Holding.objects.bulk_create(
            Holding(owner=Owner.objects.get(name=post, establishments=establishment), user=user, started=_HELD_SINCE)
            for post, establishment in held
        )


def _store_previous(
    previous: Plan, repeats: dict[str, str], establishment: models.Establishment, following: models.Inspection
) -> None:
    """Store the published plan of an earlier inspection (stated repeats link to it as it is stored), with what
    the following inspection found of each of its recommendations: the repeated ones not achieved or only in
    part, most others achieved."""
    add_delivery(previous, clock.today(), seed=following.pk)
    stored = save_plan(previous, establishment=establishment, status=models.ActionPlan.Status.PUBLISHED)
    stored.published = previous.submitted
    stored.save(update_fields=["published"])
    freeze_as_stored(stored, note="Demo plan of an earlier inspection.", today=clock.today())
    repeated = set(repeats.values())
    Outcome = FollowUpOutcome.Outcome
    FollowUpOutcome.objects.bulk_create(
        FollowUpOutcome(
            recommendation=row,
            inspection=following,
            outcome=(Outcome.PARTIALLY_ACHIEVED if row.position % 2 else Outcome.NOT_ACHIEVED)
            if row.ref in repeated
            else (Outcome.NOT_ACHIEVED if row.position % 5 == 4 else Outcome.ACHIEVED),
        )
        for row in stored.recommendations.all()
    )


def _posts_held(
    roles: set[Role], first_two: list[models.Establishment], stored_plans: list[models.ActionPlan]
) -> list[tuple[str, models.Establishment]]:
    """The posts a demo account holds, and so the actions it owns: the approver is the Governor of the first two
    establishments; the owner is Head of Residence at the first, whose plans are not sent yet, and at the
    establishment of the first published plan, so that they also report progress."""
    if roles == {Role.APPROVER}:
        return [("Governor", establishment) for establishment in first_two]
    if roles == {Role.ACTION_OWNER}:
        published = next((p.inspection.establishment for p in stored_plans if p.published), first_two[0])
        return [("Head of Residence", establishment) for establishment in dict.fromkeys([first_two[0], published])]
    return []


# Organisations serving several establishments, and the names the generated plans use for them.
DEMO_ORGANISATIONS = (
    ("Pennine Care NHS Foundation Trust", "NHS trust", "Healthcare provider (NHS Trust)"),
    ("Learning Futures", "Education provider", "Education provider"),
    ("Estates Partnership", "Facilities management contractor", "Facilities management contractor"),
)
_HELD_SINCE = date(2024, 4, 1)


def _add_directory(establishments: list[models.Establishment]) -> None:
    """Each establishment's posts, and organisations serving every establishment (in bulk).

    An establishment a demo loaded before keeps the posts it has, so that loading again never doubles them.
    """
    served = set(Owner.establishments.through.objects.values_list("establishment_id", flat=True))
    new = [establishment for establishment in establishments if establishment.pk not in served]
    posts = Owner.objects.bulk_create(
        Owner(name=name, kind=Owner.Kind.POST) for _establishment in new for name in OWNER_POSTS
    )
    serves = Owner.establishments.through
    serves.objects.bulk_create(
        serves(owner_id=post.pk, establishment_id=establishment.pk)
        for post, establishment in zip(posts, [e for e in new for _name in OWNER_POSTS], strict=True)
    )
    for name, description, other_name in DEMO_ORGANISATIONS:
        organisation, _ = Owner.objects.get_or_create(
            name=name, kind=Owner.Kind.ORGANISATION, defaults={"description": description}
        )
        serves.objects.bulk_create(
            [serves(owner_id=organisation.pk, establishment_id=establishment.pk) for establishment in establishments],
            ignore_conflicts=True,
        )
        OtherName.objects.get_or_create(
            owner=organisation, normalised=normalise(other_name), defaults={"text": other_name}
        )


def _refresh_statistics() -> None:
    """Tell PostgreSQL's planner how many rows were just loaded.

    A large estate is loaded in one transaction, and until it is analysed the planner takes the tables for
    empty: joined updates and the dashboard's queries then run as nested scans that take minutes. ANALYZE
    inside the transaction counts the rows it has written.
    """
    if connection.vendor != "postgresql":
        return
    tables = [
        model._meta.db_table
        for model in (
            models.ActionPlan,
            models.Recommendation,
            models.Action,
            IndexedRecommendation,
            IndexedTerm,
            SearchEntry,
        )
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")


def _kind_of(name: str) -> str:
    if "YOI" in name and not name.startswith("HMP"):
        return models.Establishment.Kind.YOUNG_OFFENDER_INSTITUTION
    return models.Establishment.Kind.PRISON
