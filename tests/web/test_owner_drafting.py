"""Owners in drafting: the action form offers the owner directory, and a saved owner is split and matched."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from actionplan.owners.models import ActionOwner, Owner
from actionplan.storage.models import Recommendation
from tests.web.conftest import Estate
from tests.web.drafting.conftest import first_recommendation


def _directory(estate: Estate) -> dict[str, Owner]:
    governor = Owner.objects.create(name="Governor", kind=Owner.Kind.POST)
    governor.establishments.set([estate.home])
    novus = Owner.objects.create(name="Novus", kind=Owner.Kind.ORGANISATION)
    novus.establishments.set([estate.home, estate.other])
    elsewhere = Owner.objects.create(name="Head of Otherton Safety", kind=Owner.Kind.POST)
    elsewhere.establishments.set([estate.other])
    estates = Owner.objects.create(name="Estates Group", kind=Owner.Kind.ORGANISATION, national=True)
    return {"governor": governor, "novus": novus, "estates": estates}


def _save(client: Any, row: Recommendation, owner: str) -> Any:
    row.refresh_from_db()
    action = row.actions.order_by("position").first()
    data = {
        "revision": str(row.revision),
        "decision": "agreed",
        "response": "Staff will be trained.",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-0-id": str(action.pk),
        "actions-0-text": "Train all wing staff.",
        "actions-0-owner": owner,
        "actions-0-target": "Q1 2020",
        "operation": "save",
    }
    return client.post(reverse("drafting:recommendation", args=[row.plan_id, row.pk]), data)


def _owners(row: Recommendation) -> list[tuple[str, Owner | None]]:
    action = row.actions.order_by("position").first()
    return [(link.written, link.owner) for link in ActionOwner.objects.filter(action=action).order_by("position")]


def test_the_action_form_offers_the_owner_directory(client: Any, estate: Estate) -> None:
    _directory(estate)
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(estate.draft)
    body = client.get(reverse("drafting:recommendation", args=[row.plan_id, row.pk])).content.decode()
    offered = body[body.index('<datalist id="owner-suggestions">') :].split("</datalist>")[0]
    assert '<option value="Governor">' in offered
    assert '<option value="Novus">' in offered
    assert '<option value="Estates Group">' in offered
    assert "Otherton" not in offered, "another establishment's post is not offered"
    assert 'list="owner-suggestions"' in body


def test_a_saved_owner_is_split_matched_and_a_choice_kept(client: Any, estate: Estate) -> None:
    directory = _directory(estate)
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(estate.draft)
    assert _save(client, row, "Governor/Head of Estates").status_code == 302
    assert _owners(row) == [("Governor", directory["governor"]), ("Head of Estates", None)]
    body = client.get(reverse("plan", args=[row.plan_id])).content.decode()
    assert "owner name" in body
    assert "not matched yet" in body

    # A coordinator matches the new owner; saving the same text again keeps the choice.
    ActionOwner.objects.filter(written="Head of Estates").update(owner=directory["estates"])
    _save(client, row, "Governor/Head of Estates")
    assert _owners(row) == [("Governor", directory["governor"]), ("Head of Estates", directory["estates"])]
    # Rewritten, the owners are split again; the one written as before keeps its owner.
    _save(client, row, "Novus/Head of Estates")
    assert _owners(row) == [("Novus", directory["novus"]), ("Head of Estates", directory["estates"])]
    _save(client, row, "")
    assert _owners(row) == []
