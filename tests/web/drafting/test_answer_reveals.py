"""What belongs to one decision shows under it and counts only for it; targets already past are saved with a warning."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from actionplan.storage.models import Recommendation
from tests.web.drafting.conftest import first_recommendation
from tests.web.drafting.test_answering import _posted


def _url(row: Recommendation) -> str:
    return reverse("drafting:recommendation", args=[row.plan_id, row.pk])


def test_reasons_and_the_agreed_part_show_under_partly_and_not_agreed(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    body = client.get(_url(first_recommendation(draft))).content.decode()
    partly = body.index('id="conditional-id_decision-2"')
    not_agreed = body.index('id="conditional-id_decision-3"')
    assert 'id="conditional-id_decision"' not in body  # nothing under Agreed
    assert partly < body.index('name="agreed_part"') < body.index('id="id_reasons"') < not_agreed
    assert body.index('id="reasons-not-agreed"') > not_agreed
    # Both copies are the same question: names and choices as before.
    assert body.count('name="reasons" type="checkbox" value="policy"') == 2
    assert "actionplan/reasons.mjs" in body


def test_reasons_and_an_agreed_part_given_with_agreed_are_not_kept(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    data = _posted(row, [], decision="agreed", reasons=["policy"], agreed_part="Training only.")
    assert client.post(_url(row), data).status_code == 302
    row.refresh_from_db()
    assert (row.decision, row.reasons, row.agreed_part) == ("agreed", [], "")


def test_not_agreed_keeps_its_reasons_once_but_no_agreed_part(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    data = _posted(row, [], decision="not_agreed", reasons=["policy", "policy", "operational"], agreed_part="Some")
    assert client.post(_url(row), data).status_code == 302
    row.refresh_from_db()
    assert (row.decision, row.reasons, row.agreed_part) == ("not_agreed", ["policy", "operational"], "")


def test_a_new_target_already_past_is_saved_with_a_warning(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    yesterday = timezone.localdate() - timedelta(days=1)
    written = f"{yesterday.day} {yesterday:%B %Y}"
    actions = [{"text": "Train staff.", "owner": "Head of Residence", "target": written}]
    response = client.post(_url(row), _posted(row, actions), follow=True)
    assert [a.target_text for a in row.actions.all()] == [written]
    body = response.content.decode()
    assert f"The target date of action 1, {written}, is already past" in body
    # Saved again unchanged, it is not warned about a second time.
    row.refresh_from_db()
    again = client.post(_url(row), _posted(row, [{**actions[0], "id": str(row.actions.get().pk)}]), follow=True)
    assert "is already past" not in again.content.decode()
