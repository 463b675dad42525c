"""The open data download: every published plan as published, and all their actions as a safe CSV, kept up to
date when a plan is published; its public page says what it holds."""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from actionplan.core import canonical
from actionplan.core.writing.open_data import ACTION_COLUMNS
from actionplan.storage import models
from actionplan.workflow import open_data
from actionplan.workflow.states import make_move, published_version

Status = models.ActionPlan.Status


@pytest.fixture(autouse=True)
def open_data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.ACTIONPLAN_OPEN_DATA_DIR = tmp_path / "open-data"
    return settings.ACTIONPLAN_OPEN_DATA_DIR


def _zip(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def _download(client: Any) -> zipfile.ZipFile:
    response = client.get(reverse("open-data-download"))
    assert response.status_code == 200
    return _zip(b"".join(response.streaming_content))


def _plan_ids(archive: zipfile.ZipFile) -> set[int]:
    return {
        int(name.removeprefix("plans/").removesuffix(".json"))
        for name in archive.namelist()
        if name.startswith("plans/")
    }


def _actions(archive: zipfile.ZipFile) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read("actions.csv").decode("utf-8-sig"))))


def test_the_download_holds_the_published_plans_only_each_valid_json(client, estate) -> None:
    archive = _download(client)
    assert _plan_ids(archive) == {estate.published.pk, estate.other_published.pk}
    for plan_id in _plan_ids(archive):
        document = json.loads(archive.read(f"plans/{plan_id}.json"))
        canonical.validate(document)
        assert document["schema"] == "actionplan/1"
    assert json.loads(archive.read("actionplan-1.schema.json")) == canonical.schema()
    assert "Open Government Licence v3.0" in archive.read("README.txt").decode()


def test_a_plan_drafted_again_after_publication_is_in_the_download_as_published(client, estate) -> None:
    rec = estate.published.recommendations.order_by("position").first()
    models.Recommendation.objects.filter(pk=rec.pk).update(response="A redraft nobody has approved.")
    models.ActionPlan.objects.filter(pk=estate.published.pk).update(status=Status.DRAFT)
    archive = _download(client)
    published = canonical.plan_from_dict(published_version(estate.published).document)
    document = json.loads(archive.read(f"plans/{estate.published.pk}.json"))
    assert document["recommendations"][0]["response"] == published.recommendations[0].response
    assert b"A redraft nobody has approved." not in archive.read(f"plans/{estate.published.pk}.json")
    assert all("redraft" not in row["action"] for row in _actions(archive))


def _written(folder: Path, seconds: float = 60) -> set[int]:
    """The plans in the download as last written, once it has been written (waiting for it up to ``seconds``)."""
    deadline = time.monotonic() + seconds
    while not (folder / "manifest.json").exists():
        assert time.monotonic() < deadline, "the download was not written"
        time.sleep(0.05)
    manifest = json.loads((folder / "manifest.json").read_text())
    return _plan_ids(zipfile.ZipFile(folder / manifest["file"]))


def test_publishing_a_plan_writes_the_download_with_it_at_once(client, estate, open_data_dir, transactional_db) -> None:
    make_move(estate.sent, "publish", by=estate.people["coordinator"])
    # Written on publication, before anyone asks for it.
    assert _written(open_data_dir) == {estate.sent.pk, estate.published.pk, estate.other_published.pk}
    archive = _download(client)
    assert estate.sent.pk in _plan_ids(archive)
    assert {int(row["plan_id"]) for row in _actions(archive)} == _plan_ids(archive)


def test_a_plan_published_without_the_publish_step_is_in_the_next_download(client, estate) -> None:
    """An import or a demo load publishes versions directly: the next reader finds the download missing them."""
    assert estate.sent.pk not in _plan_ids(_download(client))
    models.ActionPlan.objects.filter(pk=estate.sent.pk).update(status=Status.PUBLISHED)
    estate.sent.versions.update(published_on=date(2026, 1, 5))
    assert estate.sent.pk in _plan_ids(_download(client))


