"""The published Buckley Hall plan (2019), as PDF text extraction gave it, reads exactly.

The expected values are written out for every recommendation: owners and targets (33 pairs),
the start and end of every response paragraph, and every concern and recommendation in full.
"""

from typing import NamedTuple

import pytest

from actionplan.core.plan import Decision, Inspectorate, Summary
from actionplan.core.reading import Reading
from actionplan.core.reading.text import read_text
from actionplan.core.targets import TargetKind


class Row(NamedTuple):
    ref: str
    decision: str
    concern: str | None
    recommendation: str
    paragraphs: list[tuple[str, str]]
    pairs: list[tuple[str, str]]


EXPECTED = [
    Row(
        "S34",
        "agreed",
        (
            "Forty per cent of prisoners thought it was easy to get drugs in the prison. Although managers had "
            "identified drug supply as the prison’s main threat, their response was not sufficiently robust. Only"
            " a minimal number of drug tests on prisoners were carried out following intelligence about drug "
            "misuse. The completion of random mandatory drug testing (MDT) was also very predictable, which made "
            "it easier for prisoners to avoid testing times. Additionally, the monitoring of visits via CCTV was "
            "too irregular."
        ),
        (
            "Managers should actively drive a robust drug strategy that is responsive to intelligence and "
            "proactive in reducing the supply of illicit drugs."
        ),
        [
            ("Following the Drug Diagnostic", "re-write the Drug Strategy."),
            ("HMP Buckley Hall has", "able to be completed."),
            ("A small group of", "they are less predictable."),
            ("The Operational Support Grade", "at every visits session."),
        ],
        [
            ("Governor", "December 2019"),
            ("Governor", "March 2020"),
            ("Governor", "March 2020"),
            ("Governor", "December 2020"),
        ],
    ),
    Row(
        "S35",
        "not_agreed",
        "Cells designed for single use were still used as doubles and too small to accommodate two prisoners.",
        "Cells designed to hold one prisoner should not be used to hold two.",
        [
            ("This recommendation is not", "steps towards reducing crowding."),
            ("Whilst the average number", "pressures is not desirable."),
            ("HMPPS’ plan for reducing", "in 2021 and 2023."),
        ],
        [("Prison Estates Transformation Programme", "")],
    ),
    Row(
        "S36",
        "agreed",
        (
            "Education and learning leaders had not sustained the quality of teaching, learning and assessment or"
            " outcomes for prisoners since the previous inspection. Too many quality improvement actions had yet "
            "to be fully implemented or were too recent to be able to measure the impact on improving the "
            "identified weaknesses in the self-assessment report. Leaders did not have adequate oversight of "
            "prisoners' progress in developing their knowledge, skills and understanding."
        ),
        (
            "The quality of the education, skills and work provision for prisoners should be rapidly raised to a "
            "higher level through the implementation and monitoring of quality improvement action plans and "
            "additional swift interventions to help prisoners achieve the outcomes of which they are capable."
        ),
        [("The new Prison Education", "months to fully embed.")],
        [("Novus/Governor", "March 2020")],
    ),
    Row(
        "S37",
        "agreed",
        (
            "Teachers did not plan and implement learning activities in English and mathematics that were matched"
            " to prisoners’ individual needs and abilities. Prisoners’ additional learning needs were not "
            "routinely identified and assessed to gauge the effect on their learning and to provide the correct "
            "support. Learning targets were not precise and did not challenge prisoners to develop their subject-"
            "specific knowledge, skills and understanding."
        ),
        (
            "Teachers and trainers should ensure that all prisoners develop their English and mathematical skills"
            " across education, skills and work activities, that they are set challenging learning targets to "
            "meet their needs, and that prisoners with additional learning needs receive sufficient support to "
            "make good progress."
        ),
        [
            ("Individual Learning Plans (ILPs)", "Teaching Quality Management Plan."),
            ("The Education provider has", "monthly Education Performance Meeting."),
        ],
        [("Novus/Governor", "March 2020"), ("Governor", "December 2019")],
    ),
    Row(
        "S38",
        "agreed",
        (
            "Skills and qualifications achievement rates had declined over the past three years. Too many "
            "prisoners on education courses did not make the progress to match their capabilities. Prisoners did "
            "not have sufficient opportunities to achieve qualifications in prison work activities. Too few "
            "prisoners progressed in their level of learning."
        ),
        (
            "Tutors and instructors should ensure that prisoners make at least the education and learning "
            "progress expected of them, achieve useful skills and qualifications across all activities, including"
            " in English and mathematics, and have a structured programme of learning to help them move "
            "successfully into the next stage of their education, training or employment."
        ),
        [
            ("All prisoners on transfer", "meets his educational needs."),
            ("Novus now employ an", "at HMP Buckley Hall."),
        ],
        [("Governor/Novus", "January 2020"), ("Governor/Novus", "Completed")],
    ),
    Row(
        "1.8",
        "agreed",
        None,
        (
            "Prisoners should be allocated promptly to a purposeful activity on completion of the induction "
            "programme to prevent prolonged periods locked up during their early days at the establishment."
        ),
        [("HMP Buckley Hall will", "appropriate to their needs.")],
        [("Governor", "December 2019")],
    ),
    Row(
        "1.16",
        "agreed",
        None,
        (
            "The support and interventions provided to perpetrators and victims of violence should be accurately "
            "recorded to track progress and enable good communication between departments."
        ),
        [("The Safer Custody Department", "daily briefing to staff.")],
        [("Governor", "December 2019")],
    ),
    Row(
        "1.29",
        "agreed",
        None,
        (
            "Prisoners in the segregation unit should be offered a full and purposeful regime to minimise the "
            "impact of segregation on their emotional and mental health."
        ),
        [("Additional funding has now", "(CSU) can partake in.")],
        [("Governor", "January 2020")],
    ),
    Row(
        "1.30",
        "agreed",
        None,
        (
            "Reintegration planning should be strengthened to facilitate prisoners’ safe return to mainstream "
            "residential accommodation."
        ),
        [
            ("Prisoners who are located", "either reintegration or transfer."),
            ("The Regional Safer Custody", "are of good quality."),
        ],
        [("Governor", "Completed"), ("Governor", "January 2020")],
    ),
    Row(
        "2.10",
        "agreed",
        None,
        "The prison should systematically monitor and analyse officer response times to cell call bells.",
        [("Funding has been submitted", "cell call bell responses."), ("There is a new", "on a weekly basis.")],
        [("Governor", "December 2019"), ("Governor", "Completed")],
    ),
    Row(
        "2.11",
        "partly_agreed",
        None,
        "Toilets in all cells should be adequately screened to ensure prisoner privacy and dignity.",
        [("This recommendation is partly", "as far as practicable.’")],
        [("Operational Policy: System Delivery and Reform", "")],
    ),
    Row(
        "2.21",
        "agreed",
        None,
        (
            "Monitoring of the applications system should be sufficiently robust to ensure that responses are "
            "prompt and helpful."
        ),
        [
            ("Analysis of applications will", "the business assurance meeting."),
            ("The Prisoner Information System", "be logged and monitored."),
            ("Envelopes will be made", "available for confidential applications."),
        ],
        [("Governor", "January 2020"), ("Governor", "March 2020"), ("Governor", "December 2019")],
    ),
    Row(
        "2.51",
        "agreed",
        None,
        (
            "Governance arrangements should ensure that all aspects of the health service are monitored and "
            "delivered in line with required guidance."
        ),
        [("The healthcare service will", "the monthly governance meeting.")],
        [("Greater Manchester NHS Foundation Trust", "December 2019")],
    ),
    Row(
        "2.52",
        "agreed",
        None,
        (
            "Prisoners who make a health care complaint should receive information about how to raise any "
            "concerns to external agencies if they are dissatisfied with the initial response."
        ),
        [("All responses to healthcare", "Trust Customer Care team.")],
        [("Greater Manchester NHS Foundation Trust", "December 2019")],
    ),
    Row(
        "2.66",
        "agreed",
        None,
        (
            "All patients with long-term conditions should be promptly identified, assessed and receive reviews "
            "of their conditions."
        ),
        [("All receptions into HMP", "of long term conditions.")],
        [("Greater Manchester NHS Foundation Trust", "April 2020")],
    ),
    Row(
        "2.97",
        "agreed",
        None,
        (
            "There should be effective officer supervision of medication administration queues in the health care"
            " centre to reduce the risk of diversion and manage prisoner behaviour."
        ),
        [("An officer is allocated", "daily duty management check.")],
        [("Governor", "Completed")],
    ),
    Row(
        "3.7",
        "agreed",
        None,
        (
            "The data collected to monitor library use should include details of active membership to identify "
            "and address any gaps in provision."
        ),
        [("Library staff will collect", "how to encourage non-users.")],
        [("Governor", "December 2019")],
    ),
    Row(
        "3.20",
        "partly_agreed",
        None,
        (
            "The prisoner pay structure should not discourage prisoners from taking part in education and "
            "vocational training."
        ),
        [
            ("This recommendation is partly", "control of the Governor."),
            ("However, the pay strategy", "with the sequencing policy."),
        ],
        [("Governor", "December 2019")],
    ),
    Row(
        "3.21",
        "agreed",
        None,
        (
            "Teachers and trainers should promote the benefits and use of the virtual campus across all "
            "education, training and prison work activities."
        ),
        [("The HOLS and Education", "of the induction programme.")],
        [("Governor", "March 2020")],
    ),
    Row(
        "3.31",
        "agreed",
        None,
        (
            "Teachers and trainers should give prisoners detailed and accurate feedback to help them improve the "
            "standard and quality of their written work."
        ),
        [("Formal feedback will be", "to address any concerns.")],
        [("Governor/Novus", "March 2020")],
    ),
    Row(
        "3.40",
        "agreed",
        None,
        (
            "Trainers should promote equality of opportunity, diversity and democratic values in vocational and "
            "prison workshops."
        ),
        [("All workshop instructors will", "all HMPPS Equality Policies.")],
        [("Governor/Novus", "March 2020")],
    ),
    Row(
        "3.50",
        "agreed",
        None,
        (
            "Leaders, teachers and trainers should ensure that there are no gaps in the achievement of different "
            "groups of prisoners."
        ),
        [("All prisoners will be", "during the QIG meeting.")],
        [("Governor/Novus", "March 2020")],
    ),
    Row(
        "4.14",
        "agreed",
        None,
        (
            "The prison’s reducing reoffending work should be informed by an up-to-date analysis of the needs of "
            "the population."
        ),
        [("HMP Buckley Hall will", "completed by March 2020.")],
        [("Governor", "March 2020")],
    ),
    Row(
        "4.28",
        "agreed",
        None,
        "There should be adequate provision to review and address the resettlement needs of prisoners due for release.",
        [("Any prisoners identified for", "provide the required services.")],
        [("Governor", "Completed")],
    ),
]


