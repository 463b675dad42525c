"""The accessibility check itself fails on a page with serious violations."""

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import AxeViolations, check_accessibility


def test_serious_violations_fail_the_check(page: Page) -> None:
    page.set_content('<html lang="en"><body><main><input type="text"><img src="x.png"></main></body></html>')
    with pytest.raises(AxeViolations, match="image-alt"):
        check_accessibility(page)


def test_a_clean_page_passes(page: Page) -> None:
    page.set_content('<html lang="en"><head><title>Fine</title></head><body><main><h1>Fine</h1></main></body></html>')
    assert all(v["impact"] not in ("serious", "critical") for v in check_accessibility(page))
