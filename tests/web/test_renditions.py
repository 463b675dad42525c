"""What the public and the inspectorate read is rendered once per content, kept in storage and revalidated by ETag."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from actionplan.storage import models
from actionplan.workflow.renditions import FOLDER, content_key, stored_name
from actionplan.workflow.states import make_move, readable_plan

pytestmark = pytest.mark.django_db


def _published(estate) -> models.ActionPlan:
    plan = estate.draft
    for move, person in [("submit", "coordinator"), ("approve", "approver"), ("send", "coordinator")]:
        make_move(plan, move, estate.people[person])
    make_move(plan, "publish", estate.people["coordinator"])
    return plan


@pytest.mark.parametrize("format", ["docx", "pdf", "xlsx"])
def test_a_published_version_is_rendered_once_and_then_read_from_storage(client, estate, format: str) -> None:
    plan = _published(estate)
    name = stored_name(content_key(readable_plan(AnonymousUser(), plan)), format)
    assert not default_storage.exists(name)
    first = client.get(reverse("download", args=[plan.pk, format]))
    assert first.status_code == 200
    assert default_storage.exists(name)
    with default_storage.open(name, "rb") as kept:
        assert kept.read() == first.content
    # Put something else in its place: a second download that rendered again would not serve it.
    default_storage.delete(name)
    default_storage.save(name, ContentFile(b"the stored rendering"))
    second = client.get(reverse("download", args=[plan.pk, format]))
    assert second.content == b"the stored rendering"
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_a_published_download_has_validators_and_answers_304_when_unchanged(client, estate) -> None:
    plan = _published(estate)
    url = reverse("download", args=[plan.pk, "pdf"])
    first = client.get(url)
    assert first["ETag"].startswith('"')
    assert "public" in first["Cache-Control"]
    assert "max-age=300" in first["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_the_inspectorate_gets_its_sent_version_privately(client, estate) -> None:
    plan = estate.draft
    for move, person in [("submit", "coordinator"), ("approve", "approver"), ("send", "coordinator")]:
        make_move(plan, move, estate.people[person])
    client.force_login(estate.people["inspector"])
    response = client.get(reverse("download", args=[plan.pk, "docx"]))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    name = stored_name(content_key(readable_plan(estate.people["inspector"], plan)), "docx")
    assert default_storage.exists(name)


def test_a_draft_is_rendered_on_every_download_without_validators(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    response = client.get(reverse("download", args=[estate.draft.pk, "docx"]))
    assert response.status_code == 200
    assert "ETag" not in response
    assert not default_storage.exists(FOLDER)


def test_a_published_version_page_keeps_its_table(client, estate) -> None:
    plan = _published(estate)
    first = client.get(reverse("plan", args=[plan.pk])).content.decode()
    name = stored_name(content_key(readable_plan(AnonymousUser(), plan)), "table")
    with default_storage.open(name, "rb") as kept:
        assert kept.read().decode() in first
    default_storage.delete(name)
    default_storage.save(name, ContentFile(b"<p>the stored table</p>"))
    cache.clear()  # the whole public page is kept too (test_public_page_cache): forget it, keep the table
    assert "<p>the stored table</p>" in client.get(reverse("plan", args=[plan.pk])).content.decode()


def test_a_delivery_change_gives_the_public_a_new_file(client, estate) -> None:
    plan = _published(estate)
    url = reverse("download", args=[plan.pk, "csv"])
    first = client.get(url)
    completed = models.Action.Status.COMPLETED
    action = models.Action.objects.filter(recommendation__plan=plan).exclude(status=completed).order_by("pk").first()
    assert action is not None
    action.status = completed
    action.save()
    second = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert second.content != first.content
