"""Every number on the estate dashboard opens the list of actions or recommendations behind it, of exactly that many."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from actionplan.accounts.models import User
from actionplan.storage.demo import load_demo
from tests.web.analysis.conftest import HandBuilt

LINKED = re.compile(
    r'<a class="govuk-link[^"]*"(?: id="[^"]+")? href="(/analysis/(?:actions|recommendations)/[^"]*)">(\d+)</a>'
)
COUNT = re.compile(r'id="list-count"><strong>(\d+)</strong>')


def _numbers(client: Any, url: str) -> list[tuple[str, int]]:
    page = client.get(url)
    assert page.status_code == 200
    return [(href.replace("&amp;", "&"), int(value)) for href, value in LINKED.findall(page.content.decode())]


def _differences(client: Any, numbers: list[tuple[str, int]]) -> list[str]:
    wrong = []
    for href, value in numbers:
        listed = client.get(href)
        assert listed.status_code == 200, href
        count = int(COUNT.search(listed.content.decode()).group(1))
        if count != value:
            wrong.append(f"{href}: {value} on the dashboard, {count} in the list")
    return wrong


def test_each_dashboard_number_opens_a_list_of_that_many(client: Any, hand_built: HandBuilt) -> None:
    client.force_login(hand_built.people["analyst"])
    numbers = _numbers(client, reverse("monitoring:dashboard"))
    hrefs = dict(numbers)
    # The headline figures, each status, month, owner, decision and establishment are links.
    assert hrefs["/analysis/actions/"] == 4
    assert hrefs["/analysis/actions/?state=overdue"] == 1
    assert hrefs["/analysis/actions/?status=completed"] == 3
    assert hrefs["/analysis/actions/?owner=governor"] == 3
    assert hrefs[f"/analysis/actions/?establishment={hand_built.alpha.pk}"] == 3
    assert hrefs["/analysis/actions/?decision=partly_agreed"] == 2
    assert hrefs["/analysis/recommendations/?implemented=yes&has_actions=yes"] == 2
    assert hrefs["/analysis/recommendations/?decision=agreed&decision=partly_agreed&has_actions=yes"] == 3
    assert len(numbers) > 40
    assert _differences(client, numbers) == []


def test_with_filters_and_at_one_establishment_too(client: Any, hand_built: HandBuilt) -> None:
    client.force_login(hand_built.people["analyst"])
    filtered = _numbers(client, reverse("monitoring:dashboard") + "?year=2024&owner=head of safety")
    assert all("year=2024" in href for href, _ in filtered)
    assert dict(filtered)["/analysis/actions/?year=2024&owner=head+of+safety"] == 2
    assert _differences(client, filtered) == []
    client.force_login(hand_built.people["coordinator"])
    at_beta = _numbers(client, reverse("monitoring:establishment-dashboard", args=[hand_built.beta.pk]))
    assert dict(at_beta)[f"/analysis/actions/?establishment={hand_built.beta.pk}"] == 1
    assert _differences(client, at_beta) == []


@pytest.mark.django_db
def test_on_the_demo_estate_with_owners_matched_to_the_directory(client: Any) -> None:
    load_demo(3)
    client.force_login(User.objects.get(username="analyst"))
    numbers = _numbers(client, reverse("monitoring:dashboard"))
    assert any("owner=owner-" in href for href, _ in numbers)
    assert sum(value for href, value in numbers if href == "/analysis/actions/") > 0
    assert _differences(client, numbers) == []
