"""Plans the writer tests share: generated ones, and one with every awkward thing a plan can hold."""

from __future__ import annotations

from datetime import date

from actionplan.core.generator import generate_plan
from actionplan.core.plan import Action, Decision, Plan, Reason, Recommendation, RecommendationKind, Report
from actionplan.core.targets import parse_target


def awkward_plan() -> Plan:
    """Markup-like text, line breaks, a cross-reference, a repeated recommendation, a recommendation with no action."""
    return Plan(
        establishment="HMP & YOI Ashcombe <Grange>",
        report=Report(
            title="Report on an unannounced inspection",
            inspection_dates="8–19 July 2019",
            published=date(2019, 11, 5),
        ),
        submitted=date(2019, 12, 2),
        notes=["This plan was delayed by the move to a new records system."],
        recommendations=[
            Recommendation(
                ref="S34",
                section="Key concerns and recommendations",
                directed_to="The Governor",
                concern='Prisoners said <img src="http://example.invalid/x.png"> drugs were easy to get.',
                recommendation="Managers should drive a robust drug strategy.",
                repeated_from="2.8",
                decision=Decision.AGREED,
                response="The strategy will be rewritten.\n\nCCTV will be watched at every visits session.",
                actions=[
                    Action("The strategy will be rewritten.", "Head of Security", parse_target("December 2019")),
                    Action("CCTV will be watched at every visits session.", "Governor", parse_target("31/03/2020")),
                ],
            ),
            Recommendation(
                ref="2.10",
                section="General recommendations",
                directed_to="The Governor",
                recommendation="Cells designed for one should hold one. <style>body{background:url(http://example.invalid/y)}</style>",
                cross_ref="S53",
                decision=Decision.NOT_AGREED,
                reasons=[Reason.OPERATIONAL],
                response="Not agreed for operational reasons: the places are needed.",
            ),
            Recommendation(
                ref="3",
                kind=RecommendationKind.PRIORITY_CONCERN,
                section="Priority concerns",
                directed_to="The Prison Group Director",
                concern="Too few prisoners were in education.",
                recommendation="Allocate prisoners within five days.",
                decision=Decision.PARTLY_AGREED,
                reasons=[Reason.AFFORDABILITY],
                response="Partly agreed. An allocation board will meet weekly. The rest cannot be afforded this year.",
                actions=[Action("An allocation board will meet weekly.", None, parse_target("Ongoing"))],
            ),
        ],
    )


def generated_plans() -> list[Plan]:
    return [
        generate_plan(1, recommendations=40),
        generate_plan(2, recommendations=12, flawed=True),
        generate_plan(3, recommendations=10, published=date(2023, 6, 1)),
    ]