KEY = ["S34", "S35", "S36", "S37", "S38"]


@pytest.fixture(scope="module")
def reading(buckley_hall_text: str) -> Reading:
    return read_text(buckley_hall_text, name="buckley_hall_2019.txt")


def test_header_details(reading: Reading) -> None:
    assert reading.plan.establishment == "HMP Buckley Hall"
    assert reading.plan.inspectorate == Inspectorate.HMIP.value
    assert reading.plan.notes == []


def test_every_recommendation_in_order(reading: Reading) -> None:
    assert [r.ref for r in reading.plan.recommendations] == [row.ref for row in EXPECTED]
    assert len(EXPECTED) == 24


def test_sections_and_directed_to(reading: Reading) -> None:
    for rec in reading.plan.recommendations:
        if rec.ref in KEY:
            assert (rec.section, rec.directed_to) == ("Key concerns and recommendations", "The Governor")
        else:
            # Kept as the plan writes it; the reader does not correct the document's own wording.
            assert (rec.section, rec.directed_to) == ("General recommendations", "The governor")


@pytest.mark.parametrize("expected", EXPECTED, ids=[row.ref for row in EXPECTED])
def test_recommendation_reads_exactly(reading: Reading, expected: Row) -> None:
    rec = next(r for r in reading.plan.recommendations if r.ref == expected.ref)
    assert rec.decision == Decision(expected.decision)
    assert rec.concern == expected.concern
    assert rec.recommendation == expected.recommendation
    paragraphs = rec.response.split("\n\n")
    assert [(" ".join(p.split()[:4]), " ".join(p.split()[-4:])) for p in paragraphs] == expected.paragraphs
    assert [(a.owner, a.target.text) for a in rec.actions] == expected.pairs
    if len(rec.actions) == 1:
        assert rec.actions[0].text == rec.response
    else:
        assert [a.text for a in rec.actions] == paragraphs


