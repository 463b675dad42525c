"""Hostile uploads, pasted lists and imports are refused with a message on the page, and nothing is stored."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from actionplan.storage import models
from actionplan.storage.importing import Outcome, import_files
from tests.core.reading import hostile_files as hostile
from tests.web.drafting.conftest import page_title


def _refs(stored: models.ActionPlan) -> list[str]:
    return list(stored.recommendations.order_by("position").values_list("ref", flat=True))


def _refused_upload(client, estate, name: str, content: bytes) -> str:
    client.force_login(estate.people["coordinator"])
    stored = estate.draft
    before = _refs(stored)
    response = client.post(reverse("drafting:upload", args=[stored.pk]), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    body = " ".join(response.content.decode().split())
    assert page_title(body).startswith("Error: ")
    assert "govuk-error-summary" in body
    assert 'href="#id_file"' in body
    assert _refs(stored) == before
    assert f"drafting-upload-{stored.pk}" not in client.session
    return body


def test_a_word_zip_bomb_is_refused_on_the_page(client, estate) -> None:
    body = _refused_upload(client, estate, "bomb.docx", hostile.docx_bomb())
    assert (
        "The selected file (bomb.docx) was not read: this Word document expands to more than 50 MB when unpacked,"
        " and an action plan stays well within that." in body
    )


def test_an_excel_zip_bomb_is_refused_on_the_page(client, estate) -> None:
    body = _refused_upload(client, estate, "bomb.xlsx", hostile.xlsx_bomb())
    assert "The selected file (bomb.xlsx) was not read: this Excel workbook expands to more than 50 MB" in body


def test_billion_laughs_is_refused_on_the_page(client, estate) -> None:
    body = _refused_upload(client, estate, "laughs.docx", hostile.docx_billion_laughs())
    assert "declares XML entities in word/document.xml" in body


@override_settings(
    ACTIONPLAN_READ_EXPANDED_MB=10_000, ACTIONPLAN_READ_COMPRESSION_RATIO=1_000_000, ACTIONPLAN_READ_MEMORY_MB=300
)
def test_a_file_past_no_limit_is_stopped_by_the_reading_budget(client, estate) -> None:
    body = _refused_upload(client, estate, "bomb.docx", hostile.docx_bomb())
    assert "The selected file (bomb.docx) was not read: it needs more than 300 MB of memory to read" in body


@override_settings(ACTIONPLAN_READ_RECOMMENDATIONS=5)
def test_a_pasted_list_over_the_limit_is_refused_and_nothing_added(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    stored = estate.draft
    before = _refs(stored)
    url = reverse("drafting:paste", args=[stored.pk])
    response = client.post(url, {"text": hostile.many_recommendations_pasted(6), "operation": "confirm"})
    assert response.status_code == 200
    body = " ".join(response.content.decode().split())
    assert page_title(body).startswith("Error: ")
    assert 'href="#id_text"' in body
    assert "The pasted text was not read: it holds 6 recommendations, more than the limit of 5" in body
    assert _refs(stored) == before


@override_settings(ACTIONPLAN_READ_LINE_CHARACTERS=1000)
def test_a_pasted_line_over_the_limit_is_refused(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    response = client.post(reverse("drafting:paste", args=[estate.draft.pk]), {"text": "1.1 Staff " + "x" * 2000})
    body = " ".join(response.content.decode().split())
    assert "The pasted text was not read: this text has a line longer than 1000 characters" in body


def test_a_hostile_file_is_not_imported(db, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(hostile.xlsx_bomb())
    [result] = import_files([bomb])
    assert result.outcome is Outcome.FAILED
    assert result.message.startswith(f"{bomb}: this Excel workbook expands to more than 50 MB when unpacked")
    assert not models.ActionPlan.objects.exists()
