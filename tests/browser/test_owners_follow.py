"""Owners are posts that people hold: a coordinator uploads the Buckley Hall plan, matches its owners and gives one
action to the Head of Safety; once published, the post's holder sees exactly that action in My actions and is
reminded of it; the post is handed to someone else, who sees it at once. axe-core on the new pages."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from playwright.sync_api import Page, expect

from actionplan.accounts.models import Role
from actionplan.owners.models import Holding, Owner
from actionplan.storage import models
from tests.browser.conftest import check_accessibility, sign_in
from tests.web.factories import PASSWORD, EstablishmentFactory, UserFactory

# The sample gives recommendation 1.16 (violence and its victims) to the Governor, due in December 2019.
SAFETY_REF = "1.16"
DUE = date(2019, 12, 31)


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    check_accessibility(page)


def _my_actions(page: Page) -> set[int]:
    page.get_by_role("link", name="My actions").click()
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    check_accessibility(page)
    return {int(pk) for pk in re.findall(r'href="/actions/(\d+)/"', page.content())}


def _choose(page: Page, written: str, choice: str, kind: str | None = None) -> None:
    block = page.locator(".app-owner-choice").filter(has=page.get_by_role("heading", name=written, exact=True))
    block.get_by_label(choice).check()
    if kind:
        block.get_by_label(kind, exact=True).check()


def _edit(page: Page, ref: str, owner: str = "", reason: str = "", target: str = "") -> None:
    """From the plan's overview, change one recommendation and come back."""
    page.locator(".govuk-task-list__item", has_text=ref).get_by_role("link").click()
    check_accessibility(page)
    if owner:
        page.get_by_label("Responsible owner").fill(owner)
    if reason:
        response = page.get_by_label("Response", exact=True)
        response.fill(reason + response.input_value())
    if target:
        page.get_by_label("Target date").fill(target)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(f"{ref} saved.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Back to the plan").click()
    check_accessibility(page)


