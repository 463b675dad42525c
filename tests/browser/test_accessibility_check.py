"""The page check itself: it fails on any axe-core violation, whatever its impact, and on a page too wide at 320 px."""

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import AxeViolations, PageDoesNotReflow, check_accessibility

CLEAN = '<html lang="en"><head><title>Fine</title></head><body><main><h1>Fine</h1>{}</main></body></html>'


def test_serious_violations_fail_the_check(page: Page) -> None:
    page.set_content('<html lang="en"><body><main><input type="text"><img src="x.png"></main></body></html>')
    with pytest.raises(AxeViolations, match="image-alt"):
        check_accessibility(page)


def test_moderate_violations_fail_the_check_too(page: Page) -> None:
    page.set_content(CLEAN.replace("<main><h1>Fine</h1>", "<h1>Fine</h1><main>"))
    with pytest.raises(AxeViolations, match='"region"'):
        check_accessibility(page)


def test_a_page_wider_than_320_px_fails_the_check(page: Page) -> None:
    page.set_content(CLEAN.format('<table><tr><td style="min-width: 500px">Wide</td></tr></table>'))
    with pytest.raises(PageDoesNotReflow, match="table"):
        check_accessibility(page)
    assert page.viewport_size == {"width": 1280, "height": 720}


def test_a_wide_table_scrolling_in_its_own_box_reflows(page: Page) -> None:
    table = '<table><caption>Wide</caption><tr><td style="min-width: 500px">Wide</td></tr></table>'
    box = f'<div role="region" aria-label="Wide" tabindex="0" style="overflow-x: auto">{table}</div>'
    page.set_content(CLEAN.format(box))
    check_accessibility(page)


def test_a_clean_page_passes(page: Page) -> None:
    page.set_content(CLEAN.format(""))
    check_accessibility(page)
