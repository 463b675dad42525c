"""A coordinator answering a recommendation sees how other establishments answered the most similar ones, what
worked and what did not, and opens one of their plans. Every page passes axe-core and reflows at 320 px."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from actionplan.accounts.models import Role
from actionplan.core import plan as core
from actionplan.core.targets import parse_target
from actionplan.monitoring import clock
from actionplan.monitoring.models import ProgressJudgement
from actionplan.storage import models
from actionplan.storage.conversion import save_plan
from actionplan.workflow.states import freeze_as_stored
from tests.browser.conftest import check_accessibility, sign_in
from tests.web.factories import PASSWORD, EstablishmentFactory, UserFactory

ASKED = "Prisoners should have a first night interview in reception and an induction within 24 hours of arrival."
WORKED = "Every new prisoner should have a first night interview in reception and a full induction."
FAILED = "Reception staff should offer new arrivals a first night interview and an induction the next day."


def _published(name: str, text: str, response: str, level: core.ProgressLevel) -> models.ActionPlan:
    """A published plan of one agreed recommendation, its one action due a month ago, judged at ``level``."""
    establishment = EstablishmentFactory(name=name)
    due = clock.today() - timedelta(days=30)
    plan = core.Plan(
        establishment=name,
        report=core.Report(published=date(2025, 3, 1)),
        recommendations=[
            core.Recommendation(
                ref="1.4",
                recommendation=text,
                decision=core.Decision.AGREED,
                response=response,
                actions=[core.Action(response, "Head of Residence", parse_target(f"{due:%d/%m/%Y}"))],
            )
        ],
    )
    stored = save_plan(plan, establishment=establishment, status=models.ActionPlan.Status.PUBLISHED)
    freeze_as_stored(stored, note="Published.")
    row = stored.recommendations.get()
    ProgressJudgement.objects.create(recommendation=row, level=level.value, judged_on=clock.today())
    return stored


def test_a_coordinator_answering_sees_answers_from_other_establishments(
    page: Page, live_server, transactional_db, console_errors
) -> None:
    home = EstablishmentFactory(name="HMP Homefield")
    UserFactory(username="coordinator", role=Role.COORDINATOR, establishments=[home])
    draft = save_plan(
        core.Plan(
            establishment=home.name,
            report=core.Report(published=date(2026, 3, 1)),
            recommendations=[core.Recommendation(ref="2.8", recommendation=ASKED)],
        ),
        establishment=home,
    )
    answer = "A first night officer will see every arrival."
    worked = _published("HMP Northgate", WORKED, answer, core.ProgressLevel.GOOD)
    models.Action.objects.filter(recommendation__plan=worked).update(
        status=models.Action.Status.COMPLETED, completed_on=clock.today() - timedelta(days=40)
    )
    _published("HMP Southmoor", FAILED, "Induction will move to the next day.", core.ProgressLevel.NO_MEANINGFUL)

    page.goto(f"{live_server.url}/sign-in/")
    check_accessibility(page)
    sign_in(page, "coordinator", PASSWORD)

    page.goto(f"{live_server.url}/plans/{draft.pk}/overview/")
    check_accessibility(page)
    page.locator(".govuk-task-list__item", has_text="2.8").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Recommendation 2.8")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="2 similar answers from other plans").click()
    answers = page.locator(".app-similar-answer")
    expect(answers).to_have_count(2)
    first = answers.nth(0)
    expect(first.get_by_role("heading")).to_have_text("HMP Northgate, 2025: recommendation 1.4")
    expect(first).to_contain_text("This answer worked: its actions were delivered and the inspectorate judged good")
    expect(first).to_contain_text(re.compile(r"\d+%: shares: .*interview"))
    expect(first).to_contain_text(answer)
    expect(first).to_contain_text("Completed on time")
    second = answers.nth(1)
    expect(second.get_by_role("heading")).to_have_text("HMP Southmoor, 2025: recommendation 1.4")
    expect(second).to_contain_text("This promise was not kept")
    expect(second).to_contain_text("No meaningful progress")
    check_accessibility(page)

    first.get_by_role("link", name="Open the plan of HMP Northgate, 2025").click()
    expect(page.get_by_role("heading", name=re.compile("HMP Northgate"))).to_be_visible()
    check_accessibility(page)
    assert console_errors == []
