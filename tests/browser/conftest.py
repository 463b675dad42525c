"""Browser tests: Playwright drives Debian's Chromium against Django's live server; axe-core checks each page."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

CHROMIUM = Path(os.environ.get("ACTIONPLAN_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (see .ci/run)")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session", autouse=True)
def _orm_beside_playwright(django_db_setup: None) -> Iterator[None]:
    """Let the tests use the ORM while Playwright's sync API keeps an event loop in the test thread.

    The test database is created first; the setting lasts the session because pytest-django flushes
    the database after function-scoped fixtures are gone.
    """
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


class AxeViolations(AssertionError):
    pass


def _reveal_state(violation: dict[str, Any]) -> bool:
    """aria-expanded on radios that reveal a question: GOV.UK Frontend sets it on purpose (screen readers announce
    it), though ARIA allows it only on other roles; the Design System lists axe's finding as a known issue."""
    return violation["id"] == "aria-allowed-attr" and all(
        'type="radio"' in node["html"] and "aria-expanded" in node["html"] for node in violation["nodes"]
    )


def check_accessibility(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page; fail on serious or critical violations, return the rest."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text("utf-8"))
    results = page.evaluate("async () => await window.axe.run(document, {resultTypes: ['violations']})")
    violations: list[dict[str, Any]] = results["violations"]
    serious = [v for v in violations if v["impact"] in ("serious", "critical") and not _reveal_state(v)]
    if serious:
        summary = [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]} for v in serious]
        raise AxeViolations(f"{page.url}: {json.dumps(summary, indent=1)}")
    return violations


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Errors the browser logs (a Content Security Policy refusal among them); tests assert there are none."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
