"""Answering a recommendation: decision, reasons, response, actions; bad targets; two people at once; history."""

from __future__ import annotations

from django.urls import reverse

from actionplan.storage.models import Action, ActionPlan, Recommendation
from tests.web.drafting.conftest import first_recommendation, page_title


def _url(row: Recommendation) -> str:
    return reverse("drafting:recommendation", args=[row.plan_id, row.pk])


def _posted(row: Recommendation, actions: list[dict[str, str]], **answer: object) -> dict[str, object]:
    data: dict[str, object] = {
        "revision": str(row.revision),
        "decision": "agreed",
        "reasons": [],
        "agreed_part": "",
        "response": "Staff will be trained.",
        "actions-TOTAL_FORMS": str(len(actions)),
        "actions-INITIAL_FORMS": "0",
        "operation": "save",
    }
    for index, action in enumerate(actions):
        for name in ("id", "text", "owner", "target"):
            data[f"actions-{index}-{name}"] = action.get(name, "")
    return data | answer


def _saved_actions(row: Recommendation) -> list[tuple[str, str, str]]:
    return [(a.text, a.owner, a.target_text) for a in row.actions.order_by("position")]


def _current(row: Recommendation) -> list[dict[str, str]]:
    return [
        {"id": str(a.pk), "text": a.text, "owner": a.owner, "target": a.target_text}
        for a in row.actions.order_by("position")
    ]


