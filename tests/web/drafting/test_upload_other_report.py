"""A file for another establishment or report is named as such in the preview, before anything is saved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplan.core import canonical
from actionplan.core.comparing import other_report
from actionplan.core.plan import Decision, Plan, Recommendation, Report
from actionplan.storage.models import Inspection

WARNING = "This may be the plan for another report."


def _preview(client, stored, name: str, content: bytes) -> str:
    upload = SimpleUploadedFile(name, content)
    return client.post(reverse("drafting:upload", args=[stored.pk]), {"file": upload}, follow=True).content.decode()


def _json(establishment: str, report: Report) -> bytes:
    rec = Recommendation(ref="9.1", recommendation="Cells should be clean.", decision=Decision.AGREED)
    return canonical.dumps(Plan(establishment=establishment, report=report, recommendations=[rec])).encode()


def test_a_plan_of_another_establishment_is_named_and_may_still_be_saved(client, estate, samples_dir: Path) -> None:
    stored = estate.draft
    client.force_login(estate.people["coordinator"])
    body = _preview(client, stored, "plan.txt", (samples_dir / "buckley_hall_2019.txt").read_bytes())
    assert WARNING in body
    assert "the establishment: the file says HMP Buckley Hall, this plan HMP Homefield" in body
    assert "Save these in the plan" in body
    assert "Cancel" in body
    client.post(reverse("drafting:upload-preview", args=[stored.pk]), {"operation": "confirm"})
    assert stored.recommendations.filter(ref="S34").exists(), "the person may go on"


def test_a_plan_of_another_report_names_the_dates_that_differ(client, estate) -> None:
    stored = estate.draft
    Inspection.objects.filter(pk=stored.inspection_id).update(
        inspection_dates="8 July 2019 to 19 July 2019", report_published=date(2019, 10, 1)
    )
    client.force_login(estate.people["coordinator"])
    same = _json("HMP/YOI Homefield", Report(inspection_dates="8-19 July 2019", published=date(2019, 10, 1)))
    assert WARNING not in _preview(client, stored, "same.json", same)
    other = _json("HMP Homefield", Report(inspection_dates="3-14 May 2021", published=date(2021, 8, 2)))
    body = _preview(client, stored, "other.json", other)
    assert WARNING in body
    assert "the inspection dates: the file says 3-14 May 2021, this plan 8 July 2019 to 19 July 2019" in body
    assert "the date the report was published: the file says 2 August 2021, this plan 1 October 2019" in body
    assert "the establishment" not in body


def test_a_file_that_does_not_say_is_not_taken_for_another_report() -> None:
    draft = Plan(establishment="HMP Homefield", report=Report(inspection_dates="8-19 July 2019"))
    assert other_report(Plan(establishment="Not stated"), draft) == []
