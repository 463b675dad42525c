"""Finding words: stemmed, as phrases, the better match first, and whatever is typed never breaking the query."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from actionplan.search.engine import QueryRefused, marked, search
from actionplan.search.indexing import MARK_END, MARK_START
from actionplan.storage import models
from tests.web.search.conftest import found


def _recommendations(plan: models.ActionPlan, *texts: str) -> list[models.Recommendation]:
    """The plan's first recommendations made to say these texts (and respond with nothing found elsewhere)."""
    rows = list(plan.recommendations.order_by("position")[: len(texts)])
    for row, text in zip(rows, texts, strict=True):
        row.text = text
        row.save()
    return rows


@pytest.fixture
def analyst(estate: Any) -> Any:
    return estate.people["analyst"]


def test_a_word_finds_its_other_forms(estate: Any, analyst: Any) -> None:
    (row,) = _recommendations(estate.draft, "Every scale in the kitchens should have its calibration checked.")
    assert found("calibrated", analyst) == [f"{row.get_kind_display()} {row.ref}"]
    assert found("calibrations", analyst) == found("calibrated", analyst)


def test_a_phrase_in_quotes_finds_those_words_together_only(estate: Any, analyst: Any) -> None:
    together, apart = _recommendations(
        estate.draft,
        "Prisoners should be safe on their zebra crossing night in custody.",
        "On the crossing of arrival, zebra staff should check property.",
    )
    assert search("zebra crossing", analyst).total == 2
    phrase = search('"zebra crossing"', analyst)
    assert phrase.total == 1
    assert phrase.page[0].title == f"{together.get_kind_display()} {together.ref}"
    assert "crossing</mark>" in phrase.page[0].snippet
    assert apart.ref != together.ref


def test_the_better_match_comes_first(estate: Any, analyst: Any) -> None:
    once, often = _recommendations(
        estate.draft,
        "Leaders should improve many things across the prison, among them origami, work, healthcare, "
        "activities, visits, the library, the gym and the kitchens.",
        "Origami should improve: origami places should be filled and origami attendance checked.",
    )
    results = search("origami", analyst)
    assert results.total == 2
    assert [hit.title.split()[-1] for hit in results.page] == [often.ref, once.ref]


@pytest.mark.parametrize(
    "typed",
    [
        "NEAR(reception induction) OR title:x AND NOT ^y*",
        '"unbalanced quote reception',
        "reception' OR 1=1; DROP TABLE search_searchentry; --",
        "- ( ) : * { } [ ] reception",
        "\x02reception\x03",
        "reception & | ! <-> :*",
    ],
)
def test_operators_and_stray_characters_are_taken_as_words(estate: Any, analyst: Any, typed: str) -> None:
    _recommendations(estate.draft, "Reception staff should greet new arrivals.")
    results = search(typed, analyst)
    assert isinstance(results.total, int)


def test_quoted_operator_words_are_plain_words(estate: Any, analyst: Any) -> None:
    _recommendations(estate.draft, "Staff should check property near reception.")
    assert search("near reception", analyst).total == 1
    assert search("NEAR reception", analyst).total == 1


@pytest.mark.parametrize("typed", ["", "   ", '""', "!!! ??? ---", "* * *"])
def test_a_query_with_no_word_is_refused_with_a_message(db: None, typed: str) -> None:
    with pytest.raises(QueryRefused, match="Enter a word or phrase to search for"):
        search(typed, AnonymousUser())


def test_a_snippet_is_escaped_before_its_matches_are_marked() -> None:
    snippet = marked(f"<script>alert(1)</script> {MARK_START}reception{MARK_END} & <b>")
    assert str(snippet) == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>reception</mark> &amp; &lt;b&gt;"


def test_html_in_a_plan_is_shown_as_text_in_the_results(client: Any, estate: Any) -> None:
    _recommendations(estate.draft, 'Reception <img src=x onerror="alert(1)"> should <mark>improve</mark>.')
    client.force_login(estate.people["analyst"])
    page = client.get("/search/", {"q": "reception"}).content.decode()
    # SQLite's snippet keeps the tags as text, escaped; PostgreSQL's headline leaves them out. Neither is markup.
    assert "<img" not in page
    assert "<mark>improve</mark>" not in page
    assert "<mark>Reception</mark>" in page
