"""Plain pdftotext text of a plan table, each page's first two columns before the others, read back into rows."""

from __future__ import annotations

from actionplan.core.plan import Decision, Plan
from actionplan.core.reading.text import read_text

HEADINGS = """\
ESTABLISHMENT: HMP Ashcombe

1. Rec
No

2. Recommendation

"""
OTHER_HEADINGS = """\

3. Agreed /
Partly

4. Response (Action Taken/Planned)

5. Responsible
Owner

6. Target Date

"""


def _rows(plan: Plan) -> list[tuple[object, ...]]:
    return [
        (r.ref, r.recommendation, r.decision, r.response, [(a.text, a.owner, a.target.text) for a in r.actions])
        for r in plan.recommendations
    ]


def test_a_recommendation_given_among_the_responses_goes_back_to_its_ref() -> None:
    # The second row's recommendation comes after the first row's answer; owners run on with no gap.
    text = (
        HEADINGS
        + "1.3\nLeaders should reduce the\nsupply of illicit drugs.\n\n1.7\n"
        + OTHER_HEADINGS
        + "Agreed\n\n"
        + "The drug strategy will be rewritten with the findings\n"
        + "of the diagnostic review and agreed at the monthly\n"
        + "security meeting.\n\n"
        + "Healthcare provider\n(NHS Trust)\n\nMarch 2020\n\n"
        + "Toilets in all cells should\nbe screened.\n\n"
        + "Agreed\n\n"
        + "Screens will be fitted in all shared cells on A and B\n"
        + "wings by the works department this year.\n"
        + "Checks will be made on every wing by the duty manager\n"
        + "each week.\n\n"
        + "Healthcare provider\n(NHS Trust)\nHead of Works\n\nMay 2020\n\nJune 2020\n"
    )
    strategy = (
        "The drug strategy will be rewritten with the findings of the diagnostic review and agreed at the monthly"
        " security meeting."
    )
    screens = "Screens will be fitted in all shared cells on A and B wings by the works department this year."
    checks = "Checks will be made on every wing by the duty manager each week."
    assert _rows(read_text(text, name="plain").plan) == [
        (
            "1.3",
            "Leaders should reduce the supply of illicit drugs.",
            Decision.AGREED,
            strategy,
            [(strategy, "Healthcare provider (NHS Trust)", "March 2020")],
        ),
        (
            "1.7",
            "Toilets in all cells should be screened.",
            Decision.AGREED,
            f"{screens}\n\n{checks}",
            [(screens, "Healthcare provider (NHS Trust)", "May 2020"), (checks, "Head of Works", "June 2020")],
        ),
    ]


def test_in_a_short_table_a_response_of_two_lines_stays_a_response() -> None:
    # No line fills its column, so the narrow lines of a response are no sign of a recommendation.
    text = (
        HEADINGS
        + "1.3\nLeaders should reduce the\nsupply of illicit drugs.\n"
        + OTHER_HEADINGS
        + "Agreed\n\nThe strategy will be\nrewritten.\n\nGovernor\n\nMarch 2020\n"
    )
    assert _rows(read_text(text, name="plain").plan) == [
        (
            "1.3",
            "Leaders should reduce the supply of illicit drugs.",
            Decision.AGREED,
            "The strategy will be rewritten.",
            [("The strategy will be rewritten.", "Governor", "March 2020")],
        )
    ]


def test_an_owner_and_target_carried_onto_the_next_page_stay_with_their_row() -> None:
    text = (
        HEADINGS
        + "1.3\nLeaders should reduce the\nsupply of illicit drugs.\n"
        + OTHER_HEADINGS
        + "Agreed\n\nThe strategy will be rewritten.\n\nGovernor\n\nMarch 2020\n\nScreens will be fitted.\n"
        + "\f1. Rec\nNo\n\n2. Recommendation\n"
        + OTHER_HEADINGS
        + "Head of Works\n\nMay 2020\n"
    )
    assert _rows(read_text(text, name="plain").plan) == [
        (
            "1.3",
            "Leaders should reduce the supply of illicit drugs.",
            Decision.AGREED,
            "The strategy will be rewritten.\n\nScreens will be fitted.",
            [
                ("The strategy will be rewritten.", "Governor", "March 2020"),
                ("Screens will be fitted.", "Head of Works", "May 2020"),
            ],
        )
    ]


COVER = "ESTABLISHMENT: HMP Ashcombe\n\nIntroduction\n\nHMP Ashcombe: action plan\n\n\f"


