"""The inspectorate's monitoring pages show the version sent to it, never a next version being drafted."""

from __future__ import annotations

import re
from datetime import date

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from actionplan.core.targets import parse_target
from actionplan.monitoring.models import Evidence, ProgressJudgement, ProgressUpdate
from actionplan.monitoring.progress import move_target
from actionplan.storage import models
from actionplan.storage.conversion import load_plan
from actionplan.workflow.editing import reopen_for_editing

UNAPPROVED = "UNAPPROVED"


def _redraft_without_sign_off(estate) -> dict[str, int]:
    """Reword the sent plan's first recommendation and action, and add an action and a recommendation only the
    draft has; the ids of the rows only the draft has."""
    plan = estate.sent
    reopen_for_editing(plan, estate.people["coordinator"])
    rec = plan.recommendations.order_by("position").first()
    rec.text = f"{UNAPPROVED} recommendation wording."
    rec.response = f"{UNAPPROVED} response."
    rec.save()
    action = rec.actions.order_by("position").first()
    action.text = f"{UNAPPROVED} action wording."
    action.owner = f"{UNAPPROVED} owner"
    action.save()
    second = rec.actions.order_by("position")[1]
    second.owner = f"{UNAPPROVED} second owner"
    second.target_text = f"{UNAPPROVED} target"
    second.save()
    new_action = models.Action.objects.create(
        recommendation=rec, position=99, text=f"{UNAPPROVED} new action.", owner=f"{UNAPPROVED} new owner"
    )
    new_rec = models.Recommendation.objects.create(
        plan=plan, position=99, ref="99.9", text=f"{UNAPPROVED} new recommendation."
    )
    return {"action": new_action.pk, "recommendation": new_rec.pk}


def _evidence_on(action: models.Action) -> Evidence:
    update = ProgressUpdate.objects.create(action=action, on=date(2026, 3, 1), note="Begun.")
    return Evidence.objects.create(
        update=update,
        file=ContentFile(b"%PDF-1.4 evidence", name="e.pdf"),
        name="e.pdf",
        size=17,
        media_type="application/pdf",
    )


def _links(page: str, pattern: str) -> list[str]:
    return sorted(set(re.findall(pattern, page)))


def test_the_inspectorate_walks_its_monitoring_pages_and_reads_only_the_wording_sent(client: Client, estate) -> None:
    plan = estate.sent
    rec = plan.recommendations.order_by("position").first()
    sent_rec, sent_action = rec.text, rec.actions.order_by("position").first()
    sent_second = rec.actions.order_by("position")[1]
    sent_text, sent_owner = sent_action.text, sent_action.owner
    draft_only = _redraft_without_sign_off(estate)
    plan.refresh_from_db()
    assert plan.status == models.ActionPlan.Status.DRAFT

    client.force_login(estate.people["inspector"])
    progress = client.get(reverse("monitoring:plan-progress", args=[plan.pk])).content.decode()
    action_pages = _links(progress, r'href="(/actions/\d+/)"')
    judgement_pages = _links(progress, r'href="(/recommendations/\d+/judgement/)"')
    assert action_pages
    assert judgement_pages
    read = {"plan progress": progress}
    for url in action_pages + judgement_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        read[url] = response.content.decode()
    for what, text in read.items():
        assert UNAPPROVED not in text, f"the inspectorate reads unapproved wording on {what}"

    assert " ".join(sent_text.split()[:3]) in progress
    assert sent_owner in progress
    second_page = read[reverse("monitoring:action", args=[sent_second.pk])]
    assert sent_second.owner in second_page
    assert sent_second.target_text in second_page
    assert " ".join(sent_rec.split()[:3]) in second_page
    assert " ".join(sent_rec.split()[:3]) in read[reverse("monitoring:judgement", args=[rec.pk])]

    # The reworded action's row now holds the draft's wording, and the new action only the draft has.
    for action_id in (sent_action.pk, draft_only["action"]):
        assert client.get(reverse("monitoring:action", args=[action_id])).status_code == 404
    evidence = _evidence_on(models.Action.objects.get(pk=draft_only["action"]))
    assert client.get(reverse("monitoring:evidence", args=[evidence.pk])).status_code == 404
    assert client.get(reverse("monitoring:evidence", args=[_evidence_on(sent_second).pk])).status_code == 200
    judgement = reverse("monitoring:judgement", args=[draft_only["recommendation"]])
    assert client.get(judgement).status_code == 404
    assert client.post(judgement, {"level": "good_progress", "judged_on": "01/03/2026"}).status_code == 404

    client.force_login(estate.people["coordinator"])
    assert UNAPPROVED in client.get(reverse("monitoring:plan-progress", args=[plan.pk])).content.decode()
    assert UNAPPROVED in client.get(reverse("monitoring:action", args=[sent_action.pk])).content.decode()


def test_a_moved_target_is_shown_to_the_inspectorate_beside_the_one_sent_and_not_to_the_public(
    client: Client, estate
) -> None:
    action = models.Action.objects.filter(recommendation__plan=estate.published).order_by(
        "recommendation__position", "position"
    )[0]
    approved = action.target_text
    move_target(
        action,
        parse_target("December 2031"),
        reason="MOVED-REASON: the contractor started late",
        by=estate.people["coordinator"],
        today=date(2026, 3, 1),
    )
    plan_id = estate.published.pk

    client.force_login(estate.people["inspector"])
    for url in [reverse("monitoring:plan-progress", args=[plan_id]), reverse("monitoring:action", args=[action.pk])]:
        page = client.get(url).content.decode()
        assert approved in page, url
        assert "December 2031" in page, url
        assert "MOVED-REASON" in page, url

    client.logout()
    page = client.get(reverse("plan", args=[plan_id])).content.decode()
    api = client.get(reverse("api-plan", args=[plan_id])).content.decode()
    for text in (page, api):
        assert approved in text
        assert "December 2031" not in text
        assert "MOVED-REASON" not in text

    client.force_login(estate.people["coordinator"])
    page = client.get(reverse("monitoring:action", args=[action.pk])).content.decode()
    assert "December 2031 (by 31 December 2031)" in page, "those working on the plan read the target in force"
    assert "Moved to" not in page


def test_the_plan_page_counts_and_lists_only_the_recommendations_of_the_version_read(client: Client, estate) -> None:
    plan = estate.published
    sent_count = load_plan(plan).implementation().agreed
    reopen_for_editing(plan, estate.people["coordinator"])
    judged = plan.recommendations.order_by("position").first()
    added = models.Recommendation.objects.create(plan=plan, position=99, ref="99.9", text="Only in the draft.")
    for rec in (judged, added):
        ProgressJudgement.objects.create(
            recommendation=rec, level="good_progress", judged_on=date(2026, 3, 1), by=estate.people["inspector"]
        )
    for who in ("public", "inspector"):
        if who != "public":
            client.force_login(estate.people[who])
        page = client.get(reverse("plan", args=[plan.pk])).content.decode()
        assert f"of {sent_count} recommendations implemented" in page, who
        assert "Good progress" in page, who
        assert "99.9" not in page, who
