"""The same number twice in one plan is an error the previews show before anything is saved, and the checker after."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplan.core import canonical
from actionplan.core.plan import Decision, Plan, Recommendation

REPEATED = "S34 is used for 2 recommendations: check this one against the report and give it its own number."


def test_a_pasted_list_with_a_number_twice_shows_the_error_and_the_checker_keeps_it(client, estate) -> None:
    stored = estate.draft
    stored.recommendations.all().delete()
    client.force_login(estate.people["coordinator"])
    text = "S34 Staff should be trained.\nS34 Cells should be clean.\n"
    url = reverse("drafting:paste", args=[stored.pk])
    preview = client.post(url, {"text": text, "operation": "preview"}).content.decode()
    assert "Numbers to correct" in preview
    assert REPEATED in preview
    client.post(url, {"text": text, "operation": "confirm"})
    assert REPEATED in client.get(reverse("drafting:overview", args=[stored.pk])).content.decode()


def test_an_uploaded_plan_with_a_number_twice_shows_the_error_first(client, estate) -> None:
    stored = estate.draft
    client.force_login(estate.people["coordinator"])
    plan = Plan(
        establishment="HMP Homefield",
        recommendations=[
            Recommendation(ref="S34", recommendation="Staff should be trained.", decision=Decision.AGREED),
            Recommendation(ref="S34", recommendation="Cells should be clean.", decision=Decision.AGREED),
        ],
    )
    upload = SimpleUploadedFile("plan.json", canonical.dumps(plan).encode())
    preview = client.post(reverse("drafting:upload", args=[stored.pk]), {"file": upload}, follow=True)
    body = preview.content.decode()
    assert "Numbers to correct" in body
    assert body.index(REPEATED) < body.index("Recommendations read")
