"""An owner reports progress with evidence and completes an action; the dashboard and the public plan follow.
Every page passes axe-core and reflows at 320 px."""

import re

from playwright.sync_api import Page, expect

from actionplan.accounts.models import Membership, Role, User
from actionplan.storage import models
from actionplan.storage.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import check_accessibility, sign_in
from tests.web.factories import held_post

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_owner_completes_an_action(page: Page, live_server, transactional_db, console_errors) -> None:
    load_demo(4)
    owner = User.objects.get(username="owner")
    plan = models.ActionPlan.objects.filter(status=models.ActionPlan.Status.PUBLISHED).order_by("pk").first()
    Membership.objects.get_or_create(user=owner, role=Role.ACTION_OWNER, establishment=plan.inspection.establishment)
    # One agreed recommendation with a single open action left, owned by the owner: completing it implements it.
    rec = plan.recommendations.filter(decision="agreed").order_by("position").first()
    last, *others = list(rec.actions.order_by("position"))
    for action in others:
        action.status = "completed"
        action.save()
    last.status, last.completed_on = "in_progress", None
    last.save()
    held_post(owner, last)
    implemented_before = int(
        re.search(r"(\d+) of \d+ recommendations implemented", _public(page, live_server, plan)).group(1)
    )

    page.goto(f"{live_server.url}/sign-in/")
    check_accessibility(page)
    sign_in(page, "owner", DEMO_PASSWORD)
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delivery at your establishments")
    check_accessibility(page)
    completed_before = int(
        page.locator("table", has_text="Actions by status")
        .get_by_role("row", name=re.compile("^Completed"))
        .locator("td")
        .inner_text()
    )

    page.get_by_role("link", name="My actions").click()
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name=re.compile(re.escape(last.text.split()[0]))).first.click()
    expect(page.get_by_role("heading", name="Action", exact=True)).to_be_visible()
    check_accessibility(page)

    # Evidence that is a program is refused, with the error linked to the field.
    page.get_by_label("What has happened since the last update?").fill("All wings done.")
    expect(page.get_by_role("group", name="Date completed")).to_be_hidden()
    page.get_by_label("Completed", exact=True).check()
    expect(page.get_by_role("group", name="Date completed")).to_be_visible()
    expect(page.get_by_label("Why the action is cancelled")).to_be_hidden()
    page.get_by_label("Evidence (optional)").set_input_files(
        [{"name": "tool.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00"}]
    )
    page.get_by_role("button", name="Add update").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("tool.exe is a program"))).to_be_visible()
    check_accessibility(page)

    page.get_by_label("What has happened since the last update?").fill("All wings done.")
    page.get_by_label("Completed", exact=True).check()
    page.get_by_label("Evidence (optional)").set_input_files(
        [{"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Add update").click()
    expect(page.get_by_text("Your update has been added")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("minutes.pdf"))).to_be_visible()
    expect(page.locator(".moj-timeline__item").first).to_contain_text("Status: Completed")
    check_accessibility(page)

    page.get_by_role("link", name="Dashboard").click()
    completed_after = int(
        page.locator("table", has_text="Actions by status")
        .get_by_role("row", name=re.compile("^Completed"))
        .locator("td")
        .inner_text()
    )
    assert completed_after == completed_before + 1
    check_accessibility(page)

    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    check_accessibility(page)
    text = _public(page, live_server, plan)
    assert f"{implemented_before + 1} of" in text
    assert console_errors == []


def _public(page: Page, live_server, plan) -> str:
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    summary = page.get_by_text(re.compile(r"\d+ of \d+ recommendations implemented"))
    expect(summary).to_be_visible()
    check_accessibility(page)
    return summary.inner_text()
