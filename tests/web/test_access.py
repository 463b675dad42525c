"""Who sees which plans: the permission table applied to every role, and the outsider who gets nothing."""

from dataclasses import replace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from actionplan.accounts.access import (
    PERMISSIONS,
    Permission,
    Reading,
    can,
    permissions_on,
    plans_for,
    reading_of,
    reads_as_public,
)
from actionplan.accounts.models import Role
from actionplan.drafting.answers import Answer, save_answer
from actionplan.monitoring.navigation import navigation
from actionplan.storage.models import ActionPlan
from actionplan.workflow.states import read_status, readable_plans
from tests.web.factories import MembershipFactory, UserFactory, held_post


def _visible(user) -> set[int]:
    return set(plans_for(user).values_list("pk", flat=True))


def test_every_role_and_the_public_are_in_the_table() -> None:
    assert set(PERMISSIONS[Permission.VIEW_PLAN]) == {*Role, None}


def test_coordinators_approvers_and_owners_see_their_establishments_and_what_the_public_sees(estate) -> None:
    own = {estate.draft.pk, estate.sent.pk, estate.published.pk}
    for name in ("coordinator", "approver", "owner"):
        assert _visible(estate.people[name]) == own | {estate.other_published.pk}, name


def test_an_outsider_sees_only_what_the_public_sees(estate) -> None:
    assert _visible(estate.people["outsider"]) == _visible(AnonymousUser())


def test_inspectorate_sees_plans_sent_to_it_and_what_the_public_sees(estate) -> None:
    assert _visible(estate.people["inspector"]) == {estate.sent.pk, estate.published.pk, estate.other_published.pk}
    assert _visible(estate.people["probation_inspector"]) == {estate.published.pk, estate.other_published.pk}


def _publish_then_change(plan, by) -> None:
    """A published plan (stored with its published version frozen), then changed and back in draft."""
    assert plan.versions.filter(published_on__isnull=False).exists()
    row = plan.recommendations.order_by("position").first()
    save_answer(row, row.revision, replace(Answer.saved(row), response="UNAPPROVED wording."), by)


def test_staff_read_another_establishments_published_plan_as_the_public_does(client, estate) -> None:
    _publish_then_change(estate.other_published, estate.people["admin"])
    url = reverse("plan", args=[estate.other_published.pk])
    public = client.get(url)
    assert public.status_code == 200
    for name in ("coordinator", "approver", "owner", "probation_inspector", "outsider"):
        client.force_login(estate.people[name])
        page = client.get(url)
        assert page.status_code == 200, name
        body = page.content.decode()
        assert "UNAPPROVED" not in body, name
        assert "Published" in body, name
        download = client.get(reverse("download", args=[estate.other_published.pk, "json"]))
        assert download.status_code == 200, name
        assert b"UNAPPROVED" not in download.content, name
        api = client.get(reverse("api-plan", args=[estate.other_published.pk]))
        assert api.status_code == 200, name
        assert b"UNAPPROVED" not in api.content, name
    # Those who work on it, or were sent it, still read the plan as it now is.
    client.force_login(estate.people["analyst"])
    assert "UNAPPROVED" in client.get(url).content.decode()


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
    held_post(estate.people["approver"], action)  # reaches the plan through an action of their own
    for person in people:
        for plan in plans:
            expected = {p for p in Permission if can(person, p, plan)}
            with django_assert_max_num_queries(1):
                assert permissions_on(person, plan) == expected, (person, plan.status)


def test_a_person_with_an_inspectorate_post_and_a_coordinators_post_reads_each_plan_by_the_post_reaching_it(
    estate,
) -> None:
    """The home plans sent to their inspectorate as sent; the plans of the establishment they coordinate as they
    now are; nothing of home's draft, which was never sent."""
    hmip = estate.home.inspectorate
    person = UserFactory(role=Role.INSPECTORATE, inspectorate=hmip)
    MembershipFactory(user=person, role=Role.COORDINATOR, establishment=estate.other)
    assert reading_of(person, estate.sent) is Reading.INSPECTORATE
    assert reading_of(person, estate.other_draft) is Reading.CURRENT
    assert reading_of(person, estate.other_published) is Reading.CURRENT
    assert reading_of(person, estate.draft) is Reading.PUBLIC
    assert reads_as_public(person, estate.draft)
    assert not reads_as_public(person, estate.sent)
    assert set(readable_plans(person).values_list("pk", flat=True)) == {
        estate.sent.pk,
        estate.published.pk,
        estate.other_published.pk,
        estate.other_draft.pk,
    }
    assert read_status(person, estate.sent) == ActionPlan.Status.SENT
    assert read_status(person, estate.other_draft) == ActionPlan.Status.DRAFT
    assert can(person, Permission.EDIT_PLAN, estate.other_draft)
    assert not can(person, Permission.EDIT_PLAN, estate.sent)
    assert can(person, Permission.REVIEW_PROGRESS, estate.sent)
    assert not can(person, Permission.REVIEW_PROGRESS, estate.other_draft)


def test_the_navigation_offers_what_any_post_held_gives(client, estate) -> None:
    def offered(person) -> list[object]:
        return [item["text"] for item in navigation(person)]

    assert offered(estate.people["inspector"]) == []
    assert offered(estate.people["analyst"]) == ["Dashboard", "Analysis"]
    assert offered(estate.people["owner"]) == ["My actions", "Dashboard", "Analysis"]
    assert offered(UserFactory(role=Role.COORDINATOR, establishments=[])) == []
    person = UserFactory(role=Role.INSPECTORATE, inspectorate=estate.home.inspectorate)
    MembershipFactory(user=person, role=Role.ACTION_OWNER, establishment=estate.other)
    assert offered(person) == ["My actions", "Dashboard", "Analysis"]
    client.force_login(person)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("monitoring:my-actions")}"' in page
    assert f'href="{reverse("monitoring:dashboard")}"' in page
