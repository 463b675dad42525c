"""Uploads: deeply nested JSON is refused with a message; Word's line break in an uploaded plan is kept as one."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplan.core import canonical
from actionplan.core.generator import generate_plan


def _upload(client, stored, name: str, content: bytes):
    return client.post(
        reverse("drafting:upload", args=[stored.pk]), {"file": SimpleUploadedFile(name, content)}, follow=True
    )


@pytest.mark.parametrize("depth", [30, 100_000])
def test_deeply_nested_json_is_refused_and_nothing_is_kept(client, estate, depth: int) -> None:
    client.force_login(estate.people["coordinator"])
    stored = estate.draft
    before = list(stored.recommendations.values_list("ref", flat=True))
    content = ('{"schema": "actionplan/1", "notes": ' + "[" * depth + "]" * depth + "}").encode()
    response = _upload(client, stored, "deep.json", content)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert f"drafting-upload-{stored.pk}" not in client.session
    assert list(stored.recommendations.values_list("ref", flat=True)) == before


def test_a_vertical_tab_in_an_uploaded_plan_is_taken_in_as_a_line_break(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    stored = estate.draft
    plan = generate_plan(3, recommendations=1)
    plan.recommendations[0].ref = "U1"
    plan.recommendations[0].response = "First line\x0bsecond line\x00"
    response = _upload(client, stored, "plan.json", canonical.dumps(plan).encode())
    assert response.redirect_chain[-1][0] == reverse("drafting:upload-preview", args=[stored.pk])
    client.post(reverse("drafting:upload-preview", args=[stored.pk]), {"operation": "confirm"})
    assert stored.recommendations.get(ref="U1").response == "First line\nsecond line"
