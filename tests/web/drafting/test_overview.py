"""The plan overview: a task list of recommendations, Completed, Has errors or Not started, with plan findings above."""

from __future__ import annotations

import re

from django.urls import reverse

from actionplan.core.plan import Action, Decision, Plan, Recommendation
from actionplan.core.targets import parse_target
from actionplan.storage.conversion import replace_recommendations
from actionplan.storage.models import ActionPlan


def _statuses(body: str) -> dict[str, str]:
    """Each task's title (its ref) and the text of its status tag."""
    found = re.findall(
        r'govuk-task-list__link[^>]*>\s*(\S+?):.*?<strong class="govuk-tag[^"]*">\s*(.*?)\s*</strong>', body, re.S
    )
    return dict(found)


def test_task_statuses_follow_decisions_and_error_findings(client, estate) -> None:
    stored: ActionPlan = estate.draft
    good = Action(
        "Train all wing staff in de-escalation by the end of March.", "Head of Residence", parse_target("31/03/2020")
    )
    replace_recommendations(
        stored,
        Plan(
            establishment="HMP Homefield",
            recommendations=[
                Recommendation(
                    "S1", "Staff should be trained.", decision=Decision.AGREED, response="Training.", actions=[good]
                ),
                Recommendation("S2", "Cells should be clean.", decision=Decision.AGREED, response="Cleaning."),
                Recommendation("S3", "Food should be hot."),
            ],
        ).recommendations,
    )
    client.force_login(estate.people["coordinator"])
    body = client.get(reverse("drafting:overview", args=[stored.pk])).content.decode()
    assert _statuses(body) == {"S1": "Completed", "S2": "Has errors (1)", "S3": "Not started"}
    rows = list(stored.recommendations.order_by("position"))
    for row in rows:
        assert reverse("drafting:recommendation", args=[stored.pk, row.pk]) in body
    for name in ("drafting:paste", "drafting:upload", "drafting:add"):
        assert reverse(name, args=[stored.pk]) in body


def test_findings_about_the_whole_plan_are_shown_above_the_list(client, estate) -> None:
    stored: ActionPlan = estate.draft
    stored.stated_summary = {"agreed": 99, "partly_agreed": 0, "not_agreed": 0, "total": 99}
    stored.save()
    client.force_login(estate.people["coordinator"])
    body = client.get(reverse("drafting:overview", args=[stored.pk])).content.decode()
    assert "About the whole plan" in body
    assert body.index("About the whole plan") < body.index("govuk-task-list")
    assert "Agreed 99" in body


def test_a_plan_that_left_draft_warns_that_saving_returns_it(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    body = client.get(reverse("drafting:overview", args=[estate.sent.pk])).content.decode()
    assert "Saving any change returns it to draft." in body
