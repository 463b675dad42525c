"""A form's buttons are disabled once it is sent, and the clicked button still says which step was asked for."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from actionplan.accounts.models import Role
from actionplan.storage.models import ActionPlan
from actionplan.workflow.models import Transition
from tests.browser.conftest import check_accessibility, sign_in
from tests.web.factories import PASSWORD, EstablishmentFactory, UserFactory, stored_plan


def test_the_submit_button_is_disabled_after_the_first_click(
    page: Page, live_server, transactional_db, console_errors
) -> None:
    home = EstablishmentFactory(name="HMP Homefield")
    UserFactory(username="coordinator", role=Role.COORDINATOR, establishments=[home])
    plan = stored_plan(home, seed=1)
    page.goto(f"{live_server.url}/sign-in/")
    check_accessibility(page)
    sign_in(page, "coordinator", PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.pk}/sign-off/")
    check_accessibility(page)
    # The answer goes to a frame, so that this page stays to be looked at after the click.
    page.evaluate(
        """() => {
            const frame = document.createElement("iframe");
            frame.name = "answer";
            document.body.append(frame);
            document.querySelector("form[method=post] input[name=submission_token]").form.target = "answer";
        }"""
    )
    button = page.get_by_role("button", name="Submit for approval")
    button.click()
    expect(button).to_be_disabled()
    deadline = time.monotonic() + 10
    while not Transition.objects.filter(plan=plan).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    page.evaluate("() => document.querySelector('input[name=submission_token]').form.requestSubmit()")
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SUBMITTED_FOR_APPROVAL
    assert Transition.objects.filter(plan=plan).count() == 1
