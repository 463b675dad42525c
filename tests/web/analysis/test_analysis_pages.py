"""The analysis pages against an estate built by hand: each figure, the chart, the CSV file, the filters, bad
filters and who may see what."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.urls import reverse

from tests.web.analysis.conftest import HandBuilt

NUMBER = re.compile(
    r'<td class="govuk-table__cell govuk-table__cell--numeric"><a class="govuk-link" href="([^"]+)">(\d+)</a>'
)


def _csv(client: Any, slug: str, query: str = "") -> list[list[str]]:
    response = client.get(reverse("analysis:analysis-csv", args=[slug]) + query)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{slug}.csv"'
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def analyst(client: Any, hand_built: HandBuilt) -> Any:
    client.force_login(hand_built.people["analyst"])
    return client


def test_what_is_not_agreed_and_why_by_year(analyst: Any) -> None:
    assert _csv(analyst, "not-agreed", "?by=year") == [
        [
            "Year of report",
            "Partly Agreed",
            "Not Agreed",
            "Commissioning",
            "Policy",
            "Operational",
            "Affordability",
            "No reason stated",
            "Total",
        ],
        ["2025", "1", "0", "0", "0", "1", "0", "0", "1"],
        ["2024", "1", "2", "0", "1", "0", "2", "1", "3"],
        ["All", "2", "2", "0", "1", "1", "2", "1", "4"],
    ]


def test_what_is_not_agreed_by_establishment_inspectorate_and_section(analyst: Any) -> None:
    by_establishment = _csv(analyst, "not-agreed", "?by=establishment")
    assert [row[0] for row in by_establishment[1:]] == ["HMP Alpha", "HMP Beta", "All"]
    assert [row[-1] for row in by_establishment[1:]] == ["3", "1", "4"]
    assert _csv(analyst, "not-agreed", "?by=inspectorate")[1] == ["HMIP", "2", "2", "0", "1", "1", "2", "1", "4"]
    by_section = {row[0]: row[1:] for row in _csv(analyst, "not-agreed", "?by=section")[1:]}
    assert by_section["Education"] == ["1", "2", "0", "0", "1", "1", "1", "3"]
    assert by_section["Safety"] == ["1", "0", "0", "1", "0", "1", "0", "1"]


def test_decisions_by_section_and_by_year(analyst: Any) -> None:
    assert _csv(analyst, "decisions") == [
        ["Section", "Agreed", "Partly Agreed", "Not Agreed", "No decision recorded", "Total"],
        ["Education", "0", "1", "2", "0", "3"],
        ["Safety", "1", "1", "0", "0", "2"],
        ["No section", "1", "0", "0", "0", "1"],
        ["All", "2", "2", "2", "0", "6"],
    ]
    assert _csv(analyst, "decisions", "?by=year")[1:3] == [
        ["2025", "1", "1", "0", "0", "2"],
        ["2024", "1", "1", "2", "0", "4"],
    ]


def test_delivery_on_time_late_and_targets_moved_by_section_and_owner(analyst: Any) -> None:
    headings, *rows = _csv(analyst, "delivery", "?by=section")
    assert headings == [
        "Section",
        "Actions",
        "Completed on time",
        "Completed late",
        "Target moved",
        "Times moved",
        "Moved later by up to 30 days",
        "Moved later by 31 to 90 days",
        "Moved later by more than 90 days",
    ]
    assert rows == [
        ["Education", "1", "1", "0", "0", "0", "0", "0", "0"],
        ["Safety", "3", "1", "1", "2", "3", "1", "0", "1"],
        ["All", "4", "2", "1", "2", "3", "1", "0", "1"],
    ]
    # Joint owners ("Governor/Head of Safety") count once for each, as the dashboard counts them.
    assert _csv(analyst, "delivery")[1:] == [
        ["Governor", "3", "2", "0", "1", "2", "0", "0", "1"],
        ["Head of Safety", "2", "0", "1", "2", "3", "1", "0", "1"],
        ["All", "4", "2", "1", "2", "3", "1", "0", "1"],
    ]


def test_judgements_count_the_latest_on_each_recommendation(analyst: Any) -> None:
    assert _csv(analyst, "judgements") == [
        [
            "Year of report",
            "No meaningful progress",
            "Insufficient progress",
            "Reasonable progress",
            "Good progress",
            "Not judged",
            "Total",
        ],
        ["2025", "0", "0", "1", "0", "1", "2"],
        ["2024", "0", "0", "0", "1", "3", "4"],
        ["All", "0", "0", "1", "1", "4", "6"],
    ]


def test_the_chart_has_a_title_a_description_and_every_value_in_text(analyst: Any) -> None:
    page = analyst.get(reverse("analysis:analysis", args=["not-agreed"]), {"by": "section"}).content.decode()
    svg = re.search(r"<svg class=\"app-chart\".*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg
    assert '<title id="chart-not-agreed-title">What is not agreed and why, by section</title>' in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert "Education: commissioning 0, policy 0, operational 1, affordability 1, no reason stated 1" in desc
    assert "Safety: commissioning 0, policy 1, operational 0, affordability 1, no reason stated 0" in desc
    drawn = re.findall(r'font-weight="bold" fill="#0b0c0c">([^<]+)</text>', svg)
    assert drawn == ["Education", "0", "0", "1", "1", "1", "Safety", "0", "1", "0", "1", "0"]


def _table_numbers(page: str) -> list[tuple[str, int]]:
    table = re.search(r"<table.*?</table>", page, re.S).group(0)
    return [(href.replace("&amp;", "&"), int(value)) for href, value in NUMBER.findall(table)]


@pytest.mark.parametrize(
    ("slug", "by"),
    [
        ("not-agreed", "year"),
        ("not-agreed", "section"),
        ("decisions", "section"),
        ("decisions", "establishment"),
        ("delivery", "owner"),
        ("delivery", "section"),
        ("judgements", "year"),
        ("judgements", "inspectorate"),
    ],
)
def test_every_number_opens_a_list_of_that_many(analyst: Any, slug: str, by: str) -> None:
    page = analyst.get(reverse("analysis:analysis", args=[slug]), {"by": by}).content.decode()
    numbers = _table_numbers(page)
    headings = re.findall(
        r'<th scope="col" class="govuk-table__header govuk-table__header--numeric">([^<]+)</th>', page
    )
    assert numbers
    assert len(numbers) % len(headings) == 0
    wrong = []
    for index, (href, value) in enumerate(numbers):
        if headings[index % len(headings)] == "Times moved":
            continue  # a sum of moves, opening the actions moved
        listed = analyst.get(href)
        assert listed.status_code == 200, href
        count = int(re.search(r'id="list-count"><strong>(\d+)</strong>', listed.content.decode()).group(1))
        if count != value:
            wrong.append(f"{href}: {value} on the page, {count} in the list")
    assert wrong == []


def test_filters_narrow_the_figures(analyst: Any, hand_built: HandBuilt) -> None:
    at_beta = _csv(analyst, "decisions", f"?establishment={hand_built.beta.pk}")
    assert at_beta[-1] == ["All", "1", "1", "0", "0", "2"]
    assert _csv(analyst, "decisions", "?section=Safety")[-1] == ["All", "1", "1", "0", "0", "2"]
    assert _csv(analyst, "decisions", "?section=-")[-1] == ["All", "1", "0", "0", "0", "1"]
    assert _csv(analyst, "decisions", "?year=2024")[-1] == ["All", "1", "1", "2", "0", "4"]
    # The draft plan's recommendation is never counted: not even asked for by its inspectorate.
    probation = hand_built.gamma.inspectorate.pk
    assert _csv(analyst, "decisions", f"?inspectorate={probation}")[-1] == ["All", "0", "0", "0", "0", "0"]
    # The filters are kept on the page and in every number's list.
    page = analyst.get(reverse("analysis:analysis", args=["decisions"]), {"year": "2024"}).content.decode()
    assert all("year=2024" in href for href, _ in _table_numbers(page))
    assert '<option value="2024" selected>' in page


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/analysis/decisions/?year=abc", "Choose a year from the list"),
        ("/analysis/decisions/?establishment=999999", "Choose an establishment from the list"),
        ("/analysis/delivery/?by=colour", "Choose what to show the figures by from the list"),
        ("/analysis/actions/?completed_month=2025-13", "Enter the month completed as a year and month, like 2026-05"),
        ("/analysis/recommendations/?decision=maybe", "Choose a decision from the list"),
        ("/analysis/actions/?owner=nobody-at-all", "Choose an owner from the list"),
    ],
)
def test_bad_filter_values_get_a_clear_message(analyst: Any, url: str, message: str) -> None:
    response = analyst.get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page


def test_a_bad_filter_on_a_download_says_what_was_wrong(analyst: Any) -> None:
    response = analyst.get("/analysis/decisions.csv?year=abc")
    assert response.status_code == 400
    assert "Choose a year from the list" in response.content.decode()
    response = analyst.get("/analysis/actions.xlsx?state=late")
    assert response.status_code == 400
    assert "Choose overdue or due soon from the list" in response.content.decode()


def test_a_coordinator_sees_their_establishments_only(client: Any, hand_built: HandBuilt) -> None:
    client.force_login(hand_built.people["coordinator"])
    assert _csv(client, "not-agreed", "?by=establishment")[1:] == [
        ["HMP Beta", "1", "0", "0", "0", "1", "0", "0", "1"],
        ["All", "1", "0", "0", "0", "1", "0", "0", "1"],
    ]
    listed = client.get(reverse("analysis:recommendations")).content.decode()
    assert "HMP Beta" in listed
    assert "HMP Alpha" not in listed
    # Another establishment is not offered, so asking for it is refused, never answered.
    refused = client.get(reverse("analysis:actions"), {"establishment": hand_built.alpha.pk})
    assert refused.status_code == 400
    assert "HMP Alpha" not in refused.content.decode()


def test_the_inspectorate_and_the_public_are_refused_as_on_the_dashboard(client: Any, hand_built: HandBuilt) -> None:
    urls = [reverse("analysis:index"), reverse("analysis:analysis", args=["delivery"]), reverse("analysis:actions")]
    client.force_login(hand_built.people["inspector"])
    assert [client.get(url).status_code for url in urls] == [403, 403, 403]
    client.logout()
    assert all(client.get(url)["Location"].startswith(reverse("sign-in")) for url in urls)


def test_an_unknown_analysis_is_not_found(analyst: Any) -> None:
    assert analyst.get("/analysis/repeats-and-more/").status_code == 404
    assert analyst.get("/analysis/actions.pdf").status_code == 404


def test_the_index_offers_the_inspection_cycles_analyses_to_those_who_see_the_estate(
    client: Any, hand_built: HandBuilt
) -> None:
    client.force_login(hand_built.people["analyst"])
    index = client.get(reverse("analysis:index")).content.decode()
    for name in ("cycle:repeated", "cycle:follow-up-analysis"):
        assert f'href="{reverse(name)}"' in index
        assert client.get(reverse(name)).resolver_match.view_name == name
    client.force_login(hand_built.people["coordinator"])
    assert reverse("cycle:repeated") not in client.get(reverse("analysis:index")).content.decode()
