"""Memberships: where each role may be held, each post held once, and the move from one role a person."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from actionplan.accounts.models import Membership, Role, User
from actionplan.owners.models import Holding
from tests.web.factories import EstablishmentFactory, InspectorateFactory, OwnerFactory, UserFactory


@pytest.mark.parametrize(
    ("role", "at_establishment", "at_inspectorate"),
    [
        (Role.COORDINATOR, False, False),
        (Role.APPROVER, False, True),
        (Role.ACTION_OWNER, True, True),
        (Role.INSPECTORATE, False, False),
        (Role.INSPECTORATE, True, True),
        (Role.ANALYST, True, False),
        (Role.ADMIN, False, True),
    ],
)
@pytest.mark.django_db
def test_a_role_is_refused_where_it_cannot_be_held(role: Role, at_establishment: bool, at_inspectorate: bool) -> None:
    person = UserFactory(role=Role.ANALYST)
    post = Membership(
        user=person,
        role=role,
        establishment=EstablishmentFactory() if at_establishment else None,
        inspectorate=InspectorateFactory() if at_inspectorate else None,
    )
    with pytest.raises(ValidationError, match="need an establishment"):
        post.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        post.save()


@pytest.mark.django_db
def test_each_post_is_held_once() -> None:
    establishment = EstablishmentFactory()
    hmip = InspectorateFactory()
    person = UserFactory(role=Role.COORDINATOR, establishments=[establishment])
    Membership.objects.create(user=person, role=Role.INSPECTORATE, inspectorate=hmip)
    Membership.objects.create(user=person, role=Role.ANALYST)
    # The same role elsewhere, and another role at the same establishment, are other posts.
    Membership.objects.create(user=person, role=Role.COORDINATOR, establishment=EstablishmentFactory())
    Membership.objects.create(user=person, role=Role.APPROVER, establishment=establishment)
    for again in [
        Membership(user=person, role=Role.COORDINATOR, establishment=establishment),
        Membership(user=person, role=Role.INSPECTORATE, inspectorate=hmip),
        Membership(user=person, role=Role.ANALYST),
    ]:
        with pytest.raises(ValidationError, match="already holds this role"):
            again.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            again.save()


@pytest.mark.django_db
def test_a_person_is_loaded_on_each_request_with_the_roles_they_hold(django_assert_num_queries: Any) -> None:
    person = UserFactory(role=Role.COORDINATOR, establishments=[EstablishmentFactory()])
    Membership.objects.create(user=person, role=Role.ANALYST)
    with django_assert_num_queries(1):
        loaded = User.objects.with_roles().get(pk=person.pk)
        assert loaded.roles == {Role.COORDINATOR, Role.ANALYST}
        assert loaded.roles_label == "Plan coordinator, Analyst"
    assert UserFactory(role=Role.ANALYST, is_superuser=True).roles == {Role.ANALYST, Role.ADMIN}


@pytest.mark.django_db
def test_holding_a_post_today_loads_a_person_as_an_action_owner() -> None:
    holder, former, nobody = UserFactory(), UserFactory(), UserFactory()
    post = OwnerFactory(establishments=[EstablishmentFactory()])
    Holding.objects.create(owner=post, user=holder, started=date(2024, 1, 1))
    Holding.objects.create(owner=post, user=former, started=date(2023, 1, 1), ended=date(2023, 12, 31))
    loaded = {person.pk: person.roles for person in User.objects.with_roles()}
    assert loaded[holder.pk] == {Role.ACTION_OWNER}
    assert loaded[former.pk] == loaded[nobody.pk] == frozenset()


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_each_role_into_memberships_and_can_be_reversed() -> None:
    before, after = [("accounts", "0002_initial")], [("accounts", "0005_remove_user_role")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Establishment = old.get_model("storage", "Establishment")
    Inspectorate = old.get_model("storage", "Inspectorate")
    OldUser = old.get_model("accounts", "User")
    hmip = Inspectorate.objects.create(short_name="HMIP", name="HM Inspectorate of Prisons")
    first, second = (Establishment.objects.create(name=n, inspectorate=hmip) for n in ("HMP One", "HMP Two"))
    coordinator = OldUser.objects.create(username="coordinator", role="coordinator")
    coordinator.establishments.set([first, second])
    OldUser.objects.create(username="inspector", role="inspectorate", inspectorate=hmip)
    OldUser.objects.create(username="analyst", role="analyst")
    OldUser.objects.create(username="nowhere", role="action_owner")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    held = {(m.user.username, m.role, m.establishment_id, m.inspectorate_id) for m in Membership.objects.all()}
    assert held == {
        ("coordinator", "coordinator", first.pk, None),
        ("coordinator", "coordinator", second.pk, None),
        ("inspector", "inspectorate", None, hmip.pk),
        ("analyst", "analyst", None, None),
    }

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    back = {u.username: u for u in old.get_model("accounts", "User").objects.all()}
    assert back["coordinator"].role == "coordinator"
    assert set(back["coordinator"].establishments.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert (back["inspector"].role, back["inspector"].inspectorate_id) == ("inspectorate", hmip.pk)
    assert back["analyst"].role == "analyst"
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)


def _change_form(person: User, **memberships: str) -> dict[str, str]:
    """The admin's change form of a person as it stands, with one membership row filled in as given."""
    return {
        "username": person.username,
        "email": person.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        **{f"memberships-0-{name}": value for name, value in memberships.items()},
    }


def test_admins_give_a_person_a_membership_on_their_page(client: Any, estate: Any) -> None:
    person = UserFactory(role=Role.ANALYST)
    client.force_login(estate.people["admin"])
    url = f"/admin/accounts/user/{person.pk}/change/"
    assert "memberships-0-role" in client.get(url).content.decode()

    refused = client.post(url, _change_form(person, role=Role.COORDINATOR))
    assert refused.status_code == 200
    assert "Coordinators, approvers and action owners need an establishment" in refused.content.decode()
    assert list(person.memberships.values_list("role", flat=True)) == [Role.ANALYST]

    saved = client.post(url, _change_form(person, role=Role.COORDINATOR, establishment=str(estate.home.pk)))
    assert saved.status_code == 302
    assert set(person.memberships.values_list("role", "establishment")) == {
        (Role.ANALYST, None),
        (Role.COORDINATOR, estate.home.pk),
    }
