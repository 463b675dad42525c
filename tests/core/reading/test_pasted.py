"""Recommendations and concerns pasted from a report: refs, headings, concerns, repeats and lines not placed."""

from actionplan.core.plan import RecommendationKind
from actionplan.core.reading.pasted import read_pasted

RECOMMENDATIONS = """\
Key concerns and recommendations

S34 Concern: Too many prisoners were locked in their cells during the working day.
Recommendation: All prisoners should have access to purposeful activity
for at least ten hours a day.

S35 The prison should reduce the use of force. (Repeated recommendation 2.8)

General recommendations
Directed to: The Governor
1.8 Staff should be trained in
de-escalation techniques.
2.10 Prisoners should be able to
shower every day. (S53)
5.01 Food should be served at proper times.
"""

CONCERNS = """\
Priority concerns
1. Leaders had not done enough to reduce violence.
2) Too many prisoners
could not get to education.

Key concern
3. Concern: Cells were dirty. Recommendation: Cells should be cleaned weekly.
"""


def test_refs_in_every_form_are_recognised() -> None:
    pasted = read_pasted(RECOMMENDATIONS)
    assert [r.ref for r in pasted.recommendations] == ["S34", "S35", "1.8", "2.10", "5.01"]
    assert pasted.warnings == []


def test_concern_and_recommendation_are_split() -> None:
    first = read_pasted(RECOMMENDATIONS).recommendations[0]
    assert first.concern == "Too many prisoners were locked in their cells during the working day."
    assert first.recommendation == (
        "All prisoners should have access to purposeful activity for at least ten hours a day."
    )


def test_repeats_and_cross_refs_are_taken_out_of_the_text() -> None:
    recs = read_pasted(RECOMMENDATIONS).recommendations
    assert recs[1].repeated_from == "2.8"
    assert recs[1].recommendation == "The prison should reduce the use of force."
    assert recs[3].cross_ref == "S53"
    assert recs[3].recommendation == "Prisoners should be able to shower every day."


def test_sections_and_directed_to_apply_to_the_items_under_them() -> None:
    recs = read_pasted(RECOMMENDATIONS).recommendations
    assert recs[0].section == "Key concerns and recommendations"
    assert recs[0].directed_to is None
    assert recs[2].section == "General recommendations"
    assert recs[2].directed_to == "The Governor"
    assert recs[2].recommendation == "Staff should be trained in de-escalation techniques."
    assert all(r.kind is RecommendationKind.RECOMMENDATION for r in recs)


def test_numbered_concerns_take_their_kind_from_the_heading() -> None:
    pasted = read_pasted(CONCERNS)
    recs = pasted.recommendations
    assert [r.ref for r in recs] == ["1", "2", "3"]
    assert [r.kind for r in recs] == [
        RecommendationKind.PRIORITY_CONCERN,
        RecommendationKind.PRIORITY_CONCERN,
        RecommendationKind.KEY_CONCERN,
    ]
    assert recs[0].concern == "Leaders had not done enough to reduce violence."
    assert recs[0].recommendation == ""
    assert recs[1].concern == "Too many prisoners could not get to education."
    assert recs[2].concern == "Cells were dirty."
    assert recs[2].recommendation == "Cells should be cleaned weekly."
    assert pasted.warnings == []


def test_a_wrapped_line_opening_with_a_number_continues_the_item() -> None:
    recs = read_pasted("1.1 The prison should make sure that\n20 staff are trained.\n").recommendations
    assert len(recs) == 1
    assert recs[0].recommendation == "The prison should make sure that 20 staff are trained."


def test_lines_that_belong_to_no_item_are_warnings() -> None:
    pasted = read_pasted(
        "Report on an unannounced inspection\n\nS1 Staff should be trained.\n\n"
        "Page 12 of 80\n1.2 Cells should be clean."
    )
    assert [r.ref for r in pasted.recommendations] == ["S1", "1.2"]
    assert [w.text for w in pasted.warnings] == ["Report on an unannounced inspection", "Page 12 of 80"]
    assert "line 1" in pasted.warnings[0].message
    assert "line 5" in pasted.warnings[1].message


def test_nothing_pasted_gives_nothing() -> None:
    pasted = read_pasted("   \n\n")
    assert pasted.recommendations == []
    assert pasted.warnings == []


def test_a_line_after_a_finished_item_and_a_blank_line_is_a_warning_even_after_a_repeat() -> None:
    pasted = read_pasted("1.1 Staff should be trained. (Repeated recommendation 2.8)\n\nPage 4 of 90\n")
    assert pasted.recommendations[0].recommendation == "Staff should be trained."
    assert [w.text for w in pasted.warnings] == ["Page 4 of 90"]
