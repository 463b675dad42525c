"""An action linked to a person before owners were posts keeps that meaning: a post they hold, linked to it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from actionplan.accounts.access import own_actions_q
from actionplan.accounts.models import Role
from actionplan.owners.models import ActionOwner, Holding, Owner
from actionplan.storage import models
from tests.web.factories import EstablishmentFactory, UserFactory, stored_plan

BEFORE = [("storage", "0003_drafting_and_delivery"), ("owners", "0001_initial")]
AFTER = [("storage", "0005_remove_action_owner_user")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_each_person_linked_to_an_action_holds_a_post_that_owns_it_and_back() -> None:
    establishment = EstablishmentFactory()
    plan = stored_plan(establishment)
    first, second, third = models.Action.objects.filter(recommendation__plan=plan).order_by("pk")[:3]
    models.Action.objects.filter(pk=first.pk).update(owner="Head of Safety")
    models.Action.objects.filter(pk=second.pk).update(owner="head of safety")
    models.Action.objects.filter(pk=third.pk).update(owner="")
    # The first names its owner in a link not yet matched; the others are not split into links yet.
    ActionOwner.objects.filter(action__in=[first, second, third]).delete()
    ActionOwner.objects.create(action=first, position=0, written="Head of Safety")
    safety = UserFactory(role=Role.ACTION_OWNER, first_name="Sam", last_name="Safety")
    nameless = UserFactory(role=Role.ACTION_OWNER, first_name="Nia", last_name="Noname")

    old = _migrate(BEFORE).loader.project_state(BEFORE).apps.get_model("storage", "Action")
    old.objects.filter(pk__in=[first.pk, second.pk]).update(owner_user=safety.pk)
    old.objects.filter(pk=third.pk).update(owner_user=nameless.pk)
    _migrate(AFTER)

    post = Owner.objects.get(name="Head of Safety")
    assert list(post.establishments.all()) == [establishment], "one post for both spellings, at the establishment"
    assert set(Owner.objects.values_list("name", flat=True)) == {"Head of Safety", "Nia Noname"}
    assert set(Holding.objects.filter(ended__isnull=True).values_list("owner__name", "user")) == {
        ("Head of Safety", safety.pk),
        ("Nia Noname", nameless.pk),
    }
    mine = ActionOwner.objects.filter(action__in=[first, second, third])
    assert set(mine.values_list("action", "owner__name", "position")) == {
        (first.pk, "Head of Safety", 0),
        (second.pk, "Head of Safety", 0),
        (third.pk, "Nia Noname", 0),
    }
    assert set(models.Action.objects.filter(own_actions_q(safety)).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }

    back = _migrate(BEFORE).loader.project_state(BEFORE).apps.get_model("storage", "Action")
    assert dict(back.objects.filter(owner_user__isnull=False).values_list("pk", "owner_user")) == {
        first.pk: safety.pk,
        second.pk: safety.pk,
        third.pk: nameless.pk,
    }
    _migrate(AFTER)
