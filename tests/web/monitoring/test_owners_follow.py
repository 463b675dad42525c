"""Everything follows the directory: My actions, who may post an update and reminders go to the holders of an
action's owners (posts and organisations), and to the coordinators when no one holds one."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core import mail

from actionplan.accounts.models import Role
from actionplan.monitoring.models import ProgressUpdate, Reminder
from actionplan.monitoring.reminders import send_reminders
from actionplan.owners.models import ActionOwner, Holding
from actionplan.storage import models
from tests.web.factories import OwnerFactory, UserFactory, give_actions, held_post

pytestmark = pytest.mark.django_db

TARGET = date(2026, 3, 25)


def _actions(plan: models.ActionPlan) -> list[models.Action]:
    actions = models.Action.objects.filter(recommendation__plan=plan)
    return list(actions.order_by("recommendation__position", "position"))


def _my_actions(client, person) -> str:
    client.force_login(person)
    return client.get("/my-actions/").content.decode()


def _listed(page: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/actions/(\d+)/"', page)}


def test_my_actions_shows_every_post_and_organisation_held_across_establishments(client, estate, today) -> None:
    person = UserFactory(role=Role.ACTION_OWNER, establishments=[estate.home])
    home_actions, other_actions = _actions(estate.sent), _actions(estate.other_published)
    held_post(person, home_actions[0], home_actions[1], name="Head of Safety")
    trust = OwnerFactory(name="Sunrise NHS Trust", kind="organisation", establishments=[estate.home, estate.other])
    Holding.objects.create(owner=trust, user=person)
    give_actions(trust, other_actions[0], home_actions[1])  # joint owners of the second action
    held_post(UserFactory(role=Role.ACTION_OWNER), home_actions[2], name="Head of Residence")  # someone else's

    page = _my_actions(client, person)

    assert _listed(page) == {home_actions[0].pk, home_actions[1].pk, other_actions[0].pk}
    assert "Head of Safety (you hold this post)" in page
    assert "Sunrise NHS Trust (you hold this organisation)" in page
    row = re.search(rf'href="/actions/{home_actions[1].pk}/".*?</tr>', page, re.S)
    assert row is not None
    assert "Head of Safety (you hold this post)<br>Sunrise NHS Trust (you hold this organisation)" in row.group(0)


def test_my_actions_names_the_joint_owners_the_person_does_not_hold(client, estate, today) -> None:
    person = UserFactory(role=Role.ACTION_OWNER, establishments=[estate.home])
    action = _actions(estate.sent)[0]
    held_post(person, action, name="Head of Safety")
    give_actions(OwnerFactory(name="Novus", kind="organisation", establishments=[estate.home]), action)
    ActionOwner.objects.create(action=action, position=5, written="Governor")

    page = _my_actions(client, person)

    assert "Head of Safety (you hold this post)<br>Novus<br>Governor (not yet matched to the directory)" in page


def test_a_holding_that_ended_takes_the_actions_out_of_my_actions(client, estate, today) -> None:
    person = UserFactory(role=Role.ACTION_OWNER, establishments=[estate.home])
    action = _actions(estate.sent)[0]
    post = held_post(person, action)
    assert _listed(_my_actions(client, person)) == {action.pk}
    Holding.objects.filter(owner=post, user=person).update(ended=today)
    assert _listed(_my_actions(client, person)) == set()


def test_the_holder_of_any_owner_may_post_an_update_and_a_holder_elsewhere_may_not(client, estate, today) -> None:
    action = _actions(estate.sent)[0]
    first, second = UserFactory(role=Role.ACTION_OWNER), UserFactory(role=Role.ACTION_OWNER)
    held_post(first, action, name="Head of Safety")
    held_post(second, action, name="Head of Learning and Skills")
    elsewhere = UserFactory(role=Role.ACTION_OWNER, establishments=[estate.other])
    held_post(elsewhere, _actions(estate.other_published)[0], name="Head of Safety")
    for person, allowed in [(first, True), (second, True), (elsewhere, False)]:
        client.force_login(person)
        response = client.post(f"/actions/{action.pk}/", {"note": f"By {person}", "status": "in_progress"})
        assert response.status_code == (302 if allowed else 404), person
        assert ProgressUpdate.objects.filter(action=action, author=person).exists() is allowed


def test_the_action_page_names_who_holds_each_owner(client, estate, today) -> None:
    action = _actions(estate.sent)[0]
    holder = UserFactory(role=Role.ACTION_OWNER, first_name="Jane", last_name="Holder")
    held_post(holder, action, name="Head of Safety")
    give_actions(OwnerFactory(name="Novus", kind="organisation", establishments=[estate.home]), action)
    client.force_login(estate.people["coordinator"])
    page = client.get(f"/actions/{action.pk}/").content.decode()
    text = re.sub(r"<[^>]+>", "", page)
    assert "Head of Safety: held by Jane Holder" in text
    assert "Novus: no one holds this organisation" in text
    assert f'href="/owners/{action.owner_links.get(position=0).owner_id}/holders/"' in page, "coordinators hand it over"


@pytest.fixture
def one_open(estate, today) -> list[models.Action]:
    """The sent plan's first two actions due on TARGET, each naming one owner not yet matched; every other action
    completed."""
    actions = _actions(estate.sent)[:2]
    for action in actions:
        action.owner_links.exclude(position=0).delete()
    models.Action.objects.exclude(pk__in=[a.pk for a in actions]).update(status="completed")
    models.Action.objects.filter(pk__in=[a.pk for a in actions]).update(
        target_kind="date", target_date=TARGET, target_text="25/03/2026", status="not_started"
    )
    return actions


def test_reminders_go_to_every_current_holder_once_listing_their_actions(estate, one_open) -> None:
    first, second = one_open
    lead, deputy, former = (UserFactory(role=Role.ACTION_OWNER) for _ in range(3))
    post = held_post(lead, first, second, name="Head of Safety")
    Holding.objects.create(owner=post, user=deputy)
    Holding.objects.create(owner=post, user=former, started=TARGET - timedelta(days=90), ended=TARGET - timedelta(1))
    # The lead also holds the second action's other owner: still one message, the action listed once.
    give_actions(OwnerFactory(name="Safer Custody", establishments=[estate.home]), second)
    Holding.objects.create(owner=second.owner_links.get(position=1).owner, user=lead)

    assert send_reminders(TARGET) == 2

    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {lead.email, deputy.email}
    for message in by_person.values():
        assert message.subject == "2 of your actions need an update"
        assert message.body.count(f"/actions/{first.pk}/") == 1
        assert message.body.count(f"/actions/{second.pk}/") == 1
        assert "Owner: Head of Safety, Safer Custody" in message.body
    assert send_reminders(TARGET) == 0, "each reminder is sent once"
    assert Reminder.objects.count() == 4


def test_coordinators_hear_at_once_of_an_overdue_action_whose_owner_no_one_holds(estate, one_open) -> None:
    first, second = one_open
    held_post(UserFactory(role=Role.ACTION_OWNER), first, name="Head of Safety")
    give_actions(OwnerFactory(name="Head of Residence", establishments=[estate.home]), second)
    models.Action.objects.filter(pk=second.pk).update(owner="Head of Residence")

    send_reminders(TARGET + timedelta(days=1))

    coordinator = estate.people["coordinator"]
    escalated = [message for message in mail.outbox if message.to == [coordinator.email]]
    assert len(escalated) == 1
    assert f"/actions/{second.pk}/" in escalated[0].body
    assert "no one holds Head of Residence" in escalated[0].body
    assert f"/actions/{first.pk}/" not in escalated[0].body, "the held action waits for the escalation point"


def test_coordinators_hear_at_once_of_an_overdue_action_not_matched_to_the_directory(estate, one_open) -> None:
    first, _second = one_open
    models.Action.objects.filter(pk=first.pk).update(owner="Governor")
    ActionOwner.objects.filter(action=first).update(written="Governor")

    send_reminders(TARGET + timedelta(days=1))

    coordinator = estate.people["coordinator"]
    (message,) = [message for message in mail.outbox if message.to == [coordinator.email]]
    assert f"/actions/{first.pk}/" in message.body
    assert "Governor is not matched to a post or organisation" in message.body


def test_a_handed_over_post_reminds_its_new_holder(estate, one_open) -> None:
    first, _second = one_open
    before, after = UserFactory(role=Role.ACTION_OWNER), UserFactory(role=Role.ACTION_OWNER)
    post = held_post(before, first)
    Holding.objects.filter(owner=post, user=before).update(ended=TARGET - timedelta(days=1))
    Holding.objects.create(owner=post, user=after, started=TARGET - timedelta(days=1))
    send_reminders(TARGET)
    assert [message.to for message in mail.outbox] == [[after.email]]
