"""The public and the inspectorate read only frozen versions, and the public never reads progress notes."""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from docx import Document

from actionplan.accounts.models import User
from actionplan.core.writing import FORMATS
from actionplan.core.writing.progress_report import REPORT_FORMATS
from actionplan.monitoring.progress import record_update
from actionplan.storage import models
from actionplan.storage.conversion import load_plan, save_plan
from actionplan.storage.demo import load_demo
from actionplan.storage.importing import import_files
from actionplan.workflow.editing import reopen_for_editing
from actionplan.workflow.states import freeze_unversioned, make_move, published_version, readable_plan, sent_version

Status = models.ActionPlan.Status
UNAPPROVED = "UNAPPROVED"


def _text_of(content: bytes, suffix: str) -> str:
    """Everything a reader of the file sees, as one line of words."""
    if suffix == ".docx":
        document = Document(io.BytesIO(content))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        text = " ".join([p.text for p in document.paragraphs] + cells)
    elif suffix == ".xlsx":
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        text = " ".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v)
    elif suffix == ".pdf":
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            text = " ".join(page.extract_text() or "" for page in pdf.pages)
    elif suffix == ".json":
        text = json.dumps(json.loads(content), ensure_ascii=False)
    else:
        text = html.unescape(content.decode("utf-8-sig"))
    return " ".join(text.split())


@dataclass
class Published:
    plan: models.ActionPlan
    inspector: User
    editor: User


def _signed_off(request: pytest.FixtureRequest) -> Published:
    estate = request.getfixturevalue("estate")
    plan = estate.draft
    for move, person in [("submit", "coordinator"), ("approve", "approver"), ("send", "coordinator")]:
        make_move(plan, move, estate.people[person])
    make_move(plan, "publish", estate.people["coordinator"])
    return Published(plan, estate.people["inspector"], estate.people["coordinator"])


def _imported(request: pytest.FixtureRequest) -> Published:
    estate = request.getfixturevalue("estate")
    samples: Path = request.getfixturevalue("samples_dir")
    result = import_files([samples / "buckley_hall_2019.txt"], establishment_name=estate.home.name)[0]
    plan = models.ActionPlan.objects.get(pk=result.plan_id)
    return Published(plan, estate.people["inspector"], estate.people["coordinator"])


def _demo(request: pytest.FixtureRequest) -> Published:
    request.getfixturevalue("db")
    load_demo(3)
    plan = models.ActionPlan.objects.filter(status=Status.PUBLISHED).order_by("pk").first()
    assert plan is not None
    return Published(plan, User.objects.get(username="inspector"), User.objects.get(username="admin"))


def _first_words(text: str, count: int = 3) -> str:
    return " ".join(text.split()[:count])


def _edit_without_sign_off(published: Published) -> None:
    """What a coordinator can do to a published plan: change its wording, which returns it to draft."""
    reopen_for_editing(published.plan, published.editor)
    rec = published.plan.recommendations.order_by("position").first()
    rec.response = f"{UNAPPROVED} response: nobody signed this off."
    rec.save()
    action = rec.actions.order_by("position").first()
    action.text = f"{UNAPPROVED} action: nobody signed this off."
    action.save()


def _everything_read(client: Client, plan: models.ActionPlan, *, reports: bool) -> dict[str, str]:
    """Every page, API answer and download of the plan, as the client's person reads them."""
    read = {
        "home": client.get(reverse("home")),
        "published": client.get(reverse("published")),
        "plan page": client.get(reverse("plan", args=[plan.pk])),
        "API list": client.get(reverse("api-plans")),
        "API plan": client.get(reverse("api-plan", args=[plan.pk])),
    }
    for name in FORMATS:
        read[f"{name} download"] = client.get(reverse("download", args=[plan.pk, name]))
    if reports:
        for name in REPORT_FORMATS:
            read[f"{name} progress report"] = client.get(reverse("monitoring:progress-report", args=[plan.pk, name]))
    for what, response in read.items():
        assert response.status_code == 200, what
    suffixes = {f"{name} download": output.suffix for name, output in FORMATS.items()}
    suffixes |= {f"{name} progress report": output.suffix for name, output in REPORT_FORMATS.items()}
    return {
        what: _text_of(response.content, suffixes[what]) if what in suffixes else response.content.decode()
        for what, response in read.items()
    }


