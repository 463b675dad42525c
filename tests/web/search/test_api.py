"""The search API: the page's search as JSON, within the caller's reach, a page at a time, in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from actionplan.storage import models
from tests.web.search.conftest import say


def test_the_api_finds_what_the_caller_may_read_and_nothing_else(client: Any, estate: Any) -> None:
    say(estate.draft, "mongoose")
    assert client.get(reverse("api-search"), {"q": "mongoose"}).json()["count"] == 0
    client.force_login(estate.people["coordinator"])
    answer = client.get(reverse("api-search"), {"q": "mongooses"}).json()
    assert answer["count"] == 1
    (hit,) = answer["results"]
    assert hit["kind"] == "response"
    assert hit["establishment"] == "HMP Homefield"
    assert hit["page"] == reverse("plan", args=[estate.draft.pk])
    assert hit["plan"] == reverse("api-plan", args=[estate.draft.pk])
    assert "<mark>mongoose</mark>" in hit["snippet"]
    assert answer["facets"]["kind"] == [{"value": "response", "label": "Response", "count": 1, "chosen": False}]


def test_the_api_answers_a_page_at_a_time_with_links_to_the_others(client: Any, estate: Any) -> None:
    for row in models.Recommendation.objects.all():
        row.response = f"{row.response} beaver"
        row.save()
    client.force_login(estate.people["analyst"])
    first = client.get(reverse("api-search"), {"q": "beaver", "kind": "response"}).json()
    total = models.Recommendation.objects.count()
    assert first["count"] == total
    assert len(first["results"]) == 20
    assert first["previous"] is None
    assert "kind=response" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == total - 20
    assert second["next"] is None


def test_the_api_refuses_a_query_with_no_word_with_a_message(client: Any, db: None) -> None:
    answer = client.get(reverse("api-search"), {"q": "()"})
    assert answer.status_code == 400
    assert answer.json() == {"q": ['Enter a word or phrase to search for, for example: induction or "first night".']}
    assert client.get(reverse("api-search"), {"q": "x" * 201}).status_code == 400


def test_the_api_is_described_in_the_schema(client: Any, db: None) -> None:
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json").content.decode()
    assert "/api/search/" in schema
    assert "SearchResults" in schema
