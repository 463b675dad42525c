"""The lists behind the numbers: what each narrowing picks, pages of 50, and the whole list as CSV or Excel."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actionplan.storage import models
from tests.web.analysis.conftest import HandBuilt


@pytest.fixture
def analyst(client: Any, hand_built: HandBuilt) -> Any:
    client.force_login(hand_built.people["analyst"])
    return client


def _count(client: Any, name: str, **query: Any) -> int:
    page = client.get(reverse(f"analysis:{name}"), query)
    assert page.status_code == 200
    return int(re.search(r'id="list-count"><strong>(\d+)</strong>', page.content.decode()).group(1))


def test_each_narrowing_picks_what_it_says(analyst: Any, hand_built: HandBuilt) -> None:
    assert _count(analyst, "recommendations") == 6  # the draft's recommendation is never listed
    assert _count(analyst, "recommendations", decision=["partly_agreed", "not_agreed"], reason="affordability") == 2
    assert _count(analyst, "recommendations", decision=["partly_agreed", "not_agreed"], reason="-") == 1
    assert _count(analyst, "recommendations", judgement="reasonable_progress") == 1
    assert _count(analyst, "recommendations", judgement="insufficient_progress") == 0  # a later judgement replaced it
    assert _count(analyst, "recommendations", judgement="-") == 4
    assert _count(analyst, "recommendations", section="-") == 1
    assert _count(analyst, "actions", timeliness="late") == 1
    assert _count(analyst, "actions", timeliness="on_time") == 2
    assert _count(analyst, "actions", moved="yes") == 2
    assert _count(analyst, "actions", moved_by="30") == 1
    assert _count(analyst, "actions", moved_by="more") == 1
    assert _count(analyst, "actions", owner=["governor", "head of safety"]) == 1  # both of them: the joint one
    assert _count(analyst, "actions", completed_month="2024-08") == 1
    assert _count(analyst, "actions", establishment=hand_built.beta.pk, status="completed") == 1


def test_the_list_says_what_it_is_narrowed_to_and_keeps_it_when_filtered(analyst: Any) -> None:
    page = analyst.get(
        reverse("analysis:recommendations"), {"decision": ["partly_agreed", "not_agreed"], "reason": "policy"}
    ).content.decode()
    assert "Only those with decision: Partly Agreed, Not Agreed; reason stated: Policy." in page
    assert '<input type="hidden" name="decision" value="partly_agreed">' in page
    assert '<input type="hidden" name="reason" value="policy">' in page


def test_a_long_list_is_shown_50_a_page_and_downloaded_whole(analyst: Any) -> None:
    rec = models.Recommendation.objects.get(ref="1.2", section="Safety")
    models.Action.objects.bulk_create(
        models.Action(recommendation=rec, position=10 + n, text=f"More work {n}", owner="Governor") for n in range(60)
    )
    page = analyst.get(reverse("analysis:actions"), {"section": "Safety"}).content.decode()
    assert "63</strong> actions" in page
    assert page.count('href="/actions/') == 50
    assert 'class="govuk-pagination' in page
    assert "section=Safety&amp;page=2" in page
    second = analyst.get(reverse("analysis:actions"), {"section": "Safety", "page": 2}).content.decode()
    assert second.count('href="/actions/') == 13
    listed = analyst.get(reverse("analysis:actions-download", args=["csv"]), {"section": "Safety"})
    assert len(list(csv.reader(io.StringIO(listed.content.decode("utf-8-sig"))))) == 64


def test_the_csv_file_holds_the_list_with_formulas_as_text(analyst: Any) -> None:
    response = analyst.get(reverse("analysis:actions-download", args=["csv"]), {"timeliness": "late"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="actions.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "Establishment",
            "Report published",
            "Ref",
            "Section",
            "Decision",
            "Action",
            "Responsible owner",
            "Target as written",
            "Target date",
            "Status",
            "Completed on",
            "Times target moved",
        ],
        [
            "HMP Alpha",
            "2024-03-01",
            "1.1",
            "Safety",
            "Agreed",
            "'=Action 2 of 1.1",
            "Head of Safety",
            "30/06/2024",
            "2024-06-30",
            "Completed",
            "2024-08-01",
            "1",
        ],
    ]


def test_the_excel_file_holds_the_list_with_formulas_as_text(analyst: Any) -> None:
    response = analyst.get(
        reverse("analysis:recommendations-download", args=["xlsx"]), {"decision": "partly_agreed", "year": "2024"}
    )
    assert response["Content-Disposition"] == 'attachment; filename="recommendations.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Establishment", "Inspectorate", "Report published", "Ref")
    assert len(rows) == 2
    assert rows[1][0] == "HMP Alpha"
    assert rows[1][2].date().isoformat() == "2024-03-01"
    assert rows[1][6:8] == ("Partly Agreed", "policy, affordability")
    actions = load_workbook(
        io.BytesIO(analyst.get(reverse("analysis:actions-download", args=["xlsx"]), {"moved": "yes"}).content)
    ).active
    texts = [cell for cell in actions["F"][1:]]
    assert [cell.value for cell in texts] == ["'=Action 2 of 1.1", "'=Action 1 of 1.2"]
    assert all(cell.data_type == "s" for cell in texts)
    assert [cell.value for cell in actions["L"][1:]] == [1, 2]


def test_actions_naming_no_owner_are_counted_and_listed_as_not_recorded(analyst: Any) -> None:
    rec = models.Recommendation.objects.get(ref="1.1", section="Education", plan__status="approved")
    models.Action.objects.create(recommendation=rec, position=5, text="Nobody named.", owner="")
    page = analyst.get(reverse("analysis:analysis", args=["delivery"])).content.decode()
    row = re.search(
        r'Not recorded</th><td class="govuk-table__cell govuk-table__cell--numeric"><a[^>]*href="([^"]+)">(\d+)', page
    )
    assert row.group(1) == "/analysis/actions/?owner=-"
    assert row.group(2) == "1"
    listed = analyst.get("/analysis/actions/?owner=-").content.decode()
    assert "<strong>1</strong> action" in listed
    assert "Nobody named." in listed