def test_actions_follow_the_post_from_upload_to_handover(
    page: Page, live_server, transactional_db, console_errors, samples_dir: Path
) -> None:
    sample = samples_dir / "buckley_hall_2019.txt"
    buckley = EstablishmentFactory(name="HMP Buckley Hall")
    UserFactory(username="coordinator", role=Role.COORDINATOR, establishments=[buckley])
    UserFactory(username="approver", role=Role.APPROVER, establishments=[buckley])
    sam, tess = (
        UserFactory(
            username=first.lower(), first_name=first, last_name=last, role=Role.ACTION_OWNER, establishments=[buckley]
        )
        for first, last in [("Sam", "Safety"), ("Tess", "Taylor")]
    )
    safety = Owner.objects.create(name="Head of Safety")
    safety.establishments.add(buckley)
    Holding.objects.create(owner=safety, user=sam, started=date(2019, 1, 1))

    # The coordinator starts the plan and uploads the published text of the Buckley Hall plan.
    sign_in(page, "coordinator", PASSWORD, at=live_server.url)
    page.get_by_role("link", name="Start a plan").click()
    check_accessibility(page)
    page.get_by_label("Establishment inspected").select_option(label="HMP Buckley Hall")
    page.get_by_label("HMIP").check()
    page.get_by_label("Full unannounced inspection").check()
    for legend, (day, month, year) in {
        "Fieldwork started": ("3", "6", "2019"),
        "Fieldwork ended": ("14", "June", "2019"),
        "Report published": ("24", "9", "2019"),
    }.items():
        group = page.get_by_role("group", name=legend)
        group.get_by_label("Day").fill(day)
        group.get_by_label("Month").fill(month)
        group.get_by_label("Year").fill(year)
    page.get_by_role("button", name="Start the plan").click()
    check_accessibility(page)
    page.get_by_role("link", name="Upload an existing plan").click()
    check_accessibility(page)
    page.get_by_label("Upload a plan").set_input_files(str(sample))
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", name=f"Check what was read from {sample.name}")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Save these in the plan").click()

    # It is shown at once the owners the plan names that the directory does not know, and matches three of them.
    expect(page.get_by_role("heading", name="Match owners")).to_be_visible()
    expect(page.locator(".app-owner-choice")).to_have_count(5)
    check_accessibility(page)
    _choose(page, "Governor", "A new post or organisation", "Post")
    _choose(page, "Novus", "A new post or organisation", "Organisation")
    _choose(page, "Greater Manchester NHS Foundation Trust", "A new post or organisation", "Organisation")
    _choose(page, "Prison Estates Transformation Programme", "Leave it waiting for now")
    _choose(page, "Operational Policy: System Delivery and Reform", "Leave it waiting for now")
    page.get_by_role("button", name="Save these matches").click()
    expect(page.get_by_text("3 owner names matched; 2 are left waiting.")).to_be_visible()
    expect(page.get_by_text("2 owner names are not matched yet.")).to_be_visible()
    check_accessibility(page)

    # The action about violence and its victims is given to the Head of Safety, a post the directory knows; the
    # errors that stop approval are put right as the checker says.
    page.get_by_role("link", name="Edit this plan").click()
    check_accessibility(page)
    _edit(page, SAFETY_REF, owner="Head of Safety")
    action = models.Action.objects.get(recommendation__ref=SAFETY_REF)
    assert list(action.owner_links.values_list("owner", flat=True)) == [safety.pk]
    _edit(page, "S35", reason="This is not agreed for operational reasons: ")
    _edit(page, "2.11", reason="The rest cannot be implemented for affordability reasons: ", target="Completed")
    _edit(page, "3.20", reason="The rest cannot be implemented for commissioning reasons: ")

    page.get_by_role("link", name="See the plan as it will be published").click()
    check_accessibility(page)
    page.get_by_role("link", name="Sign-off").click()
    check_accessibility(page)
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_text("The plan is now submitted for approval.")).to_be_visible()
    check_accessibility(page)
    _sign_out(page)

    sign_in(page, "approver", PASSWORD, at=live_server.url)
    page.get_by_role("link", name="HMP Buckley Hall").click()
    check_accessibility(page)
    page.get_by_role("link", name="Sign-off").click()
    check_accessibility(page)
    page.get_by_label("Note").fill("Checked against the report.")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_text("The plan is now approved.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Record as sent to the inspectorate").click()
    expect(page.get_by_text("The plan is now sent to the inspectorate.")).to_be_visible()
    check_accessibility(page)
    # Publishing shows first what the public will read, then asks to confirm.
    page.get_by_role("button", name="Publish", exact=True).click()
    check_accessibility(page)
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("The plan is now published.")).to_be_visible()
    check_accessibility(page)
    _sign_out(page)

    # The holder of the post sees exactly its action, and is reminded of it, alone, on the day it is due.
    sign_in(page, "sam", PASSWORD, at=live_server.url)
    assert _my_actions(page) == {action.pk}
    expect(page.get_by_text("Head of Safety (you hold this post)")).to_be_visible()
    check_accessibility(page)
    _sign_out(page)
    call_command("send_reminders", "--today", DUE.isoformat())
    to_sam = [message for message in mail.outbox if message.to == [sam.email]]
    assert len(to_sam) == 1
    assert set(re.findall(r"/actions/(\d+)/", to_sam[0].body)) == {str(action.pk)}
    assert to_sam[0].subject.startswith("Action due today: HMP Buckley Hall, recommendation 1.16")

    # The coordinator hands the post to Tess from the action's page: its action goes with it at once.
    sign_in(page, "coordinator", PASSWORD, at=live_server.url)
    page.goto(f"{live_server.url}/actions/{action.pk}/")
    check_accessibility(page)
    page.get_by_role("link", name="Head of Safety").click()
    expect(page.get_by_role("heading", name="Head of Safety", level=1)).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Who", exact=True).select_option(label=f"Tess Taylor ({tess.email})")
    page.get_by_label("Hand it over").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Head of Safety has been handed from Sam Safety to Tess Taylor")).to_be_visible()
    history = page.locator("table", has_text="Until")
    expect(history.get_by_role("row")).to_have_count(3)
    expect(history.get_by_role("row").nth(1)).to_contain_text("Tess Taylor")
    expect(history.get_by_role("row").nth(2)).to_contain_text("Sam Safety")
    check_accessibility(page)
    _sign_out(page)

    sign_in(page, "tess", PASSWORD, at=live_server.url)
    assert _my_actions(page) == {action.pk}
    _sign_out(page)
    sign_in(page, "sam", PASSWORD, at=live_server.url)
    assert _my_actions(page) == set()
    mail.outbox.clear()
    call_command("send_reminders", "--today", date(2020, 1, 1).isoformat())
    assert [message.to for message in mail.outbox if f"/actions/{action.pk}/" in message.body] == [[tess.email]]
    assert console_errors == [], console_errors
