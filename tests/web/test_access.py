"""Who sees which plans: the permission table applied to every role, and the outsider who gets nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser

from actionplan.accounts.access import PERMISSIONS, Permission, can, permissions_on, plans_for
from actionplan.accounts.models import Role


def _visible(user) -> set[int]:
    return set(plans_for(user).values_list("pk", flat=True))


def test_every_role_and_the_public_are_in_the_table() -> None:
    assert set(PERMISSIONS[Permission.VIEW_PLAN]) == {*Role, None}


def test_coordinators_approvers_and_owners_see_their_establishments_only(estate) -> None:
    own = {estate.draft.pk, estate.sent.pk, estate.published.pk}
    for name in ("coordinator", "approver", "owner"):
        assert _visible(estate.people[name]) == own, name


def test_an_outsider_sees_nothing(estate) -> None:
    assert _visible(estate.people["outsider"]) == set()


def test_inspectorate_sees_plans_sent_to_it(estate) -> None:
    assert _visible(estate.people["inspector"]) == {estate.sent.pk, estate.published.pk, estate.other_published.pk}
    assert _visible(estate.people["probation_inspector"]) == set()


def test_analysts_and_admins_see_everything(estate) -> None:
    everything = {
        p.pk for p in (estate.draft, estate.sent, estate.published, estate.other_published, estate.other_draft)
    }
    assert _visible(estate.people["analyst"]) == everything
    assert _visible(estate.people["admin"]) == everything


def test_the_public_sees_published_plans_only(estate) -> None:
    assert _visible(AnonymousUser()) == {estate.published.pk, estate.other_published.pk}


@pytest.mark.django_db
def test_a_deactivated_person_is_treated_as_the_public(estate) -> None:
    person = estate.people["analyst"]
    person.is_active = False
    person.save()
    assert _visible(person) == {estate.published.pk, estate.other_published.pk}


def test_permissions_on_a_plan_agree_with_the_table_for_everyone(estate, django_assert_max_num_queries) -> None:
    """The one-query answer a plan's pages use for their tabs gives what asking permission by permission gives."""
    plans = [estate.draft, estate.sent, estate.published, estate.other_published, estate.other_draft]
    people = [*estate.people.values(), AnonymousUser()]
    action = estate.sent.recommendations.first().actions.first()
    action.owner_user = estate.people["approver"]  # reaches the plan through an action of their own
    action.save()
    for person in people:
        for plan in plans:
            expected = {p for p in Permission if can(person, p, plan)}
            with django_assert_max_num_queries(1):
                assert permissions_on(person, plan) == expected, (person, plan.status)
