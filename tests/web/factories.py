"""Factories for people, establishments and stored plans."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory

from actionplan.accounts.models import AT_ESTABLISHMENT, AT_INSPECTORATE, Membership, Role, User
from actionplan.core.generator import generate_plan
from actionplan.owners.models import ActionOwner, Holding, Owner
from actionplan.storage import models
from actionplan.storage.conversion import save_plan
from actionplan.workflow.states import freeze_as_stored

PASSWORD = "correct horse battery staple"
HELD_SINCE = date(2020, 1, 1)


class InspectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Inspectorate
        django_get_or_create = ("short_name",)

    short_name = "HMIP"
    name = "HM Inspectorate of Prisons"


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Establishment

    name = factory.Sequence(lambda n: f"HMP Testwood {n}")
    inspectorate = factory.SubFactory(InspectorateFactory)


class UserFactory(factory.django.DjangoModelFactory):
    """A person holding ``role``: at each of ``establishments``, at ``inspectorate``, or across the estate."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.uk")
    role = Role.COORDINATOR
    establishments: Any = ()
    inspectorate: Any = None
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        role = Role(kwargs.pop("role"))
        establishments = list(kwargs.pop("establishments") or ())
        inspectorate = kwargs.pop("inspectorate")
        user = super()._create(model_class, *args, **kwargs)
        if role in AT_ESTABLISHMENT:
            Membership.objects.bulk_create(Membership(user=user, role=role, establishment=e) for e in establishments)
        elif role in AT_INSPECTORATE:
            if inspectorate is not None:
                Membership.objects.create(user=user, role=role, inspectorate=inspectorate)
        else:
            Membership.objects.create(user=user, role=role)
        return user

    @factory.post_generation
    def saved(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.save()  # keeps the password just set


class MembershipFactory(factory.django.DjangoModelFactory):
    """A post held: by default a coordinator's at a new establishment."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, role=Role.COORDINATOR)
    role = Role.COORDINATOR
    establishment = factory.SubFactory(EstablishmentFactory)
    inspectorate = None


def stored_plan(
    establishment: models.Establishment,
    *,
    status: str = models.ActionPlan.Status.DRAFT,
    seed: int = 1,
    recommendations: int = 6,
) -> models.ActionPlan:
    """A generated plan stored for ``establishment``; a sent or published one with its frozen version."""
    plan = generate_plan(seed, recommendations=recommendations, establishment=establishment.name)
    if status not in (models.ActionPlan.Status.SENT, models.ActionPlan.Status.PUBLISHED):
        plan.submitted = None
        return save_plan(plan, establishment=establishment, status=status)
    stored = save_plan(plan, establishment=establishment, status=status)
    freeze_as_stored(stored, note="Stored as already sent.")
    return stored


class OwnerFactory(factory.django.DjangoModelFactory):
    """A post (by default) in the owner directory, serving the establishments given."""

    class Meta:
        model = Owner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Head of Post {n}")

    @factory.post_generation
    def establishments(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.establishments.set(extracted)


def give_actions(owner: Owner, *actions: models.Action) -> None:
    """Make ``owner`` an owner of each action, as matching it would: the first owner the plan names that is not
    matched yet becomes ``owner``; when every one is, ``owner`` is added after them."""
    for action in actions:
        waiting = action.owner_links.filter(owner__isnull=True).order_by("position").first()
        if waiting is not None:
            waiting.owner = owner
            waiting.save(update_fields=["owner"])
            continue
        last = action.owner_links.order_by("-position").values_list("position", flat=True).first()
        ActionOwner.objects.create(
            action=action, position=0 if last is None else last + 1, written=owner.name, owner=owner
        )


def held_post(user: User, *actions: models.Action, name: str = "Head of Safety") -> Owner:
    """A post at the actions' establishments, held by ``user`` since long before any test's today, owning
    ``actions``."""
    establishments = {action.recommendation.plan.inspection.establishment for action in actions}
    owner = OwnerFactory(name=name, establishments=list(establishments))
    Holding.objects.create(owner=owner, user=user, started=HELD_SINCE)
    give_actions(owner, *actions)
    return owner