@pytest.mark.parametrize("source", [_signed_off, _imported, _demo], ids=["signed off", "imported", "demo"])
def test_an_unapproved_edit_of_a_published_plan_reaches_neither_the_public_nor_the_inspectorate(
    client: Client, request: pytest.FixtureRequest, source
) -> None:
    published = source(request)
    approved = load_plan(published.plan).recommendations[0]
    approved_response, approved_action = _first_words(approved.response), _first_words(approved.actions[0].text)
    _edit_without_sign_off(published)
    published.plan.refresh_from_db()
    assert published.plan.status == Status.DRAFT

    for who, reports in [("the public", False), ("the inspectorate", True)]:
        if who == "the inspectorate":
            client.force_login(published.inspector)
        texts = _everything_read(client, published.plan, reports=reports)
        for what, text in texts.items():
            assert UNAPPROVED not in text, f"{who} reads the unapproved wording in the {what}"
        for what in ["plan page", "API plan", *(f"{name} download" for name in FORMATS)]:
            assert approved_response in texts[what], f"{who} lost the approved response in the {what}"
        if reports:
            for name in REPORT_FORMATS:
                assert approved_action in texts[f"{name} progress report"], f"{who}: approved action, {name} report"
        assert reverse("api-plan", args=[published.plan.pk]) in texts["API list"]

    client.force_login(published.editor)
    assert UNAPPROVED in client.get(reverse("plan", args=[published.plan.pk])).content.decode()


def test_the_public_cannot_download_the_progress_report(client: Client, estate) -> None:
    for name in REPORT_FORMATS:
        assert client.get(reverse("monitoring:progress-report", args=[estate.published.pk, name])).status_code == 404


def test_a_sent_or_published_plan_without_a_version_is_not_found_rather_than_read_live(client: Client, estate) -> None:
    plan = save_plan(load_plan(estate.published), establishment=estate.home, status=Status.PUBLISHED)
    plan.published = date(2026, 1, 5)
    plan.save()
    assert not plan.versions.exists()
    for url in [
        reverse("plan", args=[plan.pk]),
        reverse("api-plan", args=[plan.pk]),
        *(reverse("download", args=[plan.pk, name]) for name in FORMATS),
    ]:
        assert client.get(url).status_code == 404, url
    assert reverse("plan", args=[plan.pk]) not in client.get(reverse("published")).content.decode()
    assert reverse("api-plan", args=[plan.pk]) not in client.get(reverse("api-plans")).content.decode()
    client.force_login(estate.people["inspector"])
    assert client.get(reverse("plan", args=[plan.pk])).status_code == 404
    assert client.get(reverse("monitoring:progress-report", args=[plan.pk, "xlsx"])).status_code == 404


def test_plans_sent_or_published_without_a_version_are_frozen_once(estate) -> None:
    published = save_plan(load_plan(estate.published), establishment=estate.home, status=Status.PUBLISHED)
    sent = save_plan(load_plan(estate.sent), establishment=estate.home, status=Status.SENT)
    draft = save_plan(load_plan(estate.draft), establishment=estate.home, status=Status.DRAFT)

    assert freeze_unversioned(today=date(2026, 2, 1)) == 2
    assert freeze_unversioned() == 0, "frozen once only"

    version = published_version(published)
    assert version is not None
    assert version.published_on == published.submitted
    assert sent_version(published) == version
    assert sent_version(sent) is not None
    assert published_version(sent) is None
    assert not draft.versions.exists()
    published.refresh_from_db()
    assert published.published == published.submitted, "stays public while a next version is drafted"
    reopen_for_editing(published, estate.people["coordinator"])
    published.recommendations.filter(position=0).update(response=f"{UNAPPROVED} response.")
    assert UNAPPROVED not in readable_plan(AnonymousUser(), published).recommendations[0].response


