"""The pages around the plans: the public's pages and the footer's statements, then a coordinator's and an analyst's
dashboard, a plan's pages (downloads, progress, versions, history, sign-off). Each passes axe-core and reflows."""

import re

from playwright.sync_api import Page, expect

from actionplan.accounts.models import User
from actionplan.storage import models
from actionplan.storage.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import check_accessibility, sign_in


def test_the_public_pages(page: Page, live_server, transactional_db, console_errors) -> None:
    load_demo(4)
    page.goto(live_server.url)
    expect(page.get_by_role("banner").get_by_text("Beta")).to_be_visible()
    check_accessibility(page)
    footer = page.get_by_role("contentinfo")
    for link, heading in [
        ("Accessibility statement", "Accessibility statement"),
        ("Cookies", "Cookies"),
        ("Privacy notice", "Privacy notice"),
    ]:
        footer.get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        check_accessibility(page)

    page.goto(f"{live_server.url}/published/")
    check_accessibility(page)
    page.locator("main a[href^='/plans/']").first.click()
    expect(page.get_by_role("heading", name="Download this plan")).to_be_visible()
    check_accessibility(page)

    page.goto(f"{live_server.url}/signed-out/")
    expect(page.get_by_role("heading", name="You have been signed out")).to_be_visible()
    check_accessibility(page)
    page.goto(f"{live_server.url}/no-such-page/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    check_accessibility(page)

    # A form whose security token has gone (the cookie cleared) gets the service's own explanation.
    page.goto(f"{live_server.url}/sign-in/")
    page.context.clear_cookies()
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your form could not be sent")).to_be_visible()
    check_accessibility(page)
    # The browser reports the two refusals themselves (404 and 403), and nothing else.
    refused = "Failed to load resource: the server responded with a status of {} ({})"
    assert console_errors == [refused.format(404, "Not Found"), refused.format(403, "Forbidden")]


def test_a_plans_pages_and_the_dashboards(page: Page, live_server, transactional_db, console_errors) -> None:
    load_demo(4)
    coordinator = User.objects.get(username="coordinator")
    plan = models.ActionPlan.objects.filter(inspection__establishment__memberships__user=coordinator).exclude(
        status=models.ActionPlan.Status.DRAFT
    )[0]

    sign_in(page, "coordinator", DEMO_PASSWORD, at=live_server.url)
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delivery at your establishments")
    check_accessibility(page)

    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    expect(page.get_by_role("heading", name="Download this plan")).to_be_visible()
    check_accessibility(page)
    for path, heading in [
        ("progress", plan.establishment_as_written),
        ("versions", "Approved versions"),
        ("history", "History"),
        ("sign-off", "Sign-off and publication"),
    ]:
        page.goto(f"{live_server.url}/plans/{plan.pk}/{path}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        check_accessibility(page)
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    check_accessibility(page)

    # The analyst looks across the whole estate: the widest dashboard.
    sign_in(page, "analyst", DEMO_PASSWORD, at=live_server.url)
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("table", name=re.compile("Establishments, most overdue first"))).to_be_visible()
    check_accessibility(page)
    assert console_errors == []
