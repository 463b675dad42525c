"""Response paragraphs a document marks as actions or as response text: each action keeps its own text."""

from __future__ import annotations

from actionplan.core.reading.actions import Paragraph, Role, actions_for, pair_owners_and_targets
from actionplan.core.targets import parse_target

_INTRO = "This recommendation is partly agreed. The part that will be implemented:"
_ACTION = "Screens will be fitted on A wing."
_SECOND = "Screens will be fitted on B wing."
_REST = "The rest cannot be afforded this year."


def _column(texts: list[str], role: Role | None, *, at: list[int] | None = None) -> list[Paragraph]:
    lines = at if at is not None else list(range(len(texts)))
    return [Paragraph(text, top=float(line), role=role) for text, line in zip(texts, lines, strict=True)]


def _response(marked: bool) -> list[Paragraph]:
    roles: list[Role] = ["response", "action", "action", "response"]
    texts = [_INTRO, _ACTION, _SECOND, _REST]
    return [
        Paragraph(t, top=float(i), role=r if marked else None)
        for i, (t, r) in enumerate(zip(texts, roles, strict=True))
    ]


def test_marked_action_paragraphs_are_the_actions_with_the_pair_on_their_line() -> None:
    pairs = pair_owners_and_targets(
        _column(["Head of Residence", "Governor"], "owner", at=[1, 2]),
        _column(["June 2020", "Q3 2020"], "target", at=[1, 2]),
    )
    actions = actions_for(_response(marked=True), pairs)
    assert [(a.text, a.owner, a.target.text) for a in actions] == [
        (_ACTION, "Head of Residence", "June 2020"),
        (_SECOND, "Governor", "Q3 2020"),
    ]


def test_a_marked_action_with_no_owner_or_target_is_still_an_action() -> None:
    pairs = pair_owners_and_targets(
        _column(["Governor"], "owner", at=[2]),
        _column(["Q3 2020"], "target", at=[2]),
    )
    actions = actions_for(_response(marked=True), pairs)
    assert [(a.text, a.owner, a.target) for a in actions] == [
        (_ACTION, None, parse_target("")),
        (_SECOND, "Governor", parse_target("Q3 2020")),
    ]


def test_a_pair_beside_response_text_falls_back_to_the_paragraph_it_sits_beside() -> None:
    pairs = pair_owners_and_targets(_column(["Governor"], "owner", at=[3]), _column(["Q3 2020"], "target", at=[3]))
    actions = actions_for(_response(marked=True), pairs)
    # One pair: by the unmarked rule its action is the whole response, so nothing is lost.
    assert [a.owner for a in actions] == ["Governor"]
    assert actions[0].text == "\n\n".join([_INTRO, _ACTION, _SECOND, _REST])


def test_unmarked_paragraphs_go_to_the_pair_beside_them_as_before() -> None:
    pairs = pair_owners_and_targets(
        _column(["Head of Residence", "Governor"], None, at=[1, 2]),
        _column(["June 2020", "Q3 2020"], None, at=[1, 2]),
    )
    actions = actions_for(_response(marked=False), pairs)
    assert [a.text for a in actions] == [_ACTION, _SECOND]
    one = actions_for(_response(marked=False), pairs[:1])
    # The lead-in above the only owner's line introduces the action; it is not part of it.
    assert one[0].text == "\n\n".join([_ACTION, _SECOND, _REST])


def test_an_unmarked_only_action_stops_before_why_the_previous_plan_did_not_deliver() -> None:
    # A PDF marks no paragraph: what the paragraph below the action says shows it is response text.
    previous = "The previous action plan did not deliver this because the staff were not yet in post."
    paragraphs = [Paragraph(_ACTION, top=0.0), Paragraph(_SECOND, top=2.0), Paragraph(previous, top=4.0)]
    pairs = pair_owners_and_targets(_column(["Governor"], None, at=[0]), _column(["Q3 2020"], None, at=[0]))
    assert [a.text for a in actions_for(paragraphs, pairs)] == ["\n\n".join([_ACTION, _SECOND])]


def test_extracted_text_gives_the_only_action_without_its_lead_in_or_the_reasons_after_it() -> None:
    # Extracted text knows no lines: the lead-in comes first and the reasons for the part not agreed last.
    paragraphs = [Paragraph(_INTRO), Paragraph(_ACTION), Paragraph("The rest is not agreed for policy reasons.")]
    pairs = pair_owners_and_targets([Paragraph("Governor")], [Paragraph("Q3 2020")])
    assert [a.text for a in actions_for(paragraphs, pairs)] == [_ACTION]


def test_unplaced_paragraphs_leave_out_a_lead_in_and_what_closes_the_response_that_is_no_action() -> None:
    # Extracted text gives paragraphs in order only: two pairs, a lead-in, two actions and the reasons.
    reasons = "The rest is not agreed for policy reasons: national policy sets this."
    paragraphs = [Paragraph(text) for text in (_INTRO, _ACTION, _SECOND, reasons)]
    pairs = pair_owners_and_targets(
        [Paragraph("Head of Residence"), Paragraph("Governor")], [Paragraph("May 2020")] * 2
    )
    assert [(a.text, a.owner) for a in actions_for(paragraphs, pairs)] == [
        (_ACTION, "Head of Residence"),
        (_SECOND, "Governor"),
    ]
