"""The search pages: the box in the header, the public search of published plans, results, messages, pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from actionplan.search.engine import search
from actionplan.storage import models
from tests.web.search.conftest import say


def test_signed_in_pages_carry_a_search_box_and_the_public_pages_do_not(client: Any, estate: Any) -> None:
    assert 'id="header-search"' not in client.get(reverse("home")).content.decode()
    client.force_login(estate.people["owner"])
    page = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("search")}"' in page
    assert 'id="header-search"' in page


def test_a_result_links_to_the_plan_where_it_is_which_the_reader_may_open(client: Any, estate: Any) -> None:
    say(estate.draft, "chinchilla")
    client.force_login(estate.people["coordinator"])
    page = client.get(reverse("search"), {"q": "chinchillas"}).content.decode()
    assert "1 result for" in page
    links = re.findall(r'<a class="govuk-link" href="(/plans/\d+/)">', page)
    assert links == [reverse("plan", args=[estate.draft.pk])]
    assert client.get(links[0]).status_code == 200
    assert "<mark>chinchilla</mark>" in page


def test_the_published_plans_are_searched_as_the_public_reads_them_even_when_signed_in(
    client: Any, estate: Any
) -> None:
    published = client.get(reverse("published")).content.decode()
    assert f'action="{reverse("search-published")}"' in published
    say(estate.draft, "lemming")
    client.force_login(estate.people["coordinator"])
    assert "1 result for" in client.get(reverse("search"), {"q": "lemming"}).content.decode()
    page = client.get(reverse("search-published"), {"q": "lemming"}).content.decode()
    assert "0 results for" in page
    assert "Search published action plans" in page


def test_a_query_with_no_word_gets_a_message_not_an_error(client: Any, db: None) -> None:
    answer = client.get(reverse("search"), {"q": '" * ( ) "'})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "There is a problem" in page
    assert "Enter a word or phrase to search for" in page


def test_a_query_too_long_gets_a_message(client: Any, db: None) -> None:
    page = client.get(reverse("search"), {"q": "reception " * 30}).content.decode()
    assert "Search for 200 characters or fewer" in page


def test_the_facets_are_checkboxes_that_narrow_the_results_without_javascript(client: Any, estate: Any) -> None:
    say(estate.draft, "marmot")
    say(estate.other_draft, "marmot")
    client.force_login(estate.people["analyst"])
    page = client.get(reverse("search"), {"q": "marmot"}).content.decode()
    assert "2 results for" in page
    assert re.search(r'name="establishment" type="checkbox" value="HMP Homefield"', page)
    assert "HMP Homefield (1)" in page
    narrowed = client.get(reverse("search"), {"q": "marmot", "establishment": "HMP Homefield"}).content.decode()
    assert "1 result for" in narrowed
    assert re.search(r'name="establishment" type="checkbox" value="HMP Homefield" checked', narrowed)


def test_many_results_are_shown_a_page_at_a_time(client: Any, estate: Any) -> None:
    for row in models.Recommendation.objects.all():
        row.response = f"{row.response} beaver"
        row.save()
    total = models.Recommendation.objects.count()
    assert total > 20
    client.force_login(estate.people["analyst"])
    first = client.get(reverse("search"), {"q": "beaver"}).content.decode()
    assert f"{total} results for" in first
    assert first.count('class="app-search-result"') == 20
    assert 'class="govuk-pagination"' in first
    second = client.get(reverse("search"), {"q": "beaver", "page": "2"}).content.decode()
    assert second.count('class="app-search-result"') == total - 20
    assert 'start="21"' in second


def _pages(analyst: Any, *pages: str) -> list[list[int]]:
    """Each page's results, as the ids of the entries in the order shown."""
    return [[hit.entry_id for hit in search("beaver", analyst, {}, page).page] for page in pages]


@pytest.mark.django_db(transaction=True)
def test_every_page_shows_the_same_results_whether_the_counts_were_kept_or_not(estate: Any) -> None:
    """The first page asked is read with the counts; another page, when the counts are kept, is read on its own. Both
    give the results in the same order, each once; a page past the end shows the last."""
    for row in models.Recommendation.objects.all():
        row.response = f"{row.response} beaver"
        row.save()
    for action in models.Action.objects.all():
        action.text = f"{action.text} beavers"
        action.save()
    analyst = estate.people["analyst"]
    total = search("beaver", analyst).total
    assert total > 40
    last = str(-(-total // 20))
    with override_settings(ACTIONPLAN_KEEP_RENDERED=False):
        afresh = _pages(analyst, "1", "2", "3", last)
        assert _pages(analyst, "2", "999", "0", "two") == [afresh[1], afresh[3], afresh[3], afresh[0]]
    cache.clear()
    assert _pages(analyst, "2", "1", "3", "2", "999", last) == [
        afresh[1],
        afresh[0],
        afresh[2],
        afresh[1],
        afresh[3],
        afresh[3],
    ]
    everything = [pk for page in _pages(analyst, *map(str, range(1, int(last) + 1))) for pk in page]
    assert len(everything) == len(set(everything)) == total
