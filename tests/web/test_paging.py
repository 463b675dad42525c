"""Long lists come a page at a time with the GOV.UK pagination component: home, published, my actions, history."""

from __future__ import annotations

import re
from datetime import date

import pytest

from actionplan.pages import paging
from actionplan.storage import models
from tests.web.factories import held_post


@pytest.fixture
def two_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 2)


def _plan_links(page: str) -> list[str]:
    return re.findall(r'href="/plans/(\d+)/"', page)


def test_home_lists_the_plans_a_page_at_a_time(client, estate, two_a_page) -> None:
    client.force_login(estate.people["analyst"])
    first = client.get("/").content.decode()
    assert "5 plans" in first
    assert 'class="govuk-pagination"' in first
    assert 'href="?page=2"' in first
    seen = [_plan_links(client.get("/", {"page": n}).content.decode()) for n in (1, 2, 3)]
    assert all(len(links) <= 2 for links in seen)
    assert len({link for links in seen for link in links}) == 5


def test_a_page_number_that_is_not_there_gives_the_nearest_page(client, estate, two_a_page) -> None:
    client.force_login(estate.people["analyst"])
    assert client.get("/", {"page": "99"}).status_code == 200
    assert client.get("/", {"page": "nonsense"}).status_code == 200
    assert _plan_links(client.get("/", {"page": "99"}).content.decode()) == _plan_links(
        client.get("/", {"page": "3"}).content.decode()
    )


def test_a_short_list_has_no_pagination(client, estate) -> None:
    client.force_login(estate.people["analyst"])
    assert "govuk-pagination" not in client.get("/").content.decode()


def test_published_plans_come_a_page_at_a_time(client, estate, two_a_page) -> None:
    first = client.get("/published/").content.decode()
    assert 'class="govuk-pagination"' not in first  # two published plans fit on one page
    models.ActionPlan.objects.filter(pk=estate.sent.pk).update(status=models.ActionPlan.Status.PUBLISHED)
    estate.sent.versions.update(published_on=date(2026, 1, 5))
    first = client.get("/published/").content.decode()
    second = client.get("/published/", {"page": 2}).content.decode()
    assert 'class="govuk-pagination"' in first
    assert len(_plan_links(first)) == 2
    assert len(_plan_links(second)) == 1


def test_my_actions_come_a_page_at_a_time_with_counts_over_all_of_them(client, estate, two_a_page) -> None:
    owner = estate.people["owner"]
    actions = models.Action.objects.filter(recommendation__plan=estate.sent)
    actions.update(status=models.Action.Status.IN_PROGRESS)
    held_post(owner, *actions)
    done = actions.order_by("pk").first()
    models.Action.objects.filter(pk=done.pk).update(status=models.Action.Status.COMPLETED)
    open_count = actions.count() - 1
    assert open_count > 2
    client.force_login(owner)
    page = client.get("/my-actions/").content.decode()
    assert f"You have {open_count} open actions" in page
    assert 'href="?page=2"' in page
    assert page.count('href="/actions/') == 3  # two open, one closed
    last = client.get("/my-actions/", {"page": (open_count + 1) // 2, "closed": 1}).content.decode()
    assert f'href="/actions/{done.pk}/"' in last


def test_a_plans_history_comes_a_page_at_a_time(client, estate, two_a_page) -> None:
    client.force_login(estate.people["coordinator"])
    first = client.get(f"/plans/{estate.sent.pk}/history/").content.decode()
    assert first.count('class="moj-timeline__item"') == 2
    assert 'class="govuk-pagination"' in first
