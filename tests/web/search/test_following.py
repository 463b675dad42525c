"""The index follows every change in the same transaction, and can be made again whole."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from actionplan.core import canonical
from actionplan.core.generator import generate_plan
from actionplan.monitoring.models import ProgressUpdate
from actionplan.monitoring.progress import record_update
from actionplan.search.models import SearchEntry
from actionplan.storage import models
from actionplan.storage.demo import load_demo
from actionplan.storage.importing import Outcome, import_files
from actionplan.workflow.history import restore_version
from tests.web.search.conftest import first_recommendation, found, say


def test_a_changed_response_is_found_at_once(estate: Any) -> None:
    coordinator = estate.people["coordinator"]
    assert found("hedgehog", coordinator) == []
    say(estate.draft, "hedgehog")
    assert found("hedgehog", coordinator) == [f"Response to {first_recommendation(estate.draft).ref}"]


def test_a_change_rolled_back_leaves_the_index_as_it_was(estate: Any) -> None:
    coordinator = estate.people["coordinator"]
    row = first_recommendation(estate.draft)
    before = list(SearchEntry.objects.order_by("pk").values_list("pk", "body"))
    seen_inside: list[list[str]] = []

    def change_then_fail() -> None:
        with transaction.atomic():
            row.response = "capybara"
            row.save()
            seen_inside.append(found("capybara", coordinator))
            raise RuntimeError("the save fails after the change")

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert seen_inside[0] != []
    assert found("capybara", coordinator) == []
    assert list(SearchEntry.objects.order_by("pk").values_list("pk", "body")) == before


def test_a_deleted_recommendation_is_no_longer_found(estate: Any) -> None:
    coordinator = estate.people["coordinator"]
    say(estate.draft, "armadillo")
    first_recommendation(estate.draft).delete()
    assert found("armadillo", coordinator) == []


def test_an_action_and_a_progress_update_are_found_with_their_status(estate: Any) -> None:
    coordinator = estate.people["coordinator"]
    action = models.Action.objects.filter(recommendation__plan=estate.published).order_by("pk").first()
    assert action is not None
    action.text = "Install a flamingo sign."
    action.status = "in_progress"
    action.save()
    assert found("flamingo", coordinator, status=["in_progress"]) == [
        f"Action {action.position + 1} on {action.recommendation.ref}"
    ]
    record_update(action, by=coordinator, today=date(2026, 1, 10), note="The flamingo sign is up.", status="completed")
    assert found("flamingo", coordinator, status=["completed"], kind=["update"]) != []
    assert found("flamingo", coordinator, status=["completed"], kind=["action"]) != []
    assert found("flamingo", coordinator, status=["in_progress"]) == []


def test_a_plan_deleted_takes_its_entries_with_it(estate: Any) -> None:
    plan = estate.published
    action = models.Action.objects.filter(recommendation__plan=plan).first()
    ProgressUpdate.objects.create(action=action, on=date(2026, 1, 5), note="Begun.")
    plan.delete()
    assert not SearchEntry.objects.filter(plan_id=plan.pk).exists()


def test_a_restored_version_is_found_as_it_was(estate: Any) -> None:
    plan = estate.sent
    version = plan.versions.get()
    first = first_recommendation(plan)
    say(plan, "gazelle")
    assert found("gazelle", estate.people["coordinator"]) != []
    restore_version(plan, version, estate.people["coordinator"])
    assert found("gazelle", estate.people["coordinator"]) == []
    assert first.ref in {title.split()[-1] for title in found(first.text.split()[0], estate.people["coordinator"])}


def test_the_command_makes_the_whole_index_again(estate: Any) -> None:
    entries = sorted(SearchEntry.objects.values_list("plan_id", "audience", "kind", "title", "body"))
    SearchEntry.objects.all().delete()
    assert found(first_recommendation(estate.published).text.split()[-1].strip(".")) == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert out.getvalue().strip() == "Indexed 5 plans for search."
    assert sorted(SearchEntry.objects.values_list("plan_id", "audience", "kind", "title", "body")) == entries


def test_the_demo_leaves_every_plan_indexed_as_the_command_would(db: None) -> None:
    load_demo(6)
    loaded = sorted(SearchEntry.objects.values_list("plan_id", "audience", "kind", "title", "body", "status"))
    assert {plan for plan, *_ in loaded} == set(models.ActionPlan.objects.values_list("pk", flat=True))
    call_command("rebuild_search_index", stdout=StringIO())
    assert sorted(SearchEntry.objects.values_list("plan_id", "audience", "kind", "title", "body", "status")) == loaded


def test_an_imported_plan_is_indexed_as_the_command_would_and_found_by_the_public(tmp_path: Path, db: None) -> None:
    plan = generate_plan(7, recommendations=4, establishment="HMP Importham")
    path = tmp_path / "plan.json"
    path.write_text(canonical.dumps(plan), "utf-8")
    (result,) = import_files([path])
    assert result.outcome is Outcome.IMPORTED
    imported = sorted(SearchEntry.objects.values_list("plan_id", "audience", "kind", "title", "body", "status"))
    assert {audience for _plan, audience, *_ in imported} == {"live", "frozen"}
    call_command("rebuild_search_index", stdout=StringIO())
    assert sorted(SearchEntry.objects.values_list("plan_id", "audience", "kind", "title", "body", "status")) == imported
    assert found("Importham") != []
