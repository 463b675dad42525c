"""Long lists come a page at a time with the GOV.UK pagination component: home, published, my actions, history,
the owner directory, an action's updates, a plan's versions and who held an owner."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from actionplan.monitoring.models import ProgressUpdate
from actionplan.owners.models import Holding
from actionplan.pages import paging
from actionplan.storage import models
from actionplan.workflow.models import PlanVersion
from actionplan.workflow.states import next_version_number
from tests.web.factories import OwnerFactory, held_post


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


def _page_names(page: str, pattern: str) -> list[str]:
    return re.findall(pattern, page)


def test_the_owner_directory_comes_a_page_at_a_time_with_each_pages_holders(
    client, estate, two_a_page, django_assert_max_num_queries
) -> None:
    for number in range(5):
        owner = OwnerFactory(name=f"Head of Unit {number}", establishments=[estate.home])
        Holding.objects.create(owner=owner, user=estate.people["owner"], started=date(2024, 1, 1))
    client.force_login(estate.people["coordinator"])
    url = reverse("owners:directory", args=[estate.home.pk])
    titles = r'govuk-summary-card__title">([^<]+)<'
    first = client.get(url).content.decode()
    assert _page_names(first, titles) == ["Head of Unit 0", "Head of Unit 1"]
    assert 'class="govuk-pagination"' in first
    assert _page_names(client.get(url, {"page": 2}).content.decode(), titles) == ["Head of Unit 2", "Head of Unit 3"]
    last = client.get(url, {"page": 99})
    assert last.status_code == 200
    assert _page_names(last.content.decode(), titles) == ["Head of Unit 4"]
    # Holders are read for the page shown, in one query whatever the directory's size.
    with django_assert_max_num_queries(20) as counted:
        client.get(url)
    few = len(counted.captured_queries)
    for number in range(5, 25):
        OwnerFactory(name=f"Head of Unit {number}", establishments=[estate.home])
    with django_assert_max_num_queries(few):
        client.get(url)


def test_adding_a_name_on_a_later_page_of_the_directory_returns_to_that_page(client, estate, two_a_page) -> None:
    owners = [OwnerFactory(name=f"Head of Unit {number}", establishments=[estate.home]) for number in range(3)]
    client.force_login(estate.people["coordinator"])
    url = reverse("owners:directory", args=[estate.home.pk])
    posted = client.post(
        f"{url}?page=2", {"operation": f"add-name-{owners[2].pk}", f"name-{owners[2].pk}-text": "Unit head"}
    )
    assert posted.status_code == 302
    assert posted["Location"] == f"{url}?page=2"
    assert owners[2].other_names.filter(text="Unit head").exists()


def test_an_actions_updates_come_a_page_at_a_time_newest_first(client, estate, two_a_page) -> None:
    action = models.Action.objects.filter(recommendation__plan=estate.sent).order_by("pk").first()
    for day in range(1, 6):
        ProgressUpdate.objects.create(action=action, on=date(2026, 3, day), note=f"Update of day {day}.")
    client.force_login(estate.people["coordinator"])
    url = reverse("monitoring:action", args=[action.pk])
    notes = r"Update of day (\d)\."
    first = client.get(url).content.decode()
    assert _page_names(first, notes) == ["5", "4"]
    assert 'class="govuk-pagination"' in first
    assert _page_names(client.get(url, {"page": 2}).content.decode(), notes) == ["3", "2"]
    last = client.get(url, {"page": "-1"})
    assert last.status_code == 200
    assert _page_names(last.content.decode(), notes) == ["1"]


def test_a_plans_versions_come_a_page_at_a_time_newest_first(client, estate, two_a_page) -> None:
    for _ in range(3):
        PlanVersion.objects.create(
            plan=estate.sent, number=next_version_number(estate.sent), document=estate.sent.versions.first().document
        )
    count = estate.sent.versions.count()
    assert count > 2
    client.force_login(estate.people["coordinator"])
    url = reverse("versions", args=[estate.sent.pk])
    numbers = r'<th scope="row" class="govuk-table__header">(\d+)</th>'
    first = client.get(url).content.decode()
    assert _page_names(first, numbers) == [str(count), str(count - 1)]
    assert _page_names(client.get(url, {"page": 2}).content.decode(), numbers) == [str(count - 2), str(count - 3)]
    assert client.get(url, {"page": "999999999999999999999"}).status_code == 200


def test_who_held_an_owner_comes_a_page_at_a_time(client, estate, two_a_page) -> None:
    owner = OwnerFactory(name="Head of Reception", establishments=[estate.home])
    for year in range(2018, 2023):
        Holding.objects.create(
            owner=owner, user=estate.people["owner"], started=date(year, 1, 1), ended=date(year, 12, 31)
        )
    client.force_login(estate.people["coordinator"])
    url = reverse("handover:holders", args=[owner.pk])
    starts = r'<td class="govuk-table__cell">(\d+ January \d{4})</td>'
    first = client.get(url).content.decode()
    assert _page_names(first, starts) == ["1 January 2022", "1 January 2021"]
    assert 'href="?held=2"' in first
    assert _page_names(client.get(url, {"held": 3}).content.decode(), starts) == ["1 January 2018"]
    assert client.get(url, {"held": "x"}).status_code == 200
