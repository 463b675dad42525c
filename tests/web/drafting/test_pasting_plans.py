"""A plan's text pasted is read by the same reader as the file uploaded, and checked in the same preview."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse

from actionplan.core.plan import Plan
from actionplan.core.reading import read_plan
from actionplan.storage.conversion import load_plan
from actionplan.storage.models import ActionPlan


def _answers(plan: Plan) -> list[tuple[object, ...]]:
    """What a reader must get right of each recommendation: ref, decision, and each action's owner and target."""
    return [
        (rec.ref, rec.decision, rec.recommendation, [(a.owner, a.target.text) for a in rec.actions])
        for rec in plan.recommendations
    ]


def test_the_whole_sample_pasted_gives_what_reading_the_file_gives(client, estate, samples_dir: Path) -> None:
    path = samples_dir / "buckley_hall_2019.txt"
    as_parsed = read_plan(path).plan  # what `actionplan parse` gives
    assert len(as_parsed.recommendations) == 24
    stored: ActionPlan = estate.draft
    stored.recommendations.all().delete()
    client.force_login(estate.people["coordinator"])

    pasted = client.post(reverse("drafting:paste", args=[stored.pk]), {"text": path.read_text("utf-8")})
    assert pasted.status_code == 302
    preview = client.get(pasted.url).content.decode()
    assert "24 recommendations read" in preview
    assert "Rec No" not in preview
    assert "Check what was read from the pasted text" in preview
    assert not stored.recommendations.exists(), "nothing is saved before confirming"

    confirmed = client.post(pasted.url, {"operation": "confirm"}, follow=True).content.decode()
    assert "The pasted text taken in: 0 replaced, 24 added." in confirmed
    assert _answers(load_plan(stored)) == _answers(as_parsed)


def test_a_column_heading_pasted_in_a_list_is_never_a_recommendation(client, estate) -> None:
    stored: ActionPlan = estate.draft
    stored.recommendations.all().delete()
    client.force_login(estate.people["coordinator"])
    text = (
        "1. Rec No\n2. Recommendation\n3. Agreed/Partly Agreed/Not Agreed\n4. Response (Action Taken/Planned)\n"
        "9.1 Cells should be clean.\n\n3. Agreed reviews should be kept.\n"
    )
    url = reverse("drafting:paste", args=[stored.pk])
    assert "2 recognised" in client.post(url, {"text": text}).content.decode()
    client.post(url, {"text": text, "operation": "confirm"})
    assert list(stored.recommendations.values_list("ref", flat=True)) == ["9.1", "3"]
