"""An action whose target a plan writes as "Completed" is stored as completed, on a day not recorded."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplan.core.plan import Action, ActionStatus
from actionplan.core.targets import parse_target
from actionplan.core.writing.progress_report import status_text
from actionplan.storage import models
from actionplan.storage.importing import import_files

Status = models.Action.Status
# The sample's actions whose target is written "Completed": (ref, action position).
COMPLETED = {("S38", 1), ("1.30", 0), ("2.10", 1), ("2.97", 0), ("4.28", 0)}


def _delivery(plan: models.ActionPlan) -> dict[tuple[str, int], tuple[str, object]]:
    return {
        (action.recommendation.ref, action.position): (action.status, action.completed_on)
        for action in models.Action.objects.filter(recommendation__plan=plan).select_related("recommendation")
    }


def _check_sample_delivery(plan: models.ActionPlan) -> None:
    delivery = _delivery(plan)
    assert {key for key, (status, _) in delivery.items() if status == Status.COMPLETED} == COMPLETED
    assert all(delivery[key][1] is None for key in COMPLETED), "the day it was completed is not written"
    assert delivery[("S38", 0)] == (Status.NOT_STARTED, None)


def test_an_imported_plan_has_its_completed_targets_completed(client, estate, samples_dir: Path) -> None:
    [result] = import_files([samples_dir / "buckley_hall_2019.txt"], establishment_name="HMP Homefield")
    plan = models.ActionPlan.objects.get(pk=result.plan_id)
    _check_sample_delivery(plan)

    client.force_login(estate.people["admin"])
    action = models.Action.objects.get(recommendation__plan=plan, recommendation__ref="1.30", position=0)
    page = client.get(reverse("monitoring:action", args=[action.pk])).content.decode()
    assert "Completed (date not recorded)" in page
    progress = client.get(reverse("monitoring:plan-progress", args=[plan.pk])).content.decode()
    # 2.97 and 4.28 have one action each, written "Completed": they are implemented.
    assert "2 of 23 recommendations implemented (1 not agreed)" in progress


def test_an_uploaded_plan_has_its_completed_targets_completed(client, estate, samples_dir: Path) -> None:
    stored = estate.draft
    stored.recommendations.all().delete()
    client.force_login(estate.people["coordinator"])
    content = (samples_dir / "buckley_hall_2019.txt").read_bytes()
    client.post(reverse("drafting:upload", args=[stored.pk]), {"file": SimpleUploadedFile("plan.txt", content)})
    client.post(reverse("drafting:upload-preview", args=[stored.pk]), {"operation": "confirm"})
    _check_sample_delivery(stored)


def test_the_progress_report_says_when_the_day_of_completion_is_not_recorded() -> None:
    done = Action(text="Done.", target=parse_target("Completed"), status=ActionStatus.COMPLETED)
    assert status_text(done) == "Completed (date not recorded)"
