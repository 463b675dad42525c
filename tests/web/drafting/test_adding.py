"""Adding recommendations: one by one, pasted from the report, or read from an uploaded plan, confirmed first."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from actionplan.core.plan import Action, Decision, Plan, Recommendation
from actionplan.core.targets import parse_target
from actionplan.core.writing import write_plan
from actionplan.drafting.tasks import check_stored, shown
from actionplan.storage.models import ActionPlan, Inspection
from tests.web.drafting.conftest import page_title

PASTED = """\
Key concerns and recommendations
S40 Concern: Too many prisoners were locked up during the working day.
Recommendation: Prisoners should have ten hours a day out of their cells.
Priority concerns
1. Leaders had not done enough to reduce violence. (Repeated recommendation 2.8)

Page 4 of 90
"""


def _empty_draft(estate) -> ActionPlan:
    stored = estate.draft
    stored.recommendations.all().delete()
    return stored


def _refs(stored: ActionPlan) -> list[str]:
    return list(stored.recommendations.order_by("position").values_list("ref", flat=True))


def test_one_recommendation_is_added_at_the_end(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    stored = estate.draft
    before = _refs(stored)
    response = client.post(
        reverse("drafting:add", args=[stored.pk]),
        {
            "ref": "S99",
            "kind": "priority_concern",
            "section": "Priority concerns",
            "directed_to": "The Governor",
            "concern": "Cells were dirty.",
            "recommendation": "Cells should be cleaned weekly.",
            "repeated_from": "2.8",
        },
    )
    assert response.status_code == 302
    assert _refs(stored) == [*before, "S99"]
    row = stored.recommendations.get(ref="S99")
    assert (row.kind, row.section, row.directed_to, row.concern, row.text, row.repeated_from) == (
        "priority_concern",
        "Priority concerns",
        "The Governor",
        "Cells were dirty.",
        "Cells should be cleaned weekly.",
        "2.8",
    )
    assert row.history.get().history_user == estate.people["coordinator"]


def test_a_recommendation_needs_a_new_number_and_some_text(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    stored = estate.draft
    taken = stored.recommendations.first().ref
    response = client.post(reverse("drafting:add", args=[stored.pk]), {"ref": taken, "kind": "recommendation"})
    body = response.content.decode()
    assert page_title(body).startswith("Error: ")
    assert 'href="#id_ref"' in body
    assert f"{taken} is already in this plan" in body
    assert 'href="#id_recommendation"' in body
    assert stored.recommendations.filter(ref=taken).count() == 1


def test_a_pasted_list_is_shown_then_added_when_confirmed(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    stored = _empty_draft(estate)
    url = reverse("drafting:paste", args=[stored.pk])

    preview = client.post(url, {"text": PASTED, "operation": "preview"})
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "2 recognised" in body
    assert "Too many prisoners were locked up during the working day." in body
    assert "Prisoners should have ten hours a day out of their cells." in body
    assert "Priority concern" in body
    assert "Repeated recommendation 2.8" in body
    assert "Page 4 of 90" in body, "a line not placed is shown"
    assert _refs(stored) == [], "nothing is saved before confirming"

    confirmed = client.post(url, {"text": PASTED, "operation": "confirm"})
    assert confirmed.status_code == 302
    assert _refs(stored) == ["S40", "1"]
    s40, concern = stored.recommendations.order_by("position")
    assert s40.concern == "Too many prisoners were locked up during the working day."
    assert s40.text == "Prisoners should have ten hours a day out of their cells."
    assert s40.section == "Key concerns and recommendations"
    assert concern.kind == "priority_concern"
    assert concern.concern == "Leaders had not done enough to reduce violence."
    assert concern.repeated_from == "2.8"


def test_pasting_leaves_out_refs_already_in_the_plan(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    stored = estate.draft
    taken = stored.recommendations.first().ref
    text = f"{taken} Staff should be trained.\n9.99 Cells should be clean.\n"
    url = reverse("drafting:paste", args=[stored.pk])
    assert "Already in the plan, so not added again: " + taken in client.post(url, {"text": text}).content.decode()
    client.post(url, {"text": text, "operation": "confirm"})
    assert _refs(stored).count(taken) == 1
    assert "9.99" in _refs(stored)


def test_pasting_nothing_recognisable_is_an_error(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    response = client.post(reverse("drafting:paste", args=[estate.draft.pk]), {"text": "nothing numbered here"})
    body = response.content.decode()
    assert page_title(body).startswith("Error: ")
    assert 'href="#id_text"' in body


def _word_plan() -> bytes:
    plan = Plan(
        establishment="HMP Homefield",
        recommendations=[
            Recommendation(
                ref="S1",
                recommendation="Staff should be trained in de-escalation.",
                decision=Decision.AGREED,
                response="All wing staff will be trained.",
                actions=[Action("All wing staff will be trained.", "Head of Residence", parse_target("March 2020"))],
            ),
            Recommendation(
                ref="1.2",
                recommendation="Cells should be clean.",
                decision=Decision.AGREED,
                response="Cells will be checked.",
                actions=[Action("Cells will be checked.", None, parse_target("June 2020"))],
            ),
        ],
    )
    return write_plan(plan, "docx")


def _upload(client, stored: ActionPlan, name: str, content: bytes):
    return client.post(
        reverse("drafting:upload", args=[stored.pk]), {"file": SimpleUploadedFile(name, content)}, follow=True
    )


def test_an_uploaded_word_plan_is_shown_with_its_findings_and_saved_only_when_confirmed(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    stored = estate.draft
    replaced = stored.recommendations.order_by("position").first()
    replaced.ref = "S1"
    replaced.save()
    before = _refs(stored)

    response = _upload(client, stored, "plan.docx", _word_plan())
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("drafting:upload-preview", args=[stored.pk])
    assert "Check what was read from plan.docx" in body
    assert "Staff should be trained in de-escalation." in body
    assert "Head of Residence" in body
    assert "March 2020" in body
    assert "(replaces S1 in the draft)" in body
    assert "govuk-tag--red" in body, "the action without an owner is an error finding"
    assert "owner" in body
    assert _refs(stored) == before, "nothing is saved before confirming"
    assert not stored.recommendations.filter(text="Cells should be clean.").exists()

    client.post(reverse("drafting:upload-preview", args=[stored.pk]), {"operation": "confirm"})
    assert _refs(stored) == [*before, "1.2"]
    replaced.refresh_from_db()
    assert replaced.text == "Staff should be trained in de-escalation."
    assert replaced.revision == 2, "a form opened on the old recommendation is refused"
    assert [(a.text, a.owner, a.target_text) for a in replaced.actions.all()] == [
        ("All wing staff will be trained.", "Head of Residence", "March 2020")
    ]
    assert f"drafting-upload-{stored.pk}" not in client.session


def test_the_sample_text_plan_is_read_and_can_be_cancelled(client, estate, samples_dir) -> None:
    client.force_login(estate.people["coordinator"])
    stored = _empty_draft(estate)
    content = (samples_dir / "buckley_hall_2019.txt").read_bytes()
    body = _upload(client, stored, "buckley_hall_2019.txt", content).content.decode()
    assert "24 recommendations read" in body
    assert "Partly Agreed" in body
    assert "None stated. The response suggests: operational" in body, "S35's reason is only implied"
    assert _refs(stored) == []

    client.post(reverse("drafting:upload-preview", args=[stored.pk]), {"operation": "cancel"})
    assert _refs(stored) == []
    response = client.get(reverse("drafting:upload-preview", args=[stored.pk]))
    assert response.url == reverse("drafting:upload", args=[stored.pk])


def test_a_file_that_is_not_a_plan_is_refused_in_the_error_summary(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    stored = estate.draft
    before = _refs(stored)
    for name, content in [
        ("garbage.bin", bytes(range(256)) * 20),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 200),
        ("notes.txt", b"Just some notes, with no plan in them."),
    ]:
        response = _upload(client, stored, name, content)
        body = response.content.decode()
        assert response.redirect_chain == [], name
        assert page_title(body).startswith("Error: "), name
        assert 'href="#id_file"' in body, name
        assert "The selected file" in body or "No recommendations were found" in body, name
    assert _refs(stored) == before
    assert f"drafting-upload-{stored.pk}" not in client.session


@override_settings(ACTIONPLAN_UPLOAD_MAX_BYTES=1024)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, estate, monkeypatch) -> None:
    client.force_login(estate.people["coordinator"])

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("an oversize file must not be read")

    monkeypatch.setattr("actionplan.drafting.forms.read_uploaded", never)
    response = _upload(client, estate.draft, "big.docx", b"x" * 2048)
    body = response.content.decode()
    assert 'href="#id_file"' in body
    assert "The selected file must be smaller than" in body


def test_no_file_chosen_is_an_error(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    response = client.post(reverse("drafting:upload", args=[estate.draft.pk]), {})
    assert "Select a plan file" in response.content.decode()


LAID_OUT = """\
ACTION PLAN: HMCIP REPORT
ESTABLISHMENT: HMP Ashcombe

 1. Rec  2. Recommendation             3. Agreed /  4. Response (Action Taken/Planned)   5. Responsible  6. Target Date
 No                                    Partly                                            Owner
 General recommendations
 1.3     Leaders should reduce the     Agreed       The strategy will be rewritten.      Governor        March 2020
         supply of illicit drugs.
 1.7     Toilets in all cells should   Agreed       Screens will be fitted.              Head of Works   May 2020
         be screened.
