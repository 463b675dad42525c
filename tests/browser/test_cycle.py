"""A coordinator confirms a suggested repeat, an inspector records follow-up outcomes, an analyst reads the
analyses: every page of the inspection cycle passes axe-core and reflows at 320 px."""

import re

from playwright.sync_api import Page, expect

from actionplan.cycle.models import FollowUpOutcome, RepeatLink
from actionplan.storage import models
from actionplan.storage.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import check_accessibility, sign_in


def test_the_inspection_cycle(page: Page, live_server, transactional_db, console_errors) -> None:
    load_demo(4)
    first = models.Establishment.objects.order_by("pk").first()
    later = models.ActionPlan.objects.filter(inspection__establishment=first).order_by("-inspection__report_published")
    draft, earlier = later[0], later[1]

    sign_in(page, "coordinator", DEMO_PASSWORD, at=live_server.url)
    page.goto(f"{live_server.url}/plans/{draft.pk}/")
    check_accessibility(page)
    page.get_by_role("link", name="Repeats", exact=True).click()
    expect(page.get_by_role("heading", name="Repeated recommendations")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("group").first.get_by_label("Yes, it repeats it").check()
    page.get_by_role("button", name="Save answers").click()
    expect(page.get_by_text("Confirmed 1 and rejected 0 suggested repeats")).to_be_visible()
    check_accessibility(page)
    assert RepeatLink.objects.filter(how=RepeatLink.How.CONFIRMED).count() == 1
    page.get_by_role("link", name=re.compile(r"repeats .*")).first.click()
    expect(page.get_by_role("heading", name=re.compile(r"^Repeats "))).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name=f"The inspection cycle of {first.name}").click()
    expect(page.get_by_role("list", name=re.compile("Inspections of"))).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Sign out").first.click()

    sign_in(page, "inspector", DEMO_PASSWORD, at=live_server.url)
    page.goto(f"{live_server.url}/plans/{earlier.pk}/follow-up/")
    check_accessibility(page)
    first_rec = earlier.recommendations.order_by("position").first()
    page.get_by_role("group", name=f"Recommendation {first_rec.ref}").get_by_label("Partially achieved").check()
    page.get_by_role("button", name="Save the outcomes").click()
    expect(page.get_by_text("The follow-up outcomes of")).to_be_visible()
    check_accessibility(page)
    assert FollowUpOutcome.objects.get(recommendation=first_rec).outcome == "partially_achieved"
    page.get_by_role("button", name="Sign out").first.click()

    sign_in(page, "analyst", DEMO_PASSWORD, at=live_server.url)
    page.goto(f"{live_server.url}/analysis/repeated/")
    expect(page.get_by_role("img", name=re.compile("Recommendations repeated"))).to_be_visible()
    check_accessibility(page)
    page.goto(f"{live_server.url}/analysis/follow-up/")
    expect(page.get_by_role("img", name=re.compile("Earlier recommendations"))).to_be_visible()
    check_accessibility(page)
    assert console_errors == []
