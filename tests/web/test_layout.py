"""What every page has: landmarks, the phase banner, and the footer's links to the statements, which anyone can read."""

import re

import pytest
from django.conf import settings

from tests.web.factories import PASSWORD

PUBLIC_PAGES = ["/", "/published/", "/sign-in/", "/accessibility/", "/cookies/", "/privacy/", "/signed-out/"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_public_page_has_its_landmarks_banner_and_footer_links(client, db, url) -> None:
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    header = re.search(r"<header class=\"govuk-template__header\">(.*?)</header>", body, re.S)
    assert header is not None
    assert "govuk-header" in header.group(1)
    assert "govuk-service-navigation" in header.group(1)
    assert "govuk-phase-banner" in header.group(1)
    assert "Beta" in header.group(1)
    footer = re.search(r"<footer class=\"govuk-template__footer\">(.*?)</footer>", body, re.S)
    assert footer is not None
    assert "govuk-footer" in footer.group(1)
    for href in ("/accessibility/", "/cookies/", "/privacy/"):
        assert f'href="{href}"' in footer.group(1)
    assert body.count("<main") == 1


def test_the_footer_pages_say_what_they_are_for(client, db) -> None:
    assert "Compliance status" in client.get("/accessibility/").content.decode()
    assert "Ministry of Justice is the data controller" in client.get("/privacy/").content.decode()
    cookies = client.get("/cookies/").content.decode()
    assert "uses only the cookies it needs" in cookies
    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"):
        assert f'<th scope="row" class="govuk-table__header">{name}</th>' in cookies


def test_the_cookies_page_lists_every_cookie_the_service_sets(client, estate) -> None:
    """Reading published plans sets none; signing in and working sets only those the cookies page names."""
    for url in ("/", "/published/", f"/plans/{estate.published.pk}/", "/cookies/"):
        assert client.get(url).cookies == {}, url
    seen = set(client.get("/sign-in/").cookies)
    response = client.post("/sign-in/", {"username": "coordinator", "password": PASSWORD})
    seen |= set(response.cookies)
    seen |= set(client.get("/").cookies)
    plan = f"/plans/{estate.draft.pk}/recommendations/paste/"
    seen |= set(client.post(plan, {"text": ""}).cookies)
    seen |= set(client.post("/sign-out/").cookies)
    assert seen <= {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"}
    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME} <= seen


def _tables_outside_a_scrolling_region(body: str) -> list[str]:
    """Each table's opening tag, unless it is the first thing in a focusable, labelled region box."""
    boxed = re.compile(r'<div class="app-table-scroll" role="region" aria-label="[^"]+" tabindex="0">\s*$')
    return [
        body[match.start() : match.start() + 80]
        for match in re.finditer(r"<table\b", body)
        if not boxed.search(body[: match.start()])
    ]


def test_the_tables_of_the_wide_pages_scroll_in_their_own_box(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    pages = ["/", "/dashboard/", f"/plans/{estate.sent.pk}/progress/", f"/plans/{estate.sent.pk}/versions/"]
    pages += ["/cookies/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "<table" in body, url
        assert _tables_outside_a_scrolling_region(body) == [], url