HMP Ashcombe: action plan                                                                      Page 2 of 3
"""


def test_a_plan_table_as_pdftotext_layout_gives_it_pastes_as_its_recommendations(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    stored = _empty_draft(estate)
    confirmed = client.post(reverse("drafting:paste", args=[stored.pk]), {"text": LAID_OUT, "operation": "confirm"})
    assert confirmed.status_code == 302
    assert [(r.ref, r.text) for r in stored.recommendations.order_by("position")] == [
        ("1.3", "Leaders should reduce the supply of illicit drugs."),
        ("1.7", "Toilets in all cells should be screened."),
    ]


# The same table as plain pdftotext gives it: a page's refs and recommendations, then the other columns.
PLAIN = """\
ACTION PLAN: HMCIP REPORT
ESTABLISHMENT: HMP Ashcombe

1. Rec
No

2. Recommendation

General recommendations
1.3
Leaders should reduce the
supply of illicit drugs.

1.7
Toilets in all cells should
be screened.

3. Agreed /
Partly

4. Response (Action Taken/Planned)

5. Responsible
Owner

6. Target Date

Agreed

The strategy will be rewritten.

Governor

March 2020

Agreed

Screens will be fitted.

Head of Works

May 2020

Page 2 of 3
"""


def test_a_plan_table_as_plain_pdftotext_gives_it_pastes_as_its_recommendations(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    stored = _empty_draft(estate)
    confirmed = client.post(reverse("drafting:paste", args=[stored.pk]), {"text": PLAIN, "operation": "confirm"})
    assert confirmed.status_code == 302
    assert [(r.ref, r.text) for r in stored.recommendations.order_by("position")] == [
        ("1.3", "Leaders should reduce the supply of illicit drugs."),
        ("1.7", "Toilets in all cells should be screened."),
    ]


def test_the_upload_preview_shows_the_findings_the_plan_has_once_saved(client, estate, samples_dir) -> None:
    client.force_login(estate.people["coordinator"])
    stored = _empty_draft(estate)
    # The report the draft answers was published after some of the sample's targets: the saved plan is checked
    # against this date, not the file's, and so must the preview be.
    Inspection.objects.filter(pk=stored.inspection_id).update(report_published=date(2020, 1, 15))
    response = _upload(client, stored, "buckley_hall_2019.txt", (samples_dir / "buckley_hall_2019.txt").read_bytes())
    preview = {"whole plan": response.context["whole_plan"]} | {
        row["rec"].ref: row["findings"] for row in response.context["rows"]
    }
    assert "before the report was published (15 January 2020)" in response.content.decode()

    client.post(reverse("drafting:upload-preview", args=[stored.pk]), {"operation": "confirm"})
    checked = check_stored(stored)
    saved = {"whole plan": shown(checked.whole_plan)} | {
        rec.ref: shown(checked.of(index)) for index, rec in enumerate(checked.plan.recommendations)
    }
    assert preview == saved
