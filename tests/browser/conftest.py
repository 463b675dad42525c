"""Browser tests: Playwright drives Debian's Chromium against Django's live server; axe-core checks each page."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page, expect

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


class PageDoesNotReflow(AssertionError):
    pass


# WCAG 1.4.10 Reflow: content fits 320 CSS pixels (a 1280 px screen at 400% zoom) without scrolling sideways.
REFLOW_WIDTH = 320


# The addresses each open page has been checked at (see _every_page_visited_is_checked).
_CHECKED: dict[int, set[str]] = {}


def check_accessibility(page: Page) -> None:
    """Check the page as it stands: axe-core finds no violation of any impact, and it reflows at 320 px.

    Every browser journey calls this after each page it opens or changes; a page it opened and never checked
    fails the test (see _every_page_visited_is_checked)."""
    page.wait_for_load_state("load")  # a page just arrived from a click may still be coming in
    _check_axe(page)
    _check_reflow(page)
    _CHECKED.setdefault(id(page), set()).add(_address(page.url))


def sign_in(page: Page, username: str, password: str, *, at: str | None = None) -> None:
    """Sign in as ``username``: on the sign-in page of the service at ``at`` (checked first), or on the page already
    open. The page then says who is signed in, and is checked."""
    if at is not None:
        page.goto(f"{at}/sign-in/")
        check_accessibility(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as")).to_be_visible()
    check_accessibility(page)


def _address(url: str) -> str:
    return url.split("#", 1)[0]


@pytest.fixture(autouse=True)
def _every_page_visited_is_checked(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test driving the browser fails if it opened a page of the service and never checked it."""
    if "page" not in request.fixturenames:
        yield
        return
    page: Page = request.getfixturevalue("page")
    visited: list[str] = []

    def _note(frame: Frame) -> None:
        if frame == page.main_frame and frame.url.startswith("http"):
            visited.append(_address(frame.url))

    page.on("framenavigated", _note)
    yield
    checked = _CHECKED.pop(id(page), set())
    unchecked = sorted(set(visited) - checked)
    assert unchecked == [], f"pages opened but never checked with check_accessibility: {unchecked}"


def _check_axe(page: Page) -> None:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text("utf-8"))
    results = page.evaluate("async () => await window.axe.run(document, {resultTypes: ['violations']})")
    violations: list[dict[str, Any]] = results["violations"]
    violations = [v for v in violations if not _reveal_state(v)]
    if violations:
        summary = [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]} for v in violations
        ]
        raise AxeViolations(f"{page.url}: {json.dumps(summary, indent=1)}")


def _check_reflow(page: Page) -> None:
    """At a 320 px wide window the page is no wider than the window (wide tables scroll inside their own box)."""
    size = page.viewport_size
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": size["height"] if size else 720})
    try:
        width = page.evaluate(
            "() => new Promise(done => requestAnimationFrame(() => done(document.documentElement.scrollWidth)))"
        )
        if width > REFLOW_WIDTH:
            wider = page.evaluate(_WIDER_THAN_WINDOW)
            raise PageDoesNotReflow(f"{page.url}: {width} px wide at {REFLOW_WIDTH} px; too wide: {wider}")
    finally:
        if size:
            page.set_viewport_size(size)


# The outermost elements reaching past the window, to say what to fix.
_WIDER_THAN_WINDOW = """() => {
  const limit = document.documentElement.clientWidth;
  const found = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (element.getBoundingClientRect().right > limit + 1 && !found.some(outer => outer.contains(element))) {
      found.push(element);
    }
  }
  return found.slice(0, 5).map(element =>
    element.tagName.toLowerCase() + (element.className && typeof element.className === 'string'
      ? '.' + element.className.trim().split(/\\s+/).join('.') : ''));
}"""


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Errors the browser logs (a Content Security Policy refusal among them); tests assert there are none."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