def test_a_running_title_among_a_page_s_cells_is_no_owner() -> None:
    # Each page's title, given by poppler among the cells, also stands on the cover.
    page = (
        "{ref}\nLeaders should reduce the\nsupply of illicit drugs.\n"
        + OTHER_HEADINGS
        + "Agreed\n\nHMP Ashcombe: action plan\n\n"
        + "The drug strategy will be rewritten with the findings\n"
        + "of the diagnostic review and agreed at the monthly\n"
        + "security meeting.\n\nGovernor\n\nMarch 2020\n\n"
        + "Checks will be made on every wing by the {who}.\n\n{owner}\n\n{target}\n"
    )
    text = (
        COVER
        + HEADINGS
        + page.format(ref="1.3", who="duty manager", owner="Head of Works", target="June 2020")
        + "\f1. Rec\nNo\n\n2. Recommendation\n\n"
        + page.format(ref="1.7", who="orderly officer", owner="Head of Residence", target="July 2020")
    )
    strategy = (
        "The drug strategy will be rewritten with the findings of the diagnostic review and agreed at the monthly"
        " security meeting."
    )
    plan = read_text(text, name="plain").plan
    assert [[(a.text, a.owner, a.target.text) for a in r.actions] for r in plan.recommendations] == [
        [
            (strategy, "Governor", "March 2020"),
            ("Checks will be made on every wing by the duty manager.", "Head of Works", "June 2020"),
        ],
        [
            (strategy, "Governor", "March 2020"),
            ("Checks will be made on every wing by the orderly officer.", "Head of Residence", "July 2020"),
        ],
    ]


def test_a_summary_ref_on_a_line_of_its_own_stays_with_its_recommendation() -> None:
    # poppler gives the second recommendation among the answers, its summary ref on the line after it.
    text = (
        HEADINGS
        + "5.03\nLeaders should reduce the\nsupply of illicit drugs.\n\n5.06\n"
        + OTHER_HEADINGS
        + "Accepted\n\n"
        + "The drug strategy will be rewritten with the findings\n"
        + "of the diagnostic review and agreed at the monthly\n"
        + "security meeting.\n\n"
        + "Governor\n\nMarch 2020\n\n"
        + "Toilets in all cells should\nbe screened.\n(S14)\n\n"
        + "Accepted\n\n"
        + "Screens will be fitted in all shared cells on A and B\n"
        + "wings by the works department this year.\n\n"
        + "Head of Works\n\nMay 2020\n"
    )
    plan = read_text(text, name="plain").plan
    assert [(r.ref, r.recommendation, r.cross_ref) for r in plan.recommendations] == [
        ("5.03", "Leaders should reduce the supply of illicit drugs.", None),
        ("5.06", "Toilets in all cells should be screened.", "S14"),
    ]
    assert [[(a.owner, a.target.text) for a in r.actions] for r in plan.recommendations] == [
        [("Governor", "March 2020")],
        [("Head of Works", "May 2020")],
    ]


def test_paragraphs_given_after_the_page_s_owners_go_to_the_owners_that_had_none() -> None:
    # poppler gives the owners in order but two action paragraphs, a row's reasons and the second row's decision
    # only after them: the rows are cut where the owner changes, as each owner waits for a paragraph.
    text = (
        HEADINGS
        + "1.3\nToilets in all cells should\nbe screened.\n\n1.7\nSupport plans should be\nrecorded and reviewed.\n"
        + OTHER_HEADINGS
        + "Partly\nAgreed\n\n"
        + "This recommendation is partly agreed. The part that will\nbe implemented:\n\n"
        + "Facilities management contractor\n\nQ1 2016\n\nHead of Safety\n\nApril 2016\n\n"
        + "Plans will be discussed weekly at the safety intervention\nmeeting and targets reviewed.\n\n"
        + "Head of Safety\n\nCompleted\n\n"
        + "Privacy screens will be fitted in all shared cells on A and\nB wings.\n\n"
        + "Agreed\n\n"
        + "The rest is not agreed for policy reasons: national policy\nsets this and it cannot be varied locally.\n\n"
        + "Every challenge, support and intervention plan will be\nquality checked by the Safer Custody team.\n"
    )
    lead_in = "This recommendation is partly agreed. The part that will be implemented:"
    screens = "Privacy screens will be fitted in all shared cells on A and B wings."
    rest = "The rest is not agreed for policy reasons: national policy sets this and it cannot be varied locally."
    plans = "Plans will be discussed weekly at the safety intervention meeting and targets reviewed."
    checked = "Every challenge, support and intervention plan will be quality checked by the Safer Custody team."
    assert _rows(read_text(text, name="plain").plan) == [
        (
            "1.3",
            "Toilets in all cells should be screened.",
            Decision.PARTLY_AGREED,
            f"{lead_in}\n\n{screens}\n\n{rest}",
            [(screens, "Facilities management contractor", "Q1 2016")],
        ),
        (
            "1.7",
            "Support plans should be recorded and reviewed.",
            Decision.AGREED,
            f"{checked}\n\n{plans}",
            [(checked, "Head of Safety", "April 2016"), (plans, "Head of Safety", "Completed")],
        ),
    ]


