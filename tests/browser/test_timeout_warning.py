"""The session timeout warning, with the idle timeout shortened: "Stay signed in" keeps the page and what was typed
and starts the timeout again; left unanswered, the person is signed out and told so, unless another tab kept the
sign-in alive. Without JavaScript, no dialog."""

import re

from playwright.sync_api import Browser, Page, expect

from actionplan.accounts.models import Role
from tests.browser.conftest import check_accessibility
from tests.web.factories import PASSWORD, EstablishmentFactory, UserFactory

IDLE_SECONDS = 30
WARNING_SECONDS = 20


def _sign_in(page: Page, url: str, *, check: bool = True) -> None:
    page.goto(f"{url}/sign-in/")
    if check:
        check_accessibility(page)
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as")).to_be_visible()
    if check:
        check_accessibility(page)


def test_the_warning_keeps_what_was_typed_or_signs_out(
    page: Page, live_server, transactional_db, settings, console_errors
) -> None:
    settings.SESSION_COOKIE_AGE = IDLE_SECONDS
    settings.ACTIONPLAN_SESSION_WARNING_SECONDS = WARNING_SECONDS
    home = EstablishmentFactory(name="HMP Homefield")
    UserFactory(username="coordinator", role=Role.COORDINATOR, establishments=[home])
    _sign_in(page, live_server.url)
    page.get_by_role("link", name="Start a plan").click()
    typed = page.get_by_role("group", name="Fieldwork started").get_by_label("Day")
    typed.fill("16")
    typed_at = page.url

    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    expect(dialog).to_be_visible(timeout=(IDLE_SECONDS - WARNING_SECONDS + 5) * 1000)
    expect(dialog).to_contain_text(re.compile(r"we will sign you out in \d+ seconds"))
    check_accessibility(page)
    with page.expect_response("**/session/") as answer:
        dialog.get_by_role("button", name="Stay signed in").click()
    assert answer.value.json() == {"signed_in": True, "seconds_left": IDLE_SECONDS}
    expect(dialog).to_be_hidden()
    assert page.url == typed_at
    expect(typed).to_have_value("16")

    # Meanwhile the person stays signed in from another tab: this one does not sign them out when its time is up.
    expect(dialog).to_be_visible(timeout=(IDLE_SECONDS - WARNING_SECONDS + 5) * 1000)
    token = dialog.locator("input[name=csrfmiddlewaretoken]").get_attribute("value")
    other_tab = page.context.request.post(f"{live_server.url}/session/", form={"csrfmiddlewaretoken": token or ""})
    assert other_tab.json()["seconds_left"] == IDLE_SECONDS
    page.wait_for_timeout((WARNING_SECONDS + 2) * 1000)
    assert page.url == typed_at
    expect(typed).to_have_value("16")

    # Unanswered this time: signed out when the idle timeout ends, and told why.
    expect(page.get_by_role("heading", name="You have been signed out")).to_be_visible(
        timeout=(WARNING_SECONDS + 5) * 1000
    )
    check_accessibility(page)
    page.goto(f"{live_server.url}/plans/new/")
    expect(page).to_have_url(re.compile("/sign-in/"))
    check_accessibility(page)
    assert console_errors == []


def test_without_javascript_there_is_no_dialog(browser: Browser, live_server, transactional_db) -> None:
    home = EstablishmentFactory(name="HMP Homefield")
    UserFactory(username="coordinator", role=Role.COORDINATOR, establishments=[home])
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _sign_in(page, live_server.url, check=False)  # axe-core is a script: the pages are checked with it on above
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_role("button", name="Stay signed in")).to_be_hidden()
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    context.close()