def test_the_page_shows_the_recommendation_its_answer_and_its_findings(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    row.actions.update(owner="")
    body = client.get(_url(row)).content.decode()
    assert row.text in body
    assert f'name="revision" value="{row.revision}"' in body
    assert "govuk-tag--red" in body
    assert "Error" in body
    assert 'list="owner-suggestions"' in body
    assert '<datalist id="owner-suggestions">' in body


def test_a_decision_reasons_and_actions_are_saved(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    response = client.post(
        _url(row),
        _posted(
            row,
            [
                {"text": "Train all wing staff in de-escalation.", "owner": "Head of Residence", "target": "Q1 2020"},
                {"text": "Audit use of force monthly.", "owner": "Head of Security", "target": "31/03/2020"},
            ],
            decision="partly_agreed",
            reasons=["affordability", "policy"],
            agreed_part="Training will be delivered.",
        ),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.decision == "partly_agreed"
    assert sorted(row.reasons) == ["affordability", "policy"]
    assert row.agreed_part == "Training will be delivered."
    assert row.revision == 2
    assert _saved_actions(row) == [
        ("Train all wing staff in de-escalation.", "Head of Residence", "Q1 2020"),
        ("Audit use of force monthly.", "Head of Security", "31/03/2020"),
    ]
    first = row.actions.order_by("position").first()
    assert first.target_kind == "date"
    assert str(first.target_date) == "2020-03-31"


def test_add_remove_and_move_change_the_page_only_until_saved(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    actions = [
        {"text": "First.", "owner": "Governor", "target": "March 2020"},
        {"text": "Second.", "owner": "Deputy Governor", "target": "April 2020"},
        {"text": "Third.", "owner": "Head of Safety", "target": "Completed"},
    ]
    before = _saved_actions(row)

    added = client.post(_url(row), _posted(row, actions, operation="add")).content.decode()
    assert 'name="actions-TOTAL_FORMS" value="4"' in added
    moved = client.post(_url(row), _posted(row, actions, operation="down-0")).content.decode()
    assert moved.index("Second.") < moved.index("First.")
    removed = client.post(_url(row), _posted(row, actions, operation="remove-1")).content.decode()
    assert "Second." not in removed
    assert 'name="actions-TOTAL_FORMS" value="2"' in removed
    assert _saved_actions(row) == before, "nothing is saved until Save"

    client.post(_url(row), _posted(row, [actions[2], actions[0]]))
    assert _saved_actions(row) == [
        ("Third.", "Head of Safety", "Completed"),
        ("First.", "Governor", "March 2020"),
    ]


def test_reordering_keeps_each_action_row_and_its_delivery(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    two = [{"text": "One.", "owner": "Governor", "target": "May 2020"}, {"text": "Two.", "owner": "Governor"}]
    client.post(_url(row), _posted(row, two))
    row.refresh_from_db()
    rows = list(row.actions.order_by("position"))
    rows[0].status = "in_progress"
    rows[0].save()
    current = _current(row)
    client.post(_url(row), _posted(row, [current[1], current[0]]))
    reordered = list(row.actions.order_by("position"))
    assert [a.pk for a in reordered[:2]] == [rows[1].pk, rows[0].pk]
    assert reordered[1].status == "in_progress"


def test_blank_actions_are_left_out(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    client.post(_url(row), _posted(row, [{"text": "Do it.", "owner": "Governor", "target": "May 2020"}, {}]))
    assert _saved_actions(row) == [("Do it.", "Governor", "May 2020")]


def test_a_target_not_understood_is_an_error_linked_to_its_field(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    before = (row.revision, _saved_actions(row))
    response = client.post(
        _url(row),
        _posted(
            row,
            [
                {"text": "One.", "owner": "Governor", "target": "March 2020"},
                {"text": "Two.", "owner": "Governor", "target": "soon"},
            ],
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert page_title(body).startswith("Error: ")
    assert 'href="#id_actions-1-target"' in body
    assert "Enter the target date for action 2 as a date or Completed, for example March 2020" in body
    row.refresh_from_db()
    assert (row.revision, _saved_actions(row)) == before


def test_a_save_from_an_out_of_date_form_is_refused_showing_what_changed(client, draft, estate) -> None:
    coordinator, admin = estate.people["coordinator"], estate.people["admin"]
    row = first_recommendation(draft)
    opened_at = row.revision
    action = {"text": "Train staff.", "owner": "Head of Residence", "target": "March 2020"}

    client.force_login(admin)
    client.post(_url(row), _posted(row, [action], response="The admin's response."))
    row.refresh_from_db()
    assert row.revision == opened_at + 1

    client.force_login(coordinator)
    mine = _posted(row, [action | {"owner": "Governor"}], response="My response.", revision=str(opened_at))
    response = client.post(_url(row), mine)
    body = response.content.decode()
    assert response.status_code == 200
    assert page_title(body).startswith("Error: ")
    assert "admin saved" in body
    assert "your changes have not been saved" in body
    assert "The admin&#x27;s response." in body
    assert "My response." in body
    assert "Action 1: responsible owner" in body
    assert "Head of Residence" in body
    assert "Action 1: what will be done" not in body, "only the fields that differ are listed"
    row.refresh_from_db()
    assert row.response == "The admin's response."
    assert row.revision == opened_at + 1
    assert f'name="revision" value="{row.revision}"' in body

    again = client.post(_url(row), mine | {"revision": str(row.revision)})
    assert again.status_code == 302
    row.refresh_from_db()
    assert row.response == "My response."


def test_saving_records_who_changed_what(client, draft, estate) -> None:
    coordinator = estate.people["coordinator"]
    client.force_login(coordinator)
    row = first_recommendation(draft)
    client.post(_url(row), _posted(row, [{"text": "New action.", "owner": "Governor", "target": "Q2 2020"}]))
    latest = row.history.order_by("-history_date").first()
    assert latest.history_user == coordinator
    assert latest.response == "Staff will be trained."
    action = row.actions.get()
    assert action.history.order_by("-history_date").first().history_user == coordinator
    deleted = list(Action.history.filter(history_type="-"))
    assert deleted
    assert all(h.history_user == coordinator for h in deleted)


def test_saving_a_plan_that_left_draft_returns_it_to_draft(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    sent = estate.sent
    assert sent.status == ActionPlan.Status.SENT
    row = first_recommendation(sent)
    client.post(_url(row), _posted(row, _current(row)))
    sent.refresh_from_db()
    assert sent.status == ActionPlan.Status.DRAFT
    assert sent.transitions.filter(to_status="draft").exists()


def test_reasons_the_response_implies_are_suggested_and_ticked_ones_are_stated(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    row.decision, row.reasons = "not_agreed", []
    row.response = "This recommendation is not agreed: the wider problem of crowding in prisons remains."
    row.save()
    body = client.get(_url(row)).content.decode()
    assert "The response suggests: operational" in body
    assert f"{row.ref} is not agreed, but the plan does not state why" in body

    row.reasons = ["policy", "affordability"]
    row.save()
    body = client.get(_url(row)).content.decode()
    assert "does not state why" not in body, "ticked reasons are stated"
    assert "The response suggests: operational" in body
    assert "suggests operational (" in body

    row.reasons = ["operational"]
    row.save()
    assert "The response suggests" not in client.get(_url(row)).content.decode()