def test_a_draft_or_a_plan_sent_but_not_published_is_never_in_it(
    client, estate, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        make_move(estate.draft, "submit", by=estate.people["coordinator"])
    archive = _download(client)
    listed = _plan_ids(archive) | {int(row["plan_id"]) for row in _actions(archive)}
    assert not listed & {estate.draft.pk, estate.sent.pk, estate.other_draft.pk}


def test_the_actions_csv_has_a_row_per_action_and_disarms_formulas(client, estate) -> None:
    version = published_version(estate.published)
    document = version.document
    first = document["recommendations"][0]
    first["actions"][0]["text"] = '=HYPERLINK("http://example.com","Click")'
    first["actions"][0]["owner"] = "@SUM(A1:A9)"
    version.document = document
    version.save(update_fields=["document"])
    rows = _actions(_download(client))
    expected = sum(
        len(rec["actions"])
        for plan in (estate.published, estate.other_published)
        for rec in published_version(plan).document["recommendations"]
    )
    assert len(rows) == expected
    ours = [row for row in rows if int(row["plan_id"]) == estate.published.pk]
    assert ours[0]["action"] == '\'=HYPERLINK("http://example.com","Click")'
    assert ours[0]["owner"] == "'@SUM(A1:A9)"
    assert ours[0]["establishment"] == "HMP Homefield"
    assert ours[0]["inspectorate"] == "HMIP"
    assert ours[0]["recommendation_ref"] == first["ref"]
    assert ours[0]["action_number"] == "1"
    assert ours[0]["status"] in {"Not started", "In progress", "Completed", "Cancelled"}
    assert list(rows[0]) == [name for name, _ in ACTION_COLUMNS]


def test_the_download_is_a_named_attachment_that_a_cache_may_revalidate(client, estate) -> None:
    response = client.get(reverse("open-data-download"))
    assert response["Content-Disposition"] == 'attachment; filename="actionplan-published-plans.zip"'
    assert response["Content-Type"] == "application/zip"
    assert "public" in response["Cache-Control"]
    assert response["ETag"] == f'"{open_data.current().sha256}"'
    assert response["Last-Modified"]
    again = client.get(reverse("open-data-download"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get(reverse("open-data-download"), HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    assert client.head(reverse("open-data-download")).status_code == 200


def test_a_missing_download_is_written_on_first_request_and_by_the_command(client, estate, open_data_dir) -> None:
    assert not open_data_dir.exists()
    assert client.get(reverse("open-data-download")).status_code == 200
    assert len(list(open_data_dir.glob("published-*.zip"))) == 1
    out = io.StringIO()
    call_command("write_open_data", stdout=out)
    assert "2 plans" in out.getvalue()
    assert len(list(open_data_dir.glob("published-*.zip"))) == 1
    assert not list(open_data_dir.glob(".writing-*"))


def test_the_open_data_page_never_writes_the_download_and_says_when_it_is_behind(client, estate, open_data_dir) -> None:
    page = client.get(reverse("open-data")).content.decode()
    assert not open_data_dir.exists()
    assert "has not been written yet" in page
    assert "Last updated" not in page
    kept = open_data.current()
    models.ActionPlan.objects.filter(pk=estate.sent.pk).update(status=Status.PUBLISHED)
    estate.sent.versions.update(published_on=date(2026, 1, 5))
    page = client.get(reverse("open-data")).content.decode()
    assert "Plans have been published since this download was written" in page
    assert f"{kept.plans} plans and" in page
    assert open_data.described() == (kept, False)


def test_the_open_data_page_describes_the_dataset_and_is_linked_from_published_plans(client, estate) -> None:
    assert reverse("open-data") in client.get(reverse("published")).content.decode()
    manifest = open_data.current()
    page = client.get(reverse("open-data")).content.decode()
    assert "Plans have been published since" not in page
    assert "Open Government Licence v3.0" in page
    assert "2 plans and" in page
    assert f"{manifest.actions} actions" in page
    assert "Last updated" in page
    for column in ("plan_id", "recommendation_ref", "decision", "owner", "target_date", "status"):
        assert f"<code>{column}</code>" in page
    assert reverse("open-data-download") in page
