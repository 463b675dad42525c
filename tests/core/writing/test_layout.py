"""The published layout shared by the writers: heading lines, column 2, column 4 lined up with owners and targets."""

from actionplan.core.generator import generate_plan
from actionplan.core.plan import Action, Recommendation, RecommendationKind
from actionplan.core.targets import parse_target
from actionplan.core.writing import layout

from .plans import awkward_plan


def _action(text: str) -> Action:
    return Action(text, "Governor", parse_target("March 2020"))


def test_each_action_is_a_paragraph_where_the_response_says_it() -> None:
    first, second = _action("Tests will be done within 48 hours."), _action("CCTV will be watched.")
    rec = Recommendation(
        "S1",
        "Do it.",
        response="This is partly agreed. The part we will do: Tests will be done within 48 hours."
        " CCTV will be watched. The rest cannot be afforded.",
        actions=[first, second],
    )
    paragraphs = layout.response_paragraphs(rec)
    assert [(p.text, p.action) for p in paragraphs] == [
        ("This is partly agreed. The part we will do:", None),
        (first.text, first),
        (second.text, second),
        ("The rest cannot be afforded.", None),
    ]


def test_response_text_comes_first_and_actions_it_does_not_hold_keep_their_order() -> None:
    first, second = _action("Not in the response."), _action("We will report monthly.")
    third = _action("Also not there.")
    rec = Recommendation(
        "S1", "Do it.", response="We agree.\n\nWe will report monthly.", actions=[first, second, third]
    )
    assert [(p.text, p.action) for p in layout.response_paragraphs(rec)] == [
        ("We agree.", None),
        (first.text, first),
        (second.text, second),
        (third.text, third),
    ]


def test_an_action_inside_a_sentence_does_not_break_the_sentence() -> None:
    action = _action("report monthly")
    rec = Recommendation("S1", "Do it.", response="We will report monthly to the board.", actions=[action])
    texts = [p.text for p in layout.response_paragraphs(rec)]
    assert texts == ["We will report monthly to the board.", "report monthly"]


def test_every_generated_action_is_shown_once_in_order() -> None:
    plan = generate_plan(4, recommendations=40, flawed=True)
    for rec in plan.recommendations:
        shown = [p.action for p in layout.response_paragraphs(rec) if p.action]
        assert shown == rec.actions
        assert " ".join(p.text for p in layout.response_paragraphs(rec)).split() == rec.response.split()


def test_column_two_writes_concern_repeat_and_cross_reference_as_published() -> None:
    s34, ref_2_10, priority = awkward_plan().recommendations
    assert layout.recommendation_parts(s34)[0] == layout.RecommendationPart("Concern", s34.concern or "")
    assert layout.recommendation_parts(s34)[1].text.endswith("strategy. (Repeated recommendation 2.8)")
    assert layout.recommendation_parts(ref_2_10) == [
        layout.RecommendationPart(None, f"{ref_2_10.recommendation} (S53)")
    ]
    assert priority.kind is RecommendationKind.PRIORITY_CONCERN
    assert layout.recommendation_parts(priority)[0].label == "Priority concern"


def test_section_and_directed_to_rows_appear_where_they_change() -> None:
    rows = layout.table_rows(awkward_plan())
    shown = [r.section or (f"to {r.directed_to}" if r.directed_to else r.recommendation.ref) for r in rows if r]
    assert shown == [
        "Key concerns and recommendations",
        "to The Governor",
        "S34",
        "General recommendations",
        "to The Governor",
        "2.10",
        "Priority concerns",
        "to The Prison Group Director",
        "3",
    ]


def test_heading_lines_name_the_inspection_and_dates() -> None:
    plan = awkward_plan()
    assert layout.title_line(plan) == "ACTION PLAN: HMCIP REPORT"
    assert layout.establishment_line(plan) == "ESTABLISHMENT: HMP & YOI Ashcombe <Grange>"
    assert layout.detail_lines(plan) == [
        "A Response to the HMIP Inspection 8–19 July 2019",
        "Report Published 5 November 2019",
        "Action Plan Submitted 2 December 2019",
    ]
