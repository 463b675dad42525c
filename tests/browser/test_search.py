"""Searching: an analyst searches from the header, narrows by two facets, opens a result, then opens a dashboard
number and downloads the list behind it; the public searches the published plans. Each page passes axe-core and
reflows."""

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from actionplan.storage.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import check_accessibility, sign_in


def _results(page: Page) -> int:
    heading = page.get_by_role("heading", name=re.compile(r"results? for")).inner_text()
    return int(heading.split()[0])


def test_an_analyst_searches_narrows_by_two_facets_then_downloads_a_dashboard_numbers_list(
    page: Page, live_server, transactional_db, console_errors, tmp_path: Path
) -> None:
    load_demo(6)
    page.goto(f"{live_server.url}/sign-in/")
    check_accessibility(page)
    sign_in(page, "analyst", DEMO_PASSWORD)

    page.get_by_role("search").get_by_label("Search the plans you may read").fill("drugs")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Search", level=1)).to_be_visible()
    check_accessibility(page)
    everything = _results(page)
    assert everything > 0
    expect(page.locator("mark").first).to_be_visible()

    kind = page.get_by_role("group", name="Kind")
    kind.get_by_label(re.compile(r"^\s*Recommendation or concern \(\d+\)")).check()
    decision = page.get_by_role("group", name="Decision")
    decision.get_by_label(re.compile(r"^\s*Agreed \(\d+\)")).check()
    page.get_by_role("button", name="Apply filters").click()
    check_accessibility(page)
    narrowed = _results(page)
    assert 0 < narrowed < everything
    expect(
        page.get_by_role("group", name="Kind").get_by_label(re.compile(r"^\s*Recommendation or concern"))
    ).to_be_checked()
    assert "kind=recommendation" in page.url
    assert "decision=agreed" in page.url

    link = page.locator(".app-search-result").first.get_by_role("link")
    address = link.get_attribute("href")
    assert address is not None
    assert re.fullmatch(r"/plans/\d+/", address)
    link.click()
    expect(page.get_by_role("heading", name="Download this plan")).to_be_visible()
    check_accessibility(page)
    assert page.url == f"{live_server.url}{address}"

    page.get_by_role("link", name="Dashboard").click()
    check_accessibility(page)
    in_progress = page.locator("table", has_text="Actions by status").get_by_role(
        "row", name=re.compile("^In progress")
    )
    shown = int(in_progress.locator("td").inner_text())
    in_progress.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actions")
    check_accessibility(page)
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download CSV").click()
    saved = tmp_path / "actions.csv"
    waiting.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert len(rows) == shown > 0
    assert {row["Status"] for row in rows} == {"In progress"}
    assert console_errors == []


def test_the_public_searches_the_published_plans(page: Page, live_server, transactional_db, console_errors) -> None:
    load_demo(6)
    page.goto(f"{live_server.url}/published/")
    check_accessibility(page)
    page.get_by_label("Search the published plans").fill('"illicit drugs"')
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Search published action plans", level=1)).to_be_visible()
    check_accessibility(page)
    assert _results(page) > 0
    page.get_by_label("Search for").fill("* ( )")
    page.get_by_role("button", name="Search").first.click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check_accessibility(page)
    assert console_errors == []
