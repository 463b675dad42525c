"""The demo loader: a small estate, one account per role and one with two posts, never with production settings."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from actionplan.accounts.models import Membership, Role, User
from actionplan.storage import models
from actionplan.storage.demo import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db


def test_demo_loads_an_estate_and_an_account_per_role(client) -> None:
    call_command("load_demo", "--if-empty", "--establishments", "4")
    assert models.ActionPlan.objects.count() == 4
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role)
    response = client.post("/sign-in/", {"username": "coordinator", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    coordinator = User.objects.get(username="coordinator")
    listed = models.ActionPlan.objects.filter(inspection__establishment__memberships__user=coordinator)
    assert listed.exists()
    for plan in listed:
        assert f"/plans/{plan.pk}/" in body


def test_the_deputy_coordinates_one_establishment_and_signs_off_another(client, capsys) -> None:
    call_command("load_demo", "--establishments", "4")
    first, second = models.Establishment.objects.order_by("pk")[:2]
    deputy = User.objects.get(username="deputy")
    assert {(m.role, m.establishment) for m in deputy.memberships.all()} == {
        (Role.COORDINATOR, first),
        (Role.APPROVER, second),
    }
    assert "deputy       Plan coordinator, Approver" in capsys.readouterr().out
    client.force_login(deputy)
    assert f"(Plan coordinator at {first}, Approver at {second})" in client.get("/").content.decode()


def test_if_empty_leaves_stored_plans_alone(capsys) -> None:
    call_command("load_demo", "--establishments", "2")
    call_command("load_demo", "--if-empty")
    assert models.ActionPlan.objects.count() == 2
    assert "demo data not loaded" in capsys.readouterr().out


def test_demo_is_refused_with_production_settings(settings) -> None:
    settings.ACTIONPLAN_DEMO_ALLOWED = False
    with pytest.raises(ImproperlyConfigured):
        load_demo(2)
    assert not User.objects.exists()


def test_migrations_create_no_accounts() -> None:
    assert not User.objects.exists()
