"""Responses for one person are marked no-store; public pages for anyone stay cacheable."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from actionplan.monitoring.models import Evidence, ProgressUpdate
from actionplan.storage import models

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_every_response_to_a_signed_in_person_is_no_store(client, estate) -> None:
    action = models.Action.objects.filter(recommendation__plan=estate.sent).first()
    update = ProgressUpdate.objects.create(action=action, on=estate.sent.created, note="Begun.")
    evidence = Evidence.objects.create(
        update=update,
        file=ContentFile(b"%PDF-1.4 x", name="e.pdf"),
        name="e.pdf",
        size=10,
        media_type="application/pdf",
    )
    client.force_login(estate.people["coordinator"])
    for url in (
        reverse("home"),
        reverse("plan", args=[estate.sent.pk]),
        reverse("download", args=[estate.sent.pk, "csv"]),
        reverse("api-plan", args=[estate.sent.pk]),
        reverse("monitoring:evidence", args=[evidence.pk]),
        reverse("published"),
        reverse("drafting:recommendation", args=[estate.draft.pk, estate.draft.recommendations.first().pk]),
        "/no-such-page/",
    ):
        response = client.get(url)
        assert _no_store(response), f"{url}: {response.status_code} {response.get('Cache-Control')}"


def test_public_pages_for_anyone_stay_cacheable(client, estate) -> None:
    for url in (
        reverse("home"),
        reverse("published"),
        reverse("plan", args=[estate.published.pk]),
        reverse("download", args=[estate.published.pk, "pdf"]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert not _no_store(response), url


def test_a_response_that_sets_a_cookie_is_no_store(client, estate) -> None:
    response = client.get(reverse("sign-in"))
    assert response.cookies  # the CSRF cookie of the sign-in form
    assert _no_store(response)
    client.force_login(estate.people["coordinator"])
    signed_out = client.post(reverse("sign-out"))
    assert _no_store(signed_out)
