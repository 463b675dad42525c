"""A coordinator signs in, sees the plans of their establishments and opens one; every page passes axe-core
and reflows at 320 px."""

import re

from playwright.sync_api import Page, expect

from actionplan.storage.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import check_accessibility


def test_sign_in_and_open_a_plan(page: Page, live_server, transactional_db, console_errors) -> None:
    load_demo(4)

    page.goto(live_server.url)
    expect(page.get_by_role("heading", name="Action plans")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Sign in").first.click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as")).to_be_visible()
    check_accessibility(page)

    plan_links = page.locator("table tbody th a")
    expect(plan_links.first).to_be_visible()
    establishment = plan_links.first.inner_text()
    plan_links.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(re.escape(establishment.split(" ", 1)[1])))
    expect(page.get_by_role("columnheader", name="Responsible owner")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    check_accessibility(page)
    assert console_errors == []
