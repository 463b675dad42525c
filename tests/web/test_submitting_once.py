"""A form sent twice with its one-time token saves once, and the second sending leads to what the first saved."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from actionplan.monitoring.models import ProgressUpdate
from actionplan.storage.models import Action, ActionPlan, Inspection
from actionplan.submissions.middleware import ALREADY_SAVED
from actionplan.submissions.models import TOKEN_FIELD, Submission, new_token
from actionplan.workflow.models import Transition
from tests.web.factories import held_post

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parents[2] / "src" / "actionplan"
# Forms that save nothing: signing in, and uploading a file, which only reads it for a preview to confirm.
SAVE_NOTHING = {"pages/templates/pages/sign_in.html", "drafting/templates/drafting/upload.html"}


@pytest.fixture
def action(estate) -> Action:
    """The first action of the home establishment's sent plan, owned by "owner"."""
    found = Action.objects.filter(recommendation__plan=estate.sent).order_by("recommendation__position", "position")
    action = found.first()
    held_post(estate.people["owner"], action)
    return action


def _update(token: str | None = None) -> dict[str, str]:
    data = {"note": "Fitted screens on A wing.", "status": "in_progress"}
    return data | ({TOKEN_FIELD: token} if token else {})


def test_every_form_that_saves_carries_a_one_time_token() -> None:
    missing = []
    for template in SOURCE.rglob("*.html"):
        text = template.read_text()
        name = template.relative_to(SOURCE).as_posix()
        tokened = text.count("{% csrf_token %}{% submission_token %}")
        if text.count("{% csrf_token %}") != tokened and name not in SAVE_NOTHING:
            missing.append(name)
    assert missing == []


def test_a_form_is_shown_with_a_new_token_each_time(client, estate, action) -> None:
    client.force_login(estate.people["owner"])
    url = reverse("monitoring:action", args=[action.pk])
    pattern = re.compile(rf'name="{TOKEN_FIELD}" value="([0-9a-f]{{32}})"')
    first = pattern.findall(client.get(url).content.decode())
    second = pattern.findall(client.get(url).content.decode())
    assert first
    assert second
    assert set(first).isdisjoint(second)


def test_a_progress_update_sent_twice_is_saved_once(client, estate, action) -> None:
    client.force_login(estate.people["owner"])
    url = reverse("monitoring:action", args=[action.pk])
    token = new_token()
    first = client.post(url, _update(token))
    again = client.post(url, _update(token), follow=True)
    assert ProgressUpdate.objects.filter(action=action).count() == 1
    assert again.redirect_chain == [(first.url, 302)]
    assert ALREADY_SAVED in again.content.decode()


def test_a_plan_started_twice_is_started_once(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    details = {
        "establishment": str(estate.home.pk),
        "inspectorate": "HMIP",
        "kind": Inspection.Kind.FULL_UNANNOUNCED,
        "fieldwork_start": "16/02/2026",
        "fieldwork_end": "27/02/2026",
        "report_published": "27/03/2026",
        TOKEN_FIELD: new_token(),
    }
    before = ActionPlan.objects.count()
    first = client.post(reverse("drafting:start"), details)
    again = client.post(reverse("drafting:start"), details)
    assert ActionPlan.objects.count() == before + 1
    assert again.url == first.url


def test_a_plan_submitted_twice_moves_once_and_the_second_click_is_told_it_was_saved(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    url = reverse("sign-off", args=[estate.draft.pk])
    data = {"move": "submit", "note": "", TOKEN_FIELD: new_token()}
    client.post(url, data)
    again = client.post(url, data, follow=True)
    assert Transition.objects.filter(plan=estate.draft).count() == 1
    body = again.content.decode()
    assert ALREADY_SAVED in body
    assert "cannot be moved" not in body


def test_a_form_shown_again_with_its_errors_keeps_its_token_unused(client, estate, action) -> None:
    client.force_login(estate.people["owner"])
    url = reverse("monitoring:action", args=[action.pk])
    token = new_token()
    assert client.post(url, _update(token) | {"status": "nonsense"}).status_code == 200
    assert client.post(url, _update(token)).status_code == 302
    assert ProgressUpdate.objects.filter(action=action).count() == 1


def test_a_post_without_a_token_is_made_as_before(client, estate, action) -> None:
    # Programs and pages opened before tokens existed send none: each of their posts is made.
    client.force_login(estate.people["owner"])
    url = reverse("monitoring:action", args=[action.pk])
    client.post(url, _update())
    client.post(url, _update())
    assert ProgressUpdate.objects.filter(action=action).count() == 2
    assert not Submission.objects.exists()


def test_a_token_that_was_tampered_with_is_refused_with_a_message(client, estate, action) -> None:
    client.force_login(estate.people["owner"])
    response = client.post(reverse("monitoring:action", args=[action.pk]), _update("not-a-token"))
    assert response.status_code == 400
    assert "reload the page" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises writers; the race needs PostgreSQL")
def test_two_sendings_at_the_same_moment_save_once(estate, action) -> None:
    url = reverse("monitoring:action", args=[action.pk])
    data = _update(new_token())
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(estate.people["owner"])
    start = threading.Barrier(len(clients))
    statuses: list[int] = []

    def send(client: Client) -> None:
        start.wait()
        try:
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302]
    assert ProgressUpdate.objects.filter(action=action).count() == 1