def test_thirty_three_owner_target_pairs(reading: Reading) -> None:
    assert len(reading.plan.actions()) == 33 == sum(len(row.pairs) for row in EXPECTED)


def test_responses_hold_no_owner_target_or_other_rows(reading: Reading) -> None:
    owners = {a.owner for _, a in reading.plan.actions()}
    for rec in reading.plan.recommendations:
        for paragraph in rec.response.split("\n\n"):
            assert not any(paragraph.endswith(owner) for owner in owners if owner), paragraph
            assert not paragraph.endswith(("2019", "2020", "Completed")), paragraph
        others = [r.recommendation[:40] for r in reading.plan.recommendations if r is not rec]
        assert not any(other in rec.response or other in rec.recommendation for other in others)


def test_repeated_recommendation_and_decisions(reading: Reading) -> None:
    recs = {r.ref: r for r in reading.plan.recommendations}
    assert recs["S35"].repeated_from == "2.8"
    assert all(r.repeated_from is None for r in recs.values() if r.ref != "S35")
    assert [r.ref for r in recs.values() if r.decision is Decision.PARTLY_AGREED] == ["2.11", "3.20"]
    assert [r.ref for r in recs.values() if r.decision is Decision.NOT_AGREED] == ["S35"]


def test_targets_understood(reading: Reading) -> None:
    recs = {r.ref: r for r in reading.plan.recommendations}
    first = recs["S34"].actions[0].target
    assert first.kind is TargetKind.DATE
    assert first.date is not None
    assert first.date.isoformat() == "2019-12-31"
    assert recs["1.30"].actions[0].target.kind is TargetKind.COMPLETED
    assert recs["S35"].actions[0].target.kind is TargetKind.NONE
    assert recs["2.11"].actions[0].target.kind is TargetKind.NONE


def test_stated_summary_read_and_equal_to_the_count(reading: Reading) -> None:
    assert reading.plan.stated_summary == Summary(agreed=21, partly_agreed=2, not_agreed=1, total=24)
    assert reading.plan.counted_summary() == reading.plan.stated_summary


def test_nothing_left_over(reading: Reading) -> None:
    assert reading.warnings == []
