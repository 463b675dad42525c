"""The reasons ticked are written into the published plan, so that the document states them and reads back with them."""

from __future__ import annotations

from datetime import date

import pytest

from actionplan.core.checking import check_plan
from actionplan.core.plan import Action, Decision, Plan, Reason, Recommendation, Report
from actionplan.core.reading import read_plan
from actionplan.core.targets import parse_target
from actionplan.core.writing import write_plan

NOT_AGREED = "This recommendation is not agreed. The cells will stay as they are."
PARTLY = "This recommendation is partly agreed. The part that will be implemented: double cells will be screened."
SCREENED = "Double cells will be screened every month by the Head of Residence."
STATED = "This recommendation is not agreed for operational reasons: the wing is needed."


def _plan() -> Plan:
    return Plan(
        establishment="HMP Testwood",
        report=Report(inspection_dates="1 to 5 July 2019", published=date(2019, 10, 1)),
        recommendations=[
            Recommendation(
                "S35",
                "Cells designed for one should hold one.",
                decision=Decision.NOT_AGREED,
                reasons=[Reason.POLICY, Reason.AFFORDABILITY],
                response=NOT_AGREED,
            ),
            Recommendation(
                "2.11",
                "All cells should be screened.",
                decision=Decision.PARTLY_AGREED,
                reasons=[Reason.AFFORDABILITY],
                response=f"{PARTLY}\n\n{SCREENED}",
                actions=[Action(SCREENED, "Head of Residence", parse_target("March 2020"))],
            ),
            Recommendation(
                "3.20",
                "The wing should reopen.",
                decision=Decision.NOT_AGREED,
                reasons=[Reason.OPERATIONAL],
                response=STATED,
            ),
        ],
    )


def test_the_web_page_states_the_reasons_the_response_leaves_unsaid() -> None:
    page = write_plan(_plan(), "html").decode("utf-8")
    assert "Reasons: policy, affordability." in page
    assert "Reasons: affordability." in page
    assert "Reasons: operational." not in page, "the response already states it"


@pytest.mark.parametrize("to", ["docx", "pdf"])
def test_reading_the_published_plan_back_gives_the_reasons_ticked(to: str) -> None:
    written = _plan()
    read = read_plan(write_plan(written, to), name=f"plan.{to}").plan
    assert [rec.reasons for rec in read.recommendations] == [rec.reasons for rec in written.recommendations]
    assert [rec.inferred_reasons for rec in read.recommendations] == [[], [], []]
    assert [f for f in check_plan(read) if f.rule.startswith("reason-")] == []
    [action] = read.recommendations[1].actions
    assert action.text.endswith(SCREENED), "the reasons line is the response's, not the action's"
