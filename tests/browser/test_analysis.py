"""An analyst follows a dashboard number to the actions behind it, narrows the list, downloads it as CSV, then opens
an analysis and follows one of its numbers. Every page passes axe-core and reflows at 320 px."""

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from actionplan.storage.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import check_accessibility, sign_in


def _listed(page: Page) -> int:
    return int(page.locator("#list-count strong").inner_text())


def test_an_analyst_follows_a_number_to_its_list_and_downloads_it(
    page: Page, live_server, transactional_db, console_errors, tmp_path: Path
) -> None:
    load_demo(4)
    page.goto(f"{live_server.url}/sign-in/")
    check_accessibility(page)
    sign_in(page, "analyst", DEMO_PASSWORD)

    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delivery across the estate")
    check_accessibility(page)
    completed = page.locator("table", has_text="Actions by status").get_by_role("row", name=re.compile("^Completed"))
    shown = int(completed.locator("td").inner_text())
    completed.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actions")
    check_accessibility(page)
    assert _listed(page) == shown
    expect(page.get_by_text("Only those with status: Completed.")).to_be_visible()

    # Narrowed to the latest year of report: still the completed actions only, fewer or as many.
    year = page.get_by_label("Year of report")
    latest = year.locator("option").nth(1).get_attribute("value")
    year.select_option(latest)
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(rf"year={latest}"))
    check_accessibility(page)
    narrowed = _listed(page)
    assert narrowed <= shown
    expect(page.get_by_text("Only those with status: Completed.")).to_be_visible()

    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download CSV").click()
    download = waiting.value
    assert download.suggested_filename == "actions.csv"
    saved = tmp_path / "actions.csv"
    download.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["Establishment", "Report published", "Ref"]
    assert len(rows) - 1 == narrowed
    assert {row[9] for row in rows[1:]} <= {"Completed"}

    page.get_by_role("link", name="Analysis", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Analysis")
    check_accessibility(page)
    page.get_by_role("link", name="What is not agreed and why").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What is not agreed and why")
    check_accessibility(page)
    expect(page.get_by_role("img", name=re.compile("What is not agreed and why, by year of report"))).to_be_visible()
    total = page.locator("table").get_by_role("row", name=re.compile("^All")).get_by_role("link").last
    expected = int(total.inner_text())
    total.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommendations")
    check_accessibility(page)
    assert _listed(page) == expected
    assert console_errors == []
