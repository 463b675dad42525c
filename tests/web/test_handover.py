"""Handing a post to someone else in one step: its open actions follow, and the page records who held it when."""

from __future__ import annotations

import re
from datetime import date

import pytest

from actionplan.accounts.models import Role
from actionplan.monitoring import clock
from actionplan.owners.models import Holding
from actionplan.storage import models
from tests.web.factories import HELD_SINCE, OwnerFactory, UserFactory, held_post

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 15)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def post(estate, today):
    """Head of Safety at the home establishment, held by Ann, owning the sent plan's first three actions."""
    actions = list(models.Action.objects.filter(recommendation__plan=estate.sent).order_by("pk")[:3])
    models.Action.objects.filter(pk=actions[2].pk).update(status="completed")
    ann = UserFactory(
        username="ann", first_name="Ann", last_name="Before", role=Role.ACTION_OWNER, establishments=[estate.home]
    )
    return held_post(ann, *actions, name="Head of Safety")


def _listed(client, person) -> set[int]:
    client.force_login(person)
    return {int(pk) for pk in re.findall(r'href="/actions/(\d+)/"', client.get("/my-actions/").content.decode())}


def _person(estate, username: str):
    return UserFactory(
        username=username, first_name=username.capitalize(), role=Role.ACTION_OWNER, establishments=[estate.home]
    )


def test_a_handed_over_post_takes_its_actions_to_the_new_holder_at_once(client, estate, post) -> None:
    ann = post.holdings.get().user
    ben = _person(estate, "ben")
    actions = set(post.action_links.values_list("action", flat=True))
    assert _listed(client, ann) == actions

    client.force_login(estate.people["coordinator"])
    response = client.post(f"/owners/{post.pk}/holders/", {"person": ben.pk, "change": "hand_over"}, follow=True)

    page = response.content.decode()
    assert "Head of Safety has been handed from Ann Before to Ben, with its open actions" in page
    assert _listed(client, ben) == actions
    assert _listed(client, ann) == set()
    assert set(Holding.objects.values_list("user", "started", "ended")) == {
        (ann.pk, HELD_SINCE, TODAY),
        (ben.pk, TODAY, None),
    }


def test_the_owners_page_shows_who_held_it_when_and_its_open_actions(client, estate, post) -> None:
    ben = _person(estate, "ben")
    client.force_login(estate.people["admin"])
    client.post(f"/owners/{post.pk}/holders/", {"person": ben.pk, "change": "hand_over"})
    page = client.get(f"/owners/{post.pk}/holders/").content.decode()
    history = page[page.index("Who held it when") :]
    rows = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in re.findall(r"<tr.*?</tr>", history, re.S)
    ]
    assert rows[1:3] == ["Ben 15 March 2026 Now", "Ann Before 1 January 2020 15 March 2026"]
    open_actions = post.action_links.exclude(action__status="completed").values_list("action", flat=True)
    assert {int(pk) for pk in re.findall(r'href="/actions/(\d+)/"', page)} == set(open_actions)


def test_a_second_holder_is_added_beside_the_first(client, estate, post) -> None:
    ann = post.holdings.get().user
    cat = _person(estate, "cat")
    client.force_login(estate.people["coordinator"])
    response = client.post(f"/owners/{post.pk}/holders/", {"person": cat.pk, "change": "add"}, follow=True)
    assert "Cat now holds Head of Safety too" in response.content.decode()
    assert set(Holding.objects.filter(ended__isnull=True).values_list("user", flat=True)) == {ann.pk, cat.pk}
    assert _listed(client, cat) == _listed(client, ann) != set()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("add", "Ann Before already holds Head of Safety: choose someone else"),
        ("hand_over", "already holds Head of Safety alone"),
    ],
)
def test_giving_the_post_to_its_holder_again_is_refused_with_a_message(client, estate, post, change, message) -> None:
    ann = post.holdings.get().user
    client.force_login(estate.people["coordinator"])
    response = client.post(f"/owners/{post.pk}/holders/", {"person": ann.pk, "change": change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Holding.objects.count() == 1


def test_nothing_chosen_is_refused_with_a_message_and_nothing_changes(client, estate, post) -> None:
    client.force_login(estate.people["coordinator"])
    page = client.post(f"/owners/{post.pk}/holders/", {}).content.decode()
    assert "Choose the person" in page
    assert "Choose whether to hand it over or add a holder" in page
    assert Holding.objects.count() == 1


def test_only_people_of_the_establishments_it_serves_may_be_given_it(client, estate, post) -> None:
    stranger = UserFactory(username="stranger", role=Role.ACTION_OWNER, establishments=[estate.other])
    client.force_login(estate.people["coordinator"])
    page = client.post(f"/owners/{post.pk}/holders/", {"person": stranger.pk, "change": "hand_over"}).content.decode()
    assert "Choose a person from the list" in page
    assert not Holding.objects.filter(user=stranger).exists()


def test_holders_of_posts_and_coordinators_elsewhere_may_not_hand_it_over(client, estate, post) -> None:
    elsewhere = UserFactory(username="elsewhere", role=Role.COORDINATOR, establishments=[estate.other])
    other_post = OwnerFactory(name="Head of Safety", establishments=[estate.other])
    Holding.objects.create(owner=other_post, user=elsewhere)
    ann = post.holdings.get().user
    ben = _person(estate, "ben")
    for person in (elsewhere, ann, estate.people["approver"]):
        client.force_login(person)
        assert client.get(f"/owners/{post.pk}/holders/").status_code == 404, person
        response = client.post(f"/owners/{post.pk}/holders/", {"person": ben.pk, "change": "hand_over"})
        assert response.status_code == 404, person
    assert not Holding.objects.filter(user=ben).exists()


def test_a_national_owner_is_handed_over_by_admins_only(client, estate, today) -> None:
    national = OwnerFactory(name="HMPPS Operational Policy", kind="organisation", national=True)
    someone = UserFactory(username="someone", role=Role.ACTION_OWNER)
    client.force_login(estate.people["coordinator"])
    assert client.get(f"/owners/{national.pk}/holders/").status_code == 404
    client.force_login(estate.people["admin"])
    client.post(f"/owners/{national.pk}/holders/", {"person": someone.pk, "change": "hand_over"})
    assert Holding.objects.filter(owner=national, user=someone, ended__isnull=True).exists()
