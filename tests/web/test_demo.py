"""The demo loader: a small estate, one account per role and one with two posts, never with production settings."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from actionplan.accounts.models import Membership, Role, User
from actionplan.core.generator import OWNER_POSTS
from actionplan.cycle.linking import suggestions
from actionplan.cycle.models import FollowUpOutcome, RepeatLink
from actionplan.owners.matching import directory_for
from actionplan.owners.models import ActionOwner, Owner, actions_held_by
from actionplan.storage import models
from actionplan.storage.demo import DEMO_ORGANISATIONS, DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db


def test_demo_loads_an_estate_and_an_account_per_role(client) -> None:
    call_command("load_demo", "--if-empty", "--establishments", "4")
    # Every third establishment (the first and the fourth) also has the plan of an earlier inspection.
    assert models.ActionPlan.objects.count() == 6
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
    assert models.ActionPlan.objects.count() == 3
    assert "demo data not loaded" in capsys.readouterr().out


def test_demo_is_refused_with_production_settings(settings) -> None:
    settings.ACTIONPLAN_DEMO_ALLOWED = False
    with pytest.raises(ImproperlyConfigured):
        load_demo(2)
    assert not User.objects.exists()


def test_migrations_create_no_accounts() -> None:
    assert not User.objects.exists()


def test_demo_owners_are_matched_to_a_directory_held_by_the_demo_accounts() -> None:
    load_demo(4)
    establishments = list(models.Establishment.objects.all())
    for establishment in establishments:
        directory = directory_for(establishment)
        assert len(directory) == len(OWNER_POSTS) + len(DEMO_ORGANISATIONS)
        assert directory.knows("Education provider"), "the education provider serves every establishment"
    links = ActionOwner.objects.select_related("owner", "action__recommendation__plan__inspection")
    assert links.exists()
    for link in links:
        if link.owner is None:
            assert link.written not in OWNER_POSTS, "a post of the directory waits"
        else:
            plan_at = link.action.recommendation.plan.inspection.establishment_id
            assert plan_at in set(link.owner.establishments.values_list("pk", flat=True))
    assert not links.filter(owner__isnull=True).exclude(written="All staff").exists()
    owner = User.objects.get(username="owner")
    held = models.Action.objects.filter(actions_held_by(owner.pk))
    assert held.exists()
    assert set(held.values_list("owner", flat=True)) == {"Head of Residence"}
    assert held.filter(recommendation__plan__status=models.ActionPlan.Status.PUBLISHED).exists()
    approver = User.objects.get(username="approver")
    governor_at = Owner.objects.filter(holdings__user=approver).values_list("establishments", flat=True)
    assert set(governor_at) == set(approver.memberships.values_list("establishment", flat=True))


def test_loading_the_demo_again_never_doubles_the_directory() -> None:
    load_demo(2)
    User.objects.all().delete()
    load_demo(3)
    for establishment in models.Establishment.objects.all():
        assert len(directory_for(establishment)) == len(OWNER_POSTS) + len(DEMO_ORGANISATIONS)


def test_some_demo_establishments_repeat_an_earlier_plan_stated_or_not(client) -> None:
    load_demo(4)
    first = models.Establishment.objects.order_by("pk").first()
    earlier, later = sorted(
        models.ActionPlan.objects.filter(inspection__establishment=first), key=lambda p: p.inspection.report_published
    )
    stated = RepeatLink.objects.filter(recommendation__plan=later, earlier__plan=earlier, how=RepeatLink.How.STATED)
    assert stated.count() == 2
    assert len(suggestions(later)) >= 2  # the repeats it does not state, offered to confirm
    assert FollowUpOutcome.objects.filter(recommendation__plan=earlier, inspection=later.inspection).count() == (
        earlier.recommendations.count()
    )
    assert earlier.status == models.ActionPlan.Status.PUBLISHED
    client.force_login(User.objects.get(username="coordinator"))
    page = client.get(f"/establishments/{first.pk}/cycle/").content.decode()
    assert page.count('class="moj-timeline__item"') == 2
