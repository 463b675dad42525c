"""The public finds the open data from the published plans, reads what it holds and downloads it."""

import zipfile
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from actionplan.storage.demo import load_demo
from tests.browser.conftest import check_accessibility


def test_the_public_downloads_every_published_plan(
    page: Page, live_server, transactional_db, console_errors, settings: Any, tmp_path: Path
) -> None:
    settings.ACTIONPLAN_OPEN_DATA_DIR = tmp_path / "open-data"
    load_demo(4)
    page.goto(f"{live_server.url}/published/")
    check_accessibility(page)
    page.get_by_role("link", name="Download them all as open data").click()
    expect(page.get_by_role("heading", name="Open data: published action plans", level=1)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="Open Government Licence v3.0")).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Download every published plan").click()
    download = waiting.value
    assert download.suggested_filename == "actionplan-published-plans.zip"
    saved = tmp_path / "downloaded.zip"
    download.save_as(saved)
    names = zipfile.ZipFile(saved).namelist()
    assert "actions.csv" in names
    assert any(name.startswith("plans/") for name in names)
    assert console_errors == []
