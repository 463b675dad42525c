"""What a plan written to a document and read back must keep, as assertions shared by the round-trip tests."""

from __future__ import annotations

from actionplan.core.plan import Plan


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def assert_same_plan(read: Plan, written: Plan, *, exact_actions: bool = False) -> None:
    """Refs, decisions, texts and every owner/target pair survive; line breaks may differ.

    Response text that is no action's is kept in the response. A document that marks which
    paragraphs are actions (``exact_actions``: our Word files) gives each action's text as written;
    otherwise the reader gives such text to the action beside it, so an action's text read back
    holds the action as written.
    """
    assert read.establishment == written.establishment
    assert (read.report.inspection_dates, read.report.published) == (
        written.report.inspection_dates,
        written.report.published,
    )
    assert read.submitted == written.submitted
    assert [r.ref for r in read.recommendations] == [r.ref for r in written.recommendations]
    for got, want in zip(read.recommendations, written.recommendations, strict=True):
        assert got.decision == want.decision, got.ref
        assert (got.section, got.directed_to) == (want.section, want.directed_to), got.ref
        assert _words(got.concern) == _words(want.concern), got.ref
        assert _words(got.recommendation) == _words(want.recommendation), got.ref
        assert (got.cross_ref, got.repeated_from) == (want.cross_ref, want.repeated_from), got.ref
        assert _words(got.response) == _words(want.response), got.ref
        assert [(a.owner, a.target) for a in got.actions] == [(a.owner, a.target) for a in want.actions], got.ref
        for got_action, want_action in zip(got.actions, want.actions, strict=True):
            if exact_actions:
                assert _words(got_action.text) == _words(want_action.text), got.ref
            else:
                assert _words(want_action.text) in _words(got_action.text), got.ref
