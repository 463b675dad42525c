"""The journey of a plan: a coordinator starts it, uploads a plan file, fixes the error it reports and submits;
an approver approves, sends and publishes it; the public reads it without signing in. Every page passes axe-core
and reflows at 320 px."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect

from actionplan.accounts.models import Role
from actionplan.core.plan import Action, Decision, Plan, Recommendation, Report
from actionplan.core.targets import parse_target
from actionplan.core.writing import write_plan
from tests.browser.conftest import check_accessibility, sign_in
from tests.web.factories import PASSWORD, EstablishmentFactory, UserFactory

ACTION = "All wing staff will complete de-escalation training by 30 September 2026."


def _plan_without_an_owner() -> bytes:
    """A Word plan whose one action has no responsible owner: the checker reports it as an error."""
    plan = Plan(
        establishment="HMP Homefield",
        report=Report(published=date(2026, 3, 27)),
        recommendations=[
            Recommendation(
                ref="S1",
                recommendation="Staff should be trained in de-escalation techniques.",
                decision=Decision.AGREED,
                response=ACTION,
                actions=[Action(ACTION, None, parse_target("30/09/2026"))],
            )
        ],
    )
    return write_plan(plan, "docx")


def _fill_date(page: Page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_the_journey_from_draft_to_published(page: Page, live_server, transactional_db, console_errors) -> None:
    home = EstablishmentFactory(name="HMP Homefield")
    UserFactory(username="coordinator", role=Role.COORDINATOR, establishments=[home])
    UserFactory(username="approver", role=Role.APPROVER, establishments=[home])

    sign_in(page, "coordinator", PASSWORD, at=live_server.url)
    page.get_by_role("link", name="Start a plan").click()
    expect(page.get_by_role("heading", name="Start a plan")).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Establishment inspected").select_option(label="HMP Homefield")
    page.get_by_label("HMIP").check()
    page.get_by_label("Full unannounced inspection").check()
    _fill_date(page, "Fieldwork started", "16", "2", "2026")
    _fill_date(page, "Fieldwork ended", "27", "February", "2026")
    _fill_date(page, "Report published", "27", "", "2026")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: Start a plan"))
    # The error summary takes the person to the box left empty.
    page.get_by_role("link", name="The date the report was published must include a month").click()
    expect(page.get_by_role("group", name="Report published").get_by_label("Month")).to_be_focused()
    check_accessibility(page)
    page.get_by_role("group", name="Report published").get_by_label("Month").fill("mar")
    page.get_by_role("button", name="Start the plan").click()

    expect(page.get_by_role("heading", name="HMP Homefield")).to_be_visible()
    expect(page.get_by_text("26 May 2026")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Upload an existing plan").click()
    check_accessibility(page)
    page.get_by_label("Upload a plan").set_input_files(
        files=[{"name": "homefield.docx", "mimeType": "application/octet-stream", "buffer": _plan_without_an_owner()}]
    )
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", name="Check what was read from homefield.docx")).to_be_visible()
    expect(page.get_by_text("has no responsible owner")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Save these in the plan").click()

    task = page.locator(".govuk-task-list__item", has_text="S1")
    expect(task.locator(".govuk-task-list__status")).to_have_text(re.compile(r"Has errors \(1\)"))
    check_accessibility(page)
    task.get_by_role("link").click()

    expect(page.get_by_text("has no responsible owner")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Target date").fill("sometime")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("link", name=re.compile("Enter the target date for action 1"))).to_be_visible()
    check_accessibility(page)

    # Reasons show only under Partly and Not Agreed; a reason ticked under one is ticked under the other.
    decision = page.get_by_role("group", name="Decision")
    partly, not_agreed = page.locator("#conditional-id_decision-2"), page.locator("#conditional-id_decision-3")
    expect(partly).to_be_hidden()
    decision.get_by_label("Not Agreed").check()
    not_agreed.get_by_label("Policy").check()
    decision.get_by_label("Partly Agreed").check()
    expect(not_agreed).to_be_hidden()
    expect(partly.get_by_label("Policy")).to_be_checked()
    partly.get_by_label("Policy").uncheck()
    expect(not_agreed.get_by_label("Policy")).not_to_be_checked()
    decision.get_by_label("Agreed", exact=True).check()
    expect(partly).to_be_hidden()

    page.get_by_label("Target date").fill("30/09/2026")
    page.get_by_label("Responsible owner").fill("Head of Residence")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("S1 saved.")).to_be_visible()
    expect(page.get_by_text("No findings as last saved.")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Back to the plan").click()
    expect(task.locator(".govuk-task-list__status")).to_have_text(re.compile("Completed"))
    check_accessibility(page)

    page.get_by_role("link", name="See the plan as it will be published").click()
    expect(page.get_by_role("heading", name="HMP Homefield", level=1)).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Sign-off").click()
    expect(page.get_by_role("heading", name="Sign-off and publication")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_text("The plan is now submitted for approval.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    check_accessibility(page)

    sign_in(page, "approver", PASSWORD, at=live_server.url)
    page.get_by_role("link", name="HMP Homefield").click()
    expect(page.get_by_role("heading", name="HMP Homefield", level=1)).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Sign-off").click()
    expect(page.get_by_role("heading", name="Sign-off and publication")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Note").fill("Checked against the report.")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_text("The plan is now approved.")).to_be_visible()
    expect(page.get_by_text("Checked against the report.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Record as sent to the inspectorate").click()
    expect(page.get_by_text("The plan is now sent to the inspectorate.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_role("heading", name="What the public will see")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("The plan is now published.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    check_accessibility(page)

    page.goto(f"{live_server.url}/published/")
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("Action plan for the HMIP report")).click()
    expect(page.get_by_role("heading", name="HMP Homefield", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name="Head of Residence")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    check_accessibility(page)
    assert console_errors == []
