"""Sign-off: submit, approve (refused with errors, a note for warnings), send, publish; versions, history, restore."""

import json
import re
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.html import escape

from actionplan.core import canonical
from actionplan.core.targets import parse_target
from actionplan.storage import models
from actionplan.storage.conversion import load_plan, replace_recommendations
from actionplan.storage.quality import findings_for
from actionplan.workflow.editing import reopen_for_editing
from actionplan.workflow.models import PlanVersion, Transition
from actionplan.workflow.states import MoveRefused, make_move, readable_plan

Status = models.ActionPlan.Status


def _move(client, plan, move: str, note: str = ""):
    return client.post(reverse("sign-off", args=[plan.pk]), {"move": move, "note": note})


def _spoil(plan: models.ActionPlan, *, owner: str | None = "Governor", target: str = "Ongoing") -> None:
    """Give the plan's first action a warning (an Ongoing target) or, without an owner, an error too."""
    core = load_plan(plan)
    core.recommendations[0].actions[0].owner = owner
    core.recommendations[0].actions[0].target = parse_target(target)
    replace_recommendations(plan, core.recommendations)


def test_the_whole_journey_records_who_did_what(client, estate) -> None:
    plan = estate.draft
    client.force_login(estate.people["coordinator"])
    assert _move(client, plan, "submit").status_code == 302
    client.force_login(estate.people["approver"])
    assert _move(client, plan, "approve", "Looks right.").status_code == 302
    client.force_login(estate.people["coordinator"])
    _move(client, plan, "send")
    client.post(reverse("publish", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == Status.PUBLISHED
    assert plan.submitted is not None
    assert plan.published is not None
    record = list(Transition.objects.filter(plan=plan).order_by("at", "pk").values_list("to_status", "by__username"))
    assert record == [
        (Status.SUBMITTED_FOR_APPROVAL, "coordinator"),
        (Status.APPROVED, "approver"),
        (Status.SENT, "coordinator"),
        (Status.PUBLISHED, "coordinator"),
    ]
    version = PlanVersion.objects.get(plan=plan)
    assert version.number == 1
    assert version.created_by == estate.people["approver"]
    assert version.published_on == plan.published
    assert version.document == canonical.plan_to_dict(load_plan(plan)) | {"submitted": None}
    page = client.get(reverse("sign-off", args=[plan.pk])).content.decode()
    assert "Looks right." in page


def test_approval_is_refused_while_errors_remain(client, estate) -> None:
    plan = estate.draft
    make_move(plan, "submit", estate.people["coordinator"])
    _spoil(plan, owner=None)  # errors made after submission, as a restore could
    client.force_login(estate.people["approver"])
    response = _move(client, plan, "approve", "Fine by me.")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "cannot be approved while it has 1 error" in body
    plan.refresh_from_db()
    assert plan.status == Status.SUBMITTED_FOR_APPROVAL
    assert not plan.versions.exists()


def test_warnings_need_a_note_to_approve(estate) -> None:
    plan = estate.draft
    _spoil(plan)
    make_move(plan, "submit", estate.people["coordinator"])
    with pytest.raises(MoveRefused, match="1 warning"):
        make_move(plan, "approve", estate.people["approver"])
    make_move(plan, "approve", estate.people["approver"], note="Ongoing is right for a standing check.")
    assert PlanVersion.objects.filter(plan=plan).count() == 1


def test_returning_to_draft_needs_a_note(estate) -> None:
    plan = estate.draft
    make_move(plan, "submit", estate.people["coordinator"])
    with pytest.raises(MoveRefused, match="Enter a note"):
        make_move(plan, "return", estate.people["approver"])
    make_move(plan, "return", estate.people["approver"], note="Owners are missing.")
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT


@pytest.mark.parametrize(("person", "move"), [("coordinator", "approve"), ("owner", "submit"), ("analyst", "submit")])
def test_moves_are_refused_to_those_without_the_permission(estate, person: str, move: str) -> None:
    plan = estate.draft
    if move == "approve":
        make_move(plan, "submit", estate.people["coordinator"])
    with pytest.raises(MoveRefused, match="permission"):
        make_move(plan, move, estate.people[person])


def test_a_move_from_the_wrong_state_is_refused(estate) -> None:
    with pytest.raises(MoveRefused, match="is draft, so it cannot be moved to published"):
        make_move(estate.draft, "publish", estate.people["coordinator"])


def _approved_and_published(estate) -> models.ActionPlan:
    plan = estate.draft
    for move, person in [("submit", "coordinator"), ("approve", "approver"), ("send", "coordinator")]:
        make_move(plan, move, estate.people[person])
    make_move(plan, "publish", estate.people["coordinator"])
    return plan


def test_a_change_after_approval_starts_a_new_version_and_the_public_keeps_the_published_one(client, estate) -> None:
    plan = _approved_and_published(estate)
    published_text = load_plan(plan).recommendations[0].response
    coordinator = estate.people["coordinator"]
    reopen_for_editing(plan, coordinator)
    models.Recommendation.objects.filter(plan=plan, position=0).update(response="A rewritten response.")
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT
    assert readable_plan(AnonymousUser(), plan).recommendations[0].response == published_text
    public_page = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert "A rewritten response." not in public_page
    client.force_login(coordinator)
    assert "A rewritten response." in client.get(reverse("plan", args=[plan.pk])).content.decode()

    make_move(plan, "submit", coordinator)
    make_move(plan, "approve", estate.people["approver"], note="The shorter response is agreed.")
    assert list(plan.versions.values_list("number", flat=True)) == [2, 1]
    compared = client.get(reverse("versions", args=[plan.pk]), {"old": 1, "new": "2"}).content.decode()
    assert "A rewritten response." in compared
    assert "2 differences" in compared, "the response, and the date it was sent"


def test_history_shows_who_changed_what(client, estate) -> None:
    plan = estate.draft
    coordinator = estate.people["coordinator"]
    client.force_login(coordinator)
    rec = plan.recommendations.get(position=0)
    rec._history_user = coordinator  # what the request middleware does for a change made through a page
    rec.response = "A clearer response with dates."
    rec.save()
    body = client.get(reverse("history", args=[plan.pk])).content.decode()
    assert f"Recommendation {rec.ref} changed" in body
    assert "A clearer response with dates." in body
    assert "by coordinator" in body


def test_history_says_what_happened_in_the_words_of_the_pages(client, estate) -> None:
    plan = estate.draft
    coordinator = estate.people["coordinator"]
    rec = plan.recommendations.get(position=0)
    rec._history_user = coordinator
    rec.decision = "agreed"
    rec.save()
    rec.decision = "partly_agreed"
    rec.save()
    action = rec.actions.order_by("position").first()
    action._history_user = coordinator
    action.target_text, action.target_kind, action.target_date = "March 2020", "date", date(2020, 3, 31)
    action.status = "not_started"
    action.save()
    action.target_text = "31 March 2020"
    action.target_precision = "day"
    action.status = "in_progress"
    action.save()
    make_move(plan, "submit", coordinator)
    client.force_login(coordinator)
    body = client.get(reverse("history", args=[plan.pk])).content.decode()
    assert "Decision: Agreed → Partly Agreed" in body
    assert "Target date: March 2020 → 31 March 2020" in body
    assert "Status: Not started → In progress" in body
    assert ">Submitted for approval<" in body
    assert "Target kind" not in body
    assert "partly_agreed" not in body
    assert re.search(r"<time [^>]*>\d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}(:\d\d)?[ap]m|midday|midnight)</time>", body)


def test_restoring_a_version_brings_its_content_back(client, estate) -> None:
    plan = _approved_and_published(estate)
    original = canonical.plan_to_dict(load_plan(plan))["recommendations"]
    reopen_for_editing(plan, estate.people["coordinator"])
    plan.recommendations.filter(position=0).delete()
    client.force_login(estate.people["coordinator"])
    response = client.post(reverse("restore-version", args=[plan.pk, 1]))
    assert response.status_code == 302
    assert canonical.plan_to_dict(load_plan(plan))["recommendations"] == original
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT


@pytest.mark.parametrize("format", ["docx", "pdf", "html", "xlsx", "csv", "json"])
def test_every_download_is_offered(client, estate, format: str) -> None:
    client.force_login(estate.people["coordinator"])
    response = client.get(reverse("download", args=[estate.draft.pk, format]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="hmp-homefield-action-plan.{format}"'
    assert len(response.content) > 500
    if format == "json":
        assert json.loads(response.content) == canonical.plan_to_dict(load_plan(estate.draft))


def test_downloads_follow_who_may_read_the_plan(client, estate) -> None:
    assert client.get(reverse("download", args=[estate.draft.pk, "json"])).status_code == 404
    assert client.get(reverse("download", args=[estate.published.pk, "json"])).status_code == 200
    client.force_login(estate.people["outsider"])
    assert client.get(reverse("download", args=[estate.draft.pk, "docx"])).status_code == 404
    assert client.get(reverse("download", args=[estate.published.pk, "exe"])).status_code == 404


def test_the_public_list_shows_published_plans_by_establishment(client, estate) -> None:
    body = client.get(reverse("published")).content.decode()
    assert '<h2 class="govuk-heading-m">HMP Homefield</h2>' in body
    assert reverse("plan", args=[estate.published.pk]) in body
    assert reverse("plan", args=[estate.other_published.pk]) in body
    assert reverse("plan", args=[estate.draft.pk]) not in body


def test_the_public_list_never_shows_a_published_plan_as_draft(client, estate) -> None:
    plan = _approved_and_published(estate)
    reopen_for_editing(plan, estate.people["coordinator"])
    body = client.get(reverse("home")).content.decode()
    assert reverse("plan", args=[plan.pk]) in body
    assert ">Draft<" not in body


def test_the_inspectorate_reads_the_version_sent_to_it(client, estate) -> None:
    plan = estate.draft
    for move, person in [("submit", "coordinator"), ("approve", "approver"), ("send", "coordinator")]:
        make_move(plan, move, estate.people[person])
    sent_response = load_plan(plan).recommendations[0].response
    reopen_for_editing(plan, estate.people["coordinator"])
    models.Recommendation.objects.filter(plan=plan, position=0).update(response="Being redrafted.")
    inspector = estate.people["inspector"]
    assert readable_plan(inspector, plan).recommendations[0].response == sent_response
    client.force_login(inspector)
    page = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert "Being redrafted." not in page
    assert readable_plan(estate.people["coordinator"], plan).recommendations[0].response == "Being redrafted."
    assert "Sent to the inspectorate (version 1)" in page


def test_the_plan_page_offers_every_download_by_name(client, estate) -> None:
    body = client.get(reverse("plan", args=[estate.published.pk])).content.decode()
    for format, label in [("docx", "Word"), ("pdf", "PDF"), ("xlsx", "Excel tracker"), ("json", "JSON (open data)")]:
        assert f'href="{reverse("download", args=[estate.published.pk, format])}" download>{label}<' in body


def test_the_sign_off_page_gives_the_quality_totals(client, estate) -> None:
    _spoil(estate.draft, owner=None)
    client.force_login(estate.people["coordinator"])
    body = client.get(reverse("sign-off", args=[estate.draft.pk])).content.decode()
    assert "1 error, 1 warning, 0 advice" in body


def test_submitting_is_refused_while_errors_remain_and_the_page_says_so(client, estate) -> None:
    plan = estate.draft
    _spoil(plan, owner=None)
    client.force_login(estate.people["coordinator"])
    page = client.get(reverse("sign-off", args=[plan.pk])).content.decode()
    assert "submitted for approval only once it has no errors" in page
    body = _move(client, plan, "submit").content.decode()
    assert "There is a problem" in body
    assert "cannot be submitted while it has 1 error" in body
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT
    assert not Transition.objects.filter(plan=plan).exists()


def test_a_plan_with_only_warnings_may_be_submitted(estate) -> None:
    plan = estate.draft
    _spoil(plan)
    make_move(plan, "submit", estate.people["coordinator"])
    plan.refresh_from_db()
    assert plan.status == Status.SUBMITTED_FOR_APPROVAL


def test_the_sign_off_page_lists_every_finding_under_its_recommendation(client, estate) -> None:
    plan = estate.draft
    _spoil(plan, owner=None)
    findings = findings_for(load_plan(plan))
    first = plan.recommendations.order_by("position").first()
    client.force_login(estate.people["coordinator"])
    body = client.get(reverse("sign-off", args=[plan.pk])).content.decode()
    for finding in findings:
        assert escape(finding.message) in body
    correct_here = reverse("drafting:recommendation", args=[plan.pk, first.pk])
    assert (
        f'<h3 class="govuk-heading-s" id="findings-1"><a class="govuk-link" href="{correct_here}">{first.ref}:' in body
    )
    # An approver may not edit the plan: the findings are listed without links to the drafting pages.
    client.force_login(estate.people["approver"])
    body = client.get(reverse("sign-off", args=[plan.pk])).content.decode()
    assert f'id="findings-1">{first.ref}:' in body
    assert correct_here not in body
    assert all(escape(finding.message) in body for finding in findings)


def _sent_plan(estate) -> models.ActionPlan:
    plan = estate.draft
    for move, person in [("submit", "coordinator"), ("approve", "approver"), ("send", "coordinator")]:
        make_move(plan, move, estate.people[person])
    return plan


def test_publishing_asks_for_confirmation_showing_what_the_public_will_see(client, estate) -> None:
    plan = _sent_plan(estate)
    client.force_login(estate.people["approver"])
    publish = reverse("publish", args=[plan.pk])
    sign_off = client.get(reverse("sign-off", args=[plan.pk])).content.decode()
    assert f'href="{publish}"' in sign_off
    # The publish step posted from the sign-off page leads to the confirmation, and publishes nothing.
    assert _move(client, plan, "publish").url == publish
    plan.refresh_from_db()
    assert plan.status == Status.SENT
    page = client.get(publish).content.decode()
    assert "What the public will see" in page
    assert "version 1" in page
    sent = canonical.plan_from_dict(PlanVersion.objects.get(plan=plan, number=1).document)
    assert escape(sent.recommendations[0].response[:30]) in page
    assert client.post(publish).url == reverse("sign-off", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.status == Status.PUBLISHED
    assert PlanVersion.objects.get(plan=plan, number=1).published_on is not None


def test_who_published_the_plan_is_on_its_record_but_never_shown_to_the_public(client, estate) -> None:
    plan = _sent_plan(estate)
    approver = estate.people["approver"]
    approver.first_name, approver.last_name = "Priya", "Publishwell"
    approver.save()
    client.force_login(approver)
    client.post(reverse("publish", args=[plan.pk]))
    staff_page = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert "by Priya Publishwell" in staff_page
    assert "by Priya Publishwell" in client.get(reverse("sign-off", args=[plan.pk])).content.decode()
    client.logout()
    public_page = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert "Publishwell" not in public_page
    assert "approver" not in public_page


def test_only_a_sent_plan_can_be_published(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    response = client.post(reverse("publish", args=[estate.draft.pk]), follow=True)
    assert "only a plan sent to the inspectorate" in response.content.decode()
    estate.draft.refresh_from_db()
    assert estate.draft.status == Status.DRAFT
