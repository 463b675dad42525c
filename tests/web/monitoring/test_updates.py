"""Who may post progress on an action, and evidence files refused by content and size with a clear message."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actionplan.accounts.models import User
from actionplan.monitoring.models import Evidence, ProgressUpdate, TargetChange
from tests.web.factories import held_post

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(delivery) -> str:
    return f"/actions/{delivery.action.pk}/"


def _post(client, delivery, **extra):
    data = {"note": "Fitted screens on A wing.", "status": "in_progress", **extra}
    return client.post(_url(delivery), data)


# Who may post: the action's owner, coordinators of its establishment, admins. Everyone else is refused,
# with 404 for those who may not even see the action, so that actions are not probed.
EXPECTED = {
    "owner": 302,
    "coordinator": 302,
    "admin": 302,
    "approver": 403,
    "analyst": 403,
    "inspector": 403,
    "probation_inspector": 404,
    "outsider": 404,
}


@pytest.mark.parametrize(("person", "status"), EXPECTED.items())
def test_only_the_owner_coordinators_and_admins_may_post_an_update(client, delivery, person, status) -> None:
    client.force_login(delivery.estate.people[person])
    response = _post(client, delivery)
    assert response.status_code == status
    assert ProgressUpdate.objects.filter(action=delivery.action).exists() is (status == 302)
    page = client.get(_url(delivery))
    assert ("Add an update" in page.content.decode()) is (status == 302)


def test_the_public_gets_nothing(client, delivery) -> None:
    assert _post(client, delivery).status_code == 404
    assert client.get(_url(delivery)).status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_no_updates_on_a_draft_plan(client, estate, today) -> None:
    action = estate.draft.recommendations.first().actions.first()
    held_post(estate.people["owner"], action)
    client.force_login(User.objects.get(username="owner"))
    assert client.post(f"/actions/{action.pk}/", {"note": "x", "status": "in_progress"}).status_code == 403


def test_an_update_with_evidence_completes_the_action(client, delivery, today) -> None:
    client.force_login(User.objects.get(username="owner"))
    upload = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    response = _post(client, delivery, status="completed", evidence=[upload])
    assert response.status_code == 302
    delivery.action.refresh_from_db()
    assert delivery.action.status == "completed"
    assert delivery.action.completed_on == today
    evidence = Evidence.objects.get()
    assert evidence.media_type == "application/pdf"
    assert evidence.file.read() == PDF
    page = client.get(_url(delivery)).content.decode()
    assert "moj-timeline__item" in page
    assert "minutes.pdf" in page
    download = client.get(f"/evidence/{evidence.pk}/")
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF
    client.logout()
    client.force_login(User.objects.get(username="outsider"))
    assert client.get(f"/evidence/{evidence.pk}/").status_code == 404


def _docx_with_macros() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", "macros")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00rest", "tool.exe is a program or script"),
        ("report.pdf", b"MZ\x90\x00 a program named as a PDF", "report.pdf is a program or script"),
        ("run.sh", b"#!/bin/sh\necho hi\n", "run.sh is a program or script"),
        ("photo.png", b"%PDF-1.4 not a png", "photo.png is not a real PNG image"),
        ("notes.docx", _docx_with_macros(), "notes.docx is not a real Word document"),
        ("archive.zip", b"PK\x03\x04", "archive.zip must be a PDF"),
        ("big.pdf", PDF + b"0" * 2048, "big.pdf must be smaller than 1.0\xa0KB"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_saved(client, delivery, settings, name, content, message) -> None:
    settings.ACTIONPLAN_EVIDENCE_MAX_BYTES = 1024
    client.force_login(User.objects.get(username="owner"))
    good = SimpleUploadedFile("fine.pdf", PDF)
    response = _post(client, delivery, status="completed", evidence=[good, SimpleUploadedFile(name, content)])
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_evidence"' in page
    assert message in page
    assert "Error: Action" in page
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()
    delivery.action.refresh_from_db()
    assert delivery.action.status == "not_started"


def test_cancelling_needs_a_reason(client, delivery) -> None:
    client.force_login(User.objects.get(username="coordinator"))
    page = _post(client, delivery, status="cancelled").content.decode()
    assert 'href="#id_cancellation_reason"' in page
    assert not ProgressUpdate.objects.exists()


def test_a_coordinator_moves_a_target_with_a_reason(client, delivery, today) -> None:
    url = f"/actions/{delivery.action.pk}/target/"
    client.force_login(User.objects.get(username="owner"))
    assert client.post(url, {"target": "April 2026", "reason": "Late"}).status_code == 404
    client.logout()
    client.force_login(User.objects.get(username="coordinator"))
    refused = client.post(url, {"target": "soon", "reason": ""}).content.decode()
    assert 'href="#id_target"' in refused
    assert 'href="#id_reason"' in refused
    assert client.post(url, {"target": "April 2026", "reason": "Contractor late"}).status_code == 302
    change = TargetChange.objects.get()
    assert (change.previous_text, change.new_text, change.reason) == ("25/03/2026", "April 2026", "Contractor late")
    assert "36 days later" in client.get(f"/actions/{delivery.action.pk}/").content.decode()
