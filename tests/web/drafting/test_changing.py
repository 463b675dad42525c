"""Correcting a recommendation after adding it: changing the report's wording of it, or removing it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan.storage.models import Action, ActionPlan, Recommendation
from tests.web.conftest import Estate
from tests.web.drafting.conftest import first_recommendation, page_title


def _wording_url(row: Recommendation) -> str:
    return reverse("drafting:wording", args=[row.plan_id, row.pk])


def _remove_url(row: Recommendation) -> str:
    return reverse("drafting:remove", args=[row.plan_id, row.pk])


def _worded(row: Recommendation, **changed: str) -> dict[str, str]:
    data = {
        "revision": str(row.revision),
        "ref": row.ref,
        "kind": row.kind,
        "section": row.section,
        "directed_to": row.directed_to,
        "concern": row.concern,
        "recommendation": row.text,
        "repeated_from": row.repeated_from,
    }
    return data | changed


def test_the_recommendation_page_links_to_changing_and_removing_it(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    body = client.get(reverse("drafting:recommendation", args=[draft.pk, row.pk])).content.decode()
    assert f'href="{_wording_url(row)}"' in body
    assert "Change the wording" in body
    assert f'href="{_remove_url(row)}"' in body
    assert "Remove this recommendation" in body
    assert "govuk-button--warning" in body


def test_the_wording_page_is_filled_in_with_the_saved_wording(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    body = client.get(_wording_url(row)).content.decode()
    assert f'name="revision" value="{row.revision}"' in body
    assert 'id="id_ref" name="ref"' in body
    assert f'value="{row.ref}"' in body
    assert row.text in body


def test_the_wording_is_saved_and_its_history_records_who(client, draft, estate) -> None:
    coordinator = estate.people["coordinator"]
    client.force_login(coordinator)
    row = first_recommendation(draft)
    answer = (row.decision, row.response, list(row.actions.values_list("pk", flat=True)))
    response = client.post(
        _wording_url(row),
        _worded(row, ref="S99", kind="key_concern", concern="Staff were too few.", recommendation="Hire more staff."),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("drafting:recommendation", args=[draft.pk, row.pk])
    opened_at = row.revision
    row.refresh_from_db()
    assert (row.ref, row.kind, row.concern, row.text) == (
        "S99",
        "key_concern",
        "Staff were too few.",
        "Hire more staff.",
    )
    assert row.revision == opened_at + 1
    assert (row.decision, row.response, list(row.actions.values_list("pk", flat=True))) == answer
    latest = row.history.order_by("-history_date").first()
    assert latest.history_user == coordinator
    assert latest.ref == "S99"


def test_keeping_its_own_ref_is_allowed_but_another_recommendations_is_refused(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    first, second = draft.recommendations.order_by("position")[:2]
    assert client.post(_wording_url(first), _worded(first, section="Safety")).status_code == 302

    first.refresh_from_db()
    response = client.post(_wording_url(first), _worded(first, ref=second.ref))
    body = response.content.decode()
    assert response.status_code == 200
    assert page_title(body).startswith("Error: ")
    assert 'href="#id_ref"' in body
    assert f"{second.ref} is already in this plan" in body
    kept = first.ref
    first.refresh_from_db()
    assert first.ref == kept


def test_a_save_from_an_out_of_date_page_is_refused_and_overwrites_nothing(client, draft, estate) -> None:
    coordinator, admin = estate.people["coordinator"], estate.people["admin"]
    row = first_recommendation(draft)
    opened = _worded(row)

    client.force_login(admin)
    client.post(_wording_url(row), opened | {"recommendation": "The admin's wording."})
    row.refresh_from_db()

    client.force_login(coordinator)
    response = client.post(_wording_url(row), opened | {"recommendation": "My wording."})
    body = response.content.decode()
    assert response.status_code == 200
    assert page_title(body).startswith("Error: ")
    assert "admin saved" in body
    assert "your changes have not been saved" in body
    assert "The admin&#x27;s wording." in body
    assert "My wording." in body
    row.refresh_from_db()
    assert row.text == "The admin's wording."
    assert f'name="revision" value="{row.revision}"' in body

    again = client.post(_wording_url(row), opened | {"recommendation": "My wording.", "revision": str(row.revision)})
    assert again.status_code == 302
    row.refresh_from_db()
    assert row.text == "My wording."


def test_the_remove_page_shows_what_will_go_and_removes_nothing(client, draft, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(draft)
    body = client.get(_remove_url(row)).content.decode()
    assert f"Remove {row.get_kind_display().lower()} {row.ref}?" in body
    assert row.text in body
    assert "govuk-warning-text" in body
    assert "actions will be removed too" in body
    assert Recommendation.objects.filter(pk=row.pk).exists()


def test_removing_takes_its_actions_and_renumbers_the_rest(client, draft, estate) -> None:
    coordinator = estate.people["coordinator"]
    client.force_login(coordinator)
    rows = list(draft.recommendations.order_by("position"))
    removed = rows[1]
    action_ids = list(removed.actions.values_list("pk", flat=True))
    assert action_ids, "the generated recommendation has actions"

    response = client.post(_remove_url(removed), follow=True)
    assert response.redirect_chain[-1][0] == reverse("drafting:overview", args=[draft.pk])
    assert f"{removed.ref} removed." in response.content.decode()
    assert not Recommendation.objects.filter(pk=removed.pk).exists()
    assert not Action.objects.filter(pk__in=action_ids).exists()
    remaining = list(draft.recommendations.order_by("position").values_list("pk", "position"))
    assert remaining == [(row.pk, position) for position, row in enumerate([rows[0], *rows[2:]])]
    deleted = Recommendation.history.filter(history_type="-", id=removed.pk).get()
    assert deleted.history_user == coordinator


def test_removing_from_a_plan_that_was_sent_returns_it_to_draft(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    sent = estate.sent
    assert sent.status == ActionPlan.Status.SENT
    assert "returns the plan to draft" in client.get(_remove_url(first_recommendation(sent))).content.decode()
    client.post(_remove_url(first_recommendation(sent)))
    sent.refresh_from_db()
    assert sent.status == ActionPlan.Status.DRAFT
    assert sent.transitions.filter(to_status="draft").exists()
    positions = list(sent.recommendations.order_by("position").values_list("position", flat=True))
    assert positions == list(range(len(positions)))


def test_changing_the_wording_of_a_sent_plan_returns_it_to_draft(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    row = first_recommendation(estate.sent)
    client.post(_wording_url(row), _worded(row, section="Corrected section"))
    estate.sent.refresh_from_db()
    assert estate.sent.status == ActionPlan.Status.DRAFT


def _unchanged(plan: ActionPlan) -> tuple:
    return (
        tuple(plan.recommendations.values_list("pk", "ref", "text", "revision", "position")),
        ActionPlan.objects.get(pk=plan.pk).status,
    )


@pytest.mark.parametrize("page", [_wording_url, _remove_url])
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_are_refused_and_nothing_changes(client, estate: Estate, page, method: str) -> None:
    cases = [
        ("outsider", estate.draft, 404),
        ("coordinator", estate.other_draft, 404),
        ("inspector", estate.draft, 404),
        ("approver", estate.draft, 403),
        ("owner", estate.draft, 403),
        ("analyst", estate.draft, 403),
        ("inspector", estate.sent, 403),
    ]
    for person, plan, status in cases:
        client.force_login(estate.people[person])
        row = first_recommendation(plan)
        before = _unchanged(plan)
        response = getattr(client, method)(page(row), _worded(row, recommendation="Changed."))
        assert response.status_code == status, (person, plan, method)
        assert _unchanged(plan) == before


@pytest.mark.parametrize("page", [_wording_url, _remove_url])
def test_the_public_is_sent_to_sign_in(client, draft, page) -> None:
    row = first_recommendation(draft)
    for response in (client.get(page(row)), client.post(page(row), _worded(row))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("sign-in"))


def test_a_recommendation_of_another_plan_is_not_found(client, estate: Estate) -> None:
    client.force_login(estate.people["coordinator"])
    elsewhere = first_recommendation(estate.sent)
    for name in ("drafting:wording", "drafting:remove"):
        assert client.get(reverse(name, args=[estate.draft.pk, elsewhere.pk])).status_code == 404