@pytest.mark.django_db(transaction=True)
def test_the_migration_freezes_existing_plans_and_can_be_reversed() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from tests.web.factories import EstablishmentFactory, stored_plan

    before, after = [("workflow", "0002_version_published_on")], [("workflow", "0003_freeze_sent_and_published")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    plan = save_plan(load_plan(stored_plan(EstablishmentFactory(), status=Status.SENT)), status=Status.SENT)
    assert not plan.versions.exists()
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    assert sent_version(plan) is not None
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    assert plan.versions.count() == 1


def _with_delivery_notes(estate) -> models.Action:
    """The published plan's first action completed with a note, and its second cancelled with a reason."""
    first, second = models.Action.objects.filter(recommendation__plan=estate.published).order_by(
        "recommendation__position", "position"
    )[:2]
    owner = estate.people["coordinator"]
    record_update(first, by=owner, today=date(2026, 3, 1), note="NOTE-SECRET-1", status=models.Action.Status.COMPLETED)
    record_update(
        second,
        by=owner,
        today=date(2026, 3, 2),
        note="NOTE-SECRET-2",
        status=models.Action.Status.CANCELLED,
        cancellation_reason="REASON-SECRET",
    )
    return first


def test_the_public_reads_how_far_actions_have_got_but_no_progress_notes(client: Client, estate) -> None:
    first = _with_delivery_notes(estate)
    plan_id = estate.published.pk
    api = client.get(reverse("api-plan", args=[plan_id])).json()
    downloaded = json.loads(client.get(reverse("download", args=[plan_id, "json"])).content)
    for document in (api, downloaded):
        actions = [action for rec in document["recommendations"] for action in rec["actions"]]
        assert all(not action.get("progress") for action in actions)
        assert all(not action.get("cancellation_reason") for action in actions)
        assert actions[0]["status"] == "completed", "the status the owner reported after publication"
        assert actions[1]["status"] == "cancelled"
    for name in FORMATS:
        content = client.get(reverse("download", args=[plan_id, name])).content
        text = _text_of(content, FORMATS[name].suffix)
        assert "SECRET" not in text, name
    assert "SECRET" not in client.get(reverse("plan", args=[plan_id])).content.decode()
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("download", args=[plan_id, "csv"])).content.decode())))
    assert rows[0]["Status"] == "Completed"
    assert first.text.split()[0] in rows[0]["Action"]


@pytest.mark.parametrize("person", ["coordinator", "inspector", "analyst"])
def test_those_who_may_see_progress_still_read_the_notes(client: Client, estate, person: str) -> None:
    _with_delivery_notes(estate)
    client.force_login(estate.people[person])
    plan_id = estate.published.pk
    api = client.get(reverse("api-plan", args=[plan_id])).content.decode()
    assert "NOTE-SECRET-1" in api
    assert "REASON-SECRET" in api
    assert "NOTE-SECRET-2" in client.get(reverse("download", args=[plan_id, "json"])).content.decode()
    assert "REASON-SECRET" in client.get(reverse("download", args=[plan_id, "csv"])).content.decode("utf-8-sig")
    tracker = client.get(reverse("download", args=[plan_id, "xlsx"])).content
    assert "REASON-SECRET" in _text_of(tracker, ".xlsx")


def test_lists_give_the_public_and_the_inspectorate_the_status_of_the_version_they_read(client: Client, estate) -> None:
    for plan in (estate.sent, estate.published):
        reopen_for_editing(plan, estate.people["coordinator"])
    expected = {
        "public": {estate.published.pk: "published"},
        "inspector": {estate.sent.pk: "sent", estate.published.pk: "published"},
        "coordinator": {estate.sent.pk: "draft", estate.published.pk: "draft"},
    }
    for who, statuses in expected.items():
        client.logout()
        if who != "public":
            client.force_login(estate.people[who])
        listed = {row["id"]: row["status"] for row in client.get(reverse("api-plans")).json()["results"]}
        assert {pk: listed[pk] for pk in statuses} == statuses, who
        home = client.get(reverse("home")).content.decode()
        assert ("Draft</strong>" in home) is (who == "coordinator"), who
