"""A coordinator matches the owners a plan names from the plan page, and sees the owner directory."""

from playwright.sync_api import Page, expect

from actionplan.owners.matching import match_stored_plan
from actionplan.storage import models
from actionplan.storage.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import check_accessibility, sign_in


def test_a_coordinator_matches_owners_and_reads_the_directory(
    page: Page, live_server, transactional_db, console_errors
) -> None:
    load_demo(4)
    plan = models.ActionPlan.objects.filter(status=models.ActionPlan.Status.DRAFT).order_by("pk").first()
    action = models.Action.objects.filter(recommendation__plan=plan).order_by("pk").first()
    action.owner = "Head of Estates/Learning Futures"
    action.save()
    match_stored_plan(plan)

    page.goto(f"{live_server.url}/sign-in/")
    check_accessibility(page)
    sign_in(page, "coordinator", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    expect(page.get_by_text("1 owner name is not matched yet.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Match owners").click()
    expect(page.get_by_role("heading", name="Match owners")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("button", name="Save these matches").click()
    expect(
        page.get_by_role("link", name="Choose who “Head of Estates” is, or leave it waiting for now")
    ).to_be_visible()
    check_accessibility(page)
    page.get_by_role("group", name="Who is “Head of Estates”?").get_by_label("A new post or organisation").check()
    page.get_by_role("button", name="Save these matches").click()
    expect(page.get_by_text("1 owner name matched.")).to_be_visible()
    expect(page.get_by_text("not matched yet")).to_have_count(0)
    check_accessibility(page)

    page.goto(f"{live_server.url}/establishments/{plan.inspection.establishment_id}/owners/")
    expect(page.get_by_role("heading", name="Head of Estates")).to_be_visible()
    expect(page.get_by_role("heading", name="Learning Futures")).to_be_visible()
    check_accessibility(page)
    assert console_errors == []