def test_a_response_given_right_under_a_column_heading_is_kept() -> None:
    # poppler gives the response with no gap after the heading above it.
    text = (
        HEADINGS
        + "1.3\nLeaders should reduce the\nsupply of illicit drugs.\n\n"
        + "3.\nAccepted/\nRejected\n\nAccepted\n\n4. Response Action Taken/Planned\n"
        + "The drug strategy will be rewritten with the findings\n"
        + "of the diagnostic review and agreed at the monthly\n"
        + "security meeting.\n\n5. Function\nResponsible/\nPolicy Lead\n\n6. Target Date\n\nGovernor\n\nMarch 2020\n"
    )
    strategy = (
        "The drug strategy will be rewritten with the findings of the diagnostic review and agreed at the monthly"
        " security meeting."
    )
    assert _rows(read_text(text, name="plain").plan) == [
        (
            "1.3",
            "Leaders should reduce the supply of illicit drugs.",
            Decision.AGREED,
            strategy,
            [(strategy, "Governor", "March 2020")],
        )
    ]


def test_a_decision_given_among_the_paragraphs_before_the_owners_starts_its_row_where_the_owner_changes() -> None:
    # poppler gives the first row's first paragraph, the second row's decision, then the first row's second
    # paragraph and the second row's, and only then their owners.
    text = (
        HEADINGS
        + "1.3\nLeaders should reduce the\nsupply of illicit drugs.\n\n1.7\nToilets in all cells should\nbe screened.\n"
        + OTHER_HEADINGS
        + "Agreed\n\n"
        + "The drug strategy will be rewritten with the findings\nof the diagnostic review.\n\n"
        + "Agreed\n\n"
        + "Suspicion drug tests will be completed within 48 hours\nof intelligence in most cases.\n"
        + "Screens will be fitted in all shared cells on A and B\nwings by the works department.\n\n"
        + "Head of Security\n\nMarch 2020\n\nHead of Security\n\nApril 2020\n\nHead of Works\n\nMay 2020\n"
    )
    strategy = "The drug strategy will be rewritten with the findings of the diagnostic review."
    tests = "Suspicion drug tests will be completed within 48 hours of intelligence in most cases."
    screens = "Screens will be fitted in all shared cells on A and B wings by the works department."
    assert _rows(read_text(text, name="plain").plan) == [
        (
            "1.3",
            "Leaders should reduce the supply of illicit drugs.",
            Decision.AGREED,
            f"{strategy}\n\n{tests}",
            [(strategy, "Head of Security", "March 2020"), (tests, "Head of Security", "April 2020")],
        ),
        (
            "1.7",
            "Toilets in all cells should be screened.",
            Decision.AGREED,
            screens,
            [(screens, "Head of Works", "May 2020")],
        ),
    ]


def test_a_page_with_fewer_actions_than_rows_to_start_after_the_row_carried_on_is_read() -> None:
    # The second page carries on the first page's row with an owner, then has two rows and one more action.
    text = (
        HEADINGS
        + "1.3\nLeaders should reduce the\nsupply of illicit drugs.\n"
        + OTHER_HEADINGS
        + "Agreed\n\nThe drug strategy will be rewritten with the findings\nof the diagnostic review.\n\n"
        + "Governor\n\nMarch 2020\n\n"
        + "Screens will be fitted in all shared cells on A and B\nwings by the works department.\n"
        + "\f1. Rec\nNo\n\n2. Recommendation\n\n1.7\nToilets in all cells should\nbe screened.\n\n"
        + "1.11\nStaff should listen to\nprisoners.\n"
        + OTHER_HEADINGS
        + "Head of Works\n\nMay 2020\n\nAgreed\n\n"
        + "Suspicion drug tests will be completed within 48 hours\nof intelligence in most cases.\n\n"
        + "Head of Security\n\nJune 2020\n\nAgreed\n"
    )
    plan = read_text(text, name="plain").plan
    assert [(r.ref, r.decision) for r in plan.recommendations] == [
        ("1.3", Decision.AGREED),
        ("1.7", Decision.AGREED),
        ("1.11", Decision.AGREED),
    ]
